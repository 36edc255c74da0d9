import type { TargetRole } from "../guide/types";

/** CSS for the elements a person would call by each role, native and ARIA, old and new console. */
export const ROLE_SELECTORS: Record<TargetRole, string> = {
  button:
    'button, input[type="button"], input[type="submit"], input[type="reset"], [role="button"], a, .adconAction, [class*="btn" i]',
  link: 'a[href], [role="link"]',
  tab: '[role="tab"], a[class*="tab" i], li[class*="tab" i], button[class*="tab" i]',
  checkbox: 'input[type="checkbox"], [role="checkbox"], [role="switch"]',
  radio: 'input[type="radio"], [role="radio"]',
  combobox: 'select, [role="combobox"], [role="listbox"], input[list]',
  textbox:
    'input:not([type]), input[type="text"], input[type="email"], input[type="password"], input[type="search"], input[type="number"], input[type="tel"], input[type="url"], textarea, [role="textbox"], [contenteditable="true"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption, .ui-dialog-title',
  row: 'tr, [role="row"]',
  menuitem: '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"], [class*="menu" i] li',
  option: 'option, [role="option"]',
  treeitem: '[role="treeitem"], .adconFolderText',
  text: "",
};

function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** Accessible name, simplified from the W3C algorithm to what console markup uses. */
export function accessibleName(el: Element): string {
  const doc = el.ownerDocument;
  const labelledBy = el.getAttribute("aria-labelledby");
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => textOf(doc.getElementById(id)))
      .join(" ")
      .trim();
    if (text) return text;
  }
  const aria = el.getAttribute("aria-label")?.trim();
  if (aria) return aria;
  if (el.tagName === "INPUT" && ["button", "submit", "reset"].includes((el as HTMLInputElement).type)) {
    return (el as HTMLInputElement).value.trim();
  }
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) {
    const text = Array.from(labels).map(textOf).join(" ").trim();
    if (text) return text;
  }
  const tag = el.tagName;
  if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") {
    // Legacy forms: the label is the previous cell or sibling text without a `for`.
    const placeholder = el.getAttribute("placeholder")?.trim();
    if (placeholder) return placeholder;
    const title = el.getAttribute("title")?.trim();
    if (title) return title;
    return labelByProximity(el);
  }
  const text = textOf(el);
  if (text) return text;
  return el.getAttribute("title")?.trim() || el.getAttribute("alt")?.trim() || "";
}

/** A form control's visible caption in older layouts: the nearest preceding text in its row. */
function labelByProximity(el: Element): string {
  const cell = el.closest("td, th");
  const prevCell = cell?.previousElementSibling;
  if (prevCell) return textOf(prevCell);
  const prev = el.previousElementSibling;
  if (prev && !prev.matches("input, select, textarea")) return textOf(prev);
  return textOf(el.parentElement?.closest("label"));
}

import { computeAccessibleName } from "dom-accessibility-api";
import type { TargetRole } from "../guide/types";

/**
 * Which elements a person would call by each role. `strong` is what the markup says (native
 * elements and ARIA roles); `weak` is a guess from class names and habits of console toolkits
 * (ExtJS/adcon actions, `btn` classes, tab bars without roles). A strong match always beats a weak
 * one: the weak list exists for consoles that put no role on their controls.
 */
export const ROLE_SELECTORS: Record<TargetRole, { readonly strong: string; readonly weak: string }> = {
  button: {
    strong:
      'button, input[type="button"], input[type="submit"], input[type="reset"], input[type="image"], [role="button"], summary',
    weak: 'a, .adconAction, [class*="btn" i], [class*="button" i]',
  },
  link: { strong: 'a[href], [role="link"]', weak: "a" },
  tab: {
    strong: '[role="tab"]',
    weak: 'a[class*="tab" i], li[class*="tab" i], button[class*="tab" i], [class*="tab" i] > li, [class*="tab" i] > li > a',
  },
  checkbox: {
    strong: 'input[type="checkbox"], [role="checkbox"], [role="switch"], [role="menuitemcheckbox"]',
    weak: "",
  },
  radio: { strong: 'input[type="radio"], [role="radio"], [role="menuitemradio"]', weak: "" },
  combobox: { strong: 'select, [role="combobox"], [role="listbox"], input[list]', weak: "" },
  textbox: {
    strong:
      'input:not([type]), input[type="text"], input[type="email"], input[type="password"], input[type="search"], input[type="number"], input[type="tel"], input[type="url"], textarea, [role="textbox"], [role="searchbox"], [contenteditable="true"]',
    weak: "",
  },
  heading: {
    strong: 'h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption',
    weak: '.ui-dialog-title, [class*="title" i]',
  },
  row: { strong: 'tr, [role="row"]', weak: "" },
  menuitem: {
    strong: '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"], [role="option"]',
    weak: '[class*="menu" i] li, [class*="menu" i] a',
  },
  option: { strong: 'option, [role="option"]', weak: "" },
  treeitem: {
    strong: '[role="treeitem"]',
    weak: '.adconFolderText, [class*="tree" i] li, [class*="folder" i]',
  },
  text: { strong: "", weak: "" },
};

/** Controls a label names from outside (label, cell, column header), not by their own text. */
export const FORM_CONTROL =
  'input, select, textarea, [role="checkbox"], [role="switch"], [role="radio"], [role="combobox"], [role="listbox"], [role="textbox"], [role="searchbox"]';

export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}

/**
 * The W3C accessible name, computed by dom-accessibility-api (aria-labelledby, aria-label,
 * label/for, wrapping label, title, alt, placeholder, contents). Never throws: odd markup gives "".
 */
export function accessibleName(el: Element): string {
  try {
    return computeAccessibleName(el).replace(/\s+/g, " ").trim();
  } catch {
    return "";
  }
}

const CELL = 'td, th, [role="cell"], [role="gridcell"]';

/**
 * What older table layouts use as a control's caption: the neighbouring cell (before it, or after
 * it for box-first layouts), the column header above it, or loose text right beside it.
 */
export function captions(el: Element): string[] {
  const out: string[] = [];
  const cell = el.closest(CELL);
  if (cell && cell.textContent?.trim() === (el.textContent ?? "").trim()) {
    const before = textOf(cell.previousElementSibling);
    if (before) out.push(before);
    const after = textOf(cell.nextElementSibling);
    if (after && !cell.nextElementSibling?.querySelector(FORM_CONTROL)) out.push(after);
    const header = columnHeader(cell);
    if (header) out.push(header);
  }
  // Loose text beside the control: after a box (`[x] Inbound`), before a field (`Email [____]`).
  const box = el.matches(
    'input[type="checkbox"], input[type="radio"], [role="checkbox"], [role="radio"], [role="switch"]',
  );
  const side = box ? el.nextSibling : el.previousSibling;
  if (side?.nodeType === 3) {
    const t = (side.nodeValue ?? "").replace(/\s+/g, " ").trim();
    if (t) out.push(t);
  } else if (side?.nodeType === 1 && isPlainText(side as Element)) {
    const t = textOf(side as Element);
    if (t && t.length <= 80) out.push(t);
  }
  return out;
}

const INLINE_TEXT = new Set(["SPAN", "LABEL", "B", "STRONG", "EM", "I", "SMALL", "FONT"]);

/** Loose caption text beside a control: not itself something to click or fill in. */
function isPlainText(el: Element): boolean {
  if (!INLINE_TEXT.has(el.tagName)) return false;
  if (el.matches(`${FORM_CONTROL}, a, button, [role], [tabindex], [onclick]`)) return false;
  return !el.querySelector(`${FORM_CONTROL}, a, button, [role], [tabindex], [onclick]`);
}

/** The header of a cell's column: the same index in the table's first row of headers. */
function columnHeader(cell: Element): string {
  const row = cell.parentElement;
  if (!row) return "";
  const index = Array.from(row.children).indexOf(cell);
  const table = row.closest('table, [role="grid"], [role="table"], [role="treegrid"]');
  if (!table || index < 0) return "";
  const head = Array.from(table.querySelectorAll('tr, [role="row"]')).find((r) =>
    Array.from(r.children).some((c) => c.matches('th, [role="columnheader"]')),
  );
  if (!head || head === row) return "";
  return textOf(head.children[index]);
}

import { getRole } from "dom-accessibility-api";
import { SIGNATURE_LIMITS as CAP, type Signature } from "../guide/learned";
import { TARGET_ROLES, type TargetRole } from "../guide/types";
import { accessibleName, FORM_CONTROL, textOf } from "./accessible-name";
import { isVisible } from "./dom-text";
import { OPERABLE_ROLES, REAL_CONTROL } from "./locate";

/**
 * "Show me where it is": what the administrator clicked, described so the locator can find it
 * again on this console (src/guide/learned.ts). Only labels: never what a field holds.
 */

/** The whole interactive element a click landed in (a button's icon belongs to the button). */
const INTERACTIVE = `${FORM_CONTROL}, ${REAL_CONTROL}, ${OPERABLE_ROLES}, summary, [role="row"], [role="option"], [onclick], a`;

/** ARIA roles the guide names differently (the others are the guide's own role names). */
const ROLE_OF: Readonly<Record<string, TargetRole>> = {
  switch: "checkbox",
  menuitemcheckbox: "checkbox",
  menuitemradio: "radio",
  listbox: "combobox",
  searchbox: "textbox",
};

/** Fields: their visible text is the user's input, never kept. */
const FIELD_ROLES = new Set<TargetRole>(["textbox", "combobox"]);
/** Headings, and what consoles style as one (a card's or dialog's `…-title`): the same as page detection. */
const ANCHORS = 'h1, h2, h3, h4, h5, h6, [role="heading"], legend, caption, [class*="title" i]';
const CONTAINER_ROLES =
  /^(dialog|alertdialog|table|grid|treegrid|list|tree|tablist|menu|menubar|toolbar|form|region|group|tabpanel|navigation)$/;

/** The control a click on `node` means: the interactive element around it, else the element itself. */
export function controlAt(node: Element): Element {
  return node.closest(INTERACTIVE) ?? node;
}

const cut = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A container's role for the path: explicit, else what its tag means. */
function containerRole(el: Element): string | null {
  const role = el.getAttribute("role") ?? getRole(el) ?? "";
  return CONTAINER_ROLES.test(role) ? role : null;
}

/**
 * The nearest heading, dialog title or caption before the control, in the smallest container
 * (below the body) that holds both; with the roles of the containers between.
 */
function anchorOf(el: Element): { anchor: string; path: string[] } {
  const body = el.ownerDocument.body;
  for (let box = el.parentElement; box && box !== body; box = box.parentElement) {
    const headings = Array.from(box.querySelectorAll(ANCHORS)).filter(
      // Before the control in reading order (or containing it: a caption's table), and shown.
      // A caption or legend names its own table or fieldset only.
      (h) =>
        !h.contains(el) &&
        h.compareDocumentPosition(el) & 4 &&
        (!h.matches("caption, legend") || !!h.parentElement?.contains(el)) &&
        isVisible(h) &&
        textOf(h).length <= CAP.anchor &&
        !h.querySelector(INTERACTIVE) &&
        textOf(h),
    );
    const heading = headings[headings.length - 1];
    if (!heading) continue;
    const path: string[] = [];
    for (let a = el.parentElement; a && a !== box.parentElement; a = a.parentElement) {
      const role = containerRole(a);
      if (role) path.unshift(cut(role, CAP.pathItem));
    }
    return { anchor: cut(textOf(heading), CAP.anchor), path: path.slice(-CAP.path) };
  }
  return { anchor: "", path: [] };
}

/** What the guide keeps of a control the user showed it; null when it has nothing to be known by. */
export function signatureOf(el: Element): Signature | null {
  const aria = getRole(el) ?? "";
  const role =
    ROLE_OF[aria] ??
    (TARGET_ROLES.includes(aria as TargetRole) && aria !== "text"
      ? (aria as TargetRole)
      : el.tagName === "A"
        ? "link"
        : "button");
  const name = cut(accessibleName(el), CAP.name);
  const text = FIELD_ROLES.has(role) || role === "row" ? "" : cut(textOf(el), CAP.text);
  if (!name && !text) return null;
  return { role, name, text, ...anchorOf(el) };
}

import type { TargetRole, TargetSpec } from "./types";

/**
 * A control the administrator showed the guide ("Show me where it is"), described the way the
 * locator finds controls: role, accessible name and visible text, the nearest stable anchor text
 * (section heading, dialog title, table caption) and the roles of the containers from that anchor
 * down. Never page data: no values typed into fields, no URLs, no ids.
 */
export interface Signature {
  readonly role: TargetRole;
  /** Accessible name (label, aria-label, title…), as the browser computes it. */
  readonly name: string;
  /** Visible text; empty for fields (their text would be what the user typed). */
  readonly text: string;
  /** The nearest heading, dialog title or caption above it, in a container they share. */
  readonly anchor: string;
  /** Roles (or semantic tags) of the containers from the anchor's container down to the control. */
  readonly path: string[];
}

/** Caps: a signature is a few words, never a block of page text. */
export const SIGNATURE_LIMITS = { name: 100, text: 100, anchor: 80, path: 8, pathItem: 24 } as const;

const ROLE_WORD: Readonly<Record<TargetRole, string>> = {
  button: "button",
  link: "link",
  tab: "tab",
  checkbox: "box",
  radio: "option",
  combobox: "list",
  textbox: "field",
  heading: "heading",
  row: "row",
  menuitem: "menu item",
  option: "option",
  treeitem: "folder",
  text: "text",
};

/** What the control is called: its name, else its visible text. */
export function calledBy(sig: Signature): string {
  return sig.name || sig.text;
}

/** How the panel says what it understood: "Authentication Profiles ▸ ‘Create profile’ button". */
export function describeSignature(sig: Signature): string {
  const what = `‘${calledBy(sig)}’ ${ROLE_WORD[sig.role]}`;
  return sig.anchor ? `${sig.anchor} ▸ ${what}` : what;
}

/**
 * The locator's description of a learned control: found by its name or text, inside its anchor's
 * container. `describe` is for people (the worker passes `describeSignature`; the content script,
 * which only checks that the locator finds the control again, need not carry the wording).
 */
export function learnedSpec(sig: Signature, describe = "-"): TargetSpec {
  const names = [...new Set([sig.name, sig.text].filter((n) => n.trim() !== ""))];
  return { role: sig.role, name: names, ...(sig.anchor ? { within: [sig.anchor] } : {}), describe };
}

/**
 * Whether a learned control may stand in for a step's own control that is missing from the page
 * (for completion): only one of the same kind. A button shown for a renamed button counts when it
 * is clicked; a row shown for a renamed row never completes a step that waits for a button.
 */
export function standsFor(spec: Pick<TargetSpec, "role">, learned: Pick<TargetSpec, "role">): boolean {
  const own = typeof spec.role === "string" ? [spec.role] : spec.role;
  const theirs = typeof learned.role === "string" ? [learned.role] : learned.role;
  return own.some((r) => theirs.includes(r));
}

/**
 * The setup knowledge as plain data. No DOM, no extension APIs, no zod (the content script bundles
 * the page list and must stay small); `schema.ts` validates all of it.
 */

/** What a person would call the control. Matched against ARIA roles and native elements. */
export const TARGET_ROLES = [
  "button",
  "link",
  "tab",
  "checkbox",
  "radio",
  "combobox",
  "textbox",
  "heading",
  "row",
  "menuitem",
  "option",
  "treeitem",
  "text",
] as const;
export type TargetRole = (typeof TARGET_ROLES)[number];

/**
 * A control described the way a person sees it: role + visible name (exact, then case- and
 * whitespace-insensitive, then contained), optionally inside a container that holds some text, or
 * nearest to a label. `css` is a last resort for controls with no usable text.
 */
export interface TargetSpec {
  readonly role: TargetRole;
  /** Alternative names: older and newer console labels. */
  readonly name: readonly string[];
  readonly within?: string;
  readonly near?: string;
  readonly css?: string;
  /** What the panel calls it when it cannot be found ("the Enhanced Logging section"). */
  readonly describe: string;
}

export interface PageSpec {
  readonly id: string;
  /** Human name for the outline and the closing table. */
  readonly name: string;
  /** Substrings of the URL (path + hash), case-insensitive. Hints only: text decides. */
  readonly urlHints: readonly string[];
  readonly headings: readonly string[];
  readonly breadcrumbs: readonly string[];
  readonly tabs: readonly string[];
  /** Visible texts of characteristic controls (buttons, links, labels). */
  readonly controls: readonly string[];
  /** Texts whose presence means this is NOT the page (e.g. a wizard open over it). */
  readonly absent?: readonly string[];
}

export type Completion =
  | { readonly kind: "checked"; readonly targets: readonly TargetSpec[] }
  | { readonly kind: "selected"; readonly target: TargetSpec; readonly value: string }
  | { readonly kind: "clicked"; readonly target: TargetSpec }
  | { readonly kind: "appears"; readonly text: readonly string[] }
  | { readonly kind: "keys-generated" }
  | { readonly kind: "manual" };

export type PathId = "api1" | "api2";

export interface MenuPath {
  /** Older console ("Administration" menu, Services / Directories). */
  readonly classic: readonly string[];
  /** Newer console (Integrations, Users & Groups). */
  readonly current: readonly string[];
}

export interface Step {
  readonly id: string;
  readonly paths: readonly PathId[];
  readonly title: string;
  readonly why: string;
  readonly instructions: readonly string[];
  readonly menuPath: MenuPath;
  /** The page the step happens on, or "popup" for steps done in the extension's popup. */
  readonly page: string;
  /**
   * Controls to spotlight, latest stage first: the first one visible is the one to use now
   * (the "Save and Exit" of an open form before the "New Address" button that opened it).
   */
  readonly targets: readonly TargetSpec[];
  readonly completion: Completion;
}

export interface Guide {
  readonly version: number;
  readonly pages: readonly PageSpec[];
  readonly steps: readonly Step[];
}

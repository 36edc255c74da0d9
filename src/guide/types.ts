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
  /** One role, or alternatives where consoles differ (a tab on some, a button on others). */
  readonly role: TargetRole | readonly TargetRole[];
  /** Alternative names: older and newer console labels. */
  readonly name: readonly string[];
  /** Text of the container the control sits in (alternatives: any of them). */
  readonly within?: string | readonly string[];
  /** Text of the label the control sits next to (alternatives: any of them). */
  readonly near?: string | readonly string[];
  readonly css?: string;
  /** What the panel calls it when it cannot be found ("the Enhanced Logging section"). */
  readonly describe: string;
}

/**
 * Where a label or a procedure comes from: keys of `SOURCES` in `sources.ts` (a Mimecast support
 * article, Mimecast's integration docs, a collector vendor's setup page, the reference guide).
 */
export type SourceId = string;

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
  /**
   * On the integrations page: API 1.0 is switched off for this account when one of `present`
   * shows and none of `absent` does (the guide then moves to the API 2.0 path).
   */
  readonly api1Off?: { readonly present: readonly string[]; readonly absent: readonly string[] };
  /** Credentials this page shows, by the labels they sit under ("Use in the assistant"). */
  readonly capture?: Readonly<Partial<Record<CaptureField, readonly string[]>>>;
  readonly sources: readonly SourceId[];
}

/** Pages on which the guide never speaks up (sign-in). Detected so the overlay stays away. */
export const QUIET_URL_HINTS: readonly string[] = ["/u/login", "#/login"];

/** What the content script needs of a page: its signals, not its human name or its sources. */
export type DetectablePage = Omit<PageSpec, "name" | "sources">;

export const CAPTURE_FIELDS = ["appId", "appKey", "clientId", "clientSecret"] as const;
export type CaptureField = (typeof CAPTURE_FIELDS)[number];

export type Completion =
  /**
   * Boxes ticked; where the page has a `save` control the ticks only count once it is clicked
   * (Mimecast applies settings on Save), and the spotlight moves to it when the boxes are ticked.
   */
  | { readonly kind: "checked"; readonly targets: readonly TargetSpec[]; readonly save?: TargetSpec }
  | { readonly kind: "selected"; readonly target: TargetSpec; readonly value: string }
  | { readonly kind: "clicked"; readonly target: TargetSpec }
  | { readonly kind: "appears"; readonly text: readonly string[] }
  | { readonly kind: "keys-generated" }
  | { readonly kind: "manual" };

export type PathId = "api1" | "api2";

/** A suggested value for one text field, found like any control. */
export interface Suggestion {
  readonly field: TargetSpec;
  readonly value: string;
}

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
  /** Further pages the step continues on (a list page, then the form it opens). */
  readonly alsoOn?: readonly string[];
  /**
   * Controls to spotlight, latest stage first: the first one visible is the one to use now
   * (the "Save and Exit" of an open form before the "New Address" button that opened it).
   */
  readonly targets: readonly TargetSpec[];
  readonly completion: Completion;
  /**
   * Values the guide suggests for empty text fields of the step ("Fill suggested values", on the
   * user's click only). Never a password, never a value only the user knows (an address).
   */
  readonly suggest?: readonly Suggestion[];
  /** Where the labels and the procedure come from (ids of `SOURCES`). */
  readonly sources: readonly SourceId[];
}

/** Whether a step belongs to a page (its own page or one it continues on). */
export function stepIsOn(step: Pick<Step, "page" | "alsoOn">, pageId: string | null): boolean {
  return pageId !== null && (step.page === pageId || (step.alsoOn?.includes(pageId) ?? false));
}

/** `role`, `within` and `near` as lists, whichever way the data gives them. */
export function listOf<T extends string>(x: T | readonly T[] | undefined): readonly T[] {
  return x === undefined ? [] : typeof x === "string" ? [x] : x;
}

export interface Guide {
  readonly version: number;
  readonly pages: readonly PageSpec[];
  readonly steps: readonly Step[];
}

/**
 * Meaning-preserving markup mutations of a located control, for the metamorphic locator suite.
 *
 * Each mutation takes the unmutated snapshot, the ground-truth control (the element the locator
 * found there) and where its name comes from, and rewrites the markup the way another console
 * build, framework or translation layer would render the same control, through an `Edit` the
 * harness undoes afterwards. `apply` returns false, changing nothing, when the mutation does not
 * apply to that control (a `<button>`-only rewrite of a tab, a label rewrite of a button named by
 * its own text): the harness counts that as n/a.
 *
 * Marks (never read by the locator): `data-mm-truth` on the ground truth (space-separated case
 * keys, carried over when the control is replaced by another element), `data-mm-alias` on an
 * element that is the same control after the mutation (the wrapper that took over the role), and
 * `data-mm-decoy` on decoys.
 */
import { ROLE_SELECTORS } from "../../../src/content/accessible-name";
import { listOf, type TargetRole, type TargetSpec } from "../../../src/guide/types";
import type { Edit } from "./metamorphic-edit";

export const TRUTH = "data-mm-truth";
export const ALIAS = "data-mm-alias";
export const DECOY = "data-mm-decoy";

/** Where the control's name comes from in the unmutated page. */
export interface NameSource {
  readonly kind:
    | "content"
    | "label"
    | "labelledby"
    | "aria-label"
    | "value"
    | "cell"
    | "sibling"
    | "title"
    | "placeholder"
    | "nearby";
  /** The listed name (one of spec.name) that the source carries. */
  readonly name: string;
  /** The element carrying it (the control itself for content and attributes). */
  readonly holder: Element;
  /** The text node carrying it, for text sources (null when the name is split across nodes). */
  readonly text: Text | null;
}

/** A target with the one role its ground-truth control plays (steps may list alternatives). */
export type CaseSpec = Omit<TargetSpec, "role"> & { readonly role: TargetRole };

export function caseSpec(spec: TargetSpec, truth: Element): CaseSpec {
  const roles = listOf(spec.role);
  const plays = (r: TargetRole) => {
    const sel = ROLE_SELECTORS[r];
    return (!!sel.strong && truth.matches(sel.strong)) || (!!sel.weak && truth.matches(sel.weak));
  };
  return { ...spec, role: roles.find(plays) ?? roles[0] ?? "text" };
}

export interface MutationCase {
  readonly doc: Document;
  readonly truth: Element;
  readonly spec: CaseSpec;
  readonly source: NameSource | null;
  /** This case's key in `data-mm-truth` / `data-mm-alias`. */
  readonly key: string;
  readonly edit: Edit;
}

export interface Mutation {
  readonly id: string;
  /** The numbered family of the brief (1-9). */
  readonly group: number;
  readonly title: string;
  /** The control's name is gone: the right answer is null (or the control, if it still has a listed name). */
  readonly rename?: true;
  /** The whole page is moved into an iframe: handled by the harness, not by `apply`. */
  readonly frame?: true;
  apply(c: MutationCase): boolean;
}

// ---------------------------------------------------------------------------------------------
// Names

export function norm(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Whether a string carries `name`: equal, or (names of 4+ characters) contained. */
function carries(value: string | null | undefined, name: string): boolean {
  if (!value) return false;
  const v = norm(value);
  const n = norm(name);
  return v === n || (n.length >= 4 && v.includes(n));
}

function pick(value: string | null | undefined, names: readonly string[]): string | undefined {
  return names.find((n) => carries(value, n));
}

/** The text node under `root` carrying `name`: the one equal to it, else the first containing it. */
export function textNodeWith(root: Node, name: string): Text | null {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  let containing: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (norm(t.data) === norm(name)) return t;
    if (!containing && carries(t.data, name)) containing = t;
  }
  return containing;
}

const FIELD_TAGS = new Set(["INPUT", "SELECT", "TEXTAREA"]);
const BUTTON_INPUT_TYPES = new Set(["button", "submit", "reset"]);

function isField(el: Element): boolean {
  return FIELD_TAGS.has(el.tagName) && !BUTTON_INPUT_TYPES.has((el.getAttribute("type") ?? "").toLowerCase());
}

function labelsOf(el: Element): Element[] {
  const own = (el as HTMLInputElement).labels;
  const found: Element[] = own ? Array.from(own) : [];
  const id = el.getAttribute("id");
  if (id) {
    for (const l of Array.from(el.ownerDocument.querySelectorAll("label[for]"))) {
      if (l.getAttribute("for") === id && !found.includes(l)) found.push(l);
    }
  }
  const wrapping = el.closest("label");
  if (wrapping && !found.includes(wrapping)) found.push(wrapping);
  return found;
}

/**
 * Where the control's listed name comes from, found independently of the locator (which is what
 * is under test): rows by a cell, text targets by their own text, form fields by their label,
 * aria-labelledby / aria-label / value / own text / previous cell / title, in that order.
 */
export function nameSource(el: Element, spec: CaseSpec): NameSource | null {
  const names = spec.name;
  const doc = el.ownerDocument;
  const text = (holder: Element, kind: NameSource["kind"]): NameSource | null => {
    const name = pick(holder.textContent, names);
    return name ? { kind, name, holder, text: textNodeWith(holder, name) } : null;
  };
  const attr = (a: string, kind: NameSource["kind"]): NameSource | null => {
    const name = pick(el.getAttribute(a), names);
    return name ? { kind, name, holder: el, text: null } : null;
  };
  if (spec.role === "row") {
    for (const cell of Array.from(el.children)) {
      const s = text(cell, "cell");
      if (s) return s;
    }
    return null;
  }
  if (spec.role === "text") return text(el, "content");
  for (const id of (el.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean)) {
    const ref = doc.getElementById(id);
    const s = ref ? text(ref, "labelledby") : null;
    if (s) return s;
  }
  const aria = attr("aria-label", "aria-label");
  if (aria) return aria;
  if (el.tagName === "INPUT" && !isField(el)) {
    const v = attr("value", "value");
    if (v) return v;
  }
  for (const label of labelsOf(el)) {
    const s = text(label, "label");
    if (s) return s;
  }
  if (!isField(el)) {
    const s = text(el, "content");
    if (s) return s;
  }
  const prevCell = el.closest("td, th")?.previousElementSibling;
  if (prevCell) {
    const s = text(prevCell, "cell");
    if (s) return s;
  }
  const prev = el.previousElementSibling;
  if (prev && !isField(prev)) {
    const s = text(prev, "sibling");
    if (s) return s;
  }
  const title = attr("title", "title") ?? attr("placeholder", "placeholder");
  if (title) return title;
  // Anything else: the closest text carrying the name in the next three containers.
  let anc = el.parentElement;
  for (let i = 0; i < 3 && anc && anc !== doc.body; i++, anc = anc.parentElement) {
    const name = pick(anc.textContent, names);
    if (!name) continue;
    const t = textNodeWith(anc, name);
    if (t && !el.contains(t)) return { kind: "nearby", name, holder: t.parentElement ?? anc, text: t };
  }
  return null;
}

/**
 * Whether the control still legitimately carries a listed name after a rename (through a second
 * source the rename did not touch). Independent of the locator, deliberately generous.
 */
export function stillNamed(el: Element, spec: TargetSpec): boolean {
  const doc = el.ownerDocument;
  const strings = [
    el.textContent,
    el.getAttribute("aria-label"),
    el.getAttribute("title"),
    el.getAttribute("alt"),
    el.tagName === "INPUT" && !isField(el) ? el.getAttribute("value") : null,
    ...labelsOf(el).map((l) => l.textContent),
    ...(el.getAttribute("aria-labelledby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => doc.getElementById(id)?.textContent ?? null),
    el.closest("td, th")?.previousElementSibling?.textContent ?? null,
  ];
  return strings.some((s) => pick(s, spec.name) !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const INTERACTIVE_ROLES = new Set([
  "button",
  "link",
  "tab",
  "checkbox",
  "radio",
  "combobox",
  "textbox",
  "menuitem",
  "option",
  "treeitem",
]);
const FORM_ROLES = new Set(["checkbox", "radio", "textbox", "combobox"]);
/** Elements that cannot get a wrapper or a sibling of another kind without breaking the table/list. */
const STRUCTURAL = new Set(["TR", "TD", "TH", "TBODY", "THEAD", "LI", "OPTION", "DT", "DD"]);
const INLINE = new Set([
  "A",
  "BUTTON",
  "SPAN",
  "INPUT",
  "IMG",
  "LABEL",
  "SELECT",
  "TEXTAREA",
  "B",
  "I",
  "EM",
  "STRONG",
]);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The name inside a text, whitespace-flexible and case-insensitive. */
function nameRe(name: string, flags = "i"): RegExp {
  return new RegExp(name.trim().split(/\s+/).map(escapeRe).join("\\s+"), flags);
}

/** Rewrites the name inside a text node (the rest of the text is kept). */
function rewriteName(c: MutationCase, t: Text, name: string, by: (found: string) => string): boolean {
  const re = nameRe(name);
  if (!re.test(t.data)) return false;
  c.edit.setText(
    t,
    t.data.replace(re, (m) => by(m)),
  );
  return true;
}

/** The text node that holds the name and nothing else (so it can be swapped for an icon). */
function nameOnlyText(s: NameSource | null): Text | null {
  return s?.text && norm(s.text.data) === norm(s.name) ? s.text : null;
}

function isLabelled(c: MutationCase): boolean {
  return FORM_ROLES.has(c.spec.role) && c.source !== null && c.source.kind !== "content";
}

/**
 * What replaces a caption in an icon-only control: an icon-font glyph (no text), or "+" for
 * add/new/create when `plus` (then "+" is visible text, and the listed name must come from aria-label).
 */
function icon(doc: Document, name: string, plus = false): Node {
  if (plus && /^(\+|add|new|create)\b/i.test(name.trim())) return doc.createTextNode("+");
  const i = doc.createElement("span");
  i.className = `mc-icon mc-icon-${norm(name).replace(/[^a-z0-9]+/g, "-")}`;
  i.setAttribute("aria-hidden", "true");
  return i;
}

/** Removes a form field's visible caption (the label element, or the caption text) from the page. */
function removeCaption(c: MutationCase): boolean {
  const s = c.source;
  if (!s) return false;
  if (s.kind === "label" && s.holder.tagName === "LABEL" && !s.holder.contains(c.truth)) {
    c.edit.remove(s.holder);
    return true;
  }
  if (s.kind === "aria-label" || s.kind === "title" || s.kind === "placeholder") {
    c.edit.removeAttr(c.truth, s.kind);
    return true;
  }
  if (s.text && s.kind !== "content") {
    c.edit.remove(s.text);
    return true;
  }
  return false;
}

/** Appends declarations to an element's inline style. */
function addStyle(el: Element, css: string): void {
  const was = (el.getAttribute("style") ?? "").trim().replace(/;$/, "");
  el.setAttribute("style", was ? `${was}; ${css}` : css);
}

function copyMarks(from: Element, to: Element): void {
  for (const a of [TRUTH, ALIAS]) {
    const v = from.getAttribute(a);
    if (v !== null) to.setAttribute(a, v);
  }
}

/** Moves an existing element's children into a new element (logged, so undo restores them). */
function moveChildren(
  c: MutationCase,
  from: Element,
  to: Element,
  filter: (n: Node) => boolean = () => true,
): void {
  for (const child of Array.from(from.childNodes)) {
    if (!filter(child)) continue;
    c.edit.remove(child);
    to.appendChild(child);
  }
}

function freshId(c: MutationCase, what: string): string {
  return `mm-${what}-${c.key}`;
}

function ensureId(c: MutationCase, el: Element): string {
  const id = el.getAttribute("id");
  if (id) return id;
  const made = freshId(c, "field");
  c.edit.setAttr(el, "id", made);
  return made;
}

// ---------------------------------------------------------------------------------------------
// 1. Text wrapped in spans

/*
 * Angular Material puts a button's caption in `span.mdc-button__label`, ExtJS in
 * `span.x-btn-inner` inside `span.x-btn-button`, and translation layers wrap every string once
 * more (`<span class="i18n" data-key=…>`). The visible text is the same.
 */
function wrapInSpans(depth: number): Mutation {
  return {
    id: `wrap-span-${depth}`,
    group: 1,
    title: `name text wrapped in ${depth} nested span${depth > 1 ? "s" : ""}`,
    apply(c) {
      const t = c.source?.text;
      if (!t) return false;
      const inControl = c.source?.kind === "content" && c.spec.role !== "text" && c.spec.role !== "row";
      const classes = [inControl ? "mdc-button__label" : "mc-label-text", "i18n", "mc-truncate"];
      const doc = c.doc;
      const outer = doc.createElement("span");
      let inner = outer;
      outer.className = classes[0] ?? "";
      for (let i = 1; i < depth; i++) {
        const s = doc.createElement("span");
        s.className = classes[i] ?? "";
        inner.appendChild(s);
        inner = s;
      }
      c.edit.replace(t, outer);
      inner.appendChild(t);
      // A text target IS its text: the new innermost element around it is the same target.
      if (c.spec.role === "text") {
        for (let e: Element | null = inner; e; e = e === outer ? null : e.parentElement)
          e.setAttribute(ALIAS, c.key);
      }
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Role moved to a wrapper, role removed

/*
 * Component frameworks put the ARIA role on the component's host element
 * (`<mc-tab role="tab" aria-selected="true"><div class="mdc-tab">…`), and the styled inner
 * element, which is what the snapshot marked, has no role. The host is the same control.
 */
const roleToWrapper: Mutation = {
  id: "role-on-wrapper",
  group: 2,
  title: "role (and its ARIA state, tabindex) moved to a wrapper element",
  apply(c) {
    const t = c.truth;
    const role = t.getAttribute("role");
    if (!role || STRUCTURAL.has(t.tagName) || !t.parentElement) return false;
    const host = c.doc.createElement(INLINE.has(t.tagName) ? "span" : "div");
    host.className = "mc-host";
    host.setAttribute(ALIAS, c.key);
    for (const a of [
      "role",
      "aria-selected",
      "aria-checked",
      "aria-expanded",
      "aria-haspopup",
      "aria-controls",
      "aria-disabled",
      "tabindex",
    ]) {
      const v = t.getAttribute(a);
      if (v === null) continue;
      host.setAttribute(a, v);
      c.edit.removeAttr(t, a);
    }
    c.edit.replace(t, host);
    host.appendChild(t);
    return true;
  },
};

/*
 * Consoles built before ARIA (ExtJS 3, hand-written jQuery) render tabs, menu items and buttons
 * as plain elements with classes, tabindex and a click handler: the role attribute is gone, the
 * element, its classes and a native element's own semantics (button, input, select) stay.
 */
const roleRemoved: Mutation = {
  id: "role-removed",
  group: 2,
  title: "role attribute removed (element, classes and native semantics kept)",
  apply(c) {
    if (!c.truth.hasAttribute("role")) return false;
    c.edit.removeAttr(c.truth, "role");
    return true;
  },
};

// ---------------------------------------------------------------------------------------------
// 3. <button> rendered as something else

function buttonAttrsTo(c: MutationCase, to: Element, skip: readonly string[]): void {
  const t = c.truth;
  for (const a of Array.from(t.attributes)) {
    if (a.name === "type" || a.name === "disabled" || skip.includes(a.name)) continue;
    to.setAttribute(a.name, a.value);
  }
  if (t.hasAttribute("disabled")) to.setAttribute("aria-disabled", "true");
}

/*
 * ExtJS (the classic Administration Console's toolkit) renders every button as
 * `<a class="x-btn" role="button" tabindex="0" hidefocus="on" unselectable="on">` with the
 * caption two spans deep (`span.x-btn-wrap > span.x-btn-inner`) and any icon beside it.
 */
const buttonAsExtLink: Mutation = {
  id: "button-as-extjs-a",
  group: 3,
  title: "<button> → a[role=button] > span > span > text (ExtJS)",
  apply(c) {
    const t = c.truth;
    if (t.tagName !== "BUTTON") return false;
    const doc = c.doc;
    const a = doc.createElement("a");
    a.className = `x-btn x-unselectable x-btn-default-small${t.hasAttribute("disabled") ? " x-item-disabled" : ""}`;
    buttonAttrsTo(c, a, ["class", "style"]);
    a.setAttribute("role", "button");
    a.setAttribute("tabindex", t.hasAttribute("disabled") ? "-1" : "0");
    a.setAttribute("hidefocus", "on");
    a.setAttribute("unselectable", "on");
    const wrap = doc.createElement("span");
    wrap.className = "x-btn-wrap";
    const inner = doc.createElement("span");
    inner.className = "x-btn-inner";
    inner.textContent = (t.textContent ?? "").replace(/\s+/g, " ").trim();
    c.edit.replace(t, a);
    // Icons (children without text) stay beside the caption.
    moveChildren(c, t, wrap, (n) => n.nodeType === 1 && (n.textContent ?? "").trim() === "");
    wrap.appendChild(inner);
    a.appendChild(wrap);
    return true;
  },
};

/*
 * Older hand-written consoles (and GWT) make buttons out of divs: a click handler, a pointer
 * cursor, the same classes and caption, no role, no tabindex.
 */
const buttonAsClickableDiv: Mutation = {
  id: "button-as-div-onclick",
  group: 3,
  title: '<button> → div with onclick and style="cursor:pointer", no role',
  apply(c) {
    const t = c.truth;
    if (t.tagName !== "BUTTON") return false;
    const div = c.doc.createElement("div");
    buttonAttrsTo(c, div, []);
    div.setAttribute("onclick", "return false;");
    addStyle(div, "cursor: pointer");
    c.edit.replace(t, div);
    moveChildren(c, t, div);
    return true;
  },
};

/*
 * jQuery-era consoles use anchors as buttons with the handler bound in script: no href (so no
 * link role), no role attribute, same classes and caption.
 */
const buttonAsBareAnchor: Mutation = {
  id: "button-as-a-no-href",
  group: 3,
  title: "<button> → <a> without href (handler bound in script)",
  apply(c) {
    const t = c.truth;
    if (t.tagName !== "BUTTON") return false;
    const a = c.doc.createElement("a");
    buttonAttrsTo(c, a, []);
    c.edit.replace(t, a);
    moveChildren(c, t, a);
    return true;
  },
};

// ---------------------------------------------------------------------------------------------
// 4. The name given another way

/*
 * Icon-only controls (toolbars, compact layouts): the caption is replaced by "+" or an icon-font
 * glyph and the name is in aria-label. Form fields without a visible caption (compact dialogs)
 * carry it as aria-label too.
 */
const nameByAriaLabel: Mutation = {
  id: "name-aria-label",
  group: 4,
  title: 'name only in aria-label (caption replaced by "+" or an icon)',
  apply(c) {
    const s = c.source;
    if (!s || !INTERACTIVE_ROLES.has(c.spec.role) || s.kind === "aria-label") return false;
    if (s.kind === "content") {
      const t = nameOnlyText(s);
      if (!t) return false;
      c.edit.replace(t, icon(c.doc, s.name, true));
    } else if (!isLabelled(c) || !removeCaption(c)) {
      return false;
    }
    c.edit.setAttr(c.truth, "aria-label", s.name);
    return true;
  },
};

/*
 * Angular Material form fields caption an input with `<mat-label id>` (a span, no `for`) and
 * aria-labelledby; icon buttons are captioned by the text shown next to them the same way.
 */
const nameByLabelledBy: Mutation = {
  id: "name-aria-labelledby",
  group: 4,
  title: "name only through aria-labelledby pointing at another element",
  apply(c) {
    const s = c.source;
    const t = c.truth;
    if (!s || !INTERACTIVE_ROLES.has(c.spec.role) || s.kind === "labelledby") return false;
    const id = freshId(c, "caption");
    const caption = c.doc.createElement("span");
    caption.className = "mat-mdc-form-field-label";
    caption.id = id;
    if (s.kind === "content") {
      const text = nameOnlyText(s);
      if (!text || !t.parentElement || STRUCTURAL.has(t.tagName) || STRUCTURAL.has(t.parentElement.tagName))
        return false;
      caption.textContent = s.name;
      c.edit.replace(text, icon(c.doc, s.name));
      c.edit.insertBefore(caption, t);
    } else if (isLabelled(c) && s.kind === "label" && s.holder.tagName === "LABEL" && !s.holder.contains(t)) {
      caption.textContent = s.holder.textContent;
      c.edit.replace(s.holder, caption);
    } else if (isLabelled(c) && s.text && s.kind !== "label") {
      c.edit.replace(s.text, caption);
      caption.appendChild(s.text);
    } else {
      return false;
    }
    c.edit.setAttr(t, "aria-labelledby", id);
    return true;
  },
};

/*
 * Classic consoles' toolbar buttons are icons with a tooltip (title); legacy grids give inputs
 * only a title. The visible caption is gone.
 */
const nameByTitle: Mutation = {
  id: "name-title",
  group: 4,
  title: "name only in title (caption replaced by an icon / removed)",
  apply(c) {
    const s = c.source;
    if (!s || !INTERACTIVE_ROLES.has(c.spec.role) || s.kind === "title") return false;
    if (s.kind === "content") {
      const t = nameOnlyText(s);
      if (!t) return false;
      c.edit.replace(t, icon(c.doc, s.name));
    } else if (!isLabelled(c) || !removeCaption(c)) {
      return false;
    }
    c.edit.setAttr(c.truth, "title", s.name);
    return true;
  },
};

/*
 * Bootstrap-style forms put the caption in its own row above the field, tied to it only by
 * `<label for>`: not adjacent, not wrapping.
 */
const nameByLabelFor: Mutation = {
  id: "name-label-for",
  group: 4,
  title: "name only in a <label for> in its own row above the field",
  apply(c) {
    const s = c.source;
    const t = c.truth;
    if (!s || !isLabelled(c) || !isField(t)) return false;
    const parent = t.parentElement;
    if (!parent) return false;
    const id = ensureId(c, t);
    if (!removeCaption(c)) return false;
    const row = c.doc.createElement("div");
    row.className = "form-label-row";
    const label = c.doc.createElement("label");
    label.setAttribute("for", id);
    label.textContent = s.name;
    row.appendChild(label);
    const ref = /^(DIV|P|SECTION|SPAN)$/.test(parent.tagName) && parent !== c.doc.body ? parent : t;
    c.edit.insertBefore(row, ref);
    return true;
  },
};

/*
 * 2000s admin consoles lay forms out as tables: the caption is plain text in the cell before
 * the field's cell, with no label element, no for, no ARIA.
 */
const nameByTableCell: Mutation = {
  id: "name-table-cell",
  group: 4,
  title: "name only as text in the table cell before the field's cell",
  apply(c) {
    const s = c.source;
    const t = c.truth;
    if (!s || !isLabelled(c) || !isField(t)) return false;
    const prevCell = t.closest("td, th")?.previousElementSibling;
    if (prevCell && s.holder.tagName === "LABEL" && prevCell.contains(s.holder)) {
      // Already in a form table: only the label element goes, its text stays in the cell.
      c.edit.replace(s.holder, c.doc.createTextNode(s.holder.textContent ?? ""));
      return true;
    }
    if (!t.parentElement || STRUCTURAL.has(t.parentElement.tagName) || !removeCaption(c)) return false;
    const table = c.doc.createElement("table");
    table.className = "adconForm";
    table.setAttribute("role", "presentation");
    table.innerHTML = `<tbody><tr><td class="adconFieldLabel"></td><td class="adconFieldValue"></td></tr></tbody>`;
    const [labelCell, valueCell] = Array.from(table.querySelectorAll("td"));
    if (!labelCell || !valueCell) return false;
    labelCell.textContent = s.name;
    c.edit.replace(t, table);
    valueCell.appendChild(t);
    return true;
  },
};

// ---------------------------------------------------------------------------------------------
// 5. ARIA checkbox in a grid

/*
 * ExtJS grids and Sencha forms draw checkboxes as `div[role=checkbox][aria-checked]` in one cell
 * with the caption in the next cell: no input, no label element, no for.
 */
const checkboxAsAriaGrid: Mutation = {
  id: "checkbox-aria-grid",
  group: 5,
  title: "checkbox → div[role=checkbox][aria-checked], caption in the next cell",
  apply(c) {
    const t = c.truth;
    const s = c.source;
    if (
      !s ||
      t.tagName !== "INPUT" ||
      (t.getAttribute("type") ?? "").toLowerCase() !== "checkbox" ||
      !isLabelled(c)
    )
      return false;
    if (!t.parentElement || STRUCTURAL.has(t.parentElement.tagName) || !removeCaption(c)) return false;
    const doc = c.doc;
    const box = doc.createElement("div");
    box.className = "x-form-checkbox x-grid-checkcolumn";
    box.setAttribute("role", "checkbox");
    box.setAttribute(
      "aria-checked",
      (t as HTMLInputElement).checked || t.hasAttribute("checked") ? "true" : "false",
    );
    box.setAttribute("tabindex", "0");
    const id = t.getAttribute("id");
    if (id) box.id = id;
    copyMarks(t, box);
    const table = doc.createElement("table");
    table.className = "x-grid-item";
    table.innerHTML = `<tbody><tr><td class="x-grid-cell"></td><td class="x-grid-cell"><div class="x-grid-cell-inner"></div></td></tr></tbody>`;
    const [boxCell] = Array.from(table.querySelectorAll("td"));
    const caption = table.querySelector(".x-grid-cell-inner");
    if (!boxCell || !caption) return false;
    boxCell.appendChild(box);
    caption.textContent = s.name;
    c.edit.replace(t, table);
    return true;
  },
};

// ---------------------------------------------------------------------------------------------
// 6. Noise in the caption

function captionNoise(
  id: string,
  title: string,
  labelsOnly: boolean,
  by: (name: string) => string,
): Mutation {
  return {
    id,
    group: 6,
    title,
    apply(c) {
      const s = c.source;
      if (!s?.text) return false;
      // A button reading "Save and Exit:" is not a console; a label or a caption is.
      if (labelsOnly && (c.spec.role === "row" || (s.kind === "content" && c.spec.role !== "text")))
        return false;
      return rewriteName(c, s.text, s.name, by);
    },
  };
}

/*
 * Server-side templates indent captions and break long ones across lines; legacy tables pad
 * with &nbsp;; older forms end captions with a colon; required fields get an asterisk.
 */
const whitespace = captionNoise(
  "text-whitespace",
  "extra whitespace and line breaks in the caption",
  false,
  (n) => `\n      ${n.split(/\s+/).join("  \n      ")}\n    `,
);
const nbsp = captionNoise(
  "text-nbsp",
  "NBSP between the words and after the caption",
  false,
  (n) => `${n.split(/\s+/).join("\u00a0")}\u00a0`,
);
const colon = captionNoise("text-colon", 'trailing colon ("Email:")', true, (n) => `${n}:`);
const asterisk = captionNoise("text-asterisk", 'required marker ("Email *")', true, (n) => `${n} *`);

// ---------------------------------------------------------------------------------------------
// 7. Renamed

export const RENAMED_TO = "Retention Policy";
const RENAMED_ATTRS = ["aria-label", "title", "alt", "placeholder"];

/*
 * A console release renames the control ("Enable Extended Session" becomes something the guide
 * does not know). Every occurrence of the listed name on the control and its caption is replaced
 * by an unrelated name. The locator must not point at a different control instead: null is right.
 */
const renamed: Mutation = {
  id: "renamed",
  group: 7,
  title: `caption renamed to "${RENAMED_TO}"`,
  rename: true,
  apply(c) {
    const s = c.source;
    if (!s) return false;
    const re = nameRe(s.name, "gi");
    let changed = false;
    const roots = new Set<Element>([c.truth, s.holder]);
    for (const root of roots) {
      const walker = c.doc.createTreeWalker(root, 4);
      const texts: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      for (const t of texts) {
        if (!nameRe(s.name).test(t.data)) continue;
        c.edit.setText(t, t.data.replace(re, RENAMED_TO));
        changed = true;
      }
      for (const el of [root, ...Array.from(root.querySelectorAll("*"))]) {
        const attrs = el.tagName === "INPUT" && !isField(el) ? [...RENAMED_ATTRS, "value"] : RENAMED_ATTRS;
        for (const a of attrs) {
          const v = el.getAttribute(a);
          if (v === null || !nameRe(s.name).test(v)) continue;
          c.edit.setAttr(el, a, v.replace(re, RENAMED_TO));
          changed = true;
        }
      }
    }
    return changed;
  },
};

// ---------------------------------------------------------------------------------------------
// 8. Hidden decoys

/** The control with its caption: the smallest container holding both, when it is small. */
function decoyUnit(c: MutationCase): Element | null {
  const s = c.source;
  const t = c.truth;
  if (!s || s.holder === t || t.contains(s.holder)) return t;
  const seen = new Set<Element>();
  for (let e: Element | null = t; e; e = e.parentElement) seen.add(e);
  let lca: Element | null = s.holder;
  while (lca && !seen.has(lca)) lca = lca.parentElement;
  if (!lca || lca === c.doc.body || lca === c.doc.documentElement) return null;
  return lca.querySelectorAll("*").length <= 80 ? lca : null;
}

/** The list or table a structural unit (row, cell, item) needs around it, as `structured` uses it. */
const CONTAINER_OF: Record<string, string> = {
  TR: "table",
  TD: "table",
  TH: "table",
  LI: "ul, ol, [role=menu], [role=tree], [role=tablist]",
  DT: "dl",
  DD: "dl",
  OPTION: "select",
};

/**
 * Everything any mutation of this target may touch lies inside the returned element: the parent
 * of the control with its caption (or of the table/list a row or item sits in), plus <head> for
 * a stylesheet rule that only matches elements the mutation creates.
 */
export function footprint(truth: Element, source: NameSource | null): Element {
  const doc = truth.ownerDocument;
  let unit: Element = truth;
  const holder = source?.holder;
  if (holder && !truth.contains(holder)) {
    let lca: Element | null = holder;
    while (lca && !lca.contains(truth)) lca = lca.parentElement;
    unit = lca ?? doc.documentElement;
  }
  const container = CONTAINER_OF[unit.tagName];
  if (container) unit = unit.parentElement?.closest(container) ?? doc.documentElement;
  return unit.parentElement ?? doc.documentElement;
}

/** A copy of the unit with fresh ids (references rewired inside it) and no marks. */
function decoyOf(unit: Element, variant: string): Element {
  const copy = unit.cloneNode(true) as Element;
  const all = [copy, ...Array.from(copy.querySelectorAll("*"))];
  const ids = new Set<string>();
  for (const el of all) {
    el.removeAttribute(TRUTH);
    el.removeAttribute(ALIAS);
    const id = el.getAttribute("id");
    if (id) {
      ids.add(id);
      el.setAttribute("id", `${id}-mm-decoy`);
    }
  }
  for (const el of all) {
    for (const a of ["for", "aria-labelledby", "aria-controls", "aria-describedby"]) {
      const v = el.getAttribute(a);
      if (v === null) continue;
      el.setAttribute(
        a,
        v
          .split(/\s+/)
          .map((id) => (ids.has(id) ? `${id}-mm-decoy` : id))
          .join(" "),
      );
    }
  }
  copy.setAttribute(DECOY, variant);
  return copy;
}

/** The decoy inside the container its kind needs (a row needs a table), and where it goes. */
function structured(c: MutationCase, unit: Element, decoy: Element): { node: Element; ref: Element } | null {
  const doc = c.doc;
  const wrapIn = (html: string, slot: string, container: string) => {
    const ref = unit.parentElement?.closest(container);
    if (!ref) return null;
    const tpl = doc.createElement("div");
    tpl.innerHTML = html;
    const node = tpl.firstElementChild;
    const at = node?.matches(slot) ? node : node?.querySelector(slot);
    if (!node || !at) return null;
    at.appendChild(decoy);
    return { node, ref };
  };
  const container = CONTAINER_OF[unit.tagName] ?? "";
  switch (unit.tagName) {
    case "TR":
      return wrapIn("<table><tbody></tbody></table>", "tbody", container);
    case "TD":
    case "TH":
      return wrapIn("<table><tbody><tr></tr></tbody></table>", "tr", container);
    case "LI":
      return wrapIn("<ul></ul>", "ul", container);
    case "DT":
    case "DD":
      return wrapIn("<dl></dl>", "dl", container);
    case "OPTION":
      return null;
    default:
      return { node: decoy, ref: unit };
  }
}

function decoy(
  id: string,
  title: string,
  hide: (c: MutationCase, unit: Element, decoy: Element) => boolean,
): Mutation {
  return {
    id,
    group: 8,
    title,
    apply(c) {
      const unit = decoyUnit(c);
      if (!unit) return false;
      return hide(c, unit, decoyOf(unit, id));
    },
  };
}

/** Hidden on the decoy itself, inserted right before the real control (first in document order). */
function hiddenSelf(set: (decoy: Element) => void) {
  return (c: MutationCase, unit: Element, d: Element): boolean => {
    set(d);
    c.edit.insertBefore(d, unit);
    return true;
  };
}

/** Hidden by a container (wrapping the decoy in what its kind needs), inserted before the control. */
function hiddenIn(make: (c: MutationCase) => Element) {
  return (c: MutationCase, unit: Element, d: Element): boolean => {
    const placed = structured(c, unit, d);
    if (!placed) return false;
    const box = make(c);
    const slot = box.querySelector("[data-mm-slot]");
    slot?.removeAttribute("data-mm-slot");
    (slot ?? box).appendChild(placed.node);
    c.edit.insertBefore(box, placed.ref);
    return true;
  };
}

/*
 * Hidden copies of a control are everywhere in real consoles: the previous wizard step kept in
 * the DOM, a template row, the mobile toolbar, the same button in every tab panel. Each decoy is
 * an identical copy of the control with its caption, inserted BEFORE it (so "first match" loses).
 */
const decoyDisplayNone = decoy(
  "decoy-display-none",
  'identical decoy with style="display:none" before the control',
  hiddenSelf((d) => addStyle(d, "display: none")),
);
/* Angular `[hidden]` bindings: the wizard steps not shown. */
const decoyHiddenAttr = decoy(
  "decoy-hidden-attr",
  "identical decoy with the hidden attribute",
  hiddenSelf((d) => d.setAttribute("hidden", "")),
);
/* Inactive carousel slides and the page behind a modal are aria-hidden. */
const decoyAriaHidden = decoy(
  "decoy-aria-hidden",
  'identical decoy with aria-hidden="true"',
  hiddenSelf((d) => d.setAttribute("aria-hidden", "true")),
);
/* Collapsed accordions and animated panels: the copy has no size and clips its content. */
const decoyZeroSize = decoy(
  "decoy-zero-size",
  "identical decoy of zero size (width/height 0, overflow hidden)",
  (c, unit, d) => {
    if (STRUCTURAL.has(unit.tagName)) {
      return hiddenIn((cc) => {
        const box = cc.doc.createElement("div");
        box.setAttribute("style", "width: 0; height: 0; overflow: hidden");
        return box;
      })(c, unit, d);
    }
    addStyle(d, "width: 0; height: 0; padding: 0; border: 0; margin: 0; overflow: hidden");
    c.edit.insertBefore(d, unit);
    return true;
  },
);
/* jQuery UI and native dialogs are rendered up front and opened later: a closed <dialog>. */
const decoyClosedDialog = decoy(
  "decoy-closed-dialog",
  "identical decoy inside a closed <dialog> (no open attribute)",
  hiddenIn((c) => {
    // No class: the console's `.ui-dialog { display: flex }` would open it for real.
    return c.doc.createElement("dialog");
  }),
);
/* Inactive tab panels hidden by a class in the site's stylesheet, not by an inline style. */
const decoyHiddenContainer = decoy(
  "decoy-hidden-container",
  "identical decoy in a container hidden by a stylesheet class (display:none)",
  (c, unit, d) => {
    const style = c.doc.createElement("style");
    style.textContent = ".mm-inactive-panel { display: none; }";
    const head = c.doc.head ?? c.doc.documentElement;
    const ok = hiddenIn((cc) => {
      const panel = cc.doc.createElement("div");
      panel.className = "mm-inactive-panel";
      panel.innerHTML = `<div class="panel-body" data-mm-slot></div>`;
      return panel;
    })(c, unit, d);
    if (ok) c.edit.append(head, style);
    return ok;
  },
);

// ---------------------------------------------------------------------------------------------
// 9. The page inside an iframe (run by the harness)

/*
 * The classic console renders its legacy pages in an iframe of the Angular shell; the content
 * script runs in every frame and sees the page as the iframe's document (another window, its own
 * getComputedStyle, its own element classes).
 */
const inIframe: Mutation = {
  id: "in-iframe",
  group: 9,
  title: "whole page inside a same-origin iframe (locate on the iframe's document)",
  frame: true,
  apply: () => false,
};

export const MUTATIONS: readonly Mutation[] = [
  wrapInSpans(1),
  wrapInSpans(2),
  wrapInSpans(3),
  roleToWrapper,
  roleRemoved,
  buttonAsExtLink,
  buttonAsClickableDiv,
  buttonAsBareAnchor,
  nameByAriaLabel,
  nameByLabelledBy,
  nameByTitle,
  nameByLabelFor,
  nameByTableCell,
  checkboxAsAriaGrid,
  whitespace,
  nbsp,
  colon,
  asterisk,
  renamed,
  decoyDisplayNone,
  decoyHiddenAttr,
  decoyAriaHidden,
  decoyZeroSize,
  decoyClosedDialog,
  decoyHiddenContainer,
  inIframe,
];

import { listOf, type TargetRole, type TargetSpec } from "../guide/types";
import { accessibleName, captions, FORM_CONTROL, ROLE_SELECTORS, textOf } from "./accessible-name";
import { commonAncestor, depth, elementsWithText, isVisible, normalizeLabel } from "./dom-text";

/**
 * Finding the control a target describes on markup we did not write.
 *
 * A candidate is matched by its visible text or its accessible name (or, for form controls, the
 * caption beside it), exact first, then normalised, then contained. The spotlight goes on the
 * interactive element that owns the match: native controls and ARIA roles ("strong") before
 * class-name guesses ("weak"), before a non-semantic clickable found from an exact text. Two
 * equally good candidates are an ambiguity: the locator says "not found" rather than guess.
 */

const EXACT = 0;
const NORMALIZED = 1;
const CONTAINS = 2;
type Tier = typeof EXACT | typeof NORMALIZED | typeof CONTAINS;
const TIERS: readonly Tier[] = [EXACT, NORMALIZED, CONTAINS];

/** How sure we are that an element is the control: what the markup says beats a guess. */
const STRONG = 2;
const WEAK = 1;
const CLICKABLE = 0;
export const REAL_CONTROL =
  'button, input, select, textarea, a[href], [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="menuitem"], [role="textbox"], [role="combobox"]';

/** Roles a plain clickable element can stand in for (never form controls: their text is a label). */
const CLICKABLE_ROLES = new Set<TargetRole>(["button", "link", "tab", "menuitem", "treeitem"]);

/** Containment only for names long enough to be specific ("+", "Add", "Next" would match anything). */
const MIN_CONTAINED = 6;
/** A contained match must not be a whole container that merely mentions the name. */
const MAX_EXTRA = 40;

function tierOf(name: string, wanted: string, norm: string): Tier | -1 {
  if (!name) return -1;
  if (name.trim() === wanted) return EXACT;
  const n = normalizeLabel(name);
  if (n === norm) return NORMALIZED;
  if (norm.length >= MIN_CONTAINED && n.length <= norm.length + MAX_EXTRA && n.includes(norm))
    return CONTAINS;
  return -1;
}

function best(names: readonly string[], wanted: string, norm: string): Tier | -1 {
  let t: Tier | -1 = -1;
  for (const n of names) {
    const x = tierOf(n, wanted, norm);
    if (x !== -1 && (t === -1 || x < t)) t = x;
  }
  return t;
}

interface Candidate {
  readonly el: Element;
  readonly rank: number;
  readonly tier: Tier;
}

/** Everything an element could be called: what it shows and what it is named. */
function namesOf(el: Element, role: TargetRole): string[] {
  if (role === "row") return Array.from(el.children, textOf).concat(textOf(el));
  const names = [textOf(el), accessibleName(el)];
  if (el.matches(FORM_CONTROL)) names.push(...captions(el));
  return names;
}

/** Cheap test before the costly name: can this element's text or attributes hold the name at all? */
function mayBeNamed(el: Element, norm: string): boolean {
  if (el.matches(FORM_CONTROL) || el.hasAttribute("aria-labelledby")) return true;
  const bag = [
    el.textContent ?? "",
    el.getAttribute("aria-label") ?? "",
    el.getAttribute("title") ?? "",
    el.getAttribute("alt") ?? "",
    el.getAttribute("value") ?? "",
  ].join(" ");
  return normalizeLabel(bag).includes(norm);
}

function roleCandidates(doc: Document, roles: readonly TargetRole[], wanted: string, out: Candidate[]): void {
  const norm = normalizeLabel(wanted);
  for (const role of roles) {
    const sel = ROLE_SELECTORS[role];
    for (const [selector, rank] of [
      [sel.strong, STRONG],
      [sel.weak, WEAK],
    ] as const) {
      if (!selector) continue;
      for (const el of Array.from(doc.querySelectorAll(selector))) {
        if (!mayBeNamed(el, norm) || !isVisible(el)) continue;
        const tier = best(namesOf(el, role), wanted, norm);
        if (tier === -1) continue;
        // A class guess holding real controls is a container (a dialog, a toolbar), not a control.
        if (rank === WEAK && el.querySelector(REAL_CONTROL)) continue;
        // A class guess is often a part of the control (`mdc-button__label`): spotlight the whole.
        out.push({ el: rank === WEAK ? (clickableOwner(el) ?? el) : el, rank, tier });
      }
    }
  }
}

/**
 * Last resort: a control with no role at all (a `div` header with a click handler, an `<a>` without
 * `href`), found from its exact text. Climbs from the text to the element that makes it clickable,
 * as long as that element still shows nothing but this text.
 */
function clickableCandidates(doc: Document, wanted: string, out: Candidate[]): void {
  const norm = normalizeLabel(wanted);
  const root = doc.body ?? doc.documentElement;
  for (const start of elementsWithText(root, wanted)) {
    if (normalizeLabel(start.textContent ?? "") !== norm) continue;
    const owner = clickableOwner(start);
    if (owner) out.push({ el: owner, rank: CLICKABLE, tier: EXACT });
  }
}

/** The element that makes `el` clickable, climbing while it shows nothing but the same text. */
function clickableOwner(start: Element): Element | null {
  const text = normalizeLabel(start.textContent ?? "");
  const root = start.ownerDocument.body;
  let owner: Element | null = null;
  const ids: string[] = [];
  let el: Element | null = start;
  for (let i = 0; el && el !== root && i < 5; el = el.parentElement, i++) {
    if (normalizeLabel(el.textContent ?? "") !== text) break;
    if (el.id) ids.push(el.id);
    if (isClickable(el)) owner = el;
  }
  // Past the text's own box: an element that names itself by this text (aria-labelledby) owns it.
  for (let i = 0; el && el !== root && i < 3 && ids.length > 0; el = el.parentElement, i++) {
    const by = el.getAttribute("aria-labelledby")?.split(/\s+/) ?? [];
    if (by.some((id) => ids.includes(id)) && operable(el)) return el;
  }
  return owner;
}

/** Something a person can operate (not a dialog or region that a title names). */
function operable(el: Element): boolean {
  if (el.matches(OPERABLE_ROLES) || el.hasAttribute("onclick")) return true;
  const tabindex = Number(el.getAttribute("tabindex") ?? "-1");
  return tabindex >= 0;
}
export const OPERABLE_ROLES =
  '[role="button"], [role="link"], [role="tab"], [role="treeitem"], [role="menuitem"], [role="option"], [role="checkbox"], [role="radio"], [role="switch"]';

function isClickable(el: Element): boolean {
  if (el.hasAttribute("onclick") || el.hasAttribute("tabindex") || el.hasAttribute("ng-click")) return true;
  if (el.tagName === "A") return true;
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  // `cursor` is inherited: only the element that sets it counts, not its children.
  const own = win.getComputedStyle(el).cursor === "pointer";
  const parent = el.parentElement;
  return own && !(parent && win.getComputedStyle(parent).cursor === "pointer");
}

/** Keeps one element per control: of two nested matches, the stronger; at equal strength, the inner one. */
function distinct(cands: Candidate[]): Candidate[] {
  const sorted = [...cands].sort((a, b) => b.rank - a.rank || depth(b.el) - depth(a.el));
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (kept.some((k) => k.el === c.el || k.el.contains(c.el) || c.el.contains(k.el))) continue;
    kept.push(c);
  }
  return kept;
}

/** The visible elements showing an anchor text: exact matches, else those that contain it. */
function anchorElements(doc: Document, anchors: readonly string[]): Element[] {
  const root = doc.body ?? doc.documentElement;
  return anchors.flatMap((text) => {
    const exact = elementsWithText(root, text);
    return exact.length > 0 ? exact : elementsWithText(root, text, true);
  });
}

/**
 * How tightly a candidate sits with the anchor text (`within` a container, `near` a label): the
 * depth of their lowest common ancestor (deeper is tighter), then how few levels the candidate
 * sits below it. -1 when they share no real container.
 */
function closeness(doc: Document, el: Element, anchorEls: readonly Element[]): number {
  let score = -1;
  const own = depth(el);
  for (const a of anchorEls) {
    if (a === el || el.contains(a)) {
      score = Math.max(score, own * 1000);
      continue;
    }
    const lca = commonAncestor(a, el);
    if (!lca || lca === doc.body || lca === doc.documentElement) continue;
    const d = depth(lca);
    score = Math.max(score, d * 1000 - Math.min(own - d, 999));
  }
  return score;
}

/** The depth of the shared container a `closeness` score stands for (-1: none). */
function lcaDepth(score: number): number {
  return score < 0 ? -1 : Math.ceil(score / 1000);
}

/** Whether a text occurrence belongs to a candidate: inside it, or the label naming it. */
function owns(el: Element, text: Element): boolean {
  if (el.contains(text) || text.contains(el)) return true;
  const by = el.getAttribute("aria-labelledby")?.split(/\s+/) ?? [];
  if (text.id && by.includes(text.id)) return true;
  const labels = (el as HTMLInputElement).labels;
  return !!labels && Array.from(labels).some((l) => l === text || l.contains(text));
}

const AMBIGUOUS = "ambiguous";
type Choice = Element | null | typeof AMBIGUOUS;

/** The one best candidate; null when none fits; AMBIGUOUS when two are equally good (never a guess). */
function choose(doc: Document, spec: TargetSpec, cands: Candidate[]): Choice {
  if (cands.length === 0) return null;
  const top = Math.max(...cands.map((c) => c.rank));
  const pool = distinct(cands.filter((c) => c.rank === top));
  const anchors = [...listOf(spec.within), ...listOf(spec.near)];
  if (anchors.length === 0) return pool.length === 1 ? (pool[0]?.el ?? null) : AMBIGUOUS;
  const anchorEls = anchorElements(doc, anchors);
  // The name's own text closest to the anchor marks where the wanted control is: a candidate
  // further away is another row's control (another permission's "Read"), not a weaker match.
  const occurrences = spec.name
    .flatMap((n) => elementsWithText(doc.body ?? doc.documentElement, n))
    .map((el) => ({ el, depth: lcaDepth(closeness(doc, el, anchorEls)) }));
  const nearest = Math.max(-1, ...occurrences.map((o) => o.depth));
  const closest = occurrences.filter((o) => o.depth === nearest).map((o) => o.el);
  let winner: Element | null = null;
  let bestScore = -1;
  let tie = false;
  for (const c of pool) {
    const score = closeness(doc, c.el, anchorEls);
    if (lcaDepth(score) < nearest && !closest.some((o) => owns(c.el, o))) continue;
    if (score > bestScore) {
      winner = c.el;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) {
      tie = true;
    }
  }
  if (bestScore < 0) return null;
  return tie ? AMBIGUOUS : winner;
}

function textTarget(doc: Document, spec: TargetSpec): Element | null {
  const root = doc.body ?? doc.documentElement;
  const anchors = [...listOf(spec.within), ...listOf(spec.near)];
  for (const exact of [true, false]) {
    for (const wanted of spec.name) {
      const norm = normalizeLabel(wanted);
      // A sentence that mentions the label ("Copy the client secret now…") is not the label.
      const found = elementsWithText(root, wanted, !exact).filter(
        (el) => exact || normalizeLabel(el.textContent ?? "").length <= norm.length + MAX_EXTRA,
      );
      if (found.length === 0) continue;
      if (anchors.length === 0) return found[0] ?? null;
      const chosen = choose(
        doc,
        spec,
        found.map((el) => ({ el, rank: STRONG, tier: EXACT })),
      );
      if (chosen === AMBIGUOUS) return null;
      if (chosen) return chosen;
    }
  }
  return null;
}

/**
 * Finds the visible element a target describes, or null (absent, or ambiguous). Names are tried
 * exact, then normalised, then contained, each name in turn; `css` is tried last.
 */
export function locate(doc: Document, spec: TargetSpec): Element | null {
  const roles = listOf(spec.role);
  if (roles.includes("text")) return textTarget(doc, spec);
  const byName = spec.name.map((wanted) => {
    const found: Candidate[] = [];
    roleCandidates(doc, roles, wanted, found);
    return { wanted, found };
  });
  for (const tier of TIERS) {
    for (const { found } of byName) {
      const chosen = choose(
        doc,
        spec,
        found.filter((c) => c.tier === tier),
      );
      // Two equally good matches: a looser match elsewhere would only be a guess.
      if (chosen === AMBIGUOUS) return null;
      if (chosen) return chosen;
    }
  }
  // Last resort, exact text only: a control the markup does not call a control at all.
  if (roles.some((r) => CLICKABLE_ROLES.has(r))) {
    for (const { wanted } of byName) {
      const clickables: Candidate[] = [];
      clickableCandidates(doc, wanted, clickables);
      const chosen = choose(doc, spec, clickables);
      if (chosen === AMBIGUOUS) return null;
      if (chosen) return chosen;
    }
  }
  if (spec.css) {
    const hits = Array.from(doc.querySelectorAll(spec.css)).filter(isVisible);
    if (hits.length === 1) return hits[0] ?? null;
  }
  return null;
}

/**
 * Whether the control is already in the state the step wants, so it is not the next move: a tab
 * already selected, a box already ticked, a section already expanded, a toggle already pressed.
 */
export function alreadyDone(el: Element): boolean {
  if ((el as HTMLInputElement).checked === true || el.getAttribute("aria-checked") === "true") return true;
  if (el.getAttribute("aria-selected") === "true" || el.getAttribute("aria-expanded") === "true") return true;
  if (el.getAttribute("aria-pressed") === "true") return true;
  const current = el.getAttribute("aria-current");
  if (current && current !== "false") return true;
  const chain = [el, el.parentElement, el.parentElement?.parentElement];
  const tabLike =
    el.getAttribute("role") === "tab" || chain.some((e) => TAB_CLASS.test(e?.getAttribute("class") ?? ""));
  if (!tabLike) return false;
  return [el, el.parentElement].some(
    (e) => !!e && e.tagName !== "UL" && ACTIVE_CLASS.test(e.getAttribute("class") ?? ""),
  );
}

/** Tab bars without ARIA: `x-tab`, `nav-tabs`, `tab-item`… (not `table`). */
const TAB_CLASS = /(^|[\s_-])tab(s|bar|list|item|strip)?($|[\s_-])/i;
const ACTIVE_CLASS = /(^|[\s_-])(active|selected|current)($|[\s_-])/i;

/**
 * The control to use now: the first target (latest stage first) that is visible, not already done
 * and not disabled. A disabled control (a final button waiting for the form) is the answer only
 * when no earlier stage is there to work on. Null when every target is missing or done: the panel
 * then says what to look for.
 */
export function locateFirst(
  doc: Document,
  specs: readonly TargetSpec[],
): { index: number; element: Element } | null {
  let waiting: { index: number; element: Element } | null = null;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    if (!spec) continue;
    const element = locate(doc, spec);
    if (!element || alreadyDone(element)) continue;
    if (!isDisabled(element)) return { index: i, element };
    waiting ??= { index: i, element };
  }
  return waiting;
}

export function isDisabled(el: Element): boolean {
  return (el as HTMLButtonElement).disabled === true || el.getAttribute("aria-disabled") === "true";
}

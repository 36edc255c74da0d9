import type { TargetSpec } from "../guide/types";
import { accessibleName, ROLE_SELECTORS } from "./accessible-name";
import { commonAncestor, depth, elementsWithText, isVisible, normalize } from "./dom-text";

type Tier = "exact" | "normalized" | "contains";
const TIERS: readonly Tier[] = ["exact", "normalized", "contains"];

function nameMatches(name: string, wanted: string, tier: Tier, role: TargetSpec["role"]): boolean {
  if (tier === "exact") return name.trim() === wanted;
  const n = normalize(name);
  const w = normalize(wanted);
  if (tier === "normalized") return n === w;
  // "contains" for short names ("+", "Add", "Next") would match almost anything.
  if (w.length < 6) return false;
  if (role === "row") return n.includes(w);
  return n.includes(w);
}

function candidates(root: Document, spec: TargetSpec): Element[] {
  if (spec.role === "text") return [];
  return Array.from(root.querySelectorAll(ROLE_SELECTORS[spec.role])).filter(isVisible);
}

/** Rows are named by their cells; a row matches exactly when one of its cells does. */
function rowCellMatches(row: Element, wanted: string, tier: Tier): boolean {
  return Array.from(row.children).some((cell) => nameMatches(cell.textContent ?? "", wanted, tier, "text"));
}

/**
 * How well a candidate sits inside the container named by `within` / next to the label named by
 * `near`: the depth of its lowest common ancestor with the nearest anchor text (deeper = tighter).
 * -1 when no anchor shares a real container with it.
 */
function closeness(doc: Document, el: Element, anchorText: string): number {
  let anchors = elementsWithText(doc.body ?? doc.documentElement, anchorText);
  if (anchors.length === 0) anchors = elementsWithText(doc.body ?? doc.documentElement, anchorText, true);
  let best = -1;
  for (const a of anchors) {
    if (a === el || el.contains(a)) {
      best = Math.max(best, depth(el));
      continue;
    }
    const lca = commonAncestor(a, el);
    if (!lca || lca === doc.body || lca === doc.documentElement) continue;
    best = Math.max(best, depth(lca));
  }
  return best;
}

function textCandidates(doc: Document, wanted: string, tier: Tier): Element[] {
  const root = doc.body ?? doc.documentElement;
  if (tier === "exact") {
    return elementsWithText(root, wanted).filter((e) => (e.textContent ?? "").trim() === wanted);
  }
  return elementsWithText(root, wanted, tier === "contains");
}

/**
 * Finds the visible element a target describes, or null. Names are tried exact, then normalised,
 * then contained; `within`/`near` keep the candidate in the tightest container around the anchor
 * text; `css` is tried last.
 */
export function locate(doc: Document, spec: TargetSpec): Element | null {
  const pool = candidates(doc, spec);
  for (const tier of TIERS) {
    for (const wanted of spec.name) {
      const matches =
        spec.role === "text"
          ? textCandidates(doc, wanted, tier)
          : pool.filter((el) =>
              spec.role === "row" && tier !== "contains"
                ? rowCellMatches(el, wanted, tier)
                : nameMatches(accessibleName(el), wanted, tier, spec.role),
            );
      if (matches.length === 0) continue;
      const anchor = spec.within ?? spec.near;
      if (!anchor) return smallest(matches);
      let best: Element | null = null;
      let bestScore = -1;
      for (const el of matches) {
        const score = closeness(doc, el, anchor);
        if (score > bestScore) {
          best = el;
          bestScore = score;
        }
      }
      if (best && bestScore >= 0) return best;
    }
  }
  if (spec.css) {
    for (const el of Array.from(doc.querySelectorAll(spec.css))) if (isVisible(el)) return el;
  }
  return null;
}

/** Among equal matches, the innermost (a button inside a matching card, not the card). */
function smallest(els: Element[]): Element {
  return els.reduce((a, b) => (depth(b) > depth(a) ? b : a));
}

/** The first target of a step that is visible now: later stages are listed first. */
export function locateFirst(
  doc: Document,
  specs: readonly TargetSpec[],
): { index: number; element: Element } | null {
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    if (!spec) continue;
    const element = locate(doc, spec);
    if (element) return { index: i, element };
  }
  return null;
}

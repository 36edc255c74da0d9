/** Text and visibility as a person perceives them. */

export function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** A label as a person reads it: also without a trailing colon or required-field asterisk. */
export function normalizeLabel(text: string): string {
  return normalize(text).replace(/^[*:\s]+|[*:\s]+$/g, "");
}

/** Hidden elements never match: display/visibility/hidden/inert/zero opacity, or no box at all. */
export function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  // A closed <dialog> or <details> hides its content whatever the styles say. Inert content cannot
  // be clicked or focused (checkVisibility does not look at it): pointing at it would mislead.
  if (el.closest("dialog:not([open]), [inert]")) return false;
  const details = el.closest("details:not([open])");
  if (details && !el.closest("summary")) return false;
  const withCheck = el as Element & { checkVisibility?: (o?: Record<string, boolean>) => boolean };
  if (typeof withCheck.checkVisibility === "function" && hasLayout(el)) {
    if (!withCheck.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    // A box of zero size (collapsed panel) is as good as hidden, unless it is a native control.
    const r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
  }
  // No layout engine (unit tests): fall back to styles and attributes along the ancestor chain.
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (e.hasAttribute("hidden") || e.getAttribute("aria-hidden") === "true") return false;
    const style = e.ownerDocument.defaultView?.getComputedStyle(e);
    if (style && (style.display === "none" || style.visibility === "hidden" || style.opacity === "0"))
      return false;
    // A box of no size that clips its content (a collapsed accordion) shows nothing.
    if (style && isZero(style.width) && isZero(style.height) && (e === el || style.overflow === "hidden"))
      return false;
  }
  return true;
}

const isZero = (length: string) => /^0(px)?$/.test(length.trim());

/** happy-dom and other layout-less DOMs report zero boxes for everything. */
function hasLayout(el: Element): boolean {
  const root = el.ownerDocument.documentElement;
  const r = root.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

/** Visible text nodes' parents whose normalized text equals (or, if `contains`, includes) `text`. */
export function elementsWithText(root: ParentNode, text: string, contains = false): Element[] {
  const wanted = normalizeLabel(text);
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, 4 /* NodeFilter.SHOW_TEXT */);
  const found: Element[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const value = normalizeLabel(n.nodeValue ?? "");
    if (!value) continue;
    if (value === wanted || (contains && value.includes(wanted))) {
      const parent = n.parentElement;
      if (parent && !found.includes(parent) && isVisible(parent)) found.push(parent);
    }
  }
  return found;
}

export function depth(el: Element): number {
  let d = 0;
  for (let e: Element | null = el; e; e = e.parentElement) d++;
  return d;
}

export function commonAncestor(a: Element, b: Element): Element | null {
  const seen = new Set<Element>();
  for (let e: Element | null = a; e; e = e.parentElement) seen.add(e);
  for (let e: Element | null = b; e; e = e.parentElement) if (seen.has(e)) return e;
  return null;
}

import type { DetectablePage } from "../guide/types";
import { isVisible, normalize } from "./dom-text";

export interface Detection {
  readonly pageId: string;
  readonly score: number;
}

/** What a frame shows, gathered in one pass so scoring every page costs one DOM walk. */
export interface PageSignals {
  readonly url: string;
  readonly texts: ReadonlySet<string>;
  readonly headings: ReadonlySet<string>;
  readonly crumbs: readonly string[];
  readonly tabs: ReadonlySet<string>;
  /** Headings inside an open modal dialog or side panel: what the user is looking at now. */
  readonly dialogHeadings: ReadonlySet<string>;
}

const DIALOG_SELECTOR = '[role="dialog"], [aria-modal="true"], dialog[open], .ui-dialog, .cdk-overlay-pane';
const HEADING_SELECTOR = 'h1, h2, h3, h4, [role="heading"], legend, .ui-dialog-title, [class*="title" i]';
const CRUMB_SELECTOR =
  '.mc-crumbs div > span, [aria-label*="breadcrumb" i] li, .breadcrumb li, [class*="crumb" i] span';
const MAX_TEXT_NODES = 20_000;

function visibleTexts(els: Iterable<Element>): Set<string> {
  const out = new Set<string>();
  for (const el of els) {
    const t = normalize(el.textContent ?? "");
    if (t && t.length < 120 && isVisible(el)) out.add(t);
  }
  return out;
}

export function gatherSignals(doc: Document, url: string): PageSignals {
  const texts = new Set<string>();
  const root = doc.body ?? doc.documentElement;
  const walker = doc.createTreeWalker(root, 4 /* SHOW_TEXT */);
  const checked = new Map<Element, boolean>();
  let count = 0;
  for (let n = walker.nextNode(); n && count < MAX_TEXT_NODES; n = walker.nextNode(), count++) {
    const t = normalize(n.nodeValue ?? "");
    if (!t || t.length > 120 || texts.has(t)) continue;
    const parent = n.parentElement;
    if (!parent || parent.closest("script, style, noscript, template")) continue;
    let visible = checked.get(parent);
    if (visible === undefined) {
      visible = isVisible(parent);
      checked.set(parent, visible);
    }
    if (visible) texts.add(t);
  }
  const crumbs = Array.from(doc.querySelectorAll(CRUMB_SELECTOR))
    .filter(isVisible)
    .map((e) => normalize(e.textContent ?? ""))
    .filter(Boolean);
  return {
    url: url.toLowerCase(),
    texts,
    headings: visibleTexts(doc.querySelectorAll(HEADING_SELECTOR)),
    crumbs,
    tabs: visibleTexts(doc.querySelectorAll('[role="tab"]')),
    dialogHeadings: visibleTexts(
      Array.from(doc.querySelectorAll(DIALOG_SELECTOR)).flatMap((d) =>
        Array.from(d.querySelectorAll(HEADING_SELECTOR)),
      ),
    ),
  };
}

/**
 * Scores one page. Visible text decides: the URL adds a point but never makes a page on its own
 * (older pages live in frames whose URL says little, and hash routes lag behind the view).
 */
export function scorePage(page: DetectablePage, s: PageSignals): number {
  let text = 0;
  const headingHits = page.headings.filter((h) => s.headings.has(normalize(h))).length;
  text += Math.min(headingHits, 2) * 3;
  // A dialog's own title outweighs the page still visible beneath it.
  if (page.headings.some((h) => s.dialogHeadings.has(normalize(h)))) text += 4;
  const lastCrumb = s.crumbs.at(-1);
  if (lastCrumb && page.breadcrumbs.some((b) => normalize(b) === lastCrumb)) text += 3;
  if (page.tabs.some((t) => s.tabs.has(normalize(t)))) text += 2;
  text += Math.min(page.controls.filter((c) => s.texts.has(normalize(c))).length, 3);
  if (text === 0) return 0;
  if (page.absent?.some((a) => s.texts.has(normalize(a)))) text -= 5;
  const url = page.urlHints.some((h) => s.url.includes(h.toLowerCase())) ? 1 : 0;
  return text + url;
}

export const MIN_SCORE = 3;

/** The best-scoring page, or null when no page is recognisable enough. */
export function detectPage(pages: readonly DetectablePage[], signals: PageSignals): Detection | null {
  let best: Detection | null = null;
  for (const page of pages) {
    const score = scorePage(page, signals);
    if (score >= MIN_SCORE && (!best || score > best.score)) best = { pageId: page.id, score };
  }
  return best;
}

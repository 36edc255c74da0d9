import type { DetectablePage, Step, TargetSpec } from "../guide/types";
import { normalize } from "./dom-text";

/** What the frame agent cares about; the watcher asks once per batch of mutations. */
export interface WatchInterest {
  /** Normalized texts whose appearance, disappearance or change matters (see `textsOfInterest`). */
  wantedTexts(): readonly string[];
  /** The spotlighted element, if any. */
  currentTarget(): Element | null;
  /** Our own overlay: never a reason to work. */
  isOurs(node: Node): boolean;
}

/**
 * Elements whose mere arrival or departure can change what the agent shows, whatever their text:
 * dialogs and side panels (detection, panel docking), breadcrumbs (the last level scores),
 * headings and tabs, and style sheets (they can hide or show anything). Kept in step with
 * `detect.ts`, except `[class*="title"]`: such elements only count through their text, which the
 * text check sees, and charts and tickers are full of them.
 */
const STRUCTURAL =
  'h1, h2, h3, h4, [role="heading"], legend, .ui-dialog-title, [role="tab"], [role="dialog"], [aria-modal="true"], dialog, .ui-dialog, .cdk-overlay-pane, [aria-label*="breadcrumb" i], [class*="crumb" i], style, link';
/** Keys whose strings are not visible texts (ids, roles, selectors, descriptions for people). */
const NOT_TEXT = /^(id|role|kind|css|describe|urlHints|sources)$/;

/**
 * Every text of the guide that can change what this frame reports or shows: all detection signals
 * of all pages, and the step's target and completion names, `within`/`near` anchors and values.
 * Collected generically, so a field added to the guide later is watched too (over-inclusive is safe).
 */
export function textsOfInterest(
  pages: readonly DetectablePage[],
  step: Pick<Step, "targets" | "completion"> | null | undefined,
  learned?: TargetSpec,
): string[] {
  const texts = new Set<string>();
  const collect = (x: unknown, key: string): void => {
    if (NOT_TEXT.test(key)) return;
    if (typeof x === "string") texts.add(normalize(x));
    else if (Array.isArray(x)) for (const v of x) collect(v, key);
    else if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) collect(v, k);
  };
  collect([pages, step?.targets, step?.completion, learned], "");
  texts.delete("");
  return [...texts];
}

let compiledFor: readonly string[] | undefined;
let anyWanted = /$^/;
let allWanted = "";

/**
 * Whether a text holds a wanted text, or is a word-sized part of one ("Logging" of an "Enhanced
 * <b>Logging</b>" button). Over-inclusive on purpose: a false hit costs one update, a miss a stale guide.
 */
export function mentionsWanted(text: string | null | undefined, wanted: readonly string[]): boolean {
  const t = normalize(text ?? "");
  if (wanted !== compiledFor) {
    // One regular expression and one string per list, instead of two searches per wanted text.
    // (Never empty: every page's signals are in it. Empty texts match none of them.)
    compiledFor = wanted;
    anyWanted = RegExp(wanted.map((w) => w.replace(/\W/g, "\\$&")).join("|"));
    allWanted = wanted.join("\n");
  }
  return anyWanted.test(t) || (t.length >= 4 && allWanted.includes(t));
}

/**
 * Whether a batch of mutations could change page detection, the spotlight target or completion.
 * The common storm record (a clock's text, a chart bar's style, a ticker line far from the target)
 * costs a few string comparisons and schedules nothing.
 */
export function isRelevant(records: readonly MutationRecord[], interest: WatchInterest): boolean {
  const target = interest.currentTarget();
  // The target was re-rendered or removed: find it again.
  if (target && !target.isConnected) return true;
  const wanted = interest.wantedTexts();
  // A storm repeats itself: the same bar's style and class, the same clock text. Judge each once.
  let seen: Set<Node> | undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as MutationRecord;
    const node = r.target;
    // A checkbox ticked: it may complete a step even when its name lives elsewhere (aria-labelledby).
    if (r.attributeName === "aria-checked" && !interest.isOurs(node)) return true;
    if (r.type !== "childList") {
      seen ??= new Set();
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (interest.isOurs(node)) continue;
    // Inside the target: its label, its state, its content re-rendered.
    if (target?.contains(node)) return true;
    if (r.type === "characterData") {
      if (mentionsWanted(node.nodeValue, wanted) || mentionsWanted(r.oldValue, wanted)) return true;
    } else if (r.type === "attributes") {
      const el = node as Element;
      // The target's ancestors: class/style/hidden/open there can hide or show it.
      if (target && el.contains(target)) return true;
      if (el.matches(STRUCTURAL)) return true;
      if (mentionsWanted(el.textContent, wanted)) return true;
    } else if (changedNodesMatter(r.addedNodes, wanted) || changedNodesMatter(r.removedNodes, wanted)) {
      return true;
    }
  }
  return false;
}

/**
 * Children added or removed only matter through what they are or hold: a target they took away is
 * no longer connected (checked first); with no target found, one that could be it shows a wanted text.
 */
function changedNodesMatter(nodes: NodeList, wanted: readonly string[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Node;
    if (n.nodeType === 3 /* TEXT_NODE */ && mentionsWanted(n.nodeValue, wanted)) return true;
    // (Our overlay host arriving holds nothing: its content lives in its shadow root.)
    if (n.nodeType !== 1 /* ELEMENT_NODE */) continue;
    const el = n as Element;
    if (mentionsWanted(el.textContent, wanted) || el.matches(STRUCTURAL)) return true;
    if (el.childElementCount && el.querySelector(STRUCTURAL)) return true;
  }
  return false;
}

/**
 * Calls `onChange` at most once per animation frame, and only after something that matters
 * changed: relevant DOM mutations (one MutationObserver, filtered by `isRelevant`), scrolling
 * anywhere (capture phase, so inner containers count), resizing, form changes, and size or position
 * changes of the watched element. Nothing runs while the page is still, or while only unrelated
 * parts of it change. Everything stops when `signal` aborts.
 */
export class ChangeWatcher {
  #frame = 0;
  readonly #mutations: MutationObserver;
  readonly #resize: ResizeObserver | undefined;
  #move: IntersectionObserver | undefined;
  /** The root margin the position watch was armed with: where the element was. */
  #armedAt = "";
  #watched: Element | null = null;
  #mutated = false;
  readonly #onEvent = () => this.schedule(false);

  readonly #doc: Document;
  readonly #onChange: (domChanged: boolean) => void;
  readonly #interest: WatchInterest;
  readonly #signal: AbortSignal;

  constructor(
    doc: Document,
    onChange: (domChanged: boolean) => void,
    interest: WatchInterest,
    signal: AbortSignal,
  ) {
    this.#doc = doc;
    this.#onChange = onChange;
    this.#interest = interest;
    this.#signal = signal;
    this.#mutations = new MutationObserver((records) => {
      if (isRelevant(records, this.#interest)) this.schedule(true);
    });
    const win = doc.defaultView;
    this.#resize = win && "ResizeObserver" in win ? new win.ResizeObserver(this.#onEvent) : undefined;
    signal.addEventListener("abort", () => this.#stop());
  }

  start(): void {
    this.#mutations.observe(this.#doc.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      characterDataOldValue: true,
      attributeFilter: [
        "class",
        "style",
        "hidden",
        "aria-hidden",
        "aria-expanded",
        "aria-selected",
        "aria-checked",
        "open",
        "disabled",
      ],
    });
    const win = this.#doc.defaultView;
    const signal = this.#signal;
    this.#doc.addEventListener("scroll", this.#onEvent, { capture: true, passive: true, signal });
    this.#doc.addEventListener("change", this.#onChangeEvent, { capture: true, signal });
    win?.addEventListener("resize", this.#onEvent, { passive: true, signal });
    win?.addEventListener("hashchange", this.#onChangeEvent, { signal });
  }

  #stop(): void {
    this.#mutations.disconnect();
    this.#resize?.disconnect();
    this.#move?.disconnect();
    if (this.#frame) this.#doc.defaultView?.cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Form state changes (`checked`, `value`) do not mutate the DOM: treat them as content changes. */
  readonly #onChangeEvent = () => this.schedule(true);

  /**
   * Follows one element (the spotlight target): its size, and its position, which unrelated
   * mutations may shift without touching it. Called after every update, so the position watch is
   * re-armed where the element now is.
   */
  observe(el: Element | null): void {
    this.#watchPosition(el);
    if (el === this.#watched) return;
    if (this.#watched) this.#resize?.unobserve(this.#watched);
    this.#watched = el;
    if (el) this.#resize?.observe(el);
  }

  /**
   * An IntersectionObserver whose root is shrunk (negative margins) to the element's own box: its
   * visible share changes, and the observer fires, as soon as the element moves; while it stays
   * put, it costs nothing. Its first report only says where the element is now.
   */
  #watchPosition(el: Element | null): void {
    const r = el?.getBoundingClientRect();
    const root = this.#doc.documentElement;
    const rootMargin = r
      ? [r.top, root.clientWidth - r.right, root.clientHeight - r.bottom, r.left]
          .map((v) => `${-Math.floor(v)}px`)
          .join(" ")
      : "";
    // Already watching this element at this place: nothing to re-arm.
    if (el === this.#watched && rootMargin === this.#armedAt) return;
    this.#move?.disconnect();
    this.#move = undefined;
    this.#armedAt = rootMargin;
    if (!el || !r?.width || !r.height) return;
    let first = true;
    this.#move = new IntersectionObserver(
      () => {
        if (!first) this.schedule(false);
        first = false;
      },
      // Every 1%: a clipped element (ratio < 1) that moves crosses one of these too.
      { root: this.#doc, rootMargin, threshold: Array.from({ length: 101 }, (_, i) => i / 100) },
    );
    this.#move.observe(el);
  }

  schedule(domChanged: boolean): void {
    if (this.#signal.aborted) return;
    this.#mutated ||= domChanged;
    if (this.#frame) return;
    const win = this.#doc.defaultView;
    if (!win) return;
    this.#frame = win.requestAnimationFrame(() => {
      this.#frame = 0;
      const changed = this.#mutated;
      this.#mutated = false;
      this.#onChange(changed);
    });
  }
}

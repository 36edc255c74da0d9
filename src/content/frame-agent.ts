import { learnedSpec, standsFor } from "../guide/learned";
import { type Completion, type DetectablePage, stepIsOn, type TargetSpec } from "../guide/types";
import type { ContentRequest, GuideView } from "../lib/guide-messages";
import { detectPage, gatherSignals } from "./detect";
import { normalize } from "./dom-text";
import { fillSuggested } from "./fill";
import { isDisabled, locate, locateFirst } from "./locate";
import { attach, type OverlayHost } from "./overlay-host";
import { controlAt, signatureOf } from "./pick";
import { placeSpotlight } from "./spotlight";
import { isGuideView } from "./view-guard";
import { ChangeWatcher, textsOfInterest } from "./watch";

const DETECT_EVERY_MS = 250;
/** What pick mode holds back from the console: the user's click picks, it does not act (yet). */
const PICK_EVENTS = [
  "pointerdown",
  "mousedown",
  "pointerup",
  "mouseup",
  "click",
  "dblclick",
  "contextmenu",
  "keydown",
];

export interface PageReport {
  url: string;
  detection: { pageId: string; score: number } | null;
  api1Missing: boolean;
}

/**
 * What every frame does: tell the service worker which page it shows, find the current step's
 * control in its own document, draw the spotlight there, and notice when the step is completed.
 */
export class FrameAgent {
  #view: GuideView | null = null;
  #target: Element | null = null;
  /** The control the learned target found (null: the guide's own targets found one, or nothing). */
  #learnedEl: Element | null = null;
  /** The control this frame's user picked in pick mode, kept until "Use this" replays the click. */
  #pick: { id: string; el: Element } | null = null;
  #reported: { stepId: string; found: boolean; learned: boolean } | undefined;
  /** Which step stage was last brought into view, so the page is scrolled once, not on every change. */
  #revealed = "";
  readonly #completedSent = new Set<string>();
  #lastReport = "";
  /**
   * The page this document last reported: a report naming it again (worker restart, back/forward
   * cache, a detection score that moved) is not a new arrival, and says so.
   */
  #lastPage: string | null = null;
  #lastDetect = 0;
  #detectTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #watcher: ChangeWatcher;
  /** Every listener, observer and timer of this agent ends with it (`stop`). */
  readonly #abort = new AbortController();
  /** Texts whose changes matter to this frame (detection signals, the step's names): the mutation filter. */
  #wanted: readonly string[];

  readonly #doc: Document;
  readonly #pages: readonly DetectablePage[];
  readonly #overlay: OverlayHost;
  readonly #send: (message: ContentRequest) => Promise<unknown>;
  readonly #onViewChange: (view: GuideView | null, target: Element | null) => void;

  constructor(
    doc: Document,
    pages: readonly DetectablePage[],
    overlay: OverlayHost,
    send: (message: ContentRequest) => Promise<unknown>,
    /** Called after the view changed or the target moved: the top frame re-renders its panel. */
    onViewChange: (view: GuideView | null, target: Element | null) => void,
  ) {
    this.#doc = doc;
    this.#pages = pages;
    this.#overlay = overlay;
    this.#send = send;
    this.#onViewChange = onViewChange;
    this.#wanted = textsOfInterest(pages, null);
    this.#watcher = new ChangeWatcher(
      doc,
      (changed) => this.#onChange(changed),
      {
        wantedTexts: () => this.#wanted,
        currentTarget: () => this.#target,
        isOurs: (n) => overlay.host.contains(n),
      },
      this.#abort.signal,
    );
  }

  /**
   * Ends the agent: listeners, observers, timers, overlay. For a document that is going away for
   * good, or an extension context that was invalidated (extension reloaded or removed).
   */
  stop(): void {
    this.#abort.abort();
    clearTimeout(this.#detectTimer);
    this.#overlay.host.remove();
  }

  report(): PageReport {
    const s = gatherSignals(this.#doc, this.#doc.location.href);
    const has = (t: string) => s.texts.has(normalize(t));
    return {
      url: this.#doc.location.href,
      detection: detectPage(this.#pages, s),
      api1Missing: this.#pages.some(
        (p) => !!p.api1Off && p.api1Off.present.some(has) && !p.api1Off.absent.some(has),
      ),
    };
  }

  async start(): Promise<void> {
    const signal = this.#abort.signal;
    const win = this.#doc.defaultView;
    this.#doc.addEventListener("click", this.#onClick, { capture: true, signal });
    // Window, capture phase: before any listener of the console's.
    for (const type of PICK_EVENTS) win?.addEventListener(type, this.#onPickEvent, { capture: true, signal });
    win?.addEventListener(
      "pagehide",
      (e) => {
        void this.#send({ type: "frame/gone" });
        if (!e.persisted) this.stop();
      },
      { signal },
    );
    // Restored from the back/forward cache: the worker heard "gone", so announce the page again.
    win?.addEventListener("pageshow", (e) => e.persisted && this.rehello(), { signal });
    this.#watcher.start();
    const page = this.report();
    this.#lastReport = JSON.stringify(page);
    this.#lastPage = page.detection?.pageId ?? null;
    this.#lastDetect = Date.now();
    this.setView(await this.#send({ type: "frame/hello", page }));
  }

  /** A view from the service worker (hello reply or broadcast); anything malformed means no guide. */
  setView(view: unknown): void {
    if (this.#abort.signal.aborted) return;
    this.#view = isGuideView(view) ? view : null;
    this.#wanted = textsOfInterest(this.#pages, this.#view?.step, this.#view?.learned);
    // `reported` is kept: re-reporting on every broadcast would make the broadcast echo forever.
    this.#target = null;
    this.#update(true);
  }

  /** "Use this": the console gets the click the user made in pick mode, on the control they picked. */
  usePicked(id: unknown): void {
    const pick = this.#pick;
    const el = pick && pick.id === id ? pick.el : null;
    this.#pick = null;
    if (el?.isConnected) (el as HTMLElement).click();
  }

  /** "Fill suggested values", asked by the worker for this frame's page. */
  fill(): string[] {
    const v = this.#view;
    return v && stepIsOn(v.step, v.pageId) ? fillSuggested(this.#doc, v.step.suggest ?? []) : [];
  }

  /** The service worker restarted and lost what frames had told it. */
  rehello(): void {
    this.#lastReport = "";
    this.#reported = undefined;
    this.#detectSoon();
  }

  #onChange(domChanged: boolean): void {
    if (domChanged) this.#detectSoon();
    this.#update(domChanged);
  }

  #detectSoon(): void {
    if (this.#detectTimer) return;
    const wait = Math.max(0, this.#lastDetect + DETECT_EVERY_MS - Date.now());
    this.#detectTimer = setTimeout(() => {
      this.#detectTimer = undefined;
      this.#lastDetect = Date.now();
      const page = this.report();
      const key = JSON.stringify(page);
      if (key === this.#lastReport) return;
      this.#lastReport = key;
      const id = page.detection?.pageId ?? null;
      void this.#send({ type: "frame/page", page, ...(id && id === this.#lastPage && { again: true }) });
      this.#lastPage = id;
    }, wait);
  }

  #stepIsHere(): boolean {
    const v = this.#view;
    return !!v && v.open && stepIsOn(v.step, v.pageId);
  }

  #update(domChanged: boolean): void {
    attach(this.#doc, this.#overlay);
    const v = this.#view;
    // Pick mode: the ring shows what the guide understood of this frame's pick.
    const pick = this.#pick;
    const picked = v?.picking && pick && v.picked?.id === pick.id ? pick.el : null;
    if (!v || !this.#stepIsHere() || (v.step.targets.length === 0 && !v.learned)) {
      this.#target = this.#learnedEl = null;
    } else if (domChanged || !this.#target?.isConnected) {
      // The guide's own targets first; what the user showed it only when those find nothing.
      const found = nextMove(this.#doc, v.step.targets, v.step.completion);
      this.#learnedEl = !found && v.learned ? locate(this.#doc, v.learned) : null;
      this.#target = found?.element ?? this.#learnedEl;
      const stage = found ? `${v.step.id}:${found.index}` : this.#learnedEl ? `${v.step.id}:learned` : "";
      if (this.#target && stage !== this.#revealed) {
        this.#revealed = stage;
        reveal(this.#target);
      }
    }
    this.#watcher.observe(picked ?? this.#target);
    placeSpotlight(this.#overlay.ring, picked ?? this.#target);
    if (v && this.#stepIsHere() && (v.step.targets.length > 0 || v.learned)) {
      const found = this.#target !== null;
      const learned = this.#learnedEl !== null;
      const r = this.#reported;
      if (r?.stepId !== v.step.id || r.found !== found || r.learned !== learned) {
        this.#reported = { stepId: v.step.id, found, learned };
        void this.#send({ type: "frame/target", stepId: v.step.id, found, ...(learned && { learned }) });
      }
    }
    if (domChanged) this.#checkCompletion();
    this.#onViewChange(v, this.#target);
  }

  #complete(stepId: string): void {
    if (this.#completedSent.has(stepId)) return;
    this.#completedSent.add(stepId);
    void this.#send({ type: "frame/completed", stepId });
  }

  /**
   * The locator for completion: a step's own control, or, when that is missing from the page, the
   * control the user showed the guide in its place (if it is the same kind of control).
   */
  readonly #find = (spec: TargetSpec): Element | null => {
    const learned = this.#view?.learned;
    const own = locate(this.#doc, spec);
    if (own || !learned || !standsFor(spec, learned)) return own;
    return locate(this.#doc, learned);
  };

  #checkCompletion(): void {
    const v = this.#view;
    if (!v || v.stepDone || !stepIsOn(v.step, v.pageId)) return;
    if (isComplete(this.#doc, v.step.completion, this.#find)) this.#complete(v.step.id);
  }

  readonly #onClick = (event: Event) => {
    const v = this.#view;
    if (!v || v.picking || v.stepDone || !stepIsOn(v.step, v.pageId)) return;
    const c = v.step.completion;
    const confirm = c.kind === "clicked" ? c.target : c.kind === "checked" ? c.save : undefined;
    if (!confirm) return;
    // A save only counts when what it saves is in the state the step wants.
    if (c.kind === "checked" && !allChecked(c.targets, this.#find)) return;
    const el = this.#find(confirm);
    const clicked = event.target as Node | null;
    if (el && clicked && (el === clicked || el.contains(clicked))) this.#complete(v.step.id);
  };

  /**
   * Pick mode ("Show me where it is"): the user's own clicks and keys in the console pick a control
   * instead of using it; Enter or Space picks the focused control; Escape cancels. Our panel, and
   * events a script made, pass through untouched.
   */
  readonly #onPickEvent = (e: Event) => {
    const target = e.target as Element | null;
    if (!this.#view?.picking || !e.isTrusted || !target) return;
    const key = (e as KeyboardEvent).key;
    if (key === "Escape") {
      e.stopImmediatePropagation();
      void this.#send({ type: "frame/pick-cancel" });
      return;
    }
    if (target === this.#overlay.host || (e.type === "keydown" && key !== "Enter" && key !== " ")) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type !== "click" && e.type !== "keydown") return;
    const el = controlAt(target);
    const signature = signatureOf(el);
    const id = Math.random().toString(36).slice(2);
    this.#pick = { id, el };
    const unique = !!signature && locate(this.#doc, learnedSpec(signature)) === el;
    void this.#send({ type: "frame/pick", id, signature, unique });
  };
}

/** Whether a person can see the whole control now: inside the window and every clipping container. */
function inView(el: Element): boolean {
  const win = el.ownerDocument.defaultView;
  if (!win) return true;
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > win.innerHeight || r.right > win.innerWidth) return false;
  for (let a = el.parentElement; a && a !== el.ownerDocument.body; a = a.parentElement) {
    const style = win.getComputedStyle(a);
    if (!/(auto|scroll|hidden)/.test(style.overflowY + style.overflowX)) continue;
    const c = a.getBoundingClientRect();
    if (r.top < c.top || r.bottom > c.bottom || r.left < c.left || r.right > c.right) return false;
  }
  return true;
}

/** Scrolls a control to the middle of the view (window and inner containers) when it is not visible. */
function reveal(el: Element): void {
  if (inView(el)) return;
  const reduce = el.ownerDocument.defaultView?.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  el.scrollIntoView?.({ block: "center", inline: "nearest", behavior: reduce ? "auto" : "smooth" });
}

type Find = (spec: TargetSpec) => Element | null;

function checkedState(t: TargetSpec, find: Find): boolean {
  const el = find(t);
  if (!el) return false;
  return (el as HTMLInputElement).checked === true || el.getAttribute("aria-checked") === "true";
}

function allChecked(targets: readonly TargetSpec[], find: Find): boolean {
  return targets.every((t) => checkedState(t, find));
}

/**
 * The control to use now. Once the boxes of a "tick, then save" step are ticked, that is the save
 * control; otherwise the first target (latest stage first) that is there and not already done.
 */
export function nextMove(
  doc: Document,
  targets: readonly TargetSpec[],
  completion: Completion,
): { index: number; element: Element } | null {
  if (
    completion.kind === "checked" &&
    completion.save &&
    allChecked(completion.targets, (t) => locate(doc, t))
  ) {
    const save = locate(doc, completion.save);
    if (save && !isDisabled(save)) return { index: -1, element: save };
  }
  return locateFirst(doc, targets);
}

/** Completion the page itself shows (a ticked box, a chosen value, a text that appeared). */
export function isComplete(doc: Document, c: Completion, find: Find = (t) => locate(doc, t)): boolean {
  switch (c.kind) {
    case "checked": {
      if (!allChecked(c.targets, find)) return false;
      // Where the page has a working save control, ticks count only once it is clicked (onClick).
      const save = c.save ? find(c.save) : null;
      return !save || isDisabled(save);
    }
    case "selected": {
      const el = find(c.target);
      if (!el) return false;
      const select = el as HTMLSelectElement;
      const chosen =
        el.tagName === "SELECT"
          ? (select.options[select.selectedIndex]?.textContent ?? "")
          : (el.textContent ?? "");
      return normalize(chosen) === normalize(c.value);
    }
    case "appears":
      return c.text.some((t) => locate(doc, { role: "text", name: [t], describe: t }) !== null);
    default:
      return false;
  }
}

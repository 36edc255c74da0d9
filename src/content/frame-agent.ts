import { type Completion, type DetectablePage, stepIsOn, type TargetSpec } from "../guide/types";
import type { ContentRequest, GuideView } from "../lib/guide-messages";
import { detectPage, gatherSignals } from "./detect";
import { normalize } from "./dom-text";
import { isDisabled, locate, locateFirst } from "./locate";
import { attach, type OverlayHost } from "./overlay-host";
import { placeSpotlight } from "./spotlight";
import { isGuideView } from "./view-guard";
import { ChangeWatcher, textsOfInterest } from "./watch";

const DETECT_EVERY_MS = 250;

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
  private view: GuideView | null = null;
  private target: Element | null = null;
  private reported: { stepId: string; found: boolean } | undefined;
  /** Which step stage was last brought into view, so the page is scrolled once, not on every change. */
  private revealed = "";
  private readonly completedSent = new Set<string>();
  private lastReport = "";
  /**
   * The page this document last reported: a report naming it again (worker restart, back/forward
   * cache, a detection score that moved) is not a new arrival, and says so.
   */
  private lastPage: string | null = null;
  private lastDetect = 0;
  private detectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly watcher: ChangeWatcher;
  /** Every listener, observer and timer of this agent ends with it (`stop`). */
  private readonly abort = new AbortController();
  /** Texts whose changes matter to this frame (detection signals, the step's names): the mutation filter. */
  private wanted: readonly string[];

  constructor(
    private readonly doc: Document,
    private readonly pages: readonly DetectablePage[],
    private readonly overlay: OverlayHost,
    private readonly send: (message: ContentRequest) => Promise<unknown>,
    /** Called after the view changed or the target moved: the top frame re-renders its panel. */
    private readonly onViewChange: (view: GuideView | null, target: Element | null) => void,
  ) {
    this.wanted = textsOfInterest(pages, null);
    this.watcher = new ChangeWatcher(
      doc,
      (changed) => this.onChange(changed),
      {
        wantedTexts: () => this.wanted,
        currentTarget: () => this.target,
        isOurs: (n) => overlay.host.contains(n),
      },
      this.abort.signal,
    );
  }

  /**
   * Ends the agent: listeners, observers, timers, overlay. For a document that is going away for
   * good, or an extension context that was invalidated (extension reloaded or removed).
   */
  stop(): void {
    this.abort.abort();
    clearTimeout(this.detectTimer);
    this.overlay.host.remove();
  }

  report(): PageReport {
    const s = gatherSignals(this.doc, this.doc.location.href);
    const has = (t: string) => s.texts.has(normalize(t));
    return {
      url: this.doc.location.href,
      detection: detectPage(this.pages, s),
      api1Missing: this.pages.some(
        (p) => !!p.api1Off && p.api1Off.present.some(has) && !p.api1Off.absent.some(has),
      ),
    };
  }

  async start(): Promise<void> {
    const signal = this.abort.signal;
    const win = this.doc.defaultView;
    this.doc.addEventListener("click", this.onClick, { capture: true, signal });
    win?.addEventListener(
      "pagehide",
      (e) => {
        void this.send({ type: "frame/gone" });
        if (!e.persisted) this.stop();
      },
      { signal },
    );
    // Restored from the back/forward cache: the worker heard "gone", so announce the page again.
    win?.addEventListener("pageshow", (e) => e.persisted && this.rehello(), { signal });
    this.watcher.start();
    const page = this.report();
    this.lastReport = JSON.stringify(page);
    this.lastPage = page.detection?.pageId ?? null;
    this.lastDetect = Date.now();
    this.setView(await this.send({ type: "frame/hello", page }));
  }

  /** A view from the service worker (hello reply or broadcast); anything malformed means no guide. */
  setView(view: unknown): void {
    if (this.abort.signal.aborted) return;
    this.view = isGuideView(view) ? view : null;
    this.wanted = textsOfInterest(this.pages, this.view?.step);
    // `reported` is kept: re-reporting on every broadcast would make the broadcast echo forever.
    this.target = null;
    this.update(true);
  }

  /** The service worker restarted and lost what frames had told it. */
  rehello(): void {
    this.lastReport = "";
    this.reported = undefined;
    this.detectSoon();
  }

  private onChange(domChanged: boolean): void {
    if (domChanged) this.detectSoon();
    this.update(domChanged);
  }

  private detectSoon(): void {
    if (this.detectTimer) return;
    const wait = Math.max(0, this.lastDetect + DETECT_EVERY_MS - Date.now());
    this.detectTimer = setTimeout(() => {
      this.detectTimer = undefined;
      this.lastDetect = Date.now();
      const page = this.report();
      const key = JSON.stringify(page);
      if (key === this.lastReport) return;
      this.lastReport = key;
      const id = page.detection?.pageId ?? null;
      void this.send({ type: "frame/page", page, ...(id && id === this.lastPage && { again: true }) });
      this.lastPage = id;
    }, wait);
  }

  private stepIsHere(): boolean {
    const v = this.view;
    return !!v && v.open && stepIsOn(v.step, v.pageId);
  }

  private update(domChanged: boolean): void {
    attach(this.doc, this.overlay);
    const v = this.view;
    if (!v || !this.stepIsHere() || v.step.targets.length === 0) {
      this.target = null;
    } else if (domChanged || !this.target?.isConnected) {
      const found = nextMove(this.doc, v.step.targets, v.step.completion);
      this.target = found?.element ?? null;
      const stage = found ? `${v.step.id}:${found.index}` : "";
      if (found && stage !== this.revealed) {
        this.revealed = stage;
        reveal(found.element);
      }
    }
    this.watcher.observe(this.target);
    placeSpotlight(this.overlay.ring, this.target);
    if (v && this.stepIsHere() && v.step.targets.length > 0) {
      const found = this.target !== null;
      if (this.reported?.stepId !== v.step.id || this.reported.found !== found) {
        this.reported = { stepId: v.step.id, found };
        void this.send({ type: "frame/target", stepId: v.step.id, found });
      }
    }
    if (domChanged) this.checkCompletion();
    this.onViewChange(v, this.target);
  }

  private complete(stepId: string): void {
    if (this.completedSent.has(stepId)) return;
    this.completedSent.add(stepId);
    void this.send({ type: "frame/completed", stepId });
  }

  private checkCompletion(): void {
    const v = this.view;
    if (!v || v.stepDone || !stepIsOn(v.step, v.pageId)) return;
    if (isComplete(this.doc, v.step.completion)) this.complete(v.step.id);
  }

  private readonly onClick = (event: Event) => {
    const v = this.view;
    if (!v || v.stepDone || !stepIsOn(v.step, v.pageId)) return;
    const c = v.step.completion;
    const confirm = c.kind === "clicked" ? c.target : c.kind === "checked" ? c.save : undefined;
    if (!confirm) return;
    // A save only counts when what it saves is in the state the step wants.
    if (c.kind === "checked" && !allChecked(this.doc, c.targets)) return;
    const el = locate(this.doc, confirm);
    const clicked = event.target as Node | null;
    if (el && clicked && (el === clicked || el.contains(clicked))) this.complete(v.step.id);
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

function checkedState(doc: Document, t: TargetSpec): boolean {
  const el = locate(doc, t);
  if (!el) return false;
  return (el as HTMLInputElement).checked === true || el.getAttribute("aria-checked") === "true";
}

function allChecked(doc: Document, targets: readonly TargetSpec[]): boolean {
  return targets.every((t) => checkedState(doc, t));
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
  if (completion.kind === "checked" && completion.save && allChecked(doc, completion.targets)) {
    const save = locate(doc, completion.save);
    if (save && !isDisabled(save)) return { index: -1, element: save };
  }
  return locateFirst(doc, targets);
}

/** Completion the page itself shows (a ticked box, a chosen value, a text that appeared). */
export function isComplete(doc: Document, c: Completion): boolean {
  switch (c.kind) {
    case "checked": {
      if (!allChecked(doc, c.targets)) return false;
      // Where the page has a working save control, ticks count only once it is clicked (onClick).
      const save = c.save ? locate(doc, c.save) : null;
      return !save || isDisabled(save);
    }
    case "selected": {
      const el = locate(doc, c.target);
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

import * as z from "zod/mini";
import { stepsFor } from "../guide";
import { describeSignature, learnedSpec, type Signature } from "../guide/learned";
import { maintainerReport } from "../guide/report";
import { type DetectablePage, type Guide, type Step, stepIsOn } from "../guide/types";
import type { ContentRequest, GuideView, PanelAction } from "../lib/guide-messages";
import type { LearnedMap } from "../lib/learned-store";
import {
  type Action,
  api1Unavailable,
  api2PageInView,
  apply,
  arriveAt,
  initialProgress,
  isFinished,
  markDone,
  type Progress,
} from "./guide-state";

/** Where a content-script message came from. */
export interface FrameSender {
  readonly tabId: number;
  readonly frameId: number;
  /** The URL of the tab's top document (the console host is the account key). */
  readonly tabUrl: string;
}

interface FrameInfo {
  pageId: string | null;
  score: number;
  api1Missing: boolean;
  target?: { stepId: string; found: boolean; learned?: boolean };
}

interface TabInfo {
  host: string;
  frames: Map<number, FrameInfo>;
  pageId: string | null;
  /** Pick mode ("Show me where it is") is on in this tab, for this step. */
  picking?: string;
  /** The control picked so far, by the frame that holds it. */
  pick?: { id: string; signature: Signature | null; ok: boolean };
}

const LEARNING = ["pick", "pick-cancel", "pick-confirm", "forget-learned", "learned-lost"] as const;
type LearningAction = (typeof LEARNING)[number];
const isLearning = (a: PanelAction): a is LearningAction => (LEARNING as readonly string[]).includes(a);

/** The step without what only the guide's documentation needs (`ViewStep`). */
export function viewStep({ paths: _paths, sources: _sources, ...rest }: Step) {
  return rest;
}

/**
 * What a frame needs to recognise pages: their signals, without human names and sources.
 * The content script checks the shape (src/content/view-guard.ts `isPages`).
 */
export function pagesForContent(guide: Guide): DetectablePage[] {
  return guide.pages.map(({ name: _name, sources: _sources, ...signals }) => signals as DetectablePage);
}

/** What the tab's frames last said about finding `stepId`'s control. */
function targetReports(tab: TabInfo, stepId: string): NonNullable<FrameInfo["target"]>[] {
  return [...tab.frames.values()].flatMap((f) => (f.target?.stepId === stepId ? [f.target] : []));
}

/** What a frame answers to "Fill suggested values": the descriptions of the fields it filled. */
const filledSchema = z.object({ filled: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(20)) });

export interface GuideDeps {
  readonly guide: Guide;
  readonly loadProgress: () => Promise<Record<string, Progress>>;
  readonly saveProgress: (all: Record<string, Progress>) => Promise<void>;
  readonly loadOpen: () => Promise<boolean>;
  readonly saveOpen: (open: boolean) => Promise<void>;
  readonly send: (tabId: number, message: unknown) => Promise<void>;
  /** One frame of a tab, with its answer (undefined when it does not answer). */
  readonly ask: (tabId: number, frameId: number, message: unknown) => Promise<unknown>;
  /** Controls users showed the guide, per console host and step (src/lib/learned-store.ts). */
  readonly loadLearned: () => Promise<LearnedMap>;
  readonly saveLearned: (map: LearnedMap) => Promise<void>;
  /**
   * Every open tab's id. After a worker restart the registry of console tabs is empty; tabs it does
   * not know are asked to re-announce themselves (a tab without our content script ignores it).
   */
  readonly openTabIds: () => Promise<readonly number[]>;
  readonly setBadge: (text: string) => Promise<void>;
  readonly now: () => number;
  readonly version: string;
}

/**
 * Per-tab aggregation of what every frame sees, and the guide progress of each console host.
 * Tab state is only a cache of frame reports: after a service-worker restart the frames re-report.
 */
export class GuideService {
  private readonly tabs = new Map<number, TabInfo>();
  private queue: Promise<unknown> = Promise.resolve();
  private swept = false;

  constructor(private readonly d: GuideDeps) {}

  /** Storage read-modify-write runs one at a time so concurrent frame reports do not lose updates. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async handle(req: ContentRequest, from: FrameSender): Promise<GuideView | null | undefined> {
    return this.serial(async () => {
      const known = this.tabs.has(from.tabId);
      const tab = this.tabFor(from);
      // The service worker was stopped and lost its cache of frame reports: ask every frame again.
      if (!known && req.type !== "frame/hello") await this.d.send(from.tabId, { type: "bg/rehello" });
      switch (req.type) {
        case "frame/hello":
        case "frame/page": {
          // A hello is a new document: what the frame's previous document showed no longer counts.
          const prev = req.type === "frame/page" ? tab.frames.get(from.frameId) : undefined;
          const newTopDocument = req.type === "frame/hello" && from.frameId === 0;
          // A new top document means new subframes too: forget every frame and ask the live ones to
          // report again (one may have said hello before the top frame did).
          if (newTopDocument) {
            tab.frames.clear();
            this.endPick(tab);
          }
          const info: FrameInfo = {
            pageId: req.page.detection?.pageId ?? null,
            score: req.page.detection?.score ?? 0,
            api1Missing: req.page.api1Missing,
            ...(prev?.target ? { target: prev.target } : {}),
          };
          tab.frames.set(from.frameId, info);
          // A page re-announced to a worker that knew no page for this tab (it restarted) is where
          // the user already was, not a new arrival: the step they were on stays.
          const reannounced = req.type === "frame/page" && req.again === true && tab.pageId === null;
          await this.pageMayHaveChanged(tab, from.tabId, !reannounced);
          if (newTopDocument) await this.d.send(from.tabId, { type: "bg/rehello" });
          return req.type === "frame/hello" ? this.view(tab) : undefined;
        }
        case "frame/gone": {
          if (tab.frames.delete(from.frameId)) await this.pageMayHaveChanged(tab, from.tabId);
          return undefined;
        }
        case "frame/target": {
          const frame = tab.frames.get(from.frameId);
          const t = frame?.target;
          if (!frame || (t?.stepId === req.stepId && t.found === req.found && !!t.learned === !!req.learned))
            return undefined;
          frame.target = { stepId: req.stepId, found: req.found, ...(req.learned && { learned: true }) };
          await this.broadcast(from.tabId, tab);
          return undefined;
        }
        case "frame/completed": {
          await this.update(tab.host, (p) => markDone(this.d.guide, p, req.stepId, this.d.now()));
          await this.broadcastAll();
          return undefined;
        }
        case "frame/pick": {
          if (!tab.picking) return undefined;
          tab.pick = { id: req.id, signature: req.signature, ok: req.signature !== null && req.unique };
          await this.broadcast(from.tabId, tab);
          return undefined;
        }
        case "frame/pick-cancel": {
          if (!tab.picking) return undefined;
          this.endPick(tab);
          await this.broadcast(from.tabId, tab);
          return undefined;
        }
        case "panel/action": {
          if (isLearning(req.action)) {
            // Every tab of the console hears it, then (after "Use this") the picking frame replays the click.
            const replay = await this.learning(req.action, tab);
            await this.broadcastAll();
            if (replay) await this.d.send(from.tabId, replay);
            return undefined;
          }
          if (req.action === "open" || req.action === "close") {
            await this.d.saveOpen(req.action === "open");
          } else {
            const action: Action = { kind: req.action };
            await this.update(tab.host, (p) => {
              const next = apply(this.d.guide, p, action, this.d.now());
              // The page in view still decides after "start over".
              return req.action === "start-over" && tab.pageId
                ? arriveAt(this.d.guide, next, tab.pageId, this.d.now())
                : next;
            });
          }
          await this.broadcastAll();
          return undefined;
        }
        case "panel/capture":
        case "frame/pages":
        case "panel/report":
        case "panel/fill":
          // Handled before the guide: capture stores secrets in the session, not progress; report and
          // fill have answers of their own (`answer`).
          return undefined;
        case "panel/path": {
          // The user's own choice of path sticks (no automatic switch back), and the page in view
          // decides the step among the chosen path's steps.
          await this.update(tab.host, (p) => {
            if (p.path === req.path) return p;
            const chosen = {
              ...apply(this.d.guide, p, { kind: "path", path: req.path }, this.d.now()),
              pathChosen: true,
            };
            return tab.pageId ? arriveAt(this.d.guide, chosen, tab.pageId, this.d.now()) : chosen;
          });
          await this.broadcastAll();
          return undefined;
        }
      }
    });
  }

  /** "Copy report for the maintainers" (the report's text) and "Fill suggested values" (what was filled). */
  async answer(
    req: ContentRequest & { type: "panel/report" | "panel/fill" },
    from: FrameSender,
  ): Promise<{ text: string } | { filled: string[] }> {
    return this.serial(async () => {
      const tab = this.tabFor(from);
      switch (req.type) {
        case "panel/report": {
          const step = await this.currentStep(tab.host);
          const text = maintainerReport({
            version: this.d.version,
            stepId: step?.id ?? "none",
            pageId: tab.pageId,
            host: tab.host,
            outline: req.outline,
            ...(step && { learned: (await this.learnedFor(tab.host, step.id))?.signature }),
          });
          return { text };
        }
        case "panel/fill": {
          const step = await this.currentStep(tab.host);
          const filled: string[] = [];
          if (!step?.suggest) return { filled };
          for (const [frameId, f] of tab.frames) {
            if (!stepIsOn(step, f.pageId)) continue;
            const answer = filledSchema.safeParse(await this.d.ask(from.tabId, frameId, { type: "bg/fill" }));
            if (answer.success) filled.push(...answer.data.filled);
          }
          return { filled };
        }
      }
    });
  }

  /**
   * Pick mode and learned targets: "Show me where it is", "Use this", cancel (button or Escape),
   * "Forget what I showed", and a learned control that is no longer on its page.
   */
  /**
   * Returns, after "Use this", the message that lets the frame holding the picked control give the
   * console its click: sent once every view says pick mode is over.
   */
  private async learning(
    action: LearningAction,
    tab: TabInfo,
  ): Promise<{ type: string; id: string } | undefined> {
    const step = await this.currentStep(tab.host);
    if (!step) return undefined;
    const map = await this.d.loadLearned();
    const steps = { ...(map[tab.host] ?? {}) };
    const save = (next: typeof steps) => this.d.saveLearned({ ...map, [tab.host]: next });
    if (action === "pick") {
      tab.picking = step.id;
      tab.pick = undefined;
    } else if (action === "pick-cancel") {
      this.endPick(tab);
    } else if (action === "pick-confirm") {
      const pick = tab.pick;
      // Only a pick the locator can find again, on a page of this step.
      if (
        tab.picking !== step.id ||
        !pick?.signature ||
        !pick.ok ||
        !tab.pageId ||
        !stepIsOn(step, tab.pageId)
      )
        return undefined;
      steps[step.id] = { pageId: tab.pageId, signature: pick.signature, savedAt: this.d.now() };
      await save(steps);
      this.endPick(tab);
      return { type: "bg/use-picked", id: pick.id };
    } else {
      const entry = steps[step.id];
      if (!entry) return undefined;
      if (action === "learned-lost") {
        // Only where it was shown, and only while no frame finds it.
        if (tab.pageId !== entry.pageId || targetReports(tab, step.id).some((r) => r.found)) return undefined;
        await this.update(tab.host, (p) => ({
          ...p,
          notice: `What you showed me for “${step.title}” (${describeSignature(entry.signature)}) is no longer on this page, so I forgot it. Show me again if you find it.`,
          updatedAt: this.d.now(),
        }));
      }
      delete steps[step.id];
      await save(steps);
    }
    return undefined;
  }

  private endPick(tab: TabInfo): void {
    tab.picking = undefined;
    tab.pick = undefined;
  }

  private async currentStep(host: string): Promise<Step | undefined> {
    const p = await this.progressFor(host);
    return stepsFor(this.d.guide, p.path).find((s) => s.id === p.currentId);
  }

  private async learnedFor(host: string, stepId: string) {
    return (await this.d.loadLearned())[host]?.[stepId];
  }

  /** Keys were generated in the popup: that step is done for the console used most recently. */
  async keysGenerated(): Promise<void> {
    await this.serial(async () => {
      const all = await this.d.loadProgress();
      const host = Object.entries(all).sort((a, b) => b[1].updatedAt - a[1].updatedAt)[0]?.[0];
      if (!host) return;
      await this.update(host, (p) => markDone(this.d.guide, p, "generate-keys", this.d.now()));
      await this.broadcastAll();
    });
  }

  /**
   * Where a capture may come from: the frame's own latest report must name a page whose data lists
   * every captured field. Undefined otherwise (also for a frame this worker has not heard from).
   */
  captureSource(from: FrameSender, fields: readonly string[]): { host: string; page: string } | undefined {
    const tab = this.tabs.get(from.tabId);
    const pageId = tab?.frames.get(from.frameId)?.pageId;
    const page = this.d.guide.pages.find((p) => p.id === pageId);
    const capture = page?.capture;
    if (!tab || !page || !capture || fields.length === 0) return undefined;
    if (!fields.every((f) => Object.hasOwn(capture, f))) return undefined;
    return { host: tab.host, page: page.name };
  }

  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  private tabFor(from: FrameSender): TabInfo {
    let tab = this.tabs.get(from.tabId);
    let host = "";
    try {
      host = new URL(from.tabUrl).host;
    } catch {
      // keep "" for an unreadable URL; progress is then shared under that key
    }
    if (!tab || (from.frameId === 0 && host && tab.host !== host)) {
      tab = { host, frames: new Map(), pageId: null };
      this.tabs.set(from.tabId, tab);
    }
    return tab;
  }

  private async pageMayHaveChanged(tab: TabInfo, tabId: number, arrival = true): Promise<void> {
    let best: FrameInfo | undefined;
    for (const f of tab.frames.values()) if (f.pageId && (!best || f.score > best.score)) best = f;
    const pageId = best?.pageId ?? null;
    // Only a page whose data says how API 1.0 looks when it is off can tell that it is off.
    const api1Missing =
      !!this.d.guide.pages.find((p) => p.id === pageId)?.api1Off &&
      [...tab.frames.values()].some((f) => f.api1Missing);
    const changed = pageId !== tab.pageId;
    tab.pageId = pageId;
    if (changed) this.endPick(tab);
    if (pageId && (changed || api1Missing)) {
      await this.update(tab.host, (p) => {
        const now = this.d.now();
        const here = changed && arrival ? arriveAt(this.d.guide, p, pageId, now) : p;
        // Moving to API 2.0 (API 1.0 is off, or the page belongs to API 2.0 only): the page in
        // view decides again, now among the API 2.0 steps.
        const moved = api1Missing
          ? api1Unavailable(this.d.guide, here, now)
          : api2PageInView(this.d.guide, here, pageId, now);
        return moved === here ? here : arriveAt(this.d.guide, moved, pageId, now);
      });
    }
    await this.broadcast(tabId, tab);
  }

  private async progressFor(host: string): Promise<Progress> {
    const all = await this.d.loadProgress();
    return all[host] ?? initialProgress(this.d.guide, this.d.now());
  }

  private async update(host: string, change: (p: Progress) => Progress): Promise<void> {
    const all = await this.d.loadProgress();
    const before = all[host] ?? initialProgress(this.d.guide, this.d.now());
    const after = change(before);
    if (after === before && all[host]) return;
    const next = { ...all, [host]: after };
    await this.d.saveProgress(next);
    const total = stepsFor(this.d.guide, after.path).length;
    const done = stepsFor(this.d.guide, after.path).filter((s) => after.done.includes(s.id)).length;
    await this.d.setBadge(done === 0 ? "" : `${done}/${total}`);
    if (isFinished(this.d.guide, after) && !isFinished(this.d.guide, before)) await this.d.saveOpen(false);
  }

  private async view(tab: TabInfo): Promise<GuideView | null> {
    const p = await this.progressFor(tab.host);
    const list = stepsFor(this.d.guide, p.path);
    const index = Math.max(
      0,
      list.findIndex((s) => s.id === p.currentId),
    );
    const step = list[index];
    if (!step) return null;
    const reports = targetReports(tab, step.id);
    const entry = (await this.learnedFor(tab.host, step.id)) ?? undefined;
    // A learned control is looked for on the page it was shown on, and nowhere else.
    const learned =
      entry && tab.pageId === entry.pageId
        ? learnedSpec(entry.signature, describeSignature(entry.signature))
        : undefined;
    const pick = tab.pick;
    return {
      open: await this.d.loadOpen(),
      path: p.path,
      index: index + 1,
      total: list.length,
      doneCount: list.filter((s) => p.done.includes(s.id)).length,
      finished: isFinished(this.d.guide, p),
      // Readonly guide data into a message that is serialised right away: the cast only drops `readonly`.
      step: viewStep(step) as GuideView["step"],
      stepDone: p.done.includes(step.id),
      pageId: tab.pageId,
      targetFound: reports.some((r) => r.found),
      learnedUsed: reports.some((r) => r.found && r.learned),
      ...(learned && { learned: learned as GuideView["learned"] }),
      picking: tab.picking === step.id,
      ...(pick &&
        tab.picking === step.id && {
          picked: {
            id: pick.id,
            summary: pick.signature ? describeSignature(pick.signature) : "",
            ok: pick.ok,
          },
        }),
      ...(p.notice ? { notice: p.notice } : {}),
      version: this.d.version,
    };
  }

  private async broadcast(tabId: number, tab: TabInfo): Promise<void> {
    await this.d.send(tabId, { type: "bg/state", view: await this.view(tab) });
  }

  private async broadcastAll(): Promise<void> {
    for (const [tabId, tab] of this.tabs) await this.broadcast(tabId, tab);
    // Once per worker lifetime: console tabs that have not spoken since the worker (re)started are
    // asked to report, so a change made elsewhere (keys generated in the popup) reaches them too.
    // Tabs that open later say hello themselves.
    if (this.swept) return;
    this.swept = true;
    const open = await this.d.openTabIds().catch((): readonly number[] => []);
    for (const tabId of open) if (!this.tabs.has(tabId)) await this.d.send(tabId, { type: "bg/rehello" });
  }
}

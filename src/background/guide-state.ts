import { stepsFor } from "../guide";
import { INTEGRATIONS } from "../guide/labels";
import { type Guide, type PathId, type Step, stepIsOn } from "../guide/types";

/**
 * The guide's state machine: pure functions over plain data, so it is tested without a browser and
 * survives the service worker being stopped (progress lives in storage.local, see progress-store).
 */

export interface Progress {
  readonly path: PathId;
  readonly done: readonly string[];
  readonly skipped: readonly string[];
  readonly currentId: string;
  /** Shown once in the panel, e.g. why the guide moved to API 2.0. */
  readonly notice?: string;
  /** The user picked the path in the panel: never switch it automatically. */
  readonly pathChosen?: boolean;
  readonly updatedAt: number;
}

export type Action =
  | { readonly kind: "next" }
  | { readonly kind: "back" }
  | { readonly kind: "done" }
  | { readonly kind: "skip" }
  | { readonly kind: "start-over" }
  | { readonly kind: "path"; readonly path: PathId }
  | { readonly kind: "dismiss-notice" };

export function initialProgress(guide: Guide, now: number, path: PathId = "api1"): Progress {
  const first = stepsFor(guide, path)[0];
  return { path, done: [], skipped: [], currentId: first?.id ?? "", updatedAt: now };
}

function steps(guide: Guide, p: Progress): readonly Step[] {
  return stepsFor(guide, p.path);
}

function currentIndex(guide: Guide, p: Progress): number {
  const i = steps(guide, p).findIndex((s) => s.id === p.currentId);
  return Math.max(i, 0);
}

/** The first step after `from` (wrapping to the start) that is neither done nor skipped. */
function nextOpen(guide: Guide, p: Progress, from: number, done: readonly string[]): string | undefined {
  const list = steps(guide, p);
  for (let k = 1; k <= list.length; k++) {
    const s = list[(from + k) % list.length];
    if (s && !done.includes(s.id) && !p.skipped.includes(s.id)) return s.id;
  }
  return undefined;
}

export function isFinished(guide: Guide, p: Progress): boolean {
  return steps(guide, p).every((s) => p.done.includes(s.id) || p.skipped.includes(s.id));
}

export function apply(guide: Guide, p: Progress, action: Action, now: number): Progress {
  const list = steps(guide, p);
  const i = currentIndex(guide, p);
  switch (action.kind) {
    case "next":
      return { ...p, currentId: list[Math.min(i + 1, list.length - 1)]?.id ?? p.currentId, updatedAt: now };
    case "back":
      return { ...p, currentId: list[Math.max(i - 1, 0)]?.id ?? p.currentId, updatedAt: now };
    case "done":
      return markDone(guide, p, p.currentId, now);
    case "skip": {
      // A done step stays done (never both done and skipped): skipping it only moves on.
      const keep = p.skipped.includes(p.currentId) || p.done.includes(p.currentId);
      const skipped = keep ? p.skipped : [...p.skipped, p.currentId];
      const q = { ...p, skipped };
      return { ...q, currentId: nextOpen(guide, q, i, p.done) ?? p.currentId, updatedAt: now };
    }
    case "start-over":
      return initialProgress(guide, now, p.path);
    case "path": {
      if (action.path === p.path) return p;
      const q: Progress = { ...p, path: action.path, updatedAt: now };
      const first = stepsFor(guide, action.path).find(
        (s) => !q.done.includes(s.id) && !q.skipped.includes(s.id),
      );
      const { notice: _dropped, ...rest } = q;
      return { ...rest, currentId: first?.id ?? stepsFor(guide, action.path)[0]?.id ?? "" };
    }
    case "dismiss-notice": {
      const { notice: _dropped, ...rest } = p;
      return { ...rest, updatedAt: now };
    }
  }
}

/** A step is complete (detected by a frame, or keys generated in the popup). */
export function markDone(guide: Guide, p: Progress, stepId: string, now: number): Progress {
  if (!steps(guide, p).some((s) => s.id === stepId) || p.done.includes(stepId)) return p;
  const done = [...p.done, stepId];
  const skipped = p.skipped.filter((id) => id !== stepId);
  const q = { ...p, done, skipped };
  if (p.currentId !== stepId) return { ...q, updatedAt: now };
  const i = currentIndex(guide, p);
  return { ...q, currentId: nextOpen(guide, q, i, done) ?? p.currentId, updatedAt: now };
}

/**
 * The page in view decides the step, whatever the saved progress: the first open step on that
 * page, else the page's first step. Pages without steps leave the current step alone.
 */
export function arriveAt(guide: Guide, p: Progress, pageId: string, now: number): Progress {
  const onPage = steps(guide, p).filter((s) => stepIsOn(s, pageId));
  if (onPage.length === 0) return p;
  if (onPage.some((s) => s.id === p.currentId) && !p.done.includes(p.currentId)) return p;
  const pick = onPage.find((s) => !p.done.includes(s.id) && !p.skipped.includes(s.id)) ?? onPage[0];
  if (!pick || pick.id === p.currentId) return p;
  return { ...p, currentId: pick.id, updatedAt: now };
}

const API1_CREATION_STEPS = ["api1-add-application", "api1-app-details", "api1-app-add", "api1-app-keys"];

/** The console offers no API 1.0 application: move to API 2.0 unless one was already made. */
export function api1Unavailable(guide: Guide, p: Progress, now: number): Progress {
  return toApi2(
    guide,
    p,
    now,
    `This console has no “${INTEGRATIONS.addApiApplication}”: Mimecast stopped offering new API 1.0 applications in 2025. The guide switched to API 2.0.`,
  );
}

/**
 * The page in view belongs to API 2.0 only (its wizard, its credentials, the role editor): the user
 * is making API 2.0 credentials, even if they went there faster than the guide saw the tiles.
 */
export function api2PageInView(guide: Guide, p: Progress, pageId: string, now: number): Progress {
  const owners = guide.steps.filter((s) => stepIsOn(s, pageId));
  if (owners.length === 0 || owners.some((s) => s.paths.includes("api1"))) return p;
  return toApi2(guide, p, now, "This page belongs to API 2.0 setup: the guide switched to API 2.0.");
}

/** Moves to API 2.0 with a notice, unless the user chose the path or already made an API 1.0 application. */
function toApi2(guide: Guide, p: Progress, now: number, notice: string): Progress {
  if (p.path !== "api1" || p.pathChosen || API1_CREATION_STEPS.some((id) => p.done.includes(id))) return p;
  return { ...apply(guide, p, { kind: "path", path: "api2" }, now), notice };
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
} from "../../../src/background/guide-state";
import { GUIDE, stepsFor } from "../../../src/guide";
import type { PathId } from "../../../src/guide/types";
import { progressSchema } from "../../../src/lib/schemas";

const RUNS = 300;
const STEP_IDS = GUIDE.steps.map((s) => s.id);
const PAGE_IDS = GUIDE.pages.map((p) => p.id);
const onPath = (path: PathId) => stepsFor(GUIDE, path).map((s) => s.id);

type Event =
  | { readonly kind: "apply"; readonly action: Action }
  | { readonly kind: "mark"; readonly stepId: string }
  | { readonly kind: "arrive"; readonly pageId: string }
  | { readonly kind: "api1-off" }
  | { readonly kind: "api2-page"; readonly pageId: string };

const path = fc.constantFrom<PathId>("api1", "api2");
// Moving around is weighted up: the interesting states come from moving onto done or skipped steps.
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<Action>(
      { kind: "next" },
      { kind: "back" },
      { kind: "done" },
      { kind: "skip" },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<Action>({ kind: "start-over" }, { kind: "dismiss-notice" }) },
  { weight: 1, arbitrary: path.map((p): Action => ({ kind: "path", path: p })) },
);
const page = fc.oneof(fc.constantFrom(...PAGE_IDS), fc.constant("no-such-page"));
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 4, arbitrary: action.map((a): Event => ({ kind: "apply", action: a })) },
  {
    weight: 3,
    arbitrary: fc
      .oneof(fc.constantFrom(...STEP_IDS), fc.constant("no-such-step"))
      .map((stepId): Event => ({ kind: "mark", stepId })),
  },
  { weight: 3, arbitrary: page.map((pageId): Event => ({ kind: "arrive", pageId })) },
  { weight: 1, arbitrary: fc.constant<Event>({ kind: "api1-off" }) },
  { weight: 1, arbitrary: page.map((pageId): Event => ({ kind: "api2-page", pageId })) },
);

function step(p: Progress, e: Event, now: number): Progress {
  switch (e.kind) {
    case "apply":
      return apply(GUIDE, p, e.action, now);
    case "mark":
      return markDone(GUIDE, p, e.stepId, now);
    case "arrive":
      return arriveAt(GUIDE, p, e.pageId, now);
    case "api1-off":
      return api1Unavailable(GUIDE, p, now);
    case "api2-page":
      return api2PageInView(GUIDE, p, e.pageId, now);
  }
}

/** What must hold after any sequence of events from a fresh start. */
function checkInvariants(p: Progress) {
  // Stored as is: every state the machine makes passes the storage schema.
  expect(progressSchema.safeParse(p).success).toBe(true);
  // Done and skipped steps are real steps, listed once each.
  for (const id of [...p.done, ...p.skipped]) expect(STEP_IDS).toContain(id);
  expect(new Set(p.done).size).toBe(p.done.length);
  expect(new Set(p.skipped).size).toBe(p.skipped.length);
  // A step is done or skipped, never both.
  expect(p.done.filter((id) => p.skipped.includes(id))).toEqual([]);
  // The current step is a step of the current path.
  expect(onPath(p.path)).toContain(p.currentId);
}

const run = fc.record({
  start: path,
  events: fc.array(event, { maxLength: 40 }),
});

describe("the guide's progress reducer", () => {
  it("keeps its invariants through any sequence of events", () => {
    fc.assert(
      fc.property(run, ({ start, events }) => {
        let p = initialProgress(GUIDE, 0, start);
        checkInvariants(p);
        events.forEach((e, i) => {
          p = step(p, e, i + 1);
          checkInvariants(p);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("never forgets a done step, except on start-over", () => {
    fc.assert(
      fc.property(run, event, ({ start, events }, last) => {
        let p = initialProgress(GUIDE, 0, start);
        for (const [i, e] of events.entries()) p = step(p, e, i + 1);
        const after = step(p, last, 1_000);
        if (last.kind === "apply" && last.action.kind === "start-over") {
          expect(after.done).toEqual([]);
          expect(after.skipped).toEqual([]);
          expect(after.currentId).toBe(onPath(p.path)[0]);
        } else {
          for (const id of p.done) expect(after.done).toContain(id);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("switching paths keeps done and skipped steps and lands on the new path's earliest open step", () => {
    fc.assert(
      fc.property(run, path, ({ start, events }, target) => {
        let p = initialProgress(GUIDE, 0, start);
        for (const [i, e] of events.entries()) p = step(p, e, i + 1);
        const q = apply(GUIDE, p, { kind: "path", path: target }, 1_000);
        if (target === p.path) {
          expect(q).toBe(p);
          return;
        }
        expect(q.path).toBe(target);
        expect(q.done).toEqual(p.done);
        expect(q.skipped).toEqual(p.skipped);
        expect(q.notice).toBeUndefined();
        const open = onPath(target).filter((id) => !p.done.includes(id) && !p.skipped.includes(id));
        expect(q.currentId).toBe(open[0] ?? onPath(target)[0]);
      }),
      { numRuns: RUNS },
    );
  });

  it("stamps every changed progress with the time of the change", () => {
    fc.assert(
      fc.property(run, event, ({ start, events }, last) => {
        let p = initialProgress(GUIDE, 0, start);
        for (const [i, e] of events.entries()) p = step(p, e, i + 1);
        const after = step(p, last, 5_000);
        // The same object back means "nothing to store"; anything new carries the new time, which
        // the storage cap relies on to forget the right consoles.
        if (after !== p) expect(after.updatedAt).toBe(5_000);
        else expect(after.updatedAt).toBeLessThan(5_000);
      }),
      { numRuns: RUNS },
    );
  });

  it("marking every step done, in any order, finishes the guide and leaves the current step alone at the end", () => {
    const order = path.chain((p) =>
      fc.shuffledSubarray(onPath(p), { minLength: onPath(p).length }).map((ids) => ({ p, ids })),
    );
    fc.assert(
      fc.property(order, ({ p: start, ids }) => {
        let p = initialProgress(GUIDE, 0, start);
        for (const [i, id] of ids.entries()) {
          expect(isFinished(GUIDE, p)).toBe(false);
          p = markDone(GUIDE, p, id, i + 1);
          checkInvariants(p);
        }
        expect(isFinished(GUIDE, p)).toBe(true);
        expect([...p.done].sort()).toEqual([...onPath(start)].sort());
      }),
      { numRuns: 100 },
    );
  });

  it("arriving on a page with steps of the path puts the current step on that page", () => {
    fc.assert(
      fc.property(run, fc.constantFrom(...PAGE_IDS), ({ start, events }, pageId) => {
        let p = initialProgress(GUIDE, 0, start);
        for (const [i, e] of events.entries()) p = step(p, e, i + 1);
        const here = stepsFor(GUIDE, p.path).filter((s) => s.page === pageId || s.alsoOn?.includes(pageId));
        const q = arriveAt(GUIDE, p, pageId, 1_000);
        if (here.length === 0) {
          expect(q).toBe(p);
          return;
        }
        expect(here.map((s) => s.id)).toContain(q.currentId);
        // The first open step there is chosen, unless the current step is there and not done.
        const open = here.find((s) => !p.done.includes(s.id) && !p.skipped.includes(s.id));
        const stays = here.some((s) => s.id === p.currentId) && !p.done.includes(p.currentId);
        expect(q.currentId).toBe(stays ? p.currentId : (open ?? here[0])?.id);
      }),
      { numRuns: RUNS },
    );
  });
});

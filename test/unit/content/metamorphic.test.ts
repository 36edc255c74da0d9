// @vitest-environment happy-dom
/**
 * Metamorphic robustness of the locator against markup we never see.
 *
 * Ground truth: for every console snapshot (test/fixtures/console) and every target of every step
 * on the page it shows (plus the target console-fixtures.test.ts requires there), the element
 * `locate` finds in the UNMUTATED snapshot. Each mutation (metamorphic-mutations.ts) then rewrites
 * that control and its caption the way another console build would render the same thing, and
 * the locator must still return the same control (FOUND), never another element (WRONG). When the
 * caption is renamed to something unrelated, null is the right answer.
 *
 * The matrix is printed after the run; `computeMatrix` / `formatMatrix` can be called from a script.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locate } from "../../../src/content/locate";
import type { TargetSpec } from "../../../src/guide/types";
import { checkMutations, computeMatrix, formatMatrix, type Matrix, MUTATIONS } from "./metamorphic-harness";

let matrix: Matrix;

beforeAll(() => {
  matrix = computeMatrix({ locate });
}, 120_000);

afterAll(() => {
  if (matrix) console.log(formatMatrix(matrix));
});

describe("locator under meaning-preserving markup mutations", () => {
  it("has a ground truth for every target the snapshots require", () => {
    expect(matrix.skipped.filter((s) => s.designated)).toEqual([]);
    expect(matrix.pairs).toBeGreaterThan(100);
  });

  it("never returns a different control (0 WRONG, renames included)", () => {
    expect(matrix.wrong.map((r) => `${r.fixture} ${r.step}#${r.index} ${r.mutation} → ${r.got}`)).toEqual([]);
  });

  it("still finds the control in >= 95% of the non-rename cases", () => {
    expect(matrix.foundRate).toBeGreaterThanOrEqual(0.95);
  });

  it("exercises every mutation on some target", () => {
    const unused = MUTATIONS.filter((m) => {
      const c = matrix.byMutation.get(m.id);
      return !c || c.found + c.missing + c.wrong === 0;
    }).map((m) => m.id);
    expect(unused).toEqual([]);
  });
});

describe("the suite itself", () => {
  const few = (e: { file: string }) =>
    [
      "classic/account-settings-expanded.html",
      "current/api2-wizard-notifications.html",
      "classic/roles.html",
      "current/api-integrations-no-api1.html",
    ].includes(e.file);

  it("mutations keep exactly one marked control and undo restores the page", () => {
    const { problems, applied } = checkMutations({ fixtures: few, locate });
    expect(problems).toEqual([]);
    expect(applied.size).toBeGreaterThan(15);
  });

  it("gives the same verdicts whether independent targets are mutated together or one by one", () => {
    const busy = (e: { file: string }) => e.file === "classic/api-integrations-available.html";
    const verdicts = (m: Matrix) =>
      m.results.map((r) => `${r.fixture} ${r.step}#${r.index} ${r.mutation} ${r.verdict}`).sort();
    const together = computeMatrix({ locate, fixtures: busy });
    const alone = computeMatrix({ locate, fixtures: busy, batch: false });
    expect(together.pages).toBeLessThan(alone.pages);
    expect(verdicts(together)).toEqual(verdicts(alone));
  });

  it("reports WRONG for a locator that returns the first button on the page", () => {
    const firstButton = (doc: Document) => doc.querySelector("button, [role=button], input[type=button], a");
    const m = computeMatrix({
      locate: firstButton,
      truthLocate: locate,
      fixtures: few,
      mutations: MUTATIONS.filter((x) =>
        ["wrap-span-1", "name-aria-label", "decoy-hidden-attr"].includes(x.id),
      ),
    });
    expect(m.pairs).toBeGreaterThan(5);
    expect(m.wrong.length).toBeGreaterThan(0);
    expect(m.foundRate).toBeLessThan(0.95);
  });

  it("reports WRONG on every decoy kind for a locator that ignores visibility", () => {
    // Same names as the real locator, but the first element in document order carrying one.
    const naive = (doc: Document, spec: TargetSpec): Element | null => {
      const real = locate(doc, spec);
      if (!real) return null;
      const text = (e: Element) => (e.textContent ?? "").replace(/\s+/g, " ").trim();
      return Array.from(doc.querySelectorAll(real.tagName)).find((e) => text(e) === text(real)) ?? null;
    };
    const m = computeMatrix({
      locate: naive,
      truthLocate: locate,
      fixtures: few,
      mutations: MUTATIONS.filter((x) => x.group === 8),
    });
    for (const [id, c] of m.byMutation) expect(c.wrong, id).toBeGreaterThan(0);
  });
});

// @vitest-environment happy-dom
/**
 * Page detection and target location against saved snapshots of every page of the simulated
 * console, in both console generations (test/fixtures/console, made by test/sandbox/snapshot.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { detectPage, gatherSignals } from "../../../src/content/detect";
import { isComplete, nextMove } from "../../../src/content/frame-agent";
import { GUIDE } from "../../../src/guide";
import { expectationsFor, expectedPage } from "./fixture-expectations";

const FIXTURES = resolve(import.meta.dirname, "../../fixtures/console");
const CONSOLE = resolve(import.meta.dirname, "../../sandbox/console");

interface Entry {
  readonly file: string;
  readonly generation: "current" | "classic" | null;
  readonly frame: "top" | "legacy";
  readonly url: string;
  readonly state: string;
}

const entries = JSON.parse(readFileSync(join(FIXTURES, "index.json"), "utf8")) as Entry[];

/** The snapshot with its stylesheets inlined, so CSS that hides things hides them here too. */
function load(entry: Entry): Document {
  let html = readFileSync(join(FIXTURES, entry.file), "utf8");
  const path = new URL(entry.url).pathname;
  const base = path.endsWith("/") ? path.slice(0, -1) : dirname(path);
  // Frames are snapshotted separately; here they are only boxes.
  html = html.replace(/<iframe\b([^>]*)>/g, "<div data-was-iframe$1>").replace(/<\/iframe>/g, "</div>");
  html = html.replace(/<link[^>]*href="([^"]+\.css)"[^>]*>/g, (tag, href: string) => {
    const path = href.startsWith("/") ? href : `${base}/${href}`;
    const file = join(CONSOLE, path);
    return existsSync(file) ? `<style>${readFileSync(file, "utf8")}</style>` : tag;
  });
  const doc = new DOMParser().parseFromString(html, "text/html");
  // happy-dom's parser ignores `selected` attributes when choosing a select's value; a browser does not.
  for (const select of Array.from(doc.querySelectorAll("select"))) {
    const chosen = select.querySelector("option[selected]");
    if (chosen) select.value = (chosen as HTMLOptionElement).value;
  }
  return doc;
}

const covered = entries.filter(
  (e) => expectedPage(e.file) !== undefined || expectationsFor(e.file).length > 0,
);

describe.each(covered.map((e) => [e.file, e] as const))("console snapshot %s", (_file, entry) => {
  const want = expectedPage(entry.file);

  if (want !== undefined) {
    it(`is detected as ${want ?? "no setup page"}`, () => {
      const doc = load(entry);
      expect(detectPage(GUIDE.pages, gatherSignals(doc, entry.url))?.pageId ?? null).toBe(want);
    });
  }

  for (const target of expectationsFor(entry.file)) {
    const step = GUIDE.steps.find((s) => s.id === target.step);
    it(
      "complete" in target
        ? `shows ${target.step} as completed`
        : `points ${target.step} at ${target.index === -1 ? "its save control" : `target #${target.index}`}`,
      () => {
        expect(step).toBeDefined();
        if (!step) return;
        const doc = load(entry);
        if ("complete" in target) {
          expect(isComplete(doc, step.completion)).toBe(true);
        } else {
          expect(nextMove(doc, step.targets, step.completion)?.index).toBe(target.index);
          if (step.completion.kind === "checked") expect(isComplete(doc, step.completion)).toBe(false);
        }
      },
    );
  }
});

it("has snapshots of both console generations and the login page", () => {
  expect(entries.some((e) => e.generation === "current")).toBe(true);
  expect(entries.some((e) => e.generation === "classic")).toBe(true);
  expect(entries.some((e) => e.file === "login.html")).toBe(true);
});

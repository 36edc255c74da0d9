// @vitest-environment happy-dom
/**
 * Page detection and target location against saved snapshots of every page of the simulated
 * console, in both console generations (test/fixtures/console, made by test/sandbox/snapshot.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { detectPage, gatherSignals } from "../../../src/content/detect";
import { isComplete } from "../../../src/content/frame-agent";
import { locateFirst } from "../../../src/content/locate";
import { GUIDE } from "../../../src/guide";

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

function expectedPage(file: string): string | null | undefined {
  const name =
    file
      .split("/")
      .pop()
      ?.replace(/\.html$/, "") ?? "";
  const table: [RegExp, string | null][] = [
    [/^login$/, null],
    [/^shell-(.+)$/, "$1"],
    [/^account-settings/, "account-settings"],
    [/^api-integrations/, "api-integrations"],
    [/^integrations-hub/, "api-integrations"],
    [/^api1-wizard/, "api1-wizard"],
    [/^api1-created/, "api1-created"],
    [/^api2-wizard/, "api2-wizard"],
    [/^api2-created/, "api2-created"],
    [/^applications/, "applications"],
    [/^dashboard/, "dashboard"],
    [/^internal-directories/, "internal-directories"],
    [/^roles/, "roles"],
    [/^profile-groups/, "profile-groups"],
  ];
  for (const [re, page] of table) {
    const m = re.exec(name);
    if (m) return page === "$1" ? (m[1] ?? null) : page;
  }
  return undefined; // menus and other transitional states: no expectation
}

/** step id → for a fixture name, the index of the step target that must be found there. */
const TARGETS: Record<string, { step: string; index: number } | { step: string; complete: true }> = {
  "account-settings": { step: "enhanced-logging", index: 3 },
  "account-settings-expanded": { step: "enhanced-logging", index: 0 },
  "account-settings-enhanced-logging-on": { step: "enhanced-logging", complete: true },
  "api-integrations-your-applications": { step: "api1-add-application", index: 0 },
  "api-integrations-no-api1": { step: "api2-new-application", index: 0 },
  "api1-wizard-details": { step: "api1-app-details", index: 0 },
  "api1-wizard-details-filled": { step: "api1-app-details", complete: true },
  "api1-wizard-review": { step: "api1-app-add", index: 0 },
  "api1-created": { step: "api1-app-keys", index: 0 },
  "api2-wizard": { step: "api2-details", index: 3 },
  "api2-wizard-details": { step: "api2-details", index: 2 },
  "api2-wizard-notifications": { step: "api2-details", index: 1 },
  "api2-wizard-summary": { step: "api2-details", index: 0 },
  "api2-created": { step: "api2-credentials", index: 0 },
  "internal-directories-domain": { step: "service-user", index: 1 },
  "internal-directories-new-address": { step: "service-user", index: 0 },
  roles: { step: "role", index: 2 },
  "roles-menu": { step: "role", index: 1 },
  "roles-dialog": { step: "role", index: 0 },
  "profile-groups": { step: "profile-group", index: 4 },
  "profile-groups-new-folder": { step: "profile-group", index: 2 },
  "profile-groups-build-menu": { step: "profile-group", index: 1 },
  "profile-groups-add-addresses": { step: "profile-group", index: 0 },
  "applications-auth-profiles": { step: "auth-profile", index: 1 },
  "applications-auth-profile-form": { step: "auth-profile", index: 0 },
  "applications-auth-profile-never": { step: "auth-profile", complete: true },
  applications: { step: "app-setting", index: 1 },
  "applications-settings-form": { step: "app-setting", index: 0 },
};

const covered = entries.filter((e) => {
  const name =
    e.file
      .split("/")
      .pop()
      ?.replace(/\.html$/, "") ?? "";
  return expectedPage(e.file) !== undefined || TARGETS[name] !== undefined;
});

describe.each(covered.map((e) => [e.file, e] as const))("console snapshot %s", (_file, entry) => {
  const name =
    entry.file
      .split("/")
      .pop()
      ?.replace(/\.html$/, "") ?? "";
  const want = expectedPage(entry.file);

  if (want !== undefined) {
    it(`is detected as ${want ?? "no setup page"}`, () => {
      const doc = load(entry);
      expect(detectPage(GUIDE.pages, gatherSignals(doc, entry.url))?.pageId ?? null).toBe(want);
    });
  }

  const target = TARGETS[name];
  if (target) {
    const step = GUIDE.steps.find((s) => s.id === target.step);
    it(
      "complete" in target
        ? `shows ${target.step} as completed`
        : `finds ${target.step} target #${target.index}`,
      () => {
        expect(step).toBeDefined();
        if (!step) return;
        const doc = load(entry);
        if ("complete" in target) {
          expect(isComplete(doc, step.completion)).toBe(true);
        } else {
          const found = locateFirst(doc, step.targets);
          expect(found?.index).toBe(target.index);
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

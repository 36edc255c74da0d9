import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, ElementContext, ImpactValue, RunOptions } from "axe-core";
import type { ElementHandle, Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { open } from "../demo/console-driver";
import {
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../sandbox/accounts";
import { consoleSite } from "../sandbox/console-site";
import {
  buttonStartingWith,
  byLabel,
  fill,
  freshConsolePage,
  type Harness,
  resetExtensionState,
  startHarness,
} from "./harness";
import { panelButtonStartingWith, waitForPanelText, waitForPanelTitle } from "./overlay";

/**
 * Accessibility in Chromium: axe-core on every popup state and on the guide's panel and launcher,
 * light and dark, then keyboard-only walks. Every axe result is printed (the closing note lists
 * them); serious and critical violations fail the test.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SCHEMES = ["light", "dark"] as const;
type Scheme = (typeof SCHEMES)[number];

interface Finding {
  id: string;
  impact: ImpactValue | null | undefined;
  help: string;
  targets: string[];
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ site: consoleSite });
});

afterAll(async () => {
  await h?.close();
});

/** Runs axe in `page` (injected once per document) on `context`, WCAG 2.x A/AA and best practices. */
async function axe(page: Page, state: string, context?: ElementContext): Promise<Finding[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  const options: RunOptions = {
    runOnly: {
      type: "tag",
      values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    resultTypes: ["violations"],
  };
  const results = await page.evaluate(
    async (ctx: ElementContext | null, opts: RunOptions) => {
      const a = (
        globalThis as unknown as { axe: { run(c: ElementContext, o: RunOptions): Promise<AxeResults> } }
      ).axe;
      const r = await a.run(ctx ?? document, opts);
      return {
        passes: r.passes.length,
        incomplete: r.incomplete.map((v) => v.id),
        violations: r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => JSON.stringify(n.target)),
        })),
      };
    },
    context ?? null,
    options,
  );
  const byImpact: Record<string, number> = {};
  for (const v of results.violations) byImpact[v.impact ?? "none"] = (byImpact[v.impact ?? "none"] ?? 0) + 1;
  // One line per state, for the record: violations by impact, then each of them in full.
  console.log(
    `[axe] ${state}: ${results.violations.length} violation(s) ${JSON.stringify(byImpact)}; ` +
      `${results.passes} rules passed; needs review: ${JSON.stringify(results.incomplete)}` +
      results.violations
        .map((v) => `\n  - ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(", ")}`)
        .join(""),
  );
  return results.violations;
}

function seriousOrWorse(found: Finding[]): Finding[] {
  return found.filter((f) => f.impact === "serious" || f.impact === "critical");
}

async function newPage(scheme: Scheme, reducedMotion = false): Promise<Page> {
  const page = await h.browser.newPage();
  await page.setViewport({ width: 420, height: 800 });
  await page.emulateMediaFeatures([
    { name: "prefers-color-scheme", value: scheme },
    { name: "prefers-reduced-motion", value: reducedMotion ? "reduce" : "no-preference" },
  ]);
  return page;
}

async function freshPopup(scheme: Scheme): Promise<Page> {
  for (const p of await h.browser.pages()) await p.close();
  const page = await newPage(scheme);
  await page.goto(h.popupUrl);
  await resetExtensionState(page);
  await page.reload();
  await byLabel(page, "Email address");
  return page;
}

/** The text of the result (success or alert) in the section headed by `heading`. */
async function resultIn(page: Page, heading: string): Promise<string> {
  const handle = await page.waitForFunction(
    (sel: string) => {
      const out = document.querySelector(sel)?.closest("section")?.querySelector(".success, [role=alert]");
      return out ? (out as HTMLElement).innerText : null;
    },
    { timeout: 30_000 },
    heading,
  );
  return (await handle.jsonValue()) as string;
}

/** What has the focus, described: the id, else the label or text of the element; "BODY" when lost. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "BODY";
    if (el.id) return `#${el.id}`;
    return `${el.tagName.toLowerCase()}:${(el.getAttribute("aria-label") ?? el.innerText ?? "").trim()}`;
  });
}

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r = 0, g = 0, bl = 0] = (c.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The focused element's outline colour and the background it is drawn on (the first opaque one
 * among its ancestors, through the shadow root to its host), in the document or in the overlay.
 */
async function focusRing(page: Page): Promise<{ ring: string; style: string; width: string; on: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    const inner = el?.shadowRoot?.activeElement;
    if (inner) el = inner;
    if (!el) throw new Error("nothing focused");
    const s = getComputedStyle(el);
    let on = "rgb(255, 255, 255)";
    for (let p = el.parentElement; p; p = p.parentElement) {
      const bg = getComputedStyle(p).backgroundColor;
      if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") {
        on = bg;
        break;
      }
    }
    return { ring: s.outlineColor, style: s.outlineStyle, width: s.outlineWidth, on };
  });
}

describe("focus ring: at least 3:1 against what it is drawn on (WCAG 1.4.11)", () => {
  for (const scheme of SCHEMES) {
    it(`${scheme}: popup field and guide panel button`, { timeout: 60_000 }, async () => {
      const popup = await freshPopup(scheme);
      await popup.keyboard.press("Tab");
      const p = await focusRing(popup);
      console.log(`[ring] popup ${scheme}: ${JSON.stringify(p)} ${contrast(p.ring, p.on).toFixed(2)}:1`);
      expect(p.style).toBe("solid");
      expect(contrast(p.ring, p.on)).toBeGreaterThanOrEqual(3);

      const page = await consolePage(scheme);
      await page.keyboard.down("Alt");
      await page.keyboard.down("Shift");
      await page.keyboard.press("KeyG");
      await page.keyboard.up("Shift");
      await page.keyboard.up("Alt");
      await page.keyboard.press("Tab");
      const g = await focusRing(page);
      console.log(`[ring] panel ${scheme}: ${JSON.stringify(g)} ${contrast(g.ring, g.on).toFixed(2)}:1`);
      expect(g.style).toBe("solid");
      expect(contrast(g.ring, g.on)).toBeGreaterThanOrEqual(3);
    });
  }
});

describe("axe: the popup in every state", () => {
  for (const scheme of SCHEMES) {
    it(`${scheme}: empty, validation error, keys, verified API 1.0, export warning, verified API 2.0`, {
      timeout: 180_000,
    }, async () => {
      const page = await freshPopup(scheme);
      const found: Record<string, Finding[]> = {};
      found.empty = await axe(page, `popup ${scheme} empty`);

      await (await buttonStartingWith(page, "Generate keys")).click();
      await page.waitForSelector("[role=alert]");
      found.validation = await axe(page, `popup ${scheme} validation error`);

      await fill(page, "Email address", sandboxAddress("siem-service"));
      await fill(page, "Password", SANDBOX_PASSWORD);
      await fill(page, "Application ID", SANDBOX_APP_ID);
      await (await buttonStartingWith(page, "Generate keys")).click();
      await page.waitForSelector("#access-key[readonly]", { timeout: 30_000 });
      found.keys = await axe(page, `popup ${scheme} keys shown`);

      await fill(page, "Application key", SANDBOX_APP_KEY);
      await (await buttonStartingWith(page, "Verify keys")).click();
      expect(await resultIn(page, "#verify1-heading")).toContain("Connected to");
      found.verified1 = await axe(page, `popup ${scheme} verified API 1.0`);

      await (await buttonStartingWith(page, "Copy collector settings")).click();
      await page.waitForSelector("[role=alertdialog]");
      found.warning = await axe(page, `popup ${scheme} export warning`);
      await (await buttonStartingWith(page, "Cancel")).click();

      await fill(page, "Client ID", SANDBOX_CLIENT_ID);
      await fill(page, "Client secret", SANDBOX_CLIENT_SECRET);
      await (await buttonStartingWith(page, "Verify API 2.0")).click();
      expect(await resultIn(page, "#verify2-heading")).toContain("Authenticated with");
      found.verified2 = await axe(page, `popup ${scheme} verified API 2.0`);

      for (const [state, violations] of Object.entries(found)) {
        expect(seriousOrWorse(violations), `${scheme} ${state}`).toEqual([]);
      }
    });
  }
});

/** The overlay's shadow host: axe walks into its (open) shadow root from there. */
const OVERLAY: ElementContext = { include: [["[data-setup-guide]"]] };

async function consolePage(scheme: Scheme, reducedMotion = false): Promise<Page> {
  const fresh = await freshConsolePage(h);
  await fresh.close();
  const page = await newPage(scheme, reducedMotion);
  await page.setViewport({ width: 1280, height: 800 });
  await open(page, "login-eu.mimecast.com", "account-settings");
  await waitForPanelTitle(page, "Enable Enhanced Logging");
  return page;
}

/** An element of the overlay, as a handle to press like a user (trusted input). */
async function inOverlay(page: Page, selector: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (sel: string) => document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector(sel) ?? null,
    { timeout: 15_000 },
    selector,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no ${selector} in the overlay`);
  return el as ElementHandle<Element>;
}

/** A panel button by its visible text. */
async function buttonInOverlay(page: Page, text: string): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(
    (t: string) =>
      Array.from(
        document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelectorAll("button") ?? [],
      ).find((b) => (b.textContent ?? "").trim() === t) ?? null,
    { timeout: 15_000 },
    text,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no panel button ${text}`);
  return el as ElementHandle<Element>;
}

/** What has the focus inside the overlay: "h2:<title>", "launcher", a button's name, or "" for none. */
async function overlayFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
    const el = root?.activeElement as HTMLElement | null | undefined;
    if (!el) return "";
    if (el.hasAttribute("data-setup-guide-launcher")) return "launcher";
    if (el.tagName === "H2") return `h2:${el.textContent}`;
    return el.getAttribute("aria-label") ?? el.textContent ?? "";
  });
}

describe("axe: the guide's panel and launcher on a console page", () => {
  for (const scheme of SCHEMES) {
    it(`${scheme}: panel open, then minimised to its launcher`, { timeout: 90_000 }, async () => {
      const page = await consolePage(scheme);
      const panel = await axe(page, `console ${scheme} panel`, OVERLAY);
      // A step marked done shows its badge (green text: contrast in both schemes).
      await (await inOverlay(page, "button.primary")).click();
      const title = async () =>
        page.evaluate(
          () =>
            document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("h2")?.textContent ?? "",
        );
      await page.waitForFunction(
        () =>
          !!document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector(".done-badge") ||
          document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("h2")?.textContent !==
            "Enable Enhanced Logging",
      );
      if ((await title()) !== "Enable Enhanced Logging") {
        await (await buttonInOverlay(page, "Back")).click();
      }
      await inOverlay(page, ".done-badge");
      const done = await axe(page, `console ${scheme} panel, step done`, OVERLAY);
      expect(seriousOrWorse(done)).toEqual([]);
      await (await inOverlay(page, 'button[aria-label="Minimise the guide"]')).click();
      await inOverlay(page, "[data-setup-guide-launcher]");
      const launcher = await axe(page, `console ${scheme} launcher`, OVERLAY);
      expect(seriousOrWorse(panel)).toEqual([]);
      expect(seriousOrWorse(launcher)).toEqual([]);
      // WCAG 2.5.3 in so many words: the launcher's name is its visible text.
      const name = await (await inOverlay(page, "[data-setup-guide-launcher]")).evaluate((b) => ({
        label: b.getAttribute("aria-label"),
        text: b.textContent,
      }));
      expect(name.label).toBeNull();
      expect(name.text).toMatch(/^Setup guide \d+\/\d+$/);
    });
  }
});

describe("keyboard only", () => {
  it("popup: Tab walks the controls in reading order; a failed check leaves focus on its button", {
    timeout: 60_000,
  }, async () => {
    const page = await freshPopup("light");
    // Tab from the top until focus leaves the page: every control once, in reading order.
    const order: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const now = await focused(page);
      if (now === "BODY") break;
      order.push(now);
    }
    expect(order).toEqual([
      "#email",
      "#password",
      "#auth-cloud", // one stop for the radio group; the arrow keys move within it
      "#app-id",
      "#region",
      "#generate",
      "#app-key",
      "#verify-access-key",
      "#verify-secret-key",
      "button:Verify keys",
      "#client-id",
      "#client-secret",
      "#api2-host",
      "button:Verify API 2.0 credentials",
      "a:Open the console", // the guide's progress, last
    ]);

    // Keys that do not work: the failure is announced (alert), the keyboard user keeps their place.
    await fill(page, "Application ID", SANDBOX_APP_ID);
    await fill(page, "Application key", "not-the-key");
    await fill(page, "Access key", "not-an-access-key");
    await fill(page, "Secret key", "bm90LWEtc2VjcmV0");
    await (await buttonStartingWith(page, "Verify keys")).focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("section:has(#verify1-heading) [role=alert]", { timeout: 30_000 });
    expect(await focused(page)).toBe("button:Verify keys");

    // A success is read from a live region that was there before it.
    await fill(page, "Client ID", SANDBOX_CLIENT_ID);
    await fill(page, "Client secret", SANDBOX_CLIENT_SECRET);
    const liveBefore = await page.evaluate(
      () => document.querySelector("section:has(#verify2-heading) [aria-live=polite]") !== null,
    );
    expect(liveBefore).toBe(true);
    await (await buttonStartingWith(page, "Verify API 2.0")).focus();
    await page.keyboard.press("Enter");
    expect(await resultIn(page, "#verify2-heading")).toContain("Authenticated with");
    expect(await focused(page)).toBe("button:Verify API 2.0 credentials");
    const inLive = await page.evaluate(
      () => !!document.querySelector("section:has(#verify2-heading) [aria-live=polite] .success"),
    );
    expect(inLive).toBe(true);
  });

  it("console: the panel never takes focus by itself; Alt+Shift+G reaches it, Escape minimises to the launcher, focus follows", {
    timeout: 90_000,
  }, async () => {
    const page = await consolePage("light");
    // The panel appeared unasked: the console keeps the focus.
    expect(await overlayFocus(page)).toBe("");
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-setup-guide"))).toBe(false);
    // Escape inside the panel is ours: the console behind does not see it.
    await page.evaluate(() => {
      const w = globalThis as unknown as { escapes: number };
      w.escapes = 0;
      addEventListener("keydown", (e) => {
        if (e.key === "Escape") w.escapes++;
      });
    });

    await page.keyboard.down("Alt");
    await page.keyboard.down("Shift");
    await page.keyboard.press("KeyG");
    await page.keyboard.up("Shift");
    await page.keyboard.up("Alt");
    expect(await overlayFocus(page)).toBe("h2:Enable Enhanced Logging");

    await page.keyboard.press("Escape");
    await inOverlay(page, "[data-setup-guide-launcher]");
    await page.waitForFunction(
      () =>
        document
          .querySelector("[data-setup-guide]")
          ?.shadowRoot?.activeElement?.hasAttribute("data-setup-guide-launcher") ?? false,
    );
    expect(await page.evaluate(() => (globalThis as unknown as { escapes: number }).escapes)).toBe(0);
    expect(
      await (await inOverlay(page, "[data-setup-guide-launcher]")).evaluate((b) =>
        b.getAttribute("aria-keyshortcuts"),
      ),
    ).toBe("Alt+Shift+G");

    // Enter on the launcher: the panel, with focus on the step's title.
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => document.querySelector("[data-setup-guide]")?.shadowRoot?.activeElement?.tagName === "H2",
    );
    expect(await overlayFocus(page)).toBe("h2:Enable Enhanced Logging");

    // Tab to "Close the guide" and press it: the guide closes to its launcher, which takes the focus.
    let name = "";
    for (let i = 0; i < 30 && name !== "Close the guide"; i++) {
      await page.keyboard.down("Shift");
      await page.keyboard.press("Tab");
      await page.keyboard.up("Shift");
      name = await overlayFocus(page);
    }
    expect(name).toBe("Close the guide");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () =>
        document
          .querySelector("[data-setup-guide]")
          ?.shadowRoot?.activeElement?.hasAttribute("data-setup-guide-launcher") ?? false,
      { timeout: 15_000 },
    );

    // From the console again (focus elsewhere), the shortcut finds the launcher.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await overlayFocus(page)).toBe("");
    await page.keyboard.down("Alt");
    await page.keyboard.down("Shift");
    await page.keyboard.press("KeyG");
    await page.keyboard.up("Shift");
    await page.keyboard.up("Alt");
    expect(await overlayFocus(page)).toBe("launcher");

    // Only a short status line is live, not the whole panel.
    await page.keyboard.press("Enter");
    await waitForPanelTitle(page, "Enable Enhanced Logging");
    const live = await page.evaluate(() => {
      const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
      return Array.from(root?.querySelectorAll("[aria-live], [role=status], [role=alert]") ?? []).map((e) =>
        (e.textContent ?? "").trim(),
      );
    });
    expect(live.filter((t) => /^Step \d+ of \d+: Enable Enhanced Logging$/.test(t))).toHaveLength(1);
    expect(
      await page.evaluate(
        () =>
          document
            .querySelector("[data-setup-guide]")
            ?.shadowRoot?.querySelector("[data-setup-guide-panel]")
            ?.getAttribute("aria-live") ?? null,
      ),
    ).toBeNull();
  });

  it("console: the spotlight's pulse stops when the user prefers reduced motion", {
    timeout: 60_000,
  }, async () => {
    const animation = async (reduce: boolean) => {
      const page = await consolePage("light", reduce);
      const name = await page.evaluate(() => {
        const ring = document
          .querySelector("[data-setup-guide]")
          ?.shadowRoot?.querySelector("[data-setup-guide-spotlight]");
        return ring ? getComputedStyle(ring).animationName : null;
      });
      await page.close();
      return name;
    };
    expect(await animation(false)).toBe("pulse");
    expect(await animation(true)).toBe("none");
  });
});

describe("axe and keyboard: repairing a step (Show me, pick mode, Use this, the report)", () => {
  for (const scheme of SCHEMES) {
    it(`${scheme}: every state of the repair has no serious violation; a keyboard user picks with Enter`, {
      timeout: 120_000,
    }, async () => {
      const fresh = await freshConsolePage(h);
      await fresh.close();
      const page = await newPage(scheme);
      await page.setViewport({ width: 1280, height: 800 });
      await open(page, "login-eu.mimecast.com", "integrations-hub", { variant: "renamed" });
      await waitForPanelTitle(page, "Start an API 2.0 application");
      await page.bringToFront();
      const showMe = await buttonInOverlay(page, "Show me where it is");
      const missing = await axe(page, `console ${scheme} control missing`, OVERLAY);
      // Keyboard only from here: the panel's button, then Tab to the console's control and Enter.
      await showMe.focus();
      await page.keyboard.press("Enter");
      await waitForPanelText(page, "Click the control you would use");
      const picking = await axe(page, `console ${scheme} pick mode`, OVERLAY);
      const connect = await page.waitForSelector("mc-hub-tile footer button");
      await connect?.focus();
      await page.keyboard.press("Enter");
      const useThis = await (await panelButtonStartingWith(page, "Use this: ")).evaluate(
        (b) => b.textContent,
      );
      // Enter picked, it did not press the console's button.
      expect(await page.$("mat-dialog-container")).toBeNull();
      const picked = await axe(page, `console ${scheme} control picked`, OVERLAY);
      expect(useThis).toContain("‘Connect’ button");
      await page.keyboard.press("Escape");
      await waitForPanelText(page, "I can't find");
      await (await buttonInOverlay(page, "Copy report for the maintainers")).click();
      await inOverlay(page, "textarea");
      const report = await axe(page, `console ${scheme} report preview`, OVERLAY);
      for (const found of [missing, picking, picked, report]) expect(seriousOrWorse(found)).toEqual([]);
      await page.close();
    });
  }
});

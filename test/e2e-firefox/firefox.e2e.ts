import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { legacy, open } from "../demo/console-driver";
import { buttonStartingWith, byLabel, fill } from "../e2e/harness";
import { spotlightBox, waitForPanelTitle, waitForSpotlightOn } from "../e2e/overlay";
import { SANDBOX_APP_ID, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import { consoleSite } from "../sandbox/console-site";
import { type FirefoxHarness, firefoxExecutable, openPopup, startFirefoxHarness } from "./harness";

function panelMounted(p: Page): Promise<boolean> {
  return p.evaluate(
    () =>
      !!document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("[data-setup-guide-panel]"),
  );
}

/** A failed wait, with what the overlay showed at the time (panel text, spotlight box, page state). */
async function explained<T>(p: Page, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    const state = await p
      .evaluate(() => {
        const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
        const panel = root?.querySelector("[data-setup-guide-panel]") as HTMLElement | null | undefined;
        const ring = root?.querySelector("[data-setup-guide-spotlight]") as HTMLElement | null | undefined;
        return JSON.stringify({
          url: location.href,
          visibility: document.visibilityState,
          host: !!root,
          panel: panel?.textContent?.slice(0, 200) ?? null,
          ring: ring ? { hidden: ring.hidden, style: ring.getAttribute("style") } : null,
        });
      })
      .catch((e: unknown) => `unreadable: ${String(e)}`);
    throw new Error(`${String(error)}; overlay: ${state}`, { cause: error });
  }
}

// Without a Firefox, global-setup.ts has printed why these are skipped (or failed the run in CI).
describe.skipIf(!firefoxExecutable())("Firefox: the Firefox build in real Firefox", () => {
  let h: FirefoxHarness;

  beforeAll(async () => {
    h = await startFirefoxHarness({ site: consoleSite });
  });

  afterAll(async () => {
    await h?.close();
  });

  // Two tabs for the whole run: the console in the first (foreground: Firefox throttles animation
  // frames in background tabs, and the spotlight helpers poll on them), then the popup in a second.
  // Closing tabs while puppeteer still tracks a moz-extension navigation confuses it (see openPopup).
  let popup: Page | undefined;
  async function consoleTab(): Promise<Page> {
    const [first] = await h.browser.pages();
    if (!first) throw new Error("Firefox has no tab");
    await first.bringToFront();
    return first;
  }
  async function popupTab(): Promise<Page> {
    if (!popup) {
      popup = await h.browser.newPage();
      await popup.bringToFront();
      await openPopup(h, popup);
    }
    return popup;
  }

  it("the guide mounts its panel and spotlight on a console page", async () => {
    const p = await consoleTab();
    await open(p, "login-eu.mimecast.com", "api-integrations");
    await explained(p, waitForSpotlightOn(p.mainFrame(), { css: "button", text: "Add API Application" }));
    expect(await spotlightBox(p)).not.toBeNull();
    expect(await panelMounted(p)).toBe(true);
  });

  it("the guide spotlights a control inside a framed legacy page", async () => {
    const p = await consoleTab();
    await open(p, "login-eu.mimecast.com", "account-settings");
    await waitForPanelTitle(p, "Enable Enhanced Logging");
    const frame = await legacy(p, "account-settings");
    await explained(
      p,
      waitForSpotlightOn(frame, { css: "button.adconGroupHeader", text: "Enhanced Logging" }),
    );
    expect(await spotlightBox(frame)).not.toBeNull();
    expect(await panelMounted(p)).toBe(true);
  });

  it("runs the Firefox manifest: event page, no offscreen permission, gecko id", async () => {
    const p = await popupTab();
    const manifest = await p.evaluate(() => {
      const b = (globalThis as unknown as { browser: { runtime: { getManifest(): unknown; id: string } } })
        .browser;
      return { manifest: b.runtime.getManifest(), id: b.runtime.id };
    });
    expect(manifest.id).toBe("siem-setup-assistant@siem-setup-assistant-for-mimecast");
    const m = manifest.manifest as { background?: { scripts?: string[] }; permissions?: string[] };
    expect(m.background?.scripts).toHaveLength(1);
    expect(m.permissions).not.toContain("offscreen");
  });

  it("the popup generates keys against the simulated API", async () => {
    // A fresh profile: nothing remembered from an earlier run.
    const p = await popupTab();
    const email = sandboxAddress("siem-service");
    await fill(p, "Email address", email);
    await fill(p, "Password", SANDBOX_PASSWORD);
    await fill(p, "Application ID", SANDBOX_APP_ID);
    await (await buttonStartingWith(p, "Generate keys")).click();
    await p.waitForSelector("#access-key", { timeout: 30_000 });
    const issued = [...h.sandbox.api.issued.values()].filter((k) => k.email === email).at(-1);
    expect(issued).toBeDefined();
    const access = await byLabel(p, "Access key");
    expect(
      await access.evaluate((el) => [(el as HTMLInputElement).value, (el as HTMLInputElement).readOnly]),
    ).toEqual([issued?.accessKey, true]);
    // The API calls went through the proxy to the sandbox, under their real host names.
    expect(h.proxy.tunnelled).toContain("eu-api.mimecast.com");
    expect(
      h.sandbox.api.seen.some((r) => r.host === "eu-api.mimecast.com" && r.path === "/api/login/login"),
    ).toBe(true);
  });
});

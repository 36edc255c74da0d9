import type { Frame, Page } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GUIDE, stepsFor } from "../../src/guide";
import { byText, createApi2Application, open, panelButton } from "../demo/console-driver";
import {
  API2_CLIENT_OK,
  API2_CLIENT_SLOW_PROBE,
  SANDBOX_APP_ID,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../sandbox/accounts";
import { consoleSite, LOOKALIKE_HOSTS, PUBLIC_SECTOR_CONSOLE_HOST } from "../sandbox/console-site";
import {
  buttonStartingWith,
  fill,
  freshConsolePage,
  type Harness,
  sessionStorageOf,
  startHarness,
  stopWorker,
} from "./harness";
import { panelButtonStartingWith, panelText, waitForPanelTitle } from "./overlay";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness({ site: consoleSite });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  page = await freshConsolePage(h);
});

const titleOf = (id: string): string => {
  const step = stepsFor(GUIDE, "api1").find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step.title;
};

/** Everything in the extension's session storage, read from one of its pages. */
async function sessionStorage(): Promise<Record<string, unknown>> {
  const p = await h.browser.newPage();
  await p.goto(h.popupUrl);
  const all = await sessionStorageOf(p);
  await p.close();
  // Back to the console tab: puppeteer's waits poll on animation frames, which background tabs lack.
  await page?.bringToFront();
  return all;
}

/** Whether any frame of the page holds the overlay host. */
async function overlayInAnyFrame(p: Page): Promise<boolean> {
  const found = await Promise.all(
    p
      .frames()
      .map((f: Frame) => f.evaluate(() => !!document.querySelector("[data-setup-guide]")).catch(() => false)),
  );
  return found.some(Boolean);
}

/** Clicks a panel button from the page's own script, through the open shadow root. */
async function scriptedPanelClick(p: Page, text: string): Promise<boolean> {
  return p.evaluate((t: string) => {
    const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
    const b = Array.from(root?.querySelectorAll("button") ?? []).find(
      (x) => (x.textContent ?? "").trim() === t,
    );
    if (!b) return false;
    b.click();
    b.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    b.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true }));
    return true;
  }, text);
}

describe("hardening: the guide runs on the console only", () => {
  it("a look-alike console on Mimecast's other sites gets no guide in any frame", {
    timeout: 60_000,
  }, async () => {
    // Control: the same page on a console host shows the guide.
    await open(page, "login-eu.mimecast.com", "account-settings");
    await waitForPanelTitle(page, titleOf("enhanced-logging"));
    for (const host of LOOKALIKE_HOSTS) {
      await open(page, host, "account-settings");
      await byText(page.mainFrame(), ".mc-crumbs span", "Account Settings").catch(() => undefined);
      // Longer than the guide takes to show on the console page above.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(page.frames().length).toBeGreaterThan(1);
      expect(await overlayInAnyFrame(page)).toBe(false);
    }
  });

  it("the public-sector console gets the guide", { timeout: 60_000 }, async () => {
    await open(page, PUBLIC_SECTOR_CONSOLE_HOST, "account-settings");
    await waitForPanelTitle(page, titleOf("enhanced-logging"));
  });
});

describe("hardening: nothing the page scripts can trigger", () => {
  it("a scripted click through the shadow root captures nothing; the user's click does", {
    timeout: 120_000,
  }, async () => {
    await createApi2Application(page, "login-eu.mimecast.com");
    await waitForPanelTitle(page, "Copy the Client ID and Client Secret");
    // The step can show a moment before the page that shows the credentials is recognised (the
    // button comes with the page): wait for the button, then click it from a script.
    await panelButtonStartingWith(page, "Use in the assistant");
    expect(await scriptedPanelClick(page, "Use in the assistant")).toBe(true);
    expect(await scriptedPanelClick(page, "Close the guide")).toBe(false); // an icon button: by label
    await page.evaluate(() => {
      const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
      (root?.querySelector('button[aria-label="Close the guide"]') as HTMLButtonElement | null)?.click();
    });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await panelText(page)).not.toContain("Sent to the assistant");
    expect(await panelText(page)).toContain("Copy the Client ID and Client Secret"); // still open
    expect(await sessionStorage()).not.toHaveProperty("captured");

    await panelButton(page, "Use in the assistant");
    await page.waitForFunction(() =>
      (document.querySelector("[data-setup-guide]")?.shadowRoot?.textContent ?? "").includes(
        "Sent to the assistant",
      ),
    );
    const captured = (await sessionStorage()).captured as { source?: { host?: string; page?: string } };
    expect(captured.source).toEqual({ host: "login-eu.mimecast.com", page: "API 2.0 credentials" });
  });
});

describe("hardening: a stopped service worker loses no progress and misses no completion", () => {
  it("the guide resumes at the same step after the worker is stopped", { timeout: 60_000 }, async () => {
    await open(page, "login-eu.mimecast.com", "applications");
    await waitForPanelTitle(page, titleOf("auth-profile"));
    await panelButton(page, "Mark done");
    await waitForPanelTitle(page, titleOf("app-setting"));
    await stopWorker(h);
    await page.reload();
    await waitForPanelTitle(page, titleOf("app-setting"));
    // And the panel still acts after the restart.
    await panelButton(page, "Back");
    await waitForPanelTitle(page, titleOf("auth-profile"));
  });

  it("a worker stopped during key generation: the popup says so; the next keys still complete the step on the open console tab", {
    timeout: 120_000,
  }, async () => {
    await open(page, "login-eu.mimecast.com", "administration-dashboard");
    // Walk the panel to the key-generation step (Next moves without marking anything done).
    const target = titleOf("generate-keys");
    for (let i = 0; i < 15 && !((await panelText(page)) ?? "").includes(target); i++) {
      await panelButton(page, "Next");
      await new Promise((r) => setTimeout(r, 150));
    }
    await waitForPanelTitle(page, target);

    const popup = await h.browser.newPage();
    await popup.goto(h.popupUrl);
    await fill(popup, "Email address", sandboxAddress("slow")); // Mimecast never answers this login
    await fill(popup, "Password", SANDBOX_PASSWORD);
    await fill(popup, "Application ID", SANDBOX_APP_ID);
    await (await buttonStartingWith(popup, "Generate keys")).click();
    await new Promise((r) => setTimeout(r, 1_000));
    await stopWorker(h);
    const alert = await popup.waitForSelector("[role=alert]", { timeout: 10_000 });
    expect(await alert?.evaluate((e) => (e as HTMLElement).innerText)).toContain(
      "stopped before it answered, so nothing was done or saved",
    );
    // The form is still usable: the same popup generates keys for a working account.
    await fill(popup, "Email address", sandboxAddress("siem-service"));
    await fill(popup, "Password", SANDBOX_PASSWORD);
    await (await buttonStartingWith(popup, "Generate keys")).click();
    await popup.waitForSelector("#access-key", { timeout: 30_000 });
    // The console tab has not spoken to the new worker, yet its step completes. The console tab
    // comes to the front first: puppeteer polls on animation frames, which a background tab does
    // not get.
    await page.bringToFront();
    await waitForPanelTitle(page, titleOf("verify"));
    await popup.close();
  });

  it("a worker stopped during verification: the popup says so plainly and the next verification works", {
    timeout: 90_000,
  }, async () => {
    const popup = await h.browser.newPage();
    await popup.goto(h.popupUrl);
    const result = async (): Promise<string> =>
      (await popup
        .waitForFunction(
          () => {
            const section = document.querySelector("#verify2-heading")?.closest("section");
            const out = section?.querySelector(".success, [role=alert]");
            return out ? (out as HTMLElement).innerText : null;
          },
          { timeout: 30_000 },
        )
        .then((hdl) => hdl.jsonValue())) as string;
    // The token is issued, then the SIEM check never answers: the worker is stopped meanwhile.
    await fill(popup, "Client ID", API2_CLIENT_SLOW_PROBE.clientId);
    await fill(popup, "Client secret", API2_CLIENT_SLOW_PROBE.clientSecret);
    await (await buttonStartingWith(popup, "Verify API 2.0")).click();
    await new Promise((r) => setTimeout(r, 1_000));
    await stopWorker(h);
    expect(await result()).toContain("stopped before it answered, so nothing was done or saved");
    await fill(popup, "Client ID", API2_CLIENT_OK.clientId);
    await fill(popup, "Client secret", API2_CLIENT_OK.clientSecret);
    await (await buttonStartingWith(popup, "Verify API 2.0")).click();
    await popup.waitForFunction(() => document.body.innerText.includes("Can read SIEM data"), {
      timeout: 30_000,
    });
    await popup.close();
  });
});

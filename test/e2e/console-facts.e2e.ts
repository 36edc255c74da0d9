import type { Frame, Page } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  byText,
  choose,
  click,
  createApi2Application,
  legacy,
  open,
  tick,
  type,
} from "../demo/console-driver";
import {
  API2_ROLE,
  accountSave,
  press,
  roleSave,
  securityEventsGroup,
  siemRead,
  startPath,
} from "../demo/walkthrough";
import { type ConsoleGeneration, consoleSite } from "../sandbox/console-site";
import { freshConsolePage, type Harness, startHarness } from "./harness";
import { panelText, waitForPanelPath, waitForPanelTitle, waitForSpotlightOn } from "./overlay";

/**
 * The guide on the console facts from Mimecast's public documentation (DESIGN.md 3b), as the
 * simulated console models them: Account Settings applies only on Save; API 2.0 needs a custom role
 * with "Threat and Security Events (SIEM) | Read"; the Integrations Hub shows the API Terms and
 * Conditions on first use and calls its stage "Notification Settings"; "Authentication Profiles" is
 * a button and the TTL field "Authentication Cache TTL" on the current console.
 */

const HOSTS: Record<Exclude<ConsoleGeneration, "ci">, string> = {
  current: "login-eu.mimecast.com",
  classic: "login-us.mimecast.com",
};

const TITLES = {
  enhancedLogging: "Enable Enhanced Logging",
  role: "Create a role for the API 2.0 application",
  start: "Start an API 2.0 application",
  details: "Describe the API 2.0 application",
  credentials: "Copy the Client ID and Client Secret",
  authProfile: "Create an authentication profile that never expires",
  appSetting: "Bind group and profile with an application setting",
};

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

function ctxFor(host: string) {
  return { page, host, shot: async () => undefined, generateKeys: async () => undefined };
}

/** The panel's step title right now. */
async function panelTitle(): Promise<string | null> {
  return page.evaluate(
    () =>
      document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("[data-setup-guide-panel] h2")
        ?.textContent ?? null,
  );
}

/**
 * Waits until the step titled `title` is complete: the panel moved on, or (when the completing
 * click also changed the page, as the role editor's save does) shows it with its "Done" badge.
 */
async function completed(title: string): Promise<void> {
  await page.waitForFunction(
    (t: string) => {
      const panel = document
        .querySelector("[data-setup-guide]")
        ?.shadowRoot?.querySelector("[data-setup-guide-panel]");
      const h2 = panel?.querySelector("h2");
      return !!h2 && (h2.textContent !== t || !!panel?.querySelector(".done-badge"));
    },
    { timeout: 15_000 },
    title,
  );
}

async function boxesTicked(frame: Frame): Promise<boolean[]> {
  return frame.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>(".adconCheckList input")).map((b) => b.checked),
  );
}

describe("Account Settings › Enhanced Logging applies only on Save", () => {
  for (const gen of ["current", "classic"] as const) {
    it(`${gen} console: ticks alone leave the step open, the spotlight moves to Save, Save completes it`, {
      timeout: 90_000,
    }, async () => {
      await open(page, HOSTS[gen], "account-settings");
      let frame = await legacy(page, "account-settings");
      await waitForPanelTitle(page, TITLES.enhancedLogging);
      await click(frame, "button.adconGroupHeader", "Enhanced Logging");
      for (const t of ["Inbound", "Outbound", "Internal"]) {
        await waitForSpotlightOn(frame, { label: t });
        await tick(frame, t);
      }
      await waitForSpotlightOn(frame, accountSave(gen));
      // All three ticked, nothing saved: still this step.
      expect(await panelTitle()).toBe(TITLES.enhancedLogging);

      // Without Save a reload loses the ticks (the console's own behaviour) and the step stays open.
      await open(page, HOSTS[gen], "account-settings");
      frame = await legacy(page, "account-settings");
      await click(frame, "button.adconGroupHeader", "Enhanced Logging");
      await waitForSpotlightOn(frame, { label: "Inbound" }).catch(async (e) => {
        await page.screenshot({ path: `test-results/enhanced-logging-reload-${gen}.png` });
        throw new Error(`no spotlight on Inbound after a reload; panel: ${await panelText(page)}`, {
          cause: e,
        });
      });
      expect(await boxesTicked(frame)).toEqual([false, false, false]);
      expect(await panelTitle()).toBe(TITLES.enhancedLogging);

      for (const t of ["Inbound", "Outbound", "Internal"]) await tick(frame, t);
      await waitForSpotlightOn(frame, accountSave(gen));
      await press(frame, accountSave(gen));
      await page.waitForFunction(
        (t: string) =>
          document
            .querySelector("[data-setup-guide]")
            ?.shadowRoot?.querySelector("[data-setup-guide-panel] h2")?.textContent !== t,
        { timeout: 15_000 },
        TITLES.enhancedLogging,
      );
      await byText(frame, ".adconToast", "Account settings saved");
      // Saved for real: a reload shows them ticked.
      await open(page, HOSTS[gen], "account-settings");
      frame = await legacy(page, "account-settings");
      await click(frame, "button.adconGroupHeader", "Enhanced Logging");
      await frame.waitForSelector(".adconCheckList input");
      expect(await boxesTicked(frame)).toEqual([true, true, true]);
    });
  }
});

describe("Admin Roles › New Role for API 2.0", () => {
  for (const gen of ["current", "classic"] as const) {
    it(`${gen} console: the role editor is detected, the SIEM Read box spotlit, the step completes when ticked and saved`, {
      timeout: 120_000,
    }, async () => {
      const host = HOSTS[gen];
      await startPath(ctxFor(host), "api2");
      await open(page, host, "roles");
      const frame = await legacy(page, "roles");
      await waitForPanelTitle(page, TITLES.role);
      await waitForPanelPath(page, "api2");
      await waitForSpotlightOn(frame, { css: "button.adconAction", text: "New Role" });
      await click(frame, "button.adconAction", "New Role");
      await byText(frame, "h2", "New Role");
      // The editor is a page of its own for the guide, and the step stays.
      await page.waitForFunction(
        () =>
          (
            document
              .querySelector("[data-setup-guide]")
              ?.shadowRoot?.querySelector("[data-setup-guide-panel]")?.textContent ?? ""
          ).includes("You are on the right page"),
        { timeout: 15_000 },
      );
      expect(await panelTitle()).toBe(TITLES.role);
      await type(frame, "Role Name", API2_ROLE);
      if (gen === "classic") {
        // Security Permissions is the tab in front: the guide points at Application Permissions.
        const tab = { css: '[role="tab"]', text: "Application Permissions" };
        await waitForSpotlightOn(frame, tab);
        await press(frame, tab);
      }
      await waitForSpotlightOn(frame, securityEventsGroup(gen));
      if (gen === "classic") await press(frame, securityEventsGroup(gen));
      else await click(frame, '[role="treeitem"] .mcTreeRow', "Security Events and Data Retrieval");
      // Among many "Read" boxes, the one of Threat and Security Events (SIEM).
      await waitForSpotlightOn(frame, siemRead(gen));
      await press(frame, siemRead(gen));
      await waitForSpotlightOn(frame, roleSave(gen));
      expect(await panelTitle()).toBe(TITLES.role);
      await press(frame, roleSave(gen));
      await completed(TITLES.role);
      await byText(frame, "td", API2_ROLE);

      // The API 2.0 wizard offers the new role as its Application Role.
      if (gen === "current") {
        await open(page, host, "integrations-hub");
        await click(page.mainFrame(), "mc-hub-tile button", "Configure New");
        await tick(page.mainFrame(), "I accept");
        await click(page.mainFrame(), "mat-dialog-container button", "Accept");
      } else {
        await open(page, host, "api-integrations", { api1: "off" });
        await click(page.mainFrame(), '[role="tab"]', "Available Integrations");
        await click(page.mainFrame(), "mc-integration-card button", "Generate Keys");
        await tick(page.mainFrame(), "I accept");
        await click(page.mainFrame(), "mc-side-panel button", "Next");
      }
      await byText(page.mainFrame(), "h3", "Application Details");
      const roles = await page.evaluate(() => {
        const label = Array.from(document.querySelectorAll("label")).find(
          (l) => l.textContent?.trim() === "Application Role",
        );
        return Array.from((label?.control as HTMLSelectElement | null)?.options ?? []).map((o) => o.text);
      });
      expect(roles).toContain(API2_ROLE);
    });
  }
});

describe("Integrations Hub (current console)", () => {
  it("Configure New, the API Terms and Conditions pop-up, no Category, Notification Settings, Add and Generate Keys", {
    timeout: 120_000,
  }, async () => {
    const host = HOSTS.current;
    await startPath(ctxFor(host), "api2");
    const top = page.mainFrame();
    await open(page, host, "integrations-hub");
    await waitForPanelTitle(page, TITLES.start);
    const start = { css: "mc-hub-tile button", text: "Configure New" };
    await waitForSpotlightOn(top, start);
    await press(top, start);
    // First use: the terms pop-up, before the wizard.
    await byText(top, "mat-dialog-container h2", "API Terms and Conditions");
    await waitForPanelTitle(page, TITLES.details);
    await waitForSpotlightOn(top, { label: "I accept" });
    const accept = await byText(top, "mat-dialog-container button", "Accept");
    expect(await accept.evaluate((b) => (b as HTMLButtonElement).disabled)).toBe(true);
    await tick(top, "I accept");
    const acceptFinder = { css: "mat-dialog-container button", text: "Accept" };
    await waitForSpotlightOn(top, acceptFinder);
    await press(top, acceptFinder);
    await byText(top, "h3", "Application Details");
    await waitForSpotlightOn(top, { label: "Application Role" });
    const labels = await top.evaluate(() =>
      Array.from(document.querySelectorAll("mc-side-panel label, mc-side-panel legend")).map((l) =>
        (l.textContent ?? "").trim(),
      ),
    );
    expect(labels).toEqual(expect.arrayContaining(["Application Name", "Products", "Application Role"]));
    expect(labels).not.toContain("Category");
    expect(await panelText(page)).toContain(TITLES.details);
    expect(await top.evaluate(() => document.querySelector("mc-side-panel")?.textContent ?? "")).toContain(
      "Products cannot be changed after saving",
    );
    await type(top, "Application Name", "SIEM Integration");
    await tick(top, "Select all");
    await choose(top, "Application Role", "Super Administrator");
    await click(top, "mc-side-panel button", "Next");
    await byText(top, "h3", "Notification Settings");
    await waitForSpotlightOn(top, { label: "Email" });
    await type(top, "Technical Point of Contact", "Security Operations");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "mc-side-panel button", "Next");
    const finish = { css: "mc-side-panel button", text: "Add and Generate Keys" };
    await waitForSpotlightOn(top, finish);
    expect(await panelTitle()).toBe(TITLES.details);
    await press(top, finish);
    await waitForPanelTitle(page, TITLES.credentials);
    await waitForSpotlightOn(top, { css: "dt", text: "Client Secret" });
    await click(top, "mc-side-panel button", "Close");

    // Accepted once: the next Configure New goes straight to the wizard.
    await open(page, host, "integrations-hub");
    await click(top, "mc-hub-tile button", "Configure New");
    await byText(top, "h3", "Application Details");
    expect(await top.$("mat-dialog-container")).toBeNull();
  });
});

describe("Applications (current console)", () => {
  it("“Authentication Profiles” is a button, the TTL is “Authentication Cache TTL”, Never Expires completes", {
    timeout: 90_000,
  }, async () => {
    await open(page, HOSTS.current, "applications");
    const frame = await legacy(page, "applications");
    await waitForPanelTitle(page, TITLES.authProfile);
    const button = { css: "button.adconAction", text: "Authentication Profiles" };
    await waitForSpotlightOn(frame, button);
    expect(await frame.$('[role="tab"], [role="tablist"]')).toBeNull();
    await press(frame, button);
    await waitForSpotlightOn(frame, { css: "button.adconAction", text: "New Authentication Profile" });
    await click(frame, "button.adconAction", "New Authentication Profile");
    await waitForSpotlightOn(frame, { label: "Authentication Cache TTL" });
    expect(
      await frame.evaluate(() =>
        Array.from(document.querySelectorAll("label")).some(
          (l) => l.textContent?.trim() === "Authentication TTL",
        ),
      ),
    ).toBe(false);
    await type(frame, "Description", "SIEM Integration");
    expect(await panelTitle()).toBe(TITLES.authProfile);
    await choose(frame, "Authentication Cache TTL", "Never Expires");
    await waitForPanelTitle(page, TITLES.appSetting);
  });
});

describe("API 2.0 credentials on every console generation", () => {
  for (const host of ["login-eu.mimecast.com", "login-us.mimecast.com", "login-za.mimecast.com"]) {
    it(`${host}: createApi2Application reaches the credentials, which the guide recognises`, {
      timeout: 90_000,
    }, async () => {
      await startPath(ctxFor(host), "api2");
      await createApi2Application(page, host);
      await waitForPanelTitle(page, TITLES.credentials);
      const secret = await page.$eval("[data-credential=client-secret]", (e) => (e.textContent ?? "").trim());
      expect(secret).toMatch(/^[A-Za-z0-9]{44}$/);
    });
  }
});

import type { Page } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SANDBOX_APP_ID, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import {
  buttonStartingWith,
  byLabel,
  fill,
  type Harness,
  resetExtensionState,
  sessionStorageOf,
  startHarness,
} from "./harness";

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await page?.close();
  page = await h.browser.newPage();
  await page.goto(h.popupUrl);
  await resetExtensionState(page);
  await page.reload();
});

interface Alarm {
  name: string;
  scheduledTime: number;
}
interface Chrome {
  storage: { session: { get(keys: null): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
  alarms: { getAll(): Promise<Alarm[]>; create(name: string, info: { when: number }): Promise<void> };
}

/** Everything in storage.session, read from the popup (an extension page). */
async function sessionStorage(): Promise<Record<string, unknown>> {
  return sessionStorageOf(page);
}

async function alarms(): Promise<Alarm[]> {
  return page.evaluate(() => (globalThis as unknown as { chrome: Chrome }).chrome.alarms.getAll());
}

/** Makes an expiry alarm fire now: an alarm with the same name replaces the scheduled one. */
async function fireEarly(name: string): Promise<void> {
  await page.evaluate(
    (n: string) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.alarms.create(n, { when: Date.now() + 100 }),
    name,
  );
}

const CAPTURED_KEY = "captured-application-key-value";
const CAPTURED_SECRET = "captured-client-secret-value";

/** Keys generated in the popup, then values "sent from the console" (as the worker stores them). */
async function generateAndCapture(): Promise<{ accessKey: string; secretKey: string }> {
  const email = sandboxAddress("siem-service");
  await fill(page, "Email address", email);
  await fill(page, "Password", SANDBOX_PASSWORD);
  await fill(page, "Application ID", SANDBOX_APP_ID);
  await (await buttonStartingWith(page, "Generate keys")).click();
  await page.waitForSelector("#access-key", { timeout: 30_000 });
  const keys = {
    accessKey: await page.$eval("#access-key", (e) => (e as HTMLInputElement).value),
    secretKey: await page.$eval("#secret-key", (e) => (e as HTMLInputElement).value),
  };
  await page.evaluate(
    (appKey: string, clientSecret: string) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.set({
        captured: {
          appId: "captured-app-id",
          appKey,
          clientId: "captured-client-id",
          clientSecret,
          capturedAt: Date.now(),
          source: { host: "login-eu.mimecast.com", page: "API application details" },
        },
      }),
    CAPTURED_KEY,
    CAPTURED_SECRET,
  );
  // The open popup notices the new values and asks before using them.
  await buttonStartingWith(page, "Use these values");
  return keys;
}

const bodyText = () => page.evaluate(() => document.body.innerText);

describe("secrets: Forget and expiry", () => {
  it("Forget leaves nothing in storage.session and the popup empty", async () => {
    const keys = await generateAndCapture();
    expect(Object.keys(await sessionStorage()).sort()).toEqual(["captured", "keys"]);
    // The worker set one expiry alarm per secret, 30 minutes after it was made.
    await page.waitForFunction(
      async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.alarms.getAll()).length === 2,
    );
    for (const a of await alarms()) {
      expect(a.scheduledTime - Date.now()).toBeGreaterThan(29 * 60_000);
      expect(a.scheduledTime - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    }
    expect(await bodyText()).toContain("Kept in this browser session until");
    await (await buttonStartingWith(page, "Use these values")).click();
    await page.waitForFunction(() => (document.querySelector("#app-key") as HTMLInputElement).value !== "");

    await (await buttonStartingWith(page, "Forget")).click();
    await page.waitForFunction(() => document.body.innerText.includes("Forgotten:"));

    expect(await sessionStorage()).toEqual({});
    expect(await alarms()).toEqual([]);
    expect(await page.$("#access-key")).toBeNull();
    for (const label of ["Application key", "Access key", "Secret key", "Client ID", "Client secret"]) {
      expect(await (await byLabel(page, label)).evaluate((e) => (e as HTMLInputElement).value)).toBe("");
    }
    const text = await bodyText();
    expect(text).not.toContain("Values from the console");
    expect(text).not.toContain("Kept in this browser session");
    const html = await page.content();
    for (const secret of [keys.accessKey, keys.secretKey, CAPTURED_KEY, CAPTURED_SECRET]) {
      expect(html).not.toContain(secret);
    }
    // Reopened, the popup still has nothing.
    await page.reload();
    await byLabel(page, "Email address");
    expect(await page.$("#access-key")).toBeNull();
    expect(await bodyText()).not.toContain("Values from the console");
  });

  it("the expiry alarm clears the keys, then the captured values, and the open popup says so", async () => {
    await generateAndCapture();
    await page.waitForFunction(
      async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.alarms.getAll()).length === 2,
    );
    await fireEarly("secrets-expiry:keys");
    await page.waitForFunction(() => !document.querySelector("#access-key"), { timeout: 10_000 });
    expect(await bodyText()).toContain("Your API keys were cleared from this browser session.");
    expect(Object.keys(await sessionStorage())).toEqual(["captured"]);
    expect(await bodyText()).toContain("Values from the console");

    await fireEarly("secrets-expiry:captured");
    await page.waitForFunction(() => !document.body.innerText.includes("Values from the console"), {
      timeout: 10_000,
    });
    expect(await bodyText()).toContain("The values from the console were cleared from this browser session.");
    expect(await sessionStorage()).toEqual({});
  });
});

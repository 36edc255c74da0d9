import { createHash } from "node:crypto";
import type { Page, WebWorker } from "puppeteer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  SANDBOX_APP_ID,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../sandbox/accounts";
import { buttonStartingWith, fill, type Harness, resetExtensionState, startHarness } from "./harness";

/**
 * Copied secrets are cleared by the service worker (alarm + offscreen document), only if the
 * clipboard still holds them, whether or not the popup is still open. The 60 s alarm is brought
 * forward from the worker so the test does not wait a minute.
 */

const ALARM = "clipboard-clear"; // CLIPBOARD_ALARM in src/background/clipboard.ts

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  for (const p of await h.browser.pages()) await p.close();
  page = await h.browser.newPage();
  await page.goto(h.popupUrl);
  await resetExtensionState(page);
  await page.reload();
});

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

async function serviceWorker(): Promise<WebWorker> {
  const target = await h.browser.waitForTarget(
    (t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${h.extensionId}/`),
  );
  const worker = await target.worker();
  if (!worker) throw new Error("no service worker");
  return worker;
}

/** The extension's storage as text: `session` apart from the generated keys (kept there by design). */
async function storageText(worker: WebWorker): Promise<{ session: string; persistent: string }> {
  return worker.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const c = (globalThis as unknown as { chrome: { storage: { session: Area; local: Area; sync: Area } } })
      .chrome;
    const { keys: _keys, ...session } = await c.storage.session.get(null);
    const persistent = { local: await c.storage.local.get(null), sync: await c.storage.sync.get(null) };
    return { session: JSON.stringify(session), persistent: JSON.stringify(persistent) };
  });
}

async function sessionText(worker: WebWorker): Promise<string> {
  return (await storageText(worker)).session;
}

async function scheduledAlarm(worker: WebWorker): Promise<number | undefined> {
  return worker.evaluate(async (name: string) => {
    type Alarms = { get(name: string): Promise<{ scheduledTime: number } | undefined> };
    const c = (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome;
    return (await c.alarms.get(name))?.scheduledTime;
  }, ALARM);
}

/** Brings our alarm forward to `ms` from now; resolves to when the digest was gone (ms after that). */
async function fireAlarmSoon(worker: WebWorker, ms: number): Promise<number> {
  const started = Date.now();
  await worker.evaluate(
    async (name: string, delay: number) => {
      type Alarms = { create(name: string, info: { when: number }): Promise<void> };
      const c = (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome;
      await c.alarms.create(name, { when: Date.now() + delay });
    },
    ALARM,
    ms,
  );
  for (;;) {
    if (!(await sessionText(worker)).includes("clipboard-pending")) return Date.now() - started;
    if (Date.now() - started > 20_000) throw new Error("the clipboard alarm did not run within 20 s");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Reads the real clipboard the way a person would: Ctrl+V into a text box on another page. */
async function pasteClipboard(): Promise<string> {
  const pad = await h.browser.newPage();
  await pad.setContent("<textarea id=pad></textarea>");
  await pad.focus("#pad");
  await pad.keyboard.down("Control");
  await pad.keyboard.press("V");
  await pad.keyboard.up("Control");
  const text = await pad.$eval("#pad", (el) => (el as HTMLTextAreaElement).value);
  await pad.close();
  return text;
}

/** The user copies something else: selects text on another page and presses Ctrl+C. */
async function userCopies(text: string): Promise<void> {
  const pad = await h.browser.newPage();
  await pad.setContent("<textarea id=pad></textarea>");
  await pad.$eval(
    "#pad",
    (el, t) => {
      (el as HTMLTextAreaElement).value = t;
    },
    text,
  );
  await pad.focus("#pad");
  await pad.$eval("#pad", (el) => (el as HTMLTextAreaElement).select());
  await pad.keyboard.down("Control");
  await pad.keyboard.press("C");
  await pad.keyboard.up("Control");
  await pad.close();
}

async function offscreenDocumentOpen(): Promise<boolean> {
  return h.browser.targets().some((t) => t.url().includes("/src/offscreen/offscreen.html"));
}

/** Generates keys in the popup, clicks Copy for the Secret key; resolves to the secret key. */
async function copySecretKey(): Promise<string> {
  await fill(page, "Email address", sandboxAddress("siem-service"));
  await fill(page, "Password", SANDBOX_PASSWORD);
  await fill(page, "Application ID", SANDBOX_APP_ID);
  await (await buttonStartingWith(page, "Generate keys")).click();
  await page.waitForSelector("#secret-key[readonly]", { timeout: 30_000 });
  const secret = await page.$eval("#secret-key", (el) => (el as HTMLInputElement).value);
  const button = await page.waitForSelector("::-p-aria(Copy secret key)");
  expect(await button?.evaluate((b) => (b as HTMLElement).innerText.trim().startsWith("Copy"))).toBe(true);
  await button?.click();
  await page.waitForFunction(
    () => document.querySelector("[role=status]")?.textContent?.includes("Secret key copied. Cleared"),
    { timeout: 10_000 },
  );
  return secret;
}

describe("clipboard: copied secrets are cleared by the worker", () => {
  it("clears the secret after the alarm, with the popup already closed", async () => {
    const secret = await copySecretKey();
    const copiedAt = Date.now();
    expect(await page.$eval("[role=status]", (el) => el.textContent)).toBe(
      "Secret key copied. Cleared from the clipboard in 60 s unless you copy something else.",
    );
    expect(await pasteClipboard()).toBe(secret);

    const worker = await serviceWorker();
    // Only the digest, only in session storage; a real 60 s alarm.
    const stored = await storageText(worker);
    expect(stored.session).toContain(sha256(secret));
    expect(stored.session).not.toContain(secret);
    expect(stored.persistent).not.toContain(sha256(secret));
    expect(stored.persistent).not.toContain(secret);
    const when = await scheduledAlarm(worker);
    expect(when).toBeGreaterThan(copiedAt + 55_000);
    expect(when).toBeLessThanOrEqual(copiedAt + 61_000);

    await page.close(); // clearing must not depend on the popup
    const ms = await fireAlarmSoon(worker, 100);
    console.info(`clipboard alarm (when = now + 100 ms) handled after ${ms} ms`);
    expect(await pasteClipboard()).toBe("");
    expect(await sessionText(worker)).toBe("{}");
    expect(await scheduledAlarm(worker)).toBeUndefined();
    expect(await offscreenDocumentOpen()).toBe(false);
  });

  it("leaves the clipboard alone when the user has copied something else since", async () => {
    const secret = await copySecretKey();
    expect(await pasteClipboard()).toBe(secret);
    await userCopies("meeting notes, not a secret");
    expect(await pasteClipboard()).toBe("meeting notes, not a secret");

    const worker = await serviceWorker();
    const ms = await fireAlarmSoon(worker, 100);
    console.info(`clipboard alarm (something else copied) handled after ${ms} ms`);
    expect(await pasteClipboard()).toBe("meeting notes, not a secret");
    expect(await sessionText(worker)).toBe("{}");
    expect(await offscreenDocumentOpen()).toBe(false);
  });

  it("clears the latest of several copies (Copy both, popup still open)", async () => {
    const secret = await copySecretKey();
    // "Copy both" is another secret copy: the latest one is what gets cleared.
    await (await buttonStartingWith(page, "Copy both")).click();
    await page.waitForFunction(() =>
      document.querySelector("[role=status]")?.textContent?.startsWith("Both keys copied. Cleared"),
    );
    const both = await pasteClipboard();
    expect(both).toContain(secret);
    const worker = await serviceWorker();
    expect(await sessionText(worker)).toContain(sha256(both));
    await fireAlarmSoon(worker, 100);
    expect(await pasteClipboard()).toBe("");
  });

  it("clears exported collector settings holding the Client secret", async () => {
    await fill(page, "Client ID", SANDBOX_CLIENT_ID);
    await fill(page, "Client secret", SANDBOX_CLIENT_SECRET);
    await (await buttonStartingWith(page, "Verify API 2.0")).click();
    await page.waitForFunction(() => document.body.innerText.includes("Can read SIEM data"), {
      timeout: 30_000,
    });
    await (await buttonStartingWith(page, "Copy collector settings")).click();
    await (await buttonStartingWith(page, "Copy anyway")).click();
    await page.waitForFunction(() =>
      document.body.innerText.includes(
        "Collector settings copied. Cleared from the clipboard in 60 s unless you copy something else.",
      ),
    );
    const pasted = await pasteClipboard();
    expect(pasted).toContain(`Client Secret: ${SANDBOX_CLIENT_SECRET}\n`);
    const worker = await serviceWorker();
    expect(await sessionText(worker)).toContain(sha256(pasted));
    await page.close();
    await fireAlarmSoon(worker, 100);
    expect(await pasteClipboard()).toBe("");
  });

  it("survives the worker being stopped: the alarm wakes it and it clears from session storage", async () => {
    const secret = await copySecretKey();
    expect(await pasteClipboard()).toBe(secret);
    // Bring the alarm forward from the popup, then close everything of the extension and stop the
    // worker, the way the browser does when it is idle: only storage.session and the alarm remain.
    const due = await page.evaluate(async (name: string) => {
      type Alarms = { create(name: string, info: { when: number }): Promise<void> };
      const when = Date.now() + 3_000;
      await (globalThis as unknown as { chrome: { alarms: Alarms } }).chrome.alarms.create(name, { when });
      return when;
    }, ALARM);
    await page.close();
    const worker = await serviceWorker();
    await worker.close();
    await new Promise((r) => setTimeout(r, 300));
    const stopped = !h.browser
      .targets()
      .some((t) => t.type() === "service_worker" && t.url().includes(h.extensionId));
    expect(stopped).toBe(true);
    let pasted = await pasteClipboard();
    while (pasted !== "" && Date.now() < due + 15_000) {
      await new Promise((r) => setTimeout(r, 250));
      pasted = await pasteClipboard();
    }
    console.info(`worker stopped; clipboard empty ${Date.now() - due} ms after the alarm was due`);
    expect(pasted).toBe("");
  });

  it("Forget keys clears a copied secret at once", async () => {
    const secret = await copySecretKey();
    expect(await pasteClipboard()).toBe(secret);
    await (await buttonStartingWith(page, "Forget keys")).click();
    await page.waitForFunction(() => !document.querySelector("#secret-key"));
    // The keys leave storage first (the popup follows storage), the clipboard right after.
    const worker = await serviceWorker();
    const started = Date.now();
    while ((await sessionText(worker)).includes("clipboard-pending") && Date.now() - started < 5_000) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await sessionText(worker)).not.toContain("clipboard-pending");
    expect(await scheduledAlarm(worker)).toBeUndefined();
    expect(await pasteClipboard()).toBe("");
  });
});

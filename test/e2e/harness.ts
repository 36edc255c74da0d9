import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type ElementHandle, type Page } from "puppeteer";
import { type Sandbox, type SandboxOptions, startSandbox } from "../sandbox/server";

export const DIST = resolve(import.meta.dirname, "../../dist");

export interface Harness {
  readonly browser: Browser;
  readonly sandbox: Sandbox;
  readonly extensionId: string;
  readonly popupUrl: string;
  close(): Promise<void>;
}

function popupPath(): string {
  const manifest = JSON.parse(readFileSync(join(DIST, "manifest.json"), "utf8")) as {
    action?: { default_popup?: string };
  };
  const popup = manifest.action?.default_popup;
  if (!popup) throw new Error("dist/manifest.json names no popup");
  return popup;
}

/**
 * The production build in dist/, unchanged, in Chromium, with every Mimecast host name resolved to
 * the local HTTPS sandbox.
 */
export async function startHarness(
  options: SandboxOptions = {},
  launch: { headless?: boolean } = {},
): Promise<Harness> {
  if (!existsSync(join(DIST, "manifest.json"))) {
    throw new Error("dist/ has no build: run `npm run build` before the end-to-end tests.");
  }
  const sandbox = await startSandbox(options);
  const profile = mkdtempSync(join(tmpdir(), "siem-assistant-e2e-"));
  const browser = await puppeteer.launch({
    headless: launch.headless ?? true,
    defaultViewport: launch.headless === false ? null : { width: 1280, height: 800 },
    enableExtensions: [DIST],
    pipe: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    args: [
      `--host-resolver-rules=${sandbox.hostResolverRules}`,
      "--ignore-certificate-errors",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  const worker = await browser.waitForTarget(
    (t) => t.type() === "service_worker" && t.url().startsWith("chrome-extension://"),
    { timeout: 30_000 },
  );
  const extensionId = new URL(worker.url()).host;
  return {
    browser,
    sandbox,
    extensionId,
    popupUrl: `chrome-extension://${extensionId}/${popupPath()}`,
    async close() {
      await browser.close();
      await sandbox.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The control whose visible label text is `label` (test contract: controls are found by label). */
export async function byLabel(page: Page, label: string): Promise<ElementHandle<HTMLElement>> {
  const handle = await page.waitForFunction(
    (text: string) => {
      for (const l of Array.from(document.querySelectorAll("label"))) {
        const own = (l.textContent ?? "").replace(/\s+/g, " ").trim();
        if (own === text && l.control) return l.control;
      }
      return null;
    },
    { timeout: 10_000 },
    label,
  );
  return handle as ElementHandle<HTMLElement>;
}

/** The button whose visible text starts with `prefix`. */
export async function buttonStartingWith(
  page: Page,
  prefix: string,
): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (p: string) =>
      Array.from(document.querySelectorAll("button")).find((b) =>
        (b.innerText ?? b.textContent ?? "").replace(/\s+/g, " ").trim().startsWith(p),
      ) ?? null,
    { timeout: 10_000 },
    prefix,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

export async function fill(page: Page, label: string, value: string): Promise<void> {
  const input = await byLabel(page, label);
  await input.click({ count: 3 });
  await input.evaluate((el) => {
    (el as HTMLInputElement).value = "";
  });
  await input.type(value);
}

/** Stops the extension's service worker the way the browser does when it is idle (DevTools protocol). */
export async function stopWorker(h: Harness): Promise<void> {
  const target = await h.browser.waitForTarget(
    (t) => t.type() === "service_worker" && t.url().startsWith(`chrome-extension://${h.extensionId}/`),
    { timeout: 10_000 },
  );
  await (await target.worker())?.close();
  await new Promise((r) => setTimeout(r, 300));
}

/** Everything in storage.local and storage.sync, as text, read from an extension page. */
export async function persistentStorageText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const c = (globalThis as unknown as { chrome: { storage: { local: Area; sync: Area } } }).chrome;
    const local = await c.storage.local.get(null);
    const sync = await c.storage.sync.get(null);
    return JSON.stringify({ local, sync });
  });
}

/** Everything in the extension's session storage, read from one of its pages. */
export async function sessionStorageOf(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    return (globalThis as unknown as { chrome: { storage: { session: Area } } }).chrome.storage.session.get(
      null,
    );
  });
}

/** Clears the extension's local and session storage from one of its pages (a clean slate per test). */
export async function resetExtensionState(page: Page): Promise<void> {
  await page.evaluate(async () => {
    type Area = { clear(): Promise<void> };
    const c = (globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } }).chrome;
    await c.storage.local.clear();
    await c.storage.session.clear();
  });
}

/**
 * A fresh console tab (so a fresh simulated tenant) with a clean extension state: every open tab
 * closed, extension storage cleared from an extension page, a new 1280×800 tab returned.
 */
export async function freshConsolePage(h: Harness): Promise<Page> {
  for (const p of await h.browser.pages()) await p.close();
  const popup = await h.browser.newPage();
  await popup.goto(h.popupUrl);
  await resetExtensionState(popup);
  await popup.close();
  const page = await h.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  return page;
}

import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import puppeteer, { type Browser, type Page, TimeoutError } from "puppeteer";
import { GECKO_ID } from "../../src/manifest/build";
import { type Sandbox, type SandboxOptions, startSandbox } from "../sandbox/server";
import { type MimecastProxy, startMimecastProxy } from "./proxy";

export const DIST_FIREFOX = resolve(import.meta.dirname, "../../dist-firefox");

/**
 * The extension's moz-extension:// host, pinned through the `extensions.webextensions.uuids`
 * preference (Firefox otherwise picks a random one per profile).
 */
export const EXTENSION_UUID = "3b7c9e2f-5a41-4d8e-9f06-c1d2e3f4a5b6";

/**
 * Firefox to drive: $FIREFOX_BIN when set (only that one, so `FIREFOX_BIN=/nonexistent` shows what a
 * machine without Firefox does), else Debian's firefox-esr (what CI installs), a system firefox
 * (Linux or macOS), or one puppeteer downloaded (`npx puppeteer browsers install firefox`; found only
 * where .puppeteerrc.cjs leaves puppeteer's own paths alone). Undefined when there is none.
 */
export function firefoxExecutable(): string | undefined {
  const chosen = process.env.FIREFOX_BIN;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  const candidates = [
    "/usr/bin/firefox-esr",
    "/usr/bin/firefox",
    "/Applications/Firefox.app/Contents/MacOS/firefox",
  ];
  try {
    // .puppeteerrc.cjs may point puppeteer's executablePath at Chromium: accept only a Firefox.
    const downloaded = puppeteer.executablePath({ browser: "firefox" });
    if (/firefox/i.test(basename(downloaded))) candidates.push(downloaded);
  } catch {
    // No puppeteer-managed Firefox: fine.
  }
  return candidates.find((p) => existsSync(p));
}

export interface FirefoxHarness {
  readonly browser: Browser;
  readonly sandbox: Sandbox;
  readonly proxy: MimecastProxy;
  readonly popupUrl: string;
  close(): Promise<void>;
}

function popupPath(): string {
  const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, "manifest.json"), "utf8")) as {
    action?: { default_popup?: string };
  };
  const popup = manifest.action?.default_popup;
  if (!popup) throw new Error("dist-firefox/manifest.json names no popup");
  return popup;
}

/**
 * The production Firefox build in dist-firefox/, unchanged, installed into Firefox through WebDriver
 * BiDi, with every Mimecast host tunnelled to the local HTTPS sandbox by a local proxy.
 */
export async function startFirefoxHarness(options: SandboxOptions = {}): Promise<FirefoxHarness> {
  const executablePath = firefoxExecutable();
  if (!executablePath) throw new Error("no Firefox found (install firefox-esr)");
  if (!existsSync(join(DIST_FIREFOX, "manifest.json"))) {
    throw new Error("dist-firefox/ has no build: run `npm run build:firefox` first.");
  }
  const sandbox = await startSandbox(options);
  const proxy = await startMimecastProxy(sandbox.port);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath,
      headless: true,
      defaultViewport: { width: 1280, height: 800 },
      // The sandbox's certificate is a throwaway self-signed one, as with Chromium.
      acceptInsecureCerts: true,
      // WebDriver BiDi only navigates to web URLs unless system access is allowed: without it, a
      // tab cannot open the extension's moz-extension:// popup page.
      args: ["--remote-allow-system-access"],
      extraPrefsFirefox: {
        "network.proxy.type": 1,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": proxy.port,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": proxy.port,
        "network.proxy.share_proxy_settings": false,
        "network.proxy.no_proxies_on": "",
        "network.proxy.allow_hijacking_localhost": true,
        // Resolve through the proxy, never by DNS over HTTPS.
        "network.trr.mode": 5,
        "network.dns.disablePrefetch": true,
        "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      },
    });
  } catch (error) {
    await proxy.close();
    await sandbox.close();
    throw error;
  }
  const close = async () => {
    await browser.close();
    await proxy.close();
    await sandbox.close();
  };
  try {
    const id = await browser.installExtension(DIST_FIREFOX);
    if (id !== GECKO_ID) throw new Error(`Firefox installed the extension as ${id}, not ${GECKO_ID}`);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    browser,
    sandbox,
    proxy,
    popupUrl: `moz-extension://${EXTENSION_UUID}/${popupPath()}`,
    close,
  };
}

/**
 * Loads the popup page in `page`. Firefox moves the tab to the extension's process for a
 * moz-extension:// page and puppeteer (24.43, BiDi) then never sees the navigation finish, although
 * the page loads: start it, then wait for the popup's own form.
 *
 * While the tab switches process, an evaluation can land in the document being torn down: Firefox
 * ends it and answers `unknown error: TypeError: right-hand side of 'in' should be an object, got
 * null` (its BiDi `script.evaluate` gets no result from a terminated script), which puppeteer's
 * wait does not know as "context destroyed" and gives up on (2 runs in about 50 on a busy machine,
 * both in the first popup wait). So the wait starts again after any error but its own timeout,
 * until the deadline.
 */
export async function openPopup(h: FirefoxHarness, page: Page): Promise<void> {
  const deadline = Date.now() + 30_000;
  // Whatever this promise does later (time out, most likely) is of no interest: the wait below decides.
  void page.goto(h.popupUrl, { timeout: 30_000 }).catch(() => undefined);
  for (;;) {
    try {
      await page.waitForFunction(
        (url: string) => location.href === url && !!document.querySelector("form, button"),
        { timeout: Math.max(1, deadline - Date.now()), polling: 100 },
        h.popupUrl,
      );
      return;
    } catch (error) {
      if (error instanceof TimeoutError || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

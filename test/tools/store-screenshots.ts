/**
 * `npm run store:screenshots`: the store screenshots (1280×800) and promo tile (440×280), made from
 * the production build in dist/ driving the simulated console and API (no Mimecast account), into
 * store/screenshots/. Console pages are shot as they are; popup shots are placed on a 1280×800 card
 * with a caption (the popup itself is 420 px wide). Every file's size is checked before it is kept.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "puppeteer";
import type { PathId } from "../../src/guide/types";
import { startPath, walk } from "../demo/walkthrough";
import { buttonStartingWith, fill, startHarness } from "../e2e/harness";
import { spotlightSettled } from "../e2e/overlay";
import { SANDBOX_APP_ID, SANDBOX_APP_KEY, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import { consoleSite } from "../sandbox/console-site";
import { pngSize } from "./png-size";

const root = resolve(import.meta.dirname, "../..");
export const SCREENSHOTS = join(root, "store/screenshots");
const SCREENSHOT = { width: 1280, height: 800 } as const;
const PROMO = { width: 440, height: 280 } as const;

/** Console steps shot on the API 2.0 walk: step id → file name. */
const CONSOLE_SHOTS: Readonly<Record<string, string>> = {
  "enhanced-logging": "screenshot-1-guide-enhanced-logging.png",
  "api2-role": "screenshot-2-guide-siem-role.png",
  "api2-new-application": "screenshot-3-guide-configure-new.png",
};

function keep(name: string, png: Uint8Array, size: { width: number; height: number }): void {
  const actual = pngSize(png);
  if (actual.width !== size.width || actual.height !== size.height) {
    throw new Error(`${name} is ${actual.width}×${actual.height}, not ${size.width}×${size.height}`);
  }
  writeFileSync(join(SCREENSHOTS, name), png);
  console.log(`  ${name} ${size.width}×${size.height}`);
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

/** A popup shot on a 1280×800 card, caption on the left. */
async function card(
  browser: Browser,
  popupPng: Uint8Array,
  caption: string,
  detail: string,
): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setViewport(SCREENSHOT);
    const src = `data:image/png;base64,${Buffer.from(popupPng).toString("base64")}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;width:1280px;height:800px;display:flex;align-items:center;
        justify-content:center;gap:72px;background:linear-gradient(135deg,#eef2f7,#dbe4f0);
        font-family:system-ui,'DejaVu Sans',sans-serif;color:#111827">
        <div style="width:520px"><h1 style="font-size:44px;line-height:1.15;margin:0 0 20px">${escapeHtml(caption)}</h1>
        <p style="font-size:22px;line-height:1.45;margin:0;color:#374151">${escapeHtml(detail)}</p></div>
        <img src="${src}" alt="" style="height:740px;border-radius:12px;box-shadow:0 18px 48px rgba(17,24,39,.25)">
      </body></html>`,
    );
    await page.evaluate(() => document.querySelector("img")?.decode());
    return await page.screenshot({ type: "png" });
  } finally {
    await page.close();
  }
}

async function promoTile(browser: Browser): Promise<Uint8Array> {
  const icon = readFileSync(join(root, "src/assets/icons/icon.svg")).toString("base64");
  const page = await browser.newPage();
  try {
    await page.setViewport(PROMO);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;width:440px;height:280px;display:flex;flex-direction:column;
        align-items:center;justify-content:center;gap:14px;background:linear-gradient(135deg,#1e3a8a,#0f766e);
        font-family:system-ui,'DejaVu Sans',sans-serif;color:#fff;text-align:center">
        <img src="data:image/svg+xml;base64,${icon}" alt="" width="88" height="88">
        <div style="font-size:26px;font-weight:700;line-height:1.15">SIEM Setup Assistant<br>for Mimecast</div>
        <div style="font-size:15px;opacity:.9">Guided API setup · keys generated and verified</div>
      </body></html>`,
    );
    await page.evaluate(() => document.querySelector("img")?.decode());
    return await page.screenshot({ type: "png" });
  } finally {
    await page.close();
  }
}

/**
 * One walk in a fresh browser: `onShot` gets each console step, `popup` the generate-keys step,
 * `after` the browser once the walk is done.
 */
async function walkPath(
  path: PathId,
  onShot: (stepId: string, page: Page) => Promise<void>,
  popup: (browser: Browser, popupUrl: string) => Promise<void>,
  after: (browser: Browser) => Promise<void> = async () => undefined,
): Promise<void> {
  const h = await startHarness({ site: consoleSite }, { headless: true });
  try {
    const page = await h.browser.newPage();
    await page.setViewport(SCREENSHOT);
    const ctx = {
      page,
      host: "login-eu.mimecast.com",
      shot: (stepId: string) => onShot(stepId, page),
      generateKeys: () => popup(h.browser, h.popupUrl),
    };
    await startPath(ctx, path);
    await walk(ctx, path);
    await after(h.browser);
  } finally {
    await h.close();
  }
}

async function main(): Promise<void> {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  console.log(`store screenshots into ${SCREENSHOTS}:`);

  await walkPath(
    "api2",
    async (stepId, page) => {
      const name = CONSOLE_SHOTS[stepId];
      if (name === undefined) return;
      await spotlightSettled(page);
      keep(name, await page.screenshot({ type: "png" }), SCREENSHOT);
    },
    async () => {
      throw new Error("the API 2.0 walk generates no API 1.0 keys");
    },
    async (browser) => keep("promo-440x280.png", await promoTile(browser), PROMO),
  );

  await walkPath(
    "api1",
    async () => undefined,
    async (browser, popupUrl) => {
      const popup = await browser.newPage();
      await popup.setViewport({ width: 420, height: 800 });
      await popup.goto(popupUrl);
      await fill(popup, "Email address", sandboxAddress("siem-service"));
      await fill(popup, "Password", SANDBOX_PASSWORD);
      await fill(popup, "Application ID", SANDBOX_APP_ID);
      await (await buttonStartingWith(popup, "Generate keys")).click();
      await popup.waitForSelector("#access-key", { timeout: 30_000 });
      keep(
        "screenshot-4-popup-keys.png",
        await card(
          browser,
          await popup.screenshot({ type: "png" }),
          "Keys generated, exactly",
          "The assistant finds your region, logs in through the Mimecast API and shows the Access key and Secret key ready to copy. Copied secrets leave the clipboard after 60 seconds.",
        ),
        SCREENSHOT,
      );
      await fill(popup, "Application key", SANDBOX_APP_KEY);
      await (await buttonStartingWith(popup, "Verify keys")).click();
      await popup.waitForFunction(
        () => (document.body.textContent ?? "").includes("SIEM logs are available"),
        {
          timeout: 30_000,
        },
      );
      await popup.evaluate(() => document.querySelector("#verify1-heading")?.scrollIntoView());
      keep(
        "screenshot-5-popup-verified.png",
        await card(
          browser,
          await popup.screenshot({ type: "png" }),
          "Verified before you hand over",
          "One click asks Mimecast for SIEM logs with the new keys. Then copy or download the settings your collector needs; keys are forgotten after 30 minutes.",
        ),
        SCREENSHOT,
      );
      await popup.close();
    },
  );

  const expected = [
    ...Object.values(CONSOLE_SHOTS),
    "screenshot-4-popup-keys.png",
    "screenshot-5-popup-verified.png",
  ];
  for (const name of expected) pngSize(readFileSync(join(SCREENSHOTS, name))); // throws if one is missing
  console.log(`${expected.length} screenshots and the promo tile written`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

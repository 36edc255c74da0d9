import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "puppeteer";
import { GUIDE, stepsFor } from "../../src/guide";
import { buttonStartingWith, fill, startHarness } from "../e2e/harness";
import { SANDBOX_APP_ID, SANDBOX_APP_KEY, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import { consoleLoginUrl, consoleSite } from "../sandbox/console-site";
import { open } from "./console-driver";
import { walk } from "./walkthrough";

/**
 * `npm run demo`: the built extension in Chromium against the simulated console and API.
 * With a display (or --show) the browser opens on the console's first step for you to walk through.
 * Without one (or with --headless) it walks every step of both paths itself and saves one screenshot
 * per step.
 */

const args = new Set(process.argv.slice(2));
const headless =
  args.has("--headless") || (!args.has("--show") && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const OUT = resolve(process.env.DEMO_SCREENSHOTS ?? "demo-screenshots");

const h = await startHarness({ site: consoleSite }, { headless });
console.log(
  `Simulated Mimecast console and API on https://127.0.0.1:${h.sandbox.port} (host names mapped in Chromium)`,
);
console.log(
  `Service user: ${sandboxAddress("siem-service")}  password: ${SANDBOX_PASSWORD}  Application ID: ${SANDBOX_APP_ID}  Application key: ${SANDBOX_APP_KEY}`,
);

if (!headless) {
  const page = (await h.browser.pages())[0] ?? (await h.browser.newPage());
  await open(page, "login-eu.mimecast.com", "administration-dashboard");
  console.log(
    "Chromium is open on the console's first step. The extension's popup is the puzzle-piece icon.",
  );
  console.log(`Older console labels: ${consoleLoginUrl("login-us.mimecast.com")}`);
  console.log("Close the browser window (or press Ctrl+C) to stop.");
  const stop = async () => {
    await h.close().catch(() => undefined);
    process.exit(0);
  };
  h.browser.on("disconnected", () => void stop());
  process.on("SIGINT", () => void stop());
} else {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  let n = 0;
  const page = await h.browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const shot =
    (prefix: string, target: Page = page) =>
    async (stepId: string) => {
      n++;
      // Let the guide's smooth scroll to the control finish before the picture.
      await new Promise((r) => setTimeout(r, 700));
      const file = `${OUT}/${String(n).padStart(2, "0")}-${prefix}-${stepId}.png`;
      await target.screenshot({ path: file });
      console.log(`  ${stepId.padEnd(22)} ${file}`);
    };
  const generateKeys = async () => {
    const popup = await h.browser.newPage();
    await popup.setViewport({ width: 420, height: 800 });
    await popup.goto(h.popupUrl);
    await fill(popup, "Email address", sandboxAddress("siem-service"));
    await fill(popup, "Password", SANDBOX_PASSWORD);
    await fill(popup, "Application ID", SANDBOX_APP_ID);
    await (await buttonStartingWith(popup, "Generate keys")).click();
    await popup.waitForSelector("#access-key", { timeout: 30_000 });
    await shot("api1", popup)("popup-keys");
    await fill(popup, "Application key", SANDBOX_APP_KEY);
    await (await buttonStartingWith(popup, "Verify keys")).click();
    await popup.waitForFunction(() => document.body.innerText.includes("SIEM logs are available"), {
      timeout: 30_000,
    });
    await popup.evaluate(() => document.querySelector("#verify1-heading")?.scrollIntoView());
    await shot("api1", popup)("popup-verified");
    await popup.close();
  };
  try {
    console.log(`API 1.0 path (${stepsFor(GUIDE, "api1").length} steps):`);
    await walk(
      { page, host: "login-eu.mimecast.com", classic: false, shot: shot("api1"), generateKeys },
      "api1",
    );
    // A fresh profile state for the API 2.0 path, on a console without API 1.0.
    const fresh = await h.browser.newPage();
    await fresh.goto(h.popupUrl);
    await fresh.evaluate(async () => {
      type Area = { clear(): Promise<void> };
      const c = (globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } }).chrome;
      await c.storage.local.clear();
    });
    await fresh.close();
    console.log(`API 2.0 path (${stepsFor(GUIDE, "api2").length} steps):`);
    await open(page, "login-eu.mimecast.com", "api-integrations", { api1: "off" });
    await walk(
      { page, host: "login-eu.mimecast.com", classic: false, shot: shot("api2"), generateKeys },
      "api2",
    );
    console.log(`\n${n} screenshots in ${OUT}`);
  } finally {
    await h.close();
  }
}

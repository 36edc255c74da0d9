import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "puppeteer";
import { GUIDE, stepsFor } from "../../src/guide";
import type { PathId } from "../../src/guide/types";
import { buttonStartingWith, fill, type Harness, startHarness } from "../e2e/harness";
import { spotlightSettled } from "../e2e/overlay";
import { SANDBOX_APP_ID, SANDBOX_APP_KEY, SANDBOX_PASSWORD, sandboxAddress } from "../sandbox/accounts";
import { consoleLoginUrl, consoleSite } from "../sandbox/console-site";
import { open } from "./console-driver";
import { startPath, walk } from "./walkthrough";

/**
 * `npm run demo`: the built extension in Chromium against the simulated console and API.
 * With a display (or --show) the browser opens on the console's first step for you to walk through.
 * Without one (or with --headless) it walks every step of both paths itself and saves one screenshot
 * per step; the exit code says whether every step was detected, spotlit and completed.
 *
 * Each path runs in its own browser with a fresh profile and its own sandbox: nothing the API 1.0
 * walk did (ticked boxes in the simulated tenant, guide progress in storage.local, the service
 * worker's cache of the tab) can leak into the API 2.0 walk.
 */

const args = new Set(process.argv.slice(2));
const headless =
  args.has("--headless") || (!args.has("--show") && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);
const OUT = resolve(process.env.DEMO_SCREENSHOTS ?? "demo-screenshots");

function printSignIn(h: Harness): void {
  console.log(
    `Simulated Mimecast console and API on https://127.0.0.1:${h.sandbox.port} (host names mapped in Chromium)`,
  );
  console.log(
    `Service user: ${sandboxAddress("siem-service")}  password: ${SANDBOX_PASSWORD}  Application ID: ${SANDBOX_APP_ID}  Application key: ${SANDBOX_APP_KEY}`,
  );
}

async function interactive(): Promise<void> {
  const h = await startHarness({ site: consoleSite }, { headless: false });
  printSignIn(h);
  const page = (await h.browser.pages())[0] ?? (await h.browser.newPage());
  await open(page, "login-eu.mimecast.com", "administration-dashboard");
  console.log(
    "Chromium is open on the console's first step. The extension's popup is the puzzle-piece icon.",
  );
  console.log(`Older console labels: ${consoleLoginUrl("login-us.mimecast.com")}`);
  console.log(`Cloud Integrated console: ${consoleLoginUrl("login-za.mimecast.com")}`);
  console.log("Close the browser window (or press Ctrl+C) to stop.");
  const stop = async () => {
    await h.close().catch(() => undefined);
    process.exit(0);
  };
  h.browser.on("disconnected", () => void stop());
  process.on("SIGINT", () => void stop());
}

interface Run {
  readonly path: PathId;
  readonly host: string;
  readonly label: string;
}

/** API 1.0 and API 2.0 (Integrations Hub) on the current console, API 2.0 on a Cloud Integrated one. */
const RUNS: readonly Run[] = [
  { path: "api1", host: "login-eu.mimecast.com", label: "api1" },
  { path: "api2", host: "login-eu.mimecast.com", label: "api2" },
  { path: "api2", host: "login-za.mimecast.com", label: "api2-ci" },
];

let shots = 0;

/** One path in a browser of its own (fresh profile, fresh extension storage, fresh sandbox). */
async function walkOnePath(run: Run): Promise<void> {
  const h = await startHarness({ site: consoleSite }, { headless: true });
  try {
    if (run.path === "api1") printSignIn(h);
    const page = await h.browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    const shot =
      (prefix: string, target: Page = page) =>
      async (stepId: string) => {
        shots++;
        // The guide scrolls the control into view smoothly: wait until the spotlight stands still.
        if (target === page) await spotlightSettled(page);
        const file = `${OUT}/${String(shots).padStart(2, "0")}-${prefix}-${stepId}.png`;
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
      await shot(run.label, popup)("popup-keys");
      await fill(popup, "Application key", SANDBOX_APP_KEY);
      await (await buttonStartingWith(popup, "Verify keys")).click();
      await popup.waitForFunction(() => document.body.innerText.includes("SIEM logs are available"), {
        timeout: 30_000,
      });
      await popup.evaluate(() => document.querySelector("#verify1-heading")?.scrollIntoView());
      await shot(run.label, popup)("popup-verified");
      await popup.close();
    };
    const ctx = { page, host: run.host, shot: shot(run.label), generateKeys };
    console.log(`${run.label} path on ${run.host} (${stepsFor(GUIDE, run.path).length} steps):`);
    await startPath(ctx, run.path);
    await walk(ctx, run.path);
  } finally {
    await h.close();
  }
}

async function walkEveryPath(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  for (const run of RUNS) await walkOnePath(run);
  console.log(`\n${shots} screenshots in ${OUT} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  // Every step of every path was detected, spotlit and completed (a miss throws before this line).
  const steps = RUNS.reduce((n, run) => n + stepsFor(GUIDE, run.path).length, 0);
  console.log(`demo: ${steps} passed, 0 failed`);
}

if (headless) {
  try {
    await walkEveryPath();
  } catch (error) {
    console.error(error);
    console.error("The demo failed: see test-results/ for a screenshot of the step that failed.");
    process.exitCode = 1;
  }
} else {
  await interactive();
}

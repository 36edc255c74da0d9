import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "puppeteer";
import { DIST, type Harness, startHarness } from "../e2e/harness";

/**
 * `npm run bench`: the budgets that are about time and size, measured on the production build.
 * Run after `npm run build`. Prints a table; exits 1 when a budget is exceeded.
 */

const BENCH_PAGE = `<!doctype html><html><head><title>Account Settings</title></head><body>
<div class="mc-crumbs"><div><span>Account</span></div><div><span>Account Settings</span></div></div>
<h1>Account Settings</h1><p>Directory Options</p>
<div id="slot" style="height:200px"></div>
${"<p>Filler setting row</p>".repeat(400)}
</body></html>`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN;
}

async function popupInteractive(h: Harness, runs: number): Promise<number[]> {
  const times: number[] = [];
  const page = await h.browser.newPage();
  for (let i = 0; i < runs; i++) {
    await page.goto(h.popupUrl, { waitUntil: "load" });
    const t = await page.evaluate(
      () => performance.getEntriesByName("popup:interactive")[0]?.startTime ?? -1,
    );
    if (i > 0) times.push(t); // the first load warms the extension's caches
  }
  await page.close();
  return times;
}

/** Frames between a target being inserted and the spotlight enclosing it. */
async function spotlightFrames(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const host = document.querySelector("[data-setup-guide]");
        const ring = host?.shadowRoot?.querySelector("[data-setup-guide-spotlight]") as HTMLElement | null;
        let button: HTMLButtonElement | null = null;
        const tick = () => {
          if (!button) {
            button = document.createElement("button");
            button.textContent = "Enhanced Logging";
            document.getElementById("slot")?.append(button);
          } else {
            frames++;
            const a = ring?.getBoundingClientRect();
            const b = button.getBoundingClientRect();
            if (
              ring &&
              !ring.hidden &&
              a &&
              a.left <= b.left &&
              a.right >= b.right &&
              a.top <= b.top &&
              a.bottom >= b.bottom
            ) {
              resolve(frames);
              return;
            }
            if (frames > 120) {
              resolve(Number.POSITIVE_INFINITY);
              return;
            }
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

async function idleScriptMs(page: Page, ms: number): Promise<number> {
  const cdp = await page.createCDPSession();
  await cdp.send("Performance.enable");
  const metric = async () =>
    (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ScriptDuration")?.value ?? 0;
  const before = await metric();
  await new Promise((r) => setTimeout(r, ms));
  const after = await metric();
  return (after - before) * 1000;
}

function contentScriptGzip(): number {
  const manifest = JSON.parse(readFileSync(join(DIST, "manifest.json"), "utf8")) as {
    content_scripts?: { js?: string[] }[];
  };
  const files = manifest.content_scripts?.flatMap((c) => c.js ?? []) ?? [];
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
}

const h = await startHarness({
  site: (_req, res, host) => {
    if (!host.startsWith("login")) return false;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(BENCH_PAGE);
    return true;
  },
});
try {
  const popup = await popupInteractive(h, 16);
  const page = await h.browser.newPage();
  await page.goto("https://login-eu.mimecast.com/administration/app/#/account-settings");
  // tsx keeps function names with an `__name` helper that does not exist inside the page.
  await page.evaluate("globalThis.__name = (f) => f");
  await page.waitForFunction(
    () =>
      !!document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("[data-setup-guide-panel]"),
  );
  const frames: number[] = [];
  for (let i = 0; i < 10; i++) {
    await page.evaluate(() => {
      const slot = document.getElementById("slot");
      if (slot) slot.textContent = "";
    });
    await new Promise((r) => setTimeout(r, 300));
    frames.push(await spotlightFrames(page));
  }
  await new Promise((r) => setTimeout(r, 500));
  const idle = await idleScriptMs(page, 3000);
  const size = contentScriptGzip();
  const rows: [string, string, string, boolean][] = [
    ["popup interactive (median ms)", median(popup).toFixed(1), "<= 150", median(popup) <= 150],
    ["popup interactive (p95 ms)", p95(popup).toFixed(1), "(info)", true],
    [
      "spotlight after target appears (max frames)",
      String(Math.max(...frames)),
      "<= 2",
      Math.max(...frames) <= 2,
    ],
    ["script time while the page is still (ms in 3 s)", idle.toFixed(2), "<= 5", idle <= 5],
    ["content script (KB gzip)", (size / 1024).toFixed(2), "<= 15", size <= 15 * 1024],
  ];
  console.log("| measure | value | budget | ok |\n| --- | --- | --- | --- |");
  for (const [name, value, budget, ok] of rows)
    console.log(`| ${name} | ${value} | ${budget} | ${ok ? "yes" : "NO"} |`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} finally {
  await h.close();
}

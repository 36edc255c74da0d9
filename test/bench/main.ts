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

/**
 * A console page where something unrelated changes about 1,000 times a second: a clock rewriting its
 * text node, a chart whose bars churn `style`/`class`, a ticker replacing child nodes. The storm sits
 * below everything in a box of fixed size, so it never moves the guide's target.
 */
const STORM_PAGE = `<!doctype html><html><head><title>Account Settings</title></head><body>
<div class="mc-crumbs"><div><span>Account</span></div><div><span>Account Settings</span></div></div>
<h1>Account Settings</h1><p>Directory Options</p>
<div><button>Enhanced Logging</button></div>
${"<p>Filler setting row</p>".repeat(200)}
<div id="storm" style="height:160px;overflow:hidden;contain:strict">
  <span id="clock">00:00:00.000</span>
  <div id="chart" style="display:flex;align-items:end;height:60px">${'<i style="width:6px;height:10px;background:#888"></i>'.repeat(24)}</div>
  <ul id="ticker">${"<li>MIME 0.0</li>".repeat(8)}</ul>
</div>
<script>
(() => {
  const clock = document.getElementById("clock").firstChild;
  const bars = Array.from(document.querySelectorAll("#chart > i"));
  const ticker = document.getElementById("ticker");
  let n = 0, last = 0, timer = 0;
  function op() {
    switch (n % 3) {
      case 0: clock.data = new Date(n).toISOString().slice(11, 23); break;
      case 1: {
        const bar = bars[n % bars.length];
        bar.style.height = ((n * 7) % 50) + 4 + "px";
        bar.className = n % 2 ? "up" : "down";
        break;
      }
      default: {
        ticker.firstElementChild.remove();
        const li = document.createElement("li");
        li.textContent = "MIME " + ((n % 1000) / 10).toFixed(1);
        ticker.append(li);
      }
    }
    n++;
  }
  function tick() {
    const now = performance.now();
    const ops = Math.min(40, Math.round(now - last));
    last += ops;
    for (let i = 0; i < ops; i++) op();
  }
  window.startStorm = () => { last = performance.now(); n = 0; timer = setInterval(tick, 4); };
  window.stopStorm = () => { clearInterval(timer); return n; };
})();
</script>
</body></html>`;

/** Load cost per frame: the top frame (panel) and an older-console inner frame (spotlight target). */
const FRAMED_PAGE = `<!doctype html><html><head><title>Account Settings</title></head><body>
<div class="mc-crumbs"><div><span>Account</span></div><div><span>Account Settings</span></div></div>
<h1>Account Settings</h1>
<iframe src="/inner" style="width:900px;height:600px;border:0"></iframe>
</body></html>`;
const INNER_PAGE = `<!doctype html><html><body>
<section><h2>Enhanced Logging</h2>
<label><input type="checkbox"> Inbound</label><label><input type="checkbox"> Outbound</label>
<label><input type="checkbox"> Internal</label></section>
<p>Directory Options</p><p>Password Complexity and Expiration</p>
${"<p>Filler setting row <span>value</span></p>".repeat(300)}
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

type Metrics = { task: number; script: number; thread: number };

async function metricsOf(page: Page): Promise<() => Promise<Metrics>> {
  const cdp = await page.createCDPSession();
  await cdp.send("Performance.enable");
  return async () => {
    const m = (await cdp.send("Performance.getMetrics")).metrics;
    const v = (name: string) => (m.find((x) => x.name === name)?.value ?? 0) * 1000;
    return { task: v("TaskDuration"), script: v("ScriptDuration"), thread: v("ThreadTime") };
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

const STORM_MS = 5000;

/** Main-thread time (ms) over STORM_MS of the storm page, served where the content script runs or not. */
async function stormRun(h: Harness, host: string, withExtension: boolean) {
  const page = await h.browser.newPage();
  // No attention pulse in these runs: the pulse is measured on its own.
  await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
  await page.goto(`https://${host}/storm#/account-settings`, { waitUntil: "load" });
  await page.evaluate("globalThis.__name = (f) => f");
  if (withExtension) {
    await page.waitForFunction(() => {
      const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
      const ring = root?.querySelector("[data-setup-guide-spotlight]") as HTMLElement | null;
      return !!root?.querySelector("[data-setup-guide-panel]") && !!ring && !ring.hidden;
    });
  }
  await sleep(1000);
  const read = await metricsOf(page);
  await page.evaluate("startStorm()");
  await sleep(500);
  const a = await read();
  await sleep(STORM_MS);
  const b = await read();
  const ops = Number(await page.evaluate("stopStorm()"));
  await page.close();
  return {
    task: b.task - a.task,
    script: b.script - a.script,
    thread: b.thread - a.thread,
    opsPerSecond: ops / ((STORM_MS + 500) / 1000),
  };
}

/** Main-thread time (ms) in the 3.6 s after the spotlight appears: with the pulse, and without it. */
async function pulseRun(page: Page, reduce: boolean): Promise<number> {
  await page.emulateMediaFeatures([
    { name: "prefers-reduced-motion", value: reduce ? "reduce" : "no-preference" },
  ]);
  await page.evaluate(() => {
    const slot = document.getElementById("slot");
    if (slot) slot.textContent = "";
  });
  await sleep(400);
  const read = await metricsOf(page);
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.textContent = "Enhanced Logging";
    document.getElementById("slot")?.append(button);
  });
  const a = await read();
  await sleep(3600);
  const b = await read();
  return b.task - a.task;
}

interface ProfileNode {
  id: number;
  callFrame: { scriptId: string; url: string };
  children?: number[];
}

/**
 * The content script's main-thread time per frame while a console page loads (script evaluation,
 * first scan, first spotlight and panel), from a CPU profile: samples whose stack holds a frame of
 * the content script, attributed to the frame (document) that script instance runs in.
 */
async function loadCostPerFrame(h: Harness, contentUrl: string): Promise<{ top: number; inner: number }> {
  const page = await h.browser.newPage();
  const cdp = await page.createCDPSession();
  const scriptFrame = new Map<string, string>();
  cdp.on("Debugger.scriptParsed", (e) => {
    const aux = e.executionContextAuxData as { frameId?: string } | undefined;
    if (e.url === contentUrl && aux?.frameId) scriptFrame.set(e.scriptId, aux.frameId);
  });
  await cdp.send("Debugger.enable");
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.goto("https://login-eu.mimecast.com/framed#/account-settings", { waitUntil: "load" });
  await page.evaluate("globalThis.__name = (f) => f");
  await page.waitForFunction(
    () =>
      !!document.querySelector("[data-setup-guide]")?.shadowRoot?.querySelector("[data-setup-guide-panel]"),
  );
  const inner = page.frames().find((f) => f !== page.mainFrame());
  await inner?.evaluate("globalThis.__name = (f) => f");
  await inner?.waitForFunction(() => {
    const ring = document
      .querySelector("[data-setup-guide]")
      ?.shadowRoot?.querySelector("[data-setup-guide-spotlight]") as HTMLElement | null;
    return !!ring && !ring.hidden;
  });
  await sleep(500);
  const { profile } = await cdp.send("Profiler.stop");
  await cdp.send("Debugger.disable");
  const nodes = profile.nodes as ProfileNode[];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const owner = new Map<number, string | undefined>();
  const visit = (id: number, inherited: string | undefined) => {
    const n = byId.get(id);
    if (!n) return;
    const own = scriptFrame.get(n.callFrame.scriptId) ?? inherited;
    owner.set(id, own);
    for (const c of n.children ?? []) visit(c, own);
  };
  const root = nodes[0];
  if (root) visit(root.id, undefined);
  const perFrame = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's delta is the time before it: attribute the following interval to it.
    const frame = owner.get(samples[i] ?? -1);
    if (frame) perFrame.set(frame, (perFrame.get(frame) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const topId = (await cdp.send("Page.getFrameTree")).frameTree.frame.id;
  let top = 0;
  let innerMs = 0;
  for (const [frame, ms] of perFrame) {
    if (frame === topId) top += ms;
    else innerMs += ms;
  }
  await page.close();
  return { top, inner: innerMs };
}

/** Everything the content script loads: its JS and CSS files, and any chunk they import. */
function contentScriptFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(DIST, "manifest.json"), "utf8")) as {
    content_scripts?: { js?: string[]; css?: string[] }[];
  };
  const files = new Set(manifest.content_scripts?.flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]) ?? []);
  for (const f of files) {
    const code = readFileSync(join(DIST, f), "utf8");
    for (const m of code.matchAll(/(?:import|from)\s*\(?\s*["'`]([^"'`]+\.js)["'`]/g)) {
      const dep = m[1];
      if (dep) files.add(join(f, "..", dep).replace(/^\/+/, ""));
    }
  }
  return [...files];
}

function contentScriptGzip(): number {
  return contentScriptFiles().reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length,
    0,
  );
}

const h = await startHarness({
  site: (req, res, host) => {
    if (!host.startsWith("login")) return false;
    const path = new URL(req.url ?? "/", "https://x").pathname;
    const body =
      path === "/storm"
        ? STORM_PAGE
        : path === "/framed"
          ? FRAMED_PAGE
          : path === "/inner"
            ? INNER_PAGE
            : BENCH_PAGE;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
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
  const pulse: number[] = [];
  const still: number[] = [];
  for (let i = 0; i < 2; i++) {
    pulse.push(await pulseRun(page, false));
    still.push(await pulseRun(page, true));
  }
  const pulseMs = mean(pulse) - mean(still);
  await page.close();

  // The same storm page, on a host the content script does not match (baseline) and on one it does.
  const bare: Awaited<ReturnType<typeof stormRun>>[] = [];
  const guided: Awaited<ReturnType<typeof stormRun>>[] = [];
  // Interleaved rounds, medians: the machine may be shared, and one slow round should not decide.
  for (let i = 0; i < 5; i++) {
    bare.push(await stormRun(h, "login-eu.mimecast-pscom-us.com", false));
    guided.push(await stormRun(h, "login-eu.mimecast.com", true));
  }
  const stormBare = median(bare.map((r) => r.task));
  const stormGuided = median(guided.map((r) => r.task));
  const stormScript = median(guided.map((r) => r.script)) - median(bare.map((r) => r.script));
  const stormThread = median(guided.map((r) => r.thread)) - median(bare.map((r) => r.thread));
  const stormOverhead = stormGuided - stormBare;
  const stormCore = (stormOverhead / STORM_MS) * 100;
  const opsPerSecond = median([...bare, ...guided].map((r) => r.opsPerSecond));

  const contentUrl = `chrome-extension://${h.extensionId}/${contentScriptFiles()[0] ?? ""}`;
  const loads: { top: number; inner: number }[] = [];
  for (let i = 0; i < 3; i++) loads.push(await loadCostPerFrame(h, contentUrl));
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
    [
      `storm page, without the extension (task ms in ${STORM_MS / 1000} s, ${Math.round(opsPerSecond)} changes/s)`,
      stormBare.toFixed(0),
      "(info)",
      true,
    ],
    [
      `storm page, with the extension (task ms in ${STORM_MS / 1000} s)`,
      stormGuided.toFixed(0),
      "(info)",
      true,
    ],
    [
      `storm: extension's extra script time (ms in ${STORM_MS / 1000} s)`,
      stormScript.toFixed(1),
      "(info)",
      true,
    ],
    [
      `storm: extension's extra main-thread CPU (ThreadTime ms in ${STORM_MS / 1000} s, % of a core)`,
      `${stormThread.toFixed(0)} (${((stormThread / STORM_MS) * 100).toFixed(2)})`,
      "(info)",
      true,
    ],
    [
      "storm: extension's extra main-thread time (TaskDuration, % of a core)",
      `${stormCore.toFixed(2)} (${stormOverhead.toFixed(0)} ms)`,
      "< 2",
      stormCore < 2,
    ],
    ["spotlight pulse (extra task ms in its 3.6 s)", pulseMs.toFixed(1), "(info)", true],
    [
      "console page load, top frame (content script ms, median)",
      median(loads.map((l) => l.top)).toFixed(1),
      "(info)",
      true,
    ],
    [
      "console page load, inner frame (content script ms, median)",
      median(loads.map((l) => l.inner)).toFixed(1),
      "(info)",
      true,
    ],
    ["content script payload (KB gzip, all files)", (size / 1024).toFixed(2), "<= 20", size <= 20 * 1024],
  ];
  console.log("| measure | value | budget | ok |\n| --- | --- | --- | --- |");
  for (const [name, value, budget, ok] of rows)
    console.log(`| ${name} | ${value} | ${budget} | ${ok ? "yes" : "NO"} |`);
  process.exitCode = rows.every((r) => r[3]) ? 0 : 1;
} finally {
  await h.close();
}

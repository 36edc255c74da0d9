/**
 * Drives the simulated Administration Console through every interesting state, in both console
 * generations, and saves static HTML snapshots (scripts removed, live form values written into
 * attributes) to test/fixtures/console/, plus one screenshot per state to /tmp/console-shots/.
 *
 *   npx tsx test/sandbox/snapshot.ts
 *
 * Framed (legacy) pages are saved twice: the shell document (`shell-<page>.html`: URL and
 * breadcrumb) and the iframe's document (`<page>.html`: headings and controls).
 * test/fixtures/console/index.json lists every file with its URL, frame and state.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import puppeteer, { type ElementHandle, type Frame, type Page } from "puppeteer";
import {
  CONSOLE_HOSTS,
  type ConsoleGeneration,
  type ConsoleRoute,
  consoleLoginUrl,
  consoleSite,
  consoleUrl,
} from "./console-site";
import { startSandbox } from "./server";

const OUT = resolve(import.meta.dirname, "../fixtures/console");
const SHOTS = process.env.CONSOLE_SHOTS ?? "/tmp/console-shots";
const HOSTS = CONSOLE_HOSTS;
const SIEM_ROLE = "SIEM Integration";
const TIMEOUT = 10_000;
const SERVICE_USER = "siem-service@sandbox-corp.example";

interface Entry {
  readonly file: string;
  readonly generation: ConsoleGeneration | null;
  readonly frame: "top" | "legacy";
  readonly url: string;
  readonly state: string;
}
const index: Entry[] = [];
const problems: string[] = [];

/**
 * Serialises the current document: scripts dropped, current values of form controls written into
 * attributes (value, checked, selected) so a static parser sees what a person sees. Passed as a
 * string so no bundler helper leaks into the page.
 */
const SERIALIZE = `(() => {
  const live = Array.from(document.querySelectorAll("input, textarea, option"));
  const clone = document.documentElement.cloneNode(true);
  const copies = Array.from(clone.querySelectorAll("input, textarea, option"));
  live.forEach((el, i) => {
    const copy = copies[i];
    if (el instanceof HTMLInputElement) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) copy.setAttribute("checked", ""); else copy.removeAttribute("checked");
        if (el.indeterminate) copy.setAttribute("aria-checked", "mixed");
      } else if (el.type === "password") copy.removeAttribute("value");
      else copy.setAttribute("value", el.value);
    } else if (el instanceof HTMLTextAreaElement) copy.textContent = el.value;
    else if (el instanceof HTMLOptionElement) {
      if (el.selected) copy.setAttribute("selected", ""); else copy.removeAttribute("selected");
    }
  });
  for (const el of clone.querySelectorAll("script, noscript")) el.remove();
  if (!KEEP_TOAST) for (const el of clone.querySelectorAll(".mc-toast, .adconToast")) el.remove();
  return "<!DOCTYPE html>\\n" + clone.outerHTML + "\\n";
})()`;

async function save(
  page: Page,
  frame: Frame,
  file: string,
  gen: ConsoleGeneration | null,
  state: string,
  keepToast = false,
): Promise<void> {
  const html = (await frame.evaluate(SERIALIZE.replace("KEEP_TOAST", String(keepToast)))) as string;
  const path = join(OUT, file);
  mkdirSync(dirname(path), { recursive: true });
  // Captured DOM of a console we pretend not to own: linting it would only flag its realism.
  writeFileSync(
    path,
    `<!-- biome-ignore-all lint: captured console DOM, kept as the page had it -->\n${html}`,
  );
  index.push({
    file,
    generation: gen,
    frame: frame === page.mainFrame() ? "top" : "legacy",
    url: frame.url(),
    state,
  });
  if (!file.includes("shell-")) {
    await page.screenshot({ path: join(SHOTS, file.replace(/\//g, "-").replace(/\.html$/, ".png")) });
  }
  console.log(`  saved ${file}`);
}

// ---------------------------------------------------------------------------------------------
// Finding and driving controls the way a person would: by visible text and labels.

const VISIBLE_TEXT = (selector: string, text: string) => `(() => {
  for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
    const own = (el.textContent || "").replace(/\\s+/g, " ").trim();
    if (own === ${JSON.stringify(text)} && el.getClientRects().length > 0) return el;
  }
  return null;
})()`;

async function byText(frame: Frame, selector: string, text: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForFunction(VISIBLE_TEXT(selector, text), { timeout: TIMEOUT });
  const el = handle.asElement();
  if (!el) throw new Error(`no ${selector} with text ${text}`);
  return el as ElementHandle<Element>;
}

async function byLabel(frame: Frame, label: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForFunction(
    `(() => {
      for (const l of document.querySelectorAll("label, legend")) {
        const own = (l.textContent || "").replace(/\\s+/g, " ").trim();
        if (own === ${JSON.stringify(label)} && l.control && l.getClientRects().length > 0) return l.control;
      }
      return null;
    })()`,
    { timeout: TIMEOUT },
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no control labelled ${label}`);
  return el as ElementHandle<Element>;
}

async function click(frame: Frame, selector: string, text: string): Promise<void> {
  const el = await byText(frame, selector, text);
  await el.click();
}

async function type(frame: Frame, label: string, text: string): Promise<void> {
  const el = await byLabel(frame, label);
  await el.click({ count: 3 });
  await el.type(text);
}

async function choose(frame: Frame, label: string, value: string): Promise<void> {
  const el = (await byLabel(frame, label)) as ElementHandle<HTMLSelectElement>;
  await el.select(value);
}

async function tick(frame: Frame, label: string): Promise<void> {
  const el = await byLabel(frame, label);
  await el.click();
}

async function waitGone(frame: Frame, selector: string): Promise<void> {
  await frame.waitForFunction(`!document.querySelector(${JSON.stringify(selector)})`, { timeout: TIMEOUT });
}

async function waitFor(frame: Frame, selector: string): Promise<void> {
  await frame.waitForSelector(selector, { timeout: TIMEOUT, visible: true });
}

/** Loads a console route in a fresh document (the tab's sessionStorage, i.e. the tenant, persists). */
async function open(
  page: Page,
  gen: ConsoleGeneration,
  route: ConsoleRoute,
  query: Record<string, string> = {},
): Promise<void> {
  await page.goto("about:blank");
  await page.goto(consoleUrl(route, HOSTS[gen], { seed: "1", ...query }), { waitUntil: "load" });
  await waitFor(page.mainFrame(), ".mc-crumbs span");
}

/** The legacy page's frame once its late-rendered content is in. */
async function legacy(page: Page, file: string): Promise<Frame> {
  const iframe = await page.waitForSelector(`iframe.mc-legacy-frame[src*="${file}"]`, { timeout: TIMEOUT });
  const frame = await iframe?.contentFrame();
  if (!frame) throw new Error(`no frame for ${file}`);
  await frame.waitForFunction(
    "document.readyState === 'complete' && !!document.querySelector('.adconTitle')",
    {
      timeout: TIMEOUT,
    },
  );
  await settle(frame);
  return frame;
}

/** Waits until no "Loading..." / spinner is left. */
async function settle(frame: Frame): Promise<void> {
  await frame.waitForFunction(
    "!document.querySelector('.adconLoading, .mc-spinner, [aria-busy=true]') && document.readyState === 'complete'",
    { timeout: TIMEOUT },
  );
}

// ---------------------------------------------------------------------------------------------
// The flows

async function login(page: Page): Promise<void> {
  console.log("login");
  await page.goto(consoleLoginUrl(HOSTS.current), { waitUntil: "load" });
  await waitFor(page.mainFrame(), "#username");
  await save(page, page.mainFrame(), "login.html", null, "Sign-in page before anything is entered");
  await page.type("#username", "admin@sandbox-corp.example");
  await page.type("#password", "Sandbox-Password-1");
  await page.select("#authType", "cloud");
  await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    click(page.mainFrame(), "button", "Log In"),
  ]);
  await byText(page.mainFrame(), "h1", "Dashboard");
}

async function dashboardAndMenus(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: dashboard and menus`);
  await open(page, gen, "administration-dashboard");
  await settle(page.mainFrame());
  await save(page, page.mainFrame(), `${gen}/dashboard.html`, gen, "Dashboard after its tiles loaded");
  if (gen === "classic") {
    await click(page.mainFrame(), "button.mc-navbar-item", "Administration");
    await waitFor(page.mainFrame(), '[role="menu"]');
    await save(
      page,
      page.mainFrame(),
      `${gen}/dashboard-menu-administration.html`,
      gen,
      "Dashboard with the Administration mega-menu open",
    );
    await page.keyboard.press("Escape");
    await waitGone(page.mainFrame(), '[role="menu"]');
  } else {
    for (const top of ["Account", "Integrations", "Users & Groups"]) {
      await click(page.mainFrame(), "button.mc-navbar-item", top);
      await waitFor(page.mainFrame(), '[role="menu"]');
      const slug = top.toLowerCase().replace(/[^a-z]+/g, "-");
      const file = `${gen}/dashboard-menu-${slug}.html`;
      await save(page, page.mainFrame(), file, gen, `Dashboard with the ${top} menu open`);
      await page.keyboard.press("Escape");
      await waitGone(page.mainFrame(), '[role="menu"]');
    }
  }
  // Navigating by menu works too.
  const top = gen === "classic" ? "Administration" : "Account";
  const menu = await byText(page.mainFrame(), "button.mc-navbar-item", top);
  await menu.click();
  await click(page.mainFrame(), '[role="menuitem"]', "Account Settings");
  await page.waitForFunction("location.hash === '#/account-settings'", { timeout: TIMEOUT });
}

async function accountSettings(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: account settings`);
  await open(page, gen, "account-settings");
  const frame = await legacy(page, "account-settings");
  await save(
    page,
    page.mainFrame(),
    `${gen}/shell-account-settings.html`,
    gen,
    "Shell around Account Settings",
  );
  await save(
    page,
    frame,
    `${gen}/account-settings.html`,
    gen,
    "Account Settings, Enhanced Logging collapsed",
  );
  const header = await byText(frame, "button.adconGroupHeader", "Enhanced Logging");
  await header.click(); // scrolls the inner container, as a person would
  await byLabel(frame, "Inbound");
  await save(
    page,
    frame,
    `${gen}/account-settings-expanded.html`,
    gen,
    "Enhanced Logging expanded, nothing ticked",
  );
  for (const t of ["Inbound", "Outbound", "Internal"]) await tick(frame, t);
  await byText(frame, ".adconToolbarStatus", "You have unsaved changes.");
  await save(
    page,
    frame,
    `${gen}/account-settings-ticked.html`,
    gen,
    "Inbound, Outbound and Internal ticked, not saved yet (Save in the toolbar)",
  );
  // Nothing applies before Save: a reload shows the boxes unticked again.
  await open(page, gen, "account-settings");
  let again = await legacy(page, "account-settings");
  await click(again, "button.adconGroupHeader", "Enhanced Logging");
  await byLabel(again, "Inbound");
  expect(
    (await again.evaluate(
      "Array.from(document.querySelectorAll('.adconCheckList input')).every((b) => !b.checked)",
    )) as boolean,
    `${gen}: Enhanced Logging ticks are lost on reload without Save`,
  );
  for (const t of ["Inbound", "Outbound", "Internal"]) await tick(again, t);
  await click(again, '[role="toolbar"] button, [role="toolbar"] [role="button"]', "Save");
  await waitFor(again, ".adconToast");
  await save(
    page,
    again,
    `${gen}/account-settings-enhanced-logging-on.html`,
    gen,
    "Inbound, Outbound and Internal ticked and saved; Saved toast showing",
    true,
  );
  await open(page, gen, "account-settings");
  again = await legacy(page, "account-settings");
  await click(again, "button.adconGroupHeader", "Enhanced Logging");
  await byLabel(again, "Inbound");
  expect(
    (await again.evaluate(
      "Array.from(document.querySelectorAll('.adconCheckList input')).every((b) => b.checked)",
    )) as boolean,
    `${gen}: saved Enhanced Logging ticks survive a reload`,
  );
  await save(
    page,
    again,
    `${gen}/account-settings-saved.html`,
    gen,
    "Reloaded after Save: Enhanced Logging expanded, all three ticked",
  );
  const frameAfter = again;
  const scrolled = (await frameAfter.evaluate(
    "(() => { const s = document.querySelector('.adconScroll'); return { top: s.scrollTop, inner: s.scrollHeight, outer: s.clientHeight, win: document.scrollingElement.scrollTop }; })()",
  )) as { top: number; inner: number; outer: number; win: number };
  expect(
    scrolled.top > 0 && scrolled.win === 0 && scrolled.inner > 3 * scrolled.outer,
    `${gen}: Account Settings scrolls an inner container several screens long (${JSON.stringify(scrolled)})`,
  );
}

async function apiIntegrations(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: API and Platform Integrations`);
  const top = page.mainFrame();
  await open(page, gen, "api-integrations");
  await settle(top);
  // The older console opens on "Your Application Integrations".
  await click(top, '[role="tab"]', "Available Integrations");
  await settle(top);
  await save(page, top, `${gen}/api-integrations-available.html`, gen, "Available Integrations tab");
  await click(top, '[role="tab"]', "Your Application Integrations");
  await settle(top);
  await save(
    page,
    top,
    `${gen}/api-integrations-your-applications.html`,
    gen,
    "Your Application Integrations tab",
  );

  // API 1.0 wizard, from the "Your Application Integrations" tab.
  await click(top, "button", "Add API Application");
  await waitFor(top, ".cdk-overlay-container mc-side-panel");
  await save(page, top, `${gen}/api1-wizard-details.html`, gen, "API 1.0 wizard: Application Details, empty");
  await click(top, "mc-side-panel button", "Next");
  await waitFor(top, ".mc-error");
  await save(page, top, `${gen}/api1-wizard-details-errors.html`, gen, "API 1.0 wizard: Next without input");
  await type(top, "Application Name", "SIEM Integration");
  await choose(top, "Category", "SIEM Integration");
  await tick(top, "Enable Extended Session");
  await type(top, "Description", "Log collection by our MDR provider");
  await save(
    page,
    top,
    `${gen}/api1-wizard-details-filled.html`,
    gen,
    "API 1.0 wizard: details filled, extended session on",
  );
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Notification Settings");
  await save(
    page,
    top,
    `${gen}/api1-wizard-notifications.html`,
    gen,
    "API 1.0 wizard: Notification Settings",
  );
  await type(top, "Developer", "Sandbox Admin");
  await type(top, "Email", "admin@sandbox-corp.example");
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Review Information");
  await save(page, top, `${gen}/api1-wizard-review.html`, gen, "API 1.0 wizard: Review Information");
  await click(top, "mc-side-panel button", "Add");
  await byText(top, "h2", "Application Added");
  await save(page, top, `${gen}/api1-created.html`, gen, "API 1.0 application added: Application ID and Key");
  await click(top, "mc-side-panel button", "Close");
  await waitGone(top, "mc-side-panel");
  await settle(top);
  await save(
    page,
    top,
    `${gen}/api-integrations-after-api1.html`,
    gen,
    "Your Application Integrations after adding",
  );

  if (gen === "classic") await api2Classic(page);
  else await api2Hub(page);

  // Without API 1.0 (Mimecast stopped new API 1.0 applications in 2025).
  await open(page, gen, "api-integrations", { api1: "off" });
  await settle(top);
  if (gen === "classic") {
    await save(
      page,
      top,
      `${gen}/api-integrations-no-api1-default.html`,
      gen,
      "?api1=off as it opens: Your Application Integrations selected, Available Integrations not",
    );
    await click(top, '[role="tab"]', "Available Integrations");
    await settle(top);
  }
  await save(page, top, `${gen}/api-integrations-no-api1.html`, gen, "Available Integrations with ?api1=off");
  await click(top, '[role="tab"]', "Your Application Integrations");
  await settle(top);
  await save(
    page,
    top,
    `${gen}/api-integrations-no-api1-your-applications.html`,
    gen,
    "Your Application Integrations with ?api1=off",
  );
}

/** Older console: Available Integrations › Mimecast API 2.0 › Generate Keys; terms as the first stage. */
async function api2Classic(page: Page): Promise<void> {
  const gen = "classic";
  const top = page.mainFrame();
  await click(top, '[role="tab"]', "Available Integrations");
  await settle(top);
  await click(top, "mc-integration-card button", "Generate Keys");
  await waitFor(top, "mc-side-panel");
  await save(page, top, `${gen}/api2-wizard.html`, gen, "API 2.0 wizard: terms, not accepted");
  await tick(top, "I accept");
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Application Details");
  await save(page, top, `${gen}/api2-wizard-details.html`, gen, "API 2.0 wizard: Application Details, empty");
  await type(top, "Application Name", "SIEM Integration");
  await choose(top, "Category", "SIEM Integration");
  await tick(top, "Select all");
  await choose(top, "Application Role", SIEM_ROLE);
  await type(top, "Description", "Log collection by our MDR provider");
  await save(page, top, `${gen}/api2-wizard-details-filled.html`, gen, "API 2.0 wizard: details filled");
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Notifications");
  await save(page, top, `${gen}/api2-wizard-notifications.html`, gen, "API 2.0 wizard: Notifications");
  await type(top, "Technical Point of Contact", "Security Operations");
  await type(top, "Email", "admin@sandbox-corp.example");
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Summary");
  await save(page, top, `${gen}/api2-wizard-summary.html`, gen, "API 2.0 wizard: Summary, final button Add");
  await click(top, "mc-side-panel button", "Add");
  await byText(top, "h2", "API 2.0 Credentials");
  await save(page, top, `${gen}/api2-created.html`, gen, "API 2.0 credentials: Client ID and Client Secret");
  await click(top, "mc-side-panel button", "Close");
  await waitGone(top, "mc-side-panel");
}

/**
 * Current console: Integrations Hub › Mimecast API 2.0 › Configure New; the API Terms and Conditions
 * pop-up on first use; Application Details (no Category), Notification Settings, Summary,
 * "Add and Generate Keys".
 */
async function api2Hub(page: Page): Promise<void> {
  const gen = "current";
  const top = page.mainFrame();
  await open(page, gen, "integrations-hub");
  await settle(top);
  await save(page, top, `${gen}/integrations-hub.html`, gen, "Integrations Hub tiles (current console only)");
  await click(top, "mc-hub-tile button", "Configure New");
  await waitFor(top, "mat-dialog-container");
  await save(
    page,
    top,
    `${gen}/api2-terms.html`,
    gen,
    "API Terms and Conditions pop-up over the Hub, Accept disabled",
  );
  await tick(top, "I accept");
  await save(
    page,
    top,
    `${gen}/api2-terms-accepted.html`,
    gen,
    "Terms pop-up: I accept ticked, Accept enabled",
  );
  await click(top, "mat-dialog-container button", "Accept");
  await waitGone(top, "mat-dialog-container");
  await byText(top, "h3", "Application Details");
  await save(page, top, `${gen}/api2-wizard-details.html`, gen, "API 2.0 wizard: Application Details, empty");
  await type(top, "Application Name", "SIEM Integration");
  await tick(top, "Select all");
  await choose(top, "Application Role", SIEM_ROLE);
  await type(top, "Description", "Log collection by our MDR provider");
  await save(page, top, `${gen}/api2-wizard-details-filled.html`, gen, "API 2.0 wizard: details filled");
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Notification Settings");
  await save(
    page,
    top,
    `${gen}/api2-wizard-notifications.html`,
    gen,
    "API 2.0 wizard: Notification Settings",
  );
  await type(top, "Technical Point of Contact", "Security Operations");
  await type(top, "Email", "admin@sandbox-corp.example");
  await click(top, "mc-side-panel button", "Next");
  await byText(top, "h3", "Summary");
  await save(
    page,
    top,
    `${gen}/api2-wizard-summary.html`,
    gen,
    "API 2.0 wizard: Summary, Add and Generate Keys",
  );
  await click(top, "mc-side-panel button", "Add and Generate Keys");
  await byText(top, "h2", "API 2.0 Credentials");
  await save(page, top, `${gen}/api2-created.html`, gen, "API 2.0 credentials: Client ID and Client Secret");
  await click(top, "mc-side-panel button", "Close");
  await waitGone(top, "mc-side-panel");
  // Accepted once: Configure New now opens the wizard directly.
  await open(page, gen, "integrations-hub");
  await settle(top);
  await click(top, "mc-hub-tile button", "Configure New");
  await byText(top, "h3", "Application Details");
  expect(
    (await top.evaluate("!document.querySelector('mat-dialog-container')")) as boolean,
    "Hub: the terms pop-up shows on first use only",
  );
  await page.keyboard.press("Escape");
  await waitGone(top, "mc-side-panel");
}

/** Cloud Integrated: Integrations › API 2.0 Applications › New Application › Save & Generate Keys. */
async function cloudIntegrated(page: Page): Promise<void> {
  const gen = "ci";
  console.log("ci: API 2.0 Applications");
  const top = page.mainFrame();
  await open(page, gen, "api2-applications");
  await settle(top);
  await save(page, top, `${gen}/api2-applications.html`, gen, "API 2.0 Applications list");
  await click(top, "button", "New Application");
  await byText(top, "h1", "New Application");
  await save(
    page,
    top,
    `${gen}/api2-new-application.html`,
    gen,
    "New Application form, Save & Generate Keys disabled",
  );
  await type(top, "Application Name", "SIEM Integration");
  await type(top, "Description", "Log collection by our MDR provider");
  await tick(top, "Select all");
  await choose(top, "Application Role", "Super Administrator");
  await type(top, "Technical Point of Contact", "Security Operations");
  await type(top, "Email", "admin@sandbox-corp.example");
  await save(page, top, `${gen}/api2-new-application-filled.html`, gen, "New Application form complete");
  await click(top, "button", "Save & Generate Keys");
  await byText(top, "h2", "Your API 2.0 credentials");
  await save(page, top, `${gen}/api2-created.html`, gen, "Client ID and Client Secret dialog");
  await click(top, "mat-dialog-container button", "Close");
  await waitGone(top, "mat-dialog-container");
  await byText(top, "td", "SIEM Integration");
  await save(
    page,
    top,
    `${gen}/api2-applications-after.html`,
    gen,
    "API 2.0 Applications list with the new one",
  );
  // The rest of a Cloud Integrated console uses the current labels.
  await open(page, gen, "applications");
  const frame = await legacy(page, "applications");
  await byText(frame, "button.adconAction", "Authentication Profiles");
}

/** Account › Admin Roles (classic: Roles) › New Role: the API 2.0 application's custom role. */
async function roleEditor(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: role editor`);
  await open(page, gen, "roles");
  const frame = await legacy(page, "roles");
  await click(frame, "button.adconAction", "New Role");
  await byText(frame, "h2", "New Role");
  await save(page, frame, `${gen}/role-editor.html`, gen, "New Role editor, permission groups collapsed");
  if (gen === "classic") {
    await click(frame, '[role="tab"]', "Application Permissions");
    await byText(frame, "button.adconGroupToggle", "Security Events and Data Retrieval");
    await save(
      page,
      frame,
      `${gen}/role-editor-permissions.html`,
      gen,
      "Application Permissions tab, Security Events and Data Retrieval collapsed",
    );
    await click(frame, "button.adconGroupToggle", "Security Events and Data Retrieval");
  } else {
    await click(frame, '[role="treeitem"] .mcTreeRow', "Security Events and Data Retrieval");
  }
  await siemRead(frame);
  await save(
    page,
    frame,
    `${gen}/role-editor-expanded.html`,
    gen,
    "Security Events and Data Retrieval expanded",
  );
  await type(frame, "Role Name", SIEM_ROLE);
  await type(frame, "Description", "API 2.0 application for the SIEM collector");
  await (await siemRead(frame)).click();
  await frame.waitForFunction(
    `(() => { const b = (${SIEM_READ})(); return !!b && (b.checked === true || b.getAttribute("aria-checked") === "true"); })()`,
    { timeout: TIMEOUT },
  );
  await save(
    page,
    frame,
    `${gen}/role-editor-ticked.html`,
    gen,
    "Threat and Security Events (SIEM) | Read ticked",
  );
  await click(
    frame,
    gen === "classic" ? "button.adconAction" : "button.mcRoleButton",
    gen === "classic" ? "Save and Exit" : "Save",
  );
  await settle(frame);
  await byText(frame, "td", SIEM_ROLE);
  await save(page, frame, `${gen}/roles-after-new-role.html`, gen, "Roles list with the new SIEM role");
}

/** The "Read" box of "Threat and Security Events (SIEM)" (an input or a div[role=checkbox]). */
const SIEM_READ = `() => {
  for (const row of document.querySelectorAll('[data-permission="Threat and Security Events (SIEM)"]')) {
    if (!row.getClientRects().length) continue;
    for (const box of row.querySelectorAll('input[type=checkbox], [role=checkbox]')) {
      const label = box.labels?.[0]?.textContent ?? box.textContent ?? "";
      if (label.trim() === "Read") return box;
    }
  }
  return null;
}`;

async function siemRead(frame: Frame): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForFunction(`(${SIEM_READ})()`, { timeout: TIMEOUT });
  const el = handle.asElement();
  if (!el) throw new Error("no SIEM Read box");
  return el as ElementHandle<Element>;
}

async function internalDirectories(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: internal directories`);
  await open(page, gen, "internal-directories");
  const frame = await legacy(page, "internal-directories");
  await save(
    page,
    page.mainFrame(),
    `${gen}/shell-internal-directories.html`,
    gen,
    "Shell around Internal Directories",
  );
  await save(
    page,
    frame,
    `${gen}/internal-directories.html`,
    gen,
    "No domain selected: New Address disabled",
  );
  await click(frame, ".adconFolderText", "sandbox-corp.example");
  await settle(frame);
  await save(
    page,
    frame,
    `${gen}/internal-directories-domain.html`,
    gen,
    "Domain selected: addresses listed",
  );
  await click(frame, "button.adconAction", "New Address");
  await byText(frame, "h2", "New Address");
  await save(page, frame, `${gen}/internal-directories-new-address.html`, gen, "New Address form");
  await type(frame, "Email Address", SERVICE_USER);
  await type(frame, "Global Name", "SIEM Service");
  await type(frame, "Password", "Sandbox-Password-1");
  await type(frame, "Confirm Password", "Sandbox-Password-1");
  await click(frame, "button.adconAction", "Save and Exit");
  await settle(frame);
  await byText(frame, "td", SERVICE_USER);
  await save(
    page,
    frame,
    `${gen}/internal-directories-saved.html`,
    gen,
    "After Save and Exit: new address listed",
  );
}

async function roles(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: roles`);
  await open(page, gen, "roles");
  const frame = await legacy(page, "roles");
  await save(page, page.mainFrame(), `${gen}/shell-roles.html`, gen, "Shell around Roles");
  await save(page, frame, `${gen}/roles.html`, gen, "Roles list");
  // The row image opens the menu ...
  const image = await frame.waitForSelector('tr[data-role="Basic Administrator"] img.SubMenu');
  await image?.click();
  await waitFor(frame, '[role="menu"]');
  await frame.evaluate("document.activeElement && document.activeElement.blur()");
  await page.keyboard.press("Escape");
  await waitGone(frame, '[role="menu"]');
  // ... and so does a right-click on the row.
  const cell = await byText(frame, "td", "Basic Administrator");
  await cell.click({ button: "right" });
  await waitFor(frame, '[role="menu"]');
  await save(page, frame, `${gen}/roles-menu.html`, gen, "Row menu of Basic Administrator (right-click)");
  await click(frame, '[role="menuitem"]', "Add users to role");
  await waitFor(frame, '[role="dialog"]');
  await save(page, frame, `${gen}/roles-dialog.html`, gen, "Add users to role dialog");
  await type(frame, "Search", "siem");
  await tick(frame, SERVICE_USER);
  await save(page, frame, `${gen}/roles-dialog-selected.html`, gen, "Dialog filtered, service user ticked");
  await click(frame, ".ui-dialog button", "Add Selected Users");
  await waitGone(frame, '[role="dialog"]');
  await settle(frame);
  await save(page, frame, `${gen}/roles-saved.html`, gen, "After Add Selected Users");
}

async function profileGroups(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: profile groups`);
  await open(page, gen, "profile-groups");
  const frame = await legacy(page, "profile-groups");
  await save(page, page.mainFrame(), `${gen}/shell-profile-groups.html`, gen, "Shell around Profile Groups");
  await save(page, frame, `${gen}/profile-groups.html`, gen, "Folder tree, Root selected");
  const plus = await frame.waitForSelector('li[data-group="g-root"] > .adconTreeRow > button.adconAddFolder');
  await plus?.click();
  await settle(frame);
  await byText(frame, ".adconFolderText", "New Folder");
  await save(
    page,
    frame,
    `${gen}/profile-groups-new-folder.html`,
    gen,
    "After + on Root: New Folder selected, Edit group box and Build shown",
  );
  await type(frame, "Group Name", "SIEM Integration");
  await click(frame, "button.adconAction", "Save");
  await settle(frame);
  await byText(frame, ".adconFolderText", "SIEM Integration");
  await byText(frame, "button.adconAction", "Build");
  await save(page, frame, `${gen}/profile-groups-renamed.html`, gen, "Folder renamed to SIEM Integration");
  await click(frame, "button.adconAction", "Build");
  await waitFor(frame, '[role="menu"]');
  await save(page, frame, `${gen}/profile-groups-build-menu.html`, gen, "Build drop-down open");
  await click(frame, '[role="menuitem"]', "Add Email Addresses");
  await waitFor(frame, '[role="dialog"]');
  await save(page, frame, `${gen}/profile-groups-add-addresses.html`, gen, "Add Email Addresses dialog");
  await type(frame, "Email Addresses", SERVICE_USER);
  await click(frame, ".ui-dialog button", "Save and Exit");
  await waitGone(frame, '[role="dialog"]');
  await byText(frame, "td", SERVICE_USER);
  await save(page, frame, `${gen}/profile-groups-saved.html`, gen, "Group with the service user as member");
}

async function applications(page: Page, gen: ConsoleGeneration): Promise<void> {
  console.log(`${gen}: applications`);
  await open(page, gen, "applications");
  const frame = await legacy(page, "applications");
  await save(page, page.mainFrame(), `${gen}/shell-applications.html`, gen, "Shell around Applications");
  await save(page, frame, `${gen}/applications.html`, gen, "Application Settings tab (default)");
  // Classic: a tab. Current: a button beside "New Application Settings".
  await click(frame, gen === "classic" ? '[role="tab"]' : "button.adconAction", "Authentication Profiles");
  await settle(frame);
  await save(
    page,
    frame,
    `${gen}/applications-auth-profiles.html`,
    gen,
    gen === "classic"
      ? "Authentication Profiles tab"
      : "Authentication Profiles list (opened with its button)",
  );
  await click(frame, "button.adconAction", "New Authentication Profile");
  await byText(frame, "h2", "Authentication Profile");
  await save(
    page,
    frame,
    `${gen}/applications-auth-profile-form.html`,
    gen,
    "Authentication Profile form, TTL 8 Hours",
  );
  const ttl = gen === "classic" ? "Authentication TTL" : "Authentication Cache TTL";
  await type(frame, "Description", "SIEM Integration");
  await choose(frame, ttl, "Never Expires");
  await save(page, frame, `${gen}/applications-auth-profile-never.html`, gen, `${ttl} set to Never Expires`);
  await click(frame, "button.adconAction", "Save and Exit");
  await settle(frame);
  await byText(frame, "td", "SIEM Integration");
  await save(page, frame, `${gen}/applications-auth-profile-saved.html`, gen, "Profile saved, list shown");
  if (gen === "classic") await click(frame, '[role="tab"]', "Application Settings");
  else await click(frame, "button.adconAction", "Go Back");
  await settle(frame);
  await click(frame, "button.adconAction", "New Application Settings");
  await byText(frame, "h2", "Application Settings");
  await save(page, frame, `${gen}/applications-settings-form.html`, gen, "Application Settings form, empty");
  await type(frame, "Description", "SIEM Integration");
  await click(frame, "button.adconAction", "Group Lookup");
  await waitFor(frame, '[role="dialog"]');
  await save(page, frame, `${gen}/applications-group-lookup.html`, gen, "Group Lookup picker");
  await click(frame, ".ui-dialog a.adconLink", "SIEM Integration");
  await waitGone(frame, '[role="dialog"]');
  await click(frame, "button.adconAction", "Authentication Profile Lookup");
  await waitFor(frame, '[role="dialog"]');
  await save(
    page,
    frame,
    `${gen}/applications-profile-lookup.html`,
    gen,
    "Authentication Profile Lookup picker",
  );
  await click(frame, ".ui-dialog a.adconLink", "SIEM Integration");
  await waitGone(frame, '[role="dialog"]');
  await save(
    page,
    frame,
    `${gen}/applications-settings-filled.html`,
    gen,
    "Form with group and profile chosen",
  );
  await click(frame, "button.adconAction", "Save and Exit");
  await settle(frame);
  await byText(frame, "th", "Group");
  await save(
    page,
    frame,
    `${gen}/applications-settings-saved.html`,
    gen,
    "Application setting saved, list shown",
  );
}

function expect(ok: boolean, what: string): void {
  if (ok) console.log(`  ok: ${what}`);
  else problems.push(`check failed: ${what}`);
}

/** The behaviours the guide must cope with: late rendering and re-rendered (replaced) nodes. */
async function behaviourChecks(page: Page): Promise<void> {
  console.log("behaviour checks");
  const top = page.mainFrame();
  await open(page, "current", "api-integrations");
  expect(
    (await top.evaluate("!!document.querySelector('.mc-tab-panel .mc-spinner')")) as boolean,
    "API integrations: tab content is still loading when the page appears",
  );
  const first = await byText(top, "mc-integration-card button", "Add API Application");
  await click(top, '[role="tab"]', "Your Application Integrations");
  expect(
    (await top.evaluate(
      "!!document.querySelector('.mc-tab-panel .mc-spinner') && !document.querySelector('.mc-tab-panel table')",
    )) as boolean,
    "API integrations: a tab switch shows a spinner first, content later",
  );
  await settle(top);
  await click(top, '[role="tab"]', "Available Integrations");
  await settle(top);
  const again = await byText(top, "mc-integration-card button", "Add API Application");
  expect(
    !(await first.evaluate((el) => el.isConnected)) && (await again.evaluate((el) => el.isConnected)),
    "API integrations: switching tabs replaces the buttons with new nodes",
  );

  await page.goto("about:blank");
  await page.goto(consoleUrl("roles", HOSTS.current, { seed: "1" }));
  const iframe = await page.waitForSelector("iframe.mc-legacy-frame", { timeout: TIMEOUT });
  const frame = await iframe?.contentFrame();
  if (!frame) throw new Error("no roles frame");
  await frame.waitForFunction("!!document.querySelector('.adconTitle')", { timeout: TIMEOUT, polling: 10 });
  expect(
    (await frame.evaluate(
      "!!document.querySelector('.adconLoading') && !document.querySelector('.adconToolbar')",
    )) as boolean,
    "Roles: the heading comes first, the action buttons later",
  );
  await settle(frame);
  const row = await byText(frame, "td", "Basic Administrator");
  await row.click({ button: "right" });
  await click(frame, '[role="menuitem"]', "Add users to role");
  await click(frame, ".ui-dialog button", "Cancel");
  await settle(frame);
  const rowAgain = await byText(frame, "td", "Basic Administrator");
  expect(
    !(await row.evaluate((el) => el.isConnected)) && (await rowAgain.evaluate((el) => el.isConnected)),
    "Roles: closing a dialog rebuilds the list",
  );
}

// ---------------------------------------------------------------------------------------------

const sandbox = await startSandbox({ site: consoleSite });
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
mkdirSync(SHOTS, { recursive: true });
const browser = await puppeteer.launch({
  headless: true,
  acceptInsecureCerts: true,
  args: [
    `--host-resolver-rules=${sandbox.hostResolverRules}`,
    "--ignore-certificate-errors",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  for (const gen of ["current", "classic"] as const) {
    // One tab per generation: its sessionStorage is the simulated tenant, so the service user
    // created in Internal Directories is offered in Roles, the group in Applications, and so on.
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    page.on("pageerror", (e) => problems.push(`${gen} page error: ${e instanceof Error ? e.message : e}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`${gen} console error: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${gen} HTTP ${r.status()} ${r.url()}`);
    });
    if (gen === "current") await login(page);
    await dashboardAndMenus(page, gen);
    await accountSettings(page, gen);
    await roleEditor(page, gen);
    await apiIntegrations(page, gen);
    await internalDirectories(page, gen);
    await roles(page, gen);
    await profileGroups(page, gen);
    await applications(page, gen);
    await page.close();
  }
  {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 800 });
    page.on("pageerror", (e) => problems.push(`ci page error: ${e instanceof Error ? e.message : e}`));
    await cloudIntegrated(page);
    await page.close();
  }
  const checks = await browser.newPage();
  await checks.setViewport({ width: 1280, height: 800 });
  await behaviourChecks(checks);
  await checks.close();
  index.sort((a, b) => a.file.localeCompare(b.file));
  writeFileSync(join(OUT, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  console.log(`${index.length} snapshots in ${OUT}, screenshots in ${SHOTS}`);
} finally {
  await browser.close();
  await sandbox.close();
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exitCode = 1;
}

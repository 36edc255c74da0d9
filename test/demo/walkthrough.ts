import { mkdirSync } from "node:fs";
import type { Frame, Page } from "puppeteer";
import { GUIDE, stepsFor } from "../../src/guide";
import type { PathId } from "../../src/guide/types";
import {
  type Finder,
  panelPathLine,
  waitForPanelPath,
  waitForPanelTitle,
  waitForSpotlightOn,
} from "../e2e/overlay";
import { byLabel, choose, click, legacy, open, panelButton, tick, type } from "./console-driver";

/**
 * A whole setup, done in the simulated console as an administrator would do it, with the guide
 * checked at every step: the panel shows the step that belongs to the page, the spotlight encloses
 * the control to use, and completion is detected. Shared by the end-to-end tests and the demo.
 */

export interface WalkContext {
  readonly page: Page;
  /** Console host: login-eu (current labels) or login-us (classic labels). */
  readonly host: string;
  readonly classic: boolean;
  /** Called once per step with the step id, while its spotlight shows. */
  readonly shot: (stepId: string) => Promise<void>;
  /** Generates keys in the extension's popup (the generate-keys step). */
  readonly generateKeys: () => Promise<void>;
  /** The path being walked (set by walk()); every step checks that the panel is on it. */
  path?: PathId;
}

const SERVICE_USER = "siem-service@sandbox-corp.example";

function title(id: string): string {
  const step = GUIDE.steps.find((s) => s.id === id);
  if (!step) throw new Error(`unknown step ${id}`);
  return step.title;
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
    if (finder) await waitForSpotlightOn(frame, finder);
  } catch (error) {
    // Leave evidence for whoever reads the failure: what the page and the guide showed.
    mkdirSync("test-results", { recursive: true });
    await ctx.page.screenshot({ path: `test-results/failed-${stepId}.png` }).catch(() => undefined);
    throw error;
  }
  await ctx.shot(stepId);
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
    await waitForSpotlightOn(frame, { label: "Inbound" });
    for (const t of ["Inbound", "Outbound", "Internal"]) await tick(frame, t);
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
    await waitForSpotlightOn(top, { label: "Email" });
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
    await waitForSpotlightOn(frame, { css: "button.adconAction", text: "Save and Exit" });
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
    await waitForSpotlightOn(frame, { css: '[role="menuitem"]', text: "Add users to role" });
    await click(frame, '[role="menuitem"]', "Add users to role");
    await waitForSpotlightOn(frame, { css: ".ui-dialog button", text: "Add Selected Users" });
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
    await waitForSpotlightOn(frame, { css: "button.adconAction", text: "Build" });
    await click(frame, "button.adconAction", "Build");
    await click(frame, '[role="menuitem"]', "Add Email Addresses");
    await waitForSpotlightOn(frame, { css: ".ui-dialog button", text: "Save and Exit" });
    await type(frame, "Email Addresses", SERVICE_USER);
    await click(frame, ".ui-dialog button", "Save and Exit");
  },

  async "auth-profile"(ctx) {
    await open(ctx.page, ctx.host, "applications");
    const frame = await legacy(ctx.page, "applications");
    await click(frame, '[role="tab"]', "Authentication Profiles");
    await at(ctx, "auth-profile", frame, { css: "button.adconAction", text: "New Authentication Profile" });
    await click(frame, "button.adconAction", "New Authentication Profile");
    await waitForSpotlightOn(frame, { label: "Authentication TTL" });
    await type(frame, "Description", "SIEM Integration");
    await choose(frame, "Authentication TTL", "Never Expires");
    await waitForPanelTitle(ctx.page, title("app-setting"));
    await click(frame, "button.adconAction", "Save and Exit");
  },

  async "app-setting"(ctx) {
    const frame = await legacy(ctx.page, "applications");
    await click(frame, '[role="tab"]', "Application Settings");
    await at(ctx, "app-setting", frame, { css: "button.adconAction", text: "New Application Settings" });
    await click(frame, "button.adconAction", "New Application Settings");
    await waitForSpotlightOn(frame, { css: "button.adconAction", text: "Group Lookup" });
    await type(frame, "Description", "SIEM Integration");
    await click(frame, "button.adconAction", "Group Lookup");
    await click(frame, ".ui-dialog a.adconLink", "SIEM Integration");
    await click(frame, "button.adconAction", "Authentication Profile Lookup");
    await click(frame, ".ui-dialog a.adconLink", "SIEM Integration");
    await click(frame, "button.adconAction", "Save and Exit");
  },

  async "api2-new-application"(ctx) {
    const top = ctx.page.mainFrame();
    await open(ctx.page, ctx.host, "api-integrations", { api1: "off" });
    const button = ctx.classic ? "Generate Keys" : "Configure New";
    await at(ctx, "api2-new-application", top, { css: "mc-integration-card button", text: button });
    await click(top, "mc-integration-card button", button);
  },

  async "api2-details"(ctx) {
    const top = ctx.page.mainFrame();
    await at(ctx, "api2-details", top, { label: "I accept" });
    await tick(top, "I accept");
    await click(top, "mc-side-panel button", "Next");
    await waitForSpotlightOn(top, { label: "Application Role" });
    await type(top, "Application Name", "SIEM Integration");
    await choose(top, "Category", "SIEM Integration");
    await tick(top, "Select all");
    await choose(top, "Application Role", "SIEM Read Only (Threat and Security Events (SIEM) | Read)");
    await type(top, "Description", "Log collection by our MDR provider");
    await click(top, "mc-side-panel button", "Next");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "mc-side-panel button", "Next");
    await waitForSpotlightOn(top, { css: "mc-side-panel button", text: "Add and Generate Keys" });
    await click(top, "mc-side-panel button", "Add and Generate Keys");
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
export async function startPath(ctx: WalkContext, path: PathId): Promise<void> {
  if (path === "api1") return;
  await open(ctx.page, ctx.host, "api-integrations", { api1: "off" });
  await waitForPanelTitle(ctx.page, title("api2-new-application"));
  await waitForPanelPath(ctx.page, "api2");
  await panelButton(ctx.page, "Got it");
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
    // a person reading the panel would.
    await ctx.page
      .waitForFunction(
        (t: string) => {
          const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
          if (root?.querySelector("[data-setup-guide-launcher]")) return true;
          const h2 = root?.querySelector("[data-setup-guide-panel] h2");
          return !!h2 && h2.textContent !== t;
        },
        { timeout: 15_000 },
        step.title,
      )
      .catch(async (e) => {
        mkdirSync("test-results", { recursive: true });
        await ctx.page
          .screenshot({ path: `test-results/not-completed-${step.id}.png` })
          .catch(() => undefined);
        throw new Error(`step ${step.id} was not completed`, { cause: e });
      });
    done.push(step.id);
  }
  return done;
}

export { byLabel };

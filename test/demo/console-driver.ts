import type { ElementHandle, Frame, Page } from "puppeteer";
import { type ConsoleRoute, consoleGeneration, consoleUrl } from "../sandbox/console-site";

/** Driving the simulated console the way a person would: by visible text and labels. */

const TIMEOUT = 15_000;

export async function byText(frame: Frame, selector: string, text: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForFunction(
    (sel: string, t: string) => {
      for (const el of Array.from(document.querySelectorAll(sel))) {
        const own = (el.textContent || "").replace(/\s+/g, " ").trim();
        if (own === t && el.getClientRects().length > 0) return el;
      }
      return null;
    },
    { timeout: TIMEOUT },
    selector,
    text,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no ${selector} with text ${text}`);
  return el as ElementHandle<Element>;
}

export async function byLabel(frame: Frame, label: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForFunction(
    (t: string) => {
      for (const l of Array.from(document.querySelectorAll("label"))) {
        const own = (l.textContent || "").replace(/\s+/g, " ").trim();
        if (own === t && l.control && l.getClientRects().length > 0) return l.control;
      }
      return null;
    },
    { timeout: TIMEOUT },
    label,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no control labelled ${label}`);
  return el as ElementHandle<Element>;
}

/**
 * Waits until an element stops moving (the guide may be smooth-scrolling it into view): a person
 * clicks what they see, and puppeteer clicks coordinates.
 */
export async function steady(el: ElementHandle<Element>): Promise<void> {
  // No named inner functions here: tsx (the demo) would wrap them in a helper the page lacks.
  await el.evaluate(async (node) => {
    let last = "";
    let still = 0;
    while (still < 3) {
      await new Promise((r) => requestAnimationFrame(r));
      const b = node.getBoundingClientRect();
      const now = `${b.x},${b.y},${b.width},${b.height}`;
      still = now === last ? still + 1 : 0;
      last = now;
    }
  });
}

export async function click(frame: Frame, selector: string, text: string): Promise<void> {
  const el = await byText(frame, selector, text);
  await steady(el);
  await el.click();
}

export async function type(frame: Frame, label: string, text: string): Promise<void> {
  const el = await byLabel(frame, label);
  await steady(el);
  await el.click({ count: 3 });
  await el.type(text);
}

export async function choose(frame: Frame, label: string, value: string): Promise<void> {
  await ((await byLabel(frame, label)) as ElementHandle<HTMLSelectElement>).select(value);
}

export async function tick(frame: Frame, label: string): Promise<void> {
  const el = await byLabel(frame, label);
  await steady(el);
  await el.click();
}

/** Loads a console route in a fresh document (the tenant lives in the tab's sessionStorage). */
export async function open(
  page: Page,
  host: string,
  route: ConsoleRoute,
  query: Record<string, string> = {},
): Promise<void> {
  const url = consoleUrl(route, host, { seed: "1", ...query });
  // The same URL again would only be a fragment navigation, not a new document: reload instead.
  if (page.url() === url) await page.reload({ waitUntil: "load" });
  else await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(".mc-crumbs span", { timeout: TIMEOUT, visible: true });
}

/** The frame of an older page rendered inside the shell, once its late content is in. */
export async function legacy(page: Page, file: string): Promise<Frame> {
  const iframe = await page.waitForSelector(`iframe.mc-legacy-frame[src*="${file}"]`, { timeout: TIMEOUT });
  const frame = await iframe?.contentFrame();
  if (!frame) throw new Error(`no frame for ${file}`);
  await frame.waitForFunction(
    () =>
      document.readyState === "complete" &&
      !!document.querySelector(".adconTitle") &&
      !document.querySelector(".adconLoading, .mc-spinner, [aria-busy=true]"),
    { timeout: TIMEOUT },
  );
  return frame;
}

/** Clicks a button of the guide panel (inside its shadow root) by its visible text. */
export async function panelButton(page: Page, text: string): Promise<void> {
  const handle = await page.waitForFunction(
    (t: string) => {
      const root = document.querySelector("[data-setup-guide]")?.shadowRoot;
      return (
        Array.from(root?.querySelectorAll("button") ?? []).find((b) => (b.textContent ?? "").trim() === t) ??
        null
      );
    },
    { timeout: TIMEOUT },
    text,
  );
  const el = handle.asElement();
  if (!el) throw new Error(`no panel button ${text}`);
  await (el as ElementHandle<Element>).click();
}

/**
 * Creates an API 2.0 application the way each console generation does it and leaves the
 * credentials (Client ID, Client Secret) on screen: the Integrations Hub with its terms pop-up
 * (current), Available Integrations › Generate Keys (classic, `login-us`), or API 2.0 Applications ›
 * New Application (Cloud Integrated, `login-za`). `role` must be one of the account's admin roles.
 */
export async function createApi2Application(
  page: Page,
  host: string,
  role = "Super Administrator",
): Promise<void> {
  const top = page.mainFrame();
  const gen = consoleGeneration(host);
  if (gen === "ci") {
    await open(page, host, "api2-applications");
    await click(top, "button", "New Application");
    await type(top, "Application Name", "SIEM Integration");
    await tick(top, "Select all");
    await choose(top, "Application Role", role);
    await type(top, "Technical Point of Contact", "Security Operations");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "button", "Save & Generate Keys");
  } else {
    if (gen === "current") {
      await open(page, host, "integrations-hub");
      await click(top, "mc-hub-tile button", "Configure New");
      // The terms pop-up shows on the account's first use only.
      const terms = await top.waitForFunction(
        () =>
          document.querySelector("mat-dialog-container") ??
          Array.from(document.querySelectorAll("mc-side-panel h3")).find(
            (h) => h.textContent === "Application Details",
          ) ??
          null,
        { timeout: TIMEOUT },
      );
      const first = terms.asElement() as ElementHandle<Element> | null;
      if (first && (await first.evaluate((el) => el.tagName === "MAT-DIALOG-CONTAINER"))) {
        await tick(top, "I accept");
        await click(top, "mat-dialog-container button", "Accept");
      }
    } else {
      await open(page, host, "api-integrations", { api1: "off" });
      await click(top, '[role="tab"]', "Available Integrations");
      await click(top, "mc-integration-card button", "Generate Keys");
      await tick(top, "I accept");
      await click(top, "mc-side-panel button", "Next");
    }
    await byText(top, "mc-side-panel h3", "Application Details");
    await type(top, "Application Name", "SIEM Integration");
    if (gen === "classic") await choose(top, "Category", "SIEM Integration");
    await tick(top, "Select all");
    await choose(top, "Application Role", role);
    await click(top, "mc-side-panel button", "Next");
    await type(top, "Technical Point of Contact", "Security Operations");
    await type(top, "Email", "admin@sandbox-corp.example");
    await click(top, "mc-side-panel button", "Next");
    await click(top, "mc-side-panel button", gen === "current" ? "Add and Generate Keys" : "Add");
  }
  await byText(top, "dt", "Client Secret");
}

// @vitest-environment happy-dom
/**
 * The simulated console's `?variant=renamed` renames and moves the controls it names, and only in
 * the variant; the adcon toolkit's text fields keep their value in a model that follows `change`
 * and `keyup` only. The console's page scripts run here as the browser runs them (ES modules, late
 * content behind timers).
 */
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const CONSOLE = resolve(import.meta.dirname, "../../sandbox/console/administration");

/** A console page script, imported afresh (its top level runs again) for the current URL. */
async function load(file: string): Promise<Record<string, (...args: never[]) => unknown>> {
  vi.resetModules();
  return import(/* @vite-ignore */ resolve(CONSOLE, file));
}

function at(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

/** The late (simulated XHR) content in. */
function settle(): void {
  vi.advanceTimersByTime(1_000);
}

const buttons = (root: ParentNode = document): string[] =>
  Array.from(root.querySelectorAll("button"), (b) => (b.textContent ?? "").trim());

function button(text: string, root: ParentNode = document): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll("button")).find(
    (b) => (b.textContent ?? "").trim() === text,
  );
  if (!found) throw new Error(`no button ${text}; buttons: ${buttons(root).join(", ")}`);
  return found;
}

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
  document.body.replaceChildren();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("sandbox console: ?variant=renamed, Integrations Hub", () => {
  async function hub(variant: string | null): Promise<Element> {
    at("https://login-eu.mimecast.com/administration/app/#/integrations-hub");
    const { renderIntegrationsHub } = await load("app/api-integrations.js");
    const container = document.createElement("main");
    document.body.append(container);
    (renderIntegrationsHub as (el: Element, o: object) => void)(container, { gen: "current", variant });
    settle();
    const tile = container.querySelector('mc-hub-tile[data-integration="api2"]');
    if (!tile) throw new Error("no API 2.0 tile");
    return tile;
  }

  it("without the variant, the API 2.0 tile's actions hold “Configure New”", async () => {
    const tile = await hub(null);
    expect(buttons(tile)).toEqual(["Configure New"]);
    expect(tile.querySelector(".mc-card-actions button")?.textContent).toBe("Configure New");
  });

  it("in the variant, “Connect” sits in the tile's footer and starts the API 2.0 wizard", async () => {
    const tile = await hub("renamed");
    expect(buttons(tile)).toEqual(["Connect"]);
    expect(tile.querySelector(".mc-card-actions")).toBeNull();
    expect(tile.querySelector("footer button")?.textContent).toBe("Connect");
    button("Connect", tile).click();
    // First use: the terms pop-up in front of the wizard, as "Configure New" does.
    expect(document.querySelector("mat-dialog-container h2")?.textContent).toBe("API Terms and Conditions");
  });

  it("the other tiles are the same in the variant", async () => {
    const others = (tile: Element) =>
      Array.from(tile.parentElement?.querySelectorAll("mc-hub-tile:not([data-integration=api2])") ?? []).map(
        (t) => t.outerHTML,
      );
    const plain = others(await hub(null));
    document.body.replaceChildren();
    expect(others(await hub("renamed"))).toEqual(plain);
  });
});

describe("sandbox console: ?variant=renamed, Applications", () => {
  for (const gen of ["current", "classic"] as const) {
    async function profileList(variant: string | null): Promise<void> {
      const query = variant ? `?gen=${gen}&variant=${variant}` : `?gen=${gen}`;
      at(`https://login-eu.mimecast.com/administration/legacy/applications.html${query}`);
      await load("legacy/applications.js");
      settle();
      if (gen === "classic") {
        const tab = Array.from(document.querySelectorAll('[role="tab"]')).find(
          (t) => t.textContent === "Authentication Profiles",
        ) as HTMLElement;
        tab.click();
      } else {
        button("Authentication Profiles").click();
      }
      settle();
      expect(document.querySelector('table[aria-label="Authentication Profiles"]')).not.toBeNull();
    }

    it(`${gen}: without the variant, “New Authentication Profile” is in the toolbar`, async () => {
      await profileList(null);
      expect(buttons(document.querySelector('[role="toolbar"]') ?? document)).toContain(
        "New Authentication Profile",
      );
      expect(buttons()).not.toContain("Create profile");
    });

    it(`${gen}: in the variant, “Create profile” sits below the list under “Authentication Profiles”`, async () => {
      await profileList("renamed");
      expect(buttons()).not.toContain("New Authentication Profile");
      const create = button("Create profile");
      expect(create.closest('[role="toolbar"]')).toBeNull();
      const section = create.closest("section");
      const heading = section?.querySelector("h2");
      expect(heading?.textContent).toBe("Authentication Profiles");
      expect(section?.getAttribute("aria-labelledby")).toBe(heading?.id);
      const list = section?.querySelector("table");
      expect(list && list.compareDocumentPosition(create) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      create.click();
      expect(document.querySelector(".adconFormTitle")?.textContent).toBe("Authentication Profile");
    });
  }
});

describe("sandbox console: adcon text fields keep a model (ExtJS-like)", () => {
  it("the model follows change and keyup, not a bare .value", async () => {
    at("https://login-eu.mimecast.com/administration/legacy/applications.html");
    const { input, fieldValue } = await load("legacy/adcon.js");
    const field = (input as (v: string) => HTMLInputElement)("start");
    const value = fieldValue as (el: HTMLInputElement) => string;
    field.value = "set by a script";
    expect(value(field)).toBe("start");
    field.dispatchEvent(new Event("input", { bubbles: true }));
    expect(value(field)).toBe("start");
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true, key: "t" }));
    expect(value(field)).toBe("set by a script");
    field.value = "changed";
    field.dispatchEvent(new Event("change", { bubbles: true }));
    expect(value(field)).toBe("changed");
  });

  it("a description set without events is not saved", async () => {
    at("https://login-eu.mimecast.com/administration/legacy/applications.html?gen=current");
    await load("legacy/applications.js");
    settle();
    button("Authentication Profiles").click();
    settle();
    button("New Authentication Profile").click();
    const description = document.querySelector(".adconFormPanel input.adconInput") as HTMLInputElement;
    description.value = "SIEM Integration";
    button("Save and Exit").click();
    expect(document.querySelector(".adconError")?.textContent).toBe("Enter a description.");
    const typed = document.querySelector(".adconFormPanel input.adconInput") as HTMLInputElement;
    typed.value = "SIEM Integration";
    typed.dispatchEvent(new Event("change", { bubbles: true }));
    button("Save and Exit").click();
    expect(document.querySelector(".adconError")).toBeNull();
    expect(
      (
        JSON.parse(sessionStorage.getItem("mc-sandbox-state-v1") ?? "{}") as {
          authProfiles: { description: string }[];
        }
      ).authProfiles.map((p) => p.description),
    ).toContain("SIEM Integration");
  });
});

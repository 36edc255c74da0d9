import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import base from "../../manifest.json" with { type: "json" };
import pkg from "../../package.json" with { type: "json" };
import {
  BACKGROUND_ENTRY,
  CHROME_OVERLAY,
  FIREFOX_OVERLAY,
  GECKO_ID,
  manifestFor,
  mergeManifest,
  OUT_DIRS,
  TARGETS,
} from "../../src/manifest/build";

const root = resolve(import.meta.dirname, "../..");

describe("per-browser manifests: one base, small overlays, one version", () => {
  it("the base carries no version and no browser-specific key", () => {
    expect(base).not.toHaveProperty("version");
    for (const key of ["background", "minimum_chrome_version", "browser_specific_settings"]) {
      expect(base).not.toHaveProperty(key);
    }
    expect(base.permissions).not.toContain("offscreen");
  });

  it.each(TARGETS)("stamps package.json's version into the %s manifest", (target) => {
    expect(manifestFor(target).version).toBe(pkg.version);
  });

  it("takes the version it is given and refuses one a browser would reject", () => {
    expect(mergeManifest(base, CHROME_OVERLAY, "2.10.0.7").version).toBe("2.10.0.7");
    expect(() => mergeManifest(base, CHROME_OVERLAY, "1.0.0-beta.1")).toThrow(
      /not a browser extension version/,
    );
  });

  it("keeps every base key unchanged in both manifests (overlays only add)", () => {
    for (const target of TARGETS) {
      const m = manifestFor(target);
      for (const [key, value] of Object.entries(base)) {
        if (key !== "permissions") expect(m[key as keyof typeof m], `${target}: ${key}`).toEqual(value);
      }
      expect(m.permissions).toEqual(expect.arrayContaining(base.permissions));
    }
  });

  it("refuses an overlay that would replace a base key", () => {
    const widening = { host_permissions: ["<all_urls>"], permissions: [] };
    const versioned = { version: "9.9.9", permissions: [] };
    expect(() => mergeManifest(base, widening, "1.0.0")).toThrow(/host_permissions/);
    expect(() => mergeManifest(base, versioned, "1.0.0")).toThrow(/version/);
  });

  it("Chrome: a module service worker, the offscreen permission, a minimum Chrome version", () => {
    const m = manifestFor("chrome");
    expect(m.background).toEqual({ service_worker: BACKGROUND_ENTRY, type: "module" });
    expect(m.permissions).toEqual(["alarms", "clipboardRead", "clipboardWrite", "offscreen", "storage"]);
    expect(m.minimum_chrome_version).toBe("120");
    expect(m).not.toHaveProperty("browser_specific_settings");
  });

  it("Firefox: gecko id and data declaration, an event page, no Chrome-only keys", () => {
    const m = manifestFor("firefox");
    expect(m.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: "140.0",
        data_collection_permissions: { required: ["none"] },
      },
      gecko_android: { strict_min_version: "142.0" },
    });
    expect(m.background).toEqual({ scripts: [BACKGROUND_ENTRY] });
    expect(m.permissions).toEqual(["alarms", "clipboardRead", "clipboardWrite", "storage"]);
    expect(m).not.toHaveProperty("minimum_chrome_version");
    expect(CHROME_OVERLAY.permissions).toEqual(["offscreen"]);
    expect(FIREFOX_OVERLAY.permissions).toBeUndefined();
  });

  // The built manifests, when a build exists (npm test builds both before the browser tests, which
  // check them again through the browsers themselves).
  it.each(TARGETS)("the %s build, if present, carries package.json's version and its overlay", (target) => {
    const file = resolve(root, OUT_DIRS[target], "manifest.json");
    if (!existsSync(file)) return;
    const built = JSON.parse(readFileSync(file, "utf8")) as {
      version?: string;
      permissions?: string[];
      background?: { service_worker?: string; scripts?: string[] };
      browser_specific_settings?: unknown;
    };
    expect(built.version).toBe(pkg.version);
    expect(built.permissions).toEqual(manifestFor(target).permissions);
    if (target === "firefox") {
      expect(built.background?.scripts).toHaveLength(1);
      expect(built.background).not.toHaveProperty("service_worker");
      expect(built.browser_specific_settings).toEqual(FIREFOX_OVERLAY.browser_specific_settings);
    } else {
      expect(built.background?.service_worker).toBeTruthy();
      expect(built).not.toHaveProperty("browser_specific_settings");
    }
  });
});

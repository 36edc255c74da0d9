import base from "../../manifest.json" with { type: "json" };
import pkg from "../../package.json" with { type: "json" };

/**
 * The manifest each browser gets: one base (`manifest.json`, what every browser shares) plus a small
 * per-browser overlay, stamped with package.json's version (the one version source). Build-time
 * only: vite.config.ts hands the result to crxjs; nothing here ships in the extension.
 *
 * An overlay only adds: top-level keys the base leaves out, and permissions appended to the base's.
 * It never replaces a base key, so the base stays the single place for names, hosts, CSP and
 * content scripts (test/unit/manifest-build.test.ts checks both rules).
 */

export const TARGETS = ["chrome", "firefox"] as const;
export type Target = (typeof TARGETS)[number];

/** The background entry both browsers run: a service worker in Chrome, an event page in Firefox. */
export const BACKGROUND_ENTRY = "src/background/index.ts";

/** Firefox's add-on id: permanent once published on addons.mozilla.org. */
export const GECKO_ID = "siem-setup-assistant@siem-setup-assistant-for-mimecast";

interface ChromeOverlay {
  readonly minimum_chrome_version: string;
  readonly background: { readonly service_worker: string; readonly type: "module" };
  readonly permissions: string[];
}

interface FirefoxOverlay {
  readonly browser_specific_settings: {
    readonly gecko: {
      readonly id: string;
      readonly strict_min_version: string;
      readonly data_collection_permissions: { readonly required: ["none"] };
    };
    readonly gecko_android: { readonly strict_min_version: string };
  };
  /** Firefox MV3 has no service worker: an event page runs the same entry (it has a DOM, see clipboard.ts). */
  readonly background: { readonly scripts: string[] };
  readonly permissions?: undefined;
}

export const CHROME_OVERLAY: ChromeOverlay = {
  minimum_chrome_version: "120",
  background: { service_worker: BACKGROUND_ENTRY, type: "module" },
  // The worker has no DOM: clearing a copied secret needs an offscreen document (reason CLIPBOARD).
  permissions: ["offscreen"],
};

export const FIREFOX_OVERLAY: FirefoxOverlay = {
  browser_specific_settings: {
    gecko: {
      id: GECKO_ID,
      // 140: the first ESR with data_collection_permissions (and MV3 host permissions granted at install).
      strict_min_version: "140.0",
      // No data leaves the browser except to the Mimecast hosts the user signs in to.
      data_collection_permissions: { required: ["none"] },
    },
    gecko_android: { strict_min_version: "142.0" },
  },
  background: { scripts: [BACKGROUND_ENTRY] },
};

type Base = typeof base;

export type ChromeManifest = Base &
  Omit<ChromeOverlay, "permissions"> & { version: string; permissions: string[] };
export type FirefoxManifest = Base &
  Omit<FirefoxOverlay, "permissions"> & { version: string; permissions: string[] };

/** Merges `overlay` into `base` by the rules above; throws if the overlay would replace a base key. */
export function mergeManifest<O extends { readonly permissions?: readonly string[] | undefined }>(
  baseManifest: Base,
  overlay: O,
  version: string,
): Base & Omit<O, "permissions"> & { version: string; permissions: string[] } {
  const { permissions: extra = [], ...keys } = overlay;
  for (const key of Object.keys(keys)) {
    if (key in baseManifest || key === "version") {
      throw new Error(`manifest overlay may not replace the base key "${key}"`);
    }
  }
  if (!/^\d+(\.\d+){0,3}$/.test(version)) {
    throw new Error(`"${version}" is not a browser extension version (1 to 4 dot-separated integers)`);
  }
  // Sorted and without duplicates, so the pinned permission list does not depend on overlay order.
  const permissions = [...new Set([...baseManifest.permissions, ...extra])].sort();
  return { ...baseManifest, ...keys, version, permissions };
}

export function manifestFor(target: "chrome"): ChromeManifest;
export function manifestFor(target: "firefox"): FirefoxManifest;
export function manifestFor(target: Target): ChromeManifest | FirefoxManifest;
export function manifestFor(target: Target): ChromeManifest | FirefoxManifest {
  return target === "firefox"
    ? mergeManifest(base, FIREFOX_OVERLAY, pkg.version)
    : mergeManifest(base, CHROME_OVERLAY, pkg.version);
}

/** Where each target's build goes (both git-ignored). */
export const OUT_DIRS: Readonly<Record<Target, string>> = { chrome: "dist", firefox: "dist-firefox" };

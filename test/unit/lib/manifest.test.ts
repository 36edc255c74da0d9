import { describe, expect, it } from "vitest";
import { isConsoleUrl } from "../../../src/lib/console-hosts";
import { manifestFor } from "../../../src/manifest/build";
import { API2_HOSTS, GLOBAL_API_HOST, REGIONS } from "../../../src/mimecast";

interface ContentScript {
  matches: string[];
  include_globs?: string[];
  all_frames?: boolean;
}
interface Manifest {
  permissions: string[];
  host_permissions: string[];
  content_scripts: ContentScript[];
  content_security_policy: { extension_pages: string };
}

// Chrome's manifest: the base (manifest.json) plus the Chrome overlay. Firefox's differs only by its
// overlay (no offscreen permission): test/unit/manifest-build.test.ts.
const manifest: Manifest = manifestFor("chrome");

/** Chrome's match-pattern semantics for https patterns: `*.` in the host, `*` in the path. */
function matchesPattern(pattern: string, url: string): boolean {
  const m = /^https:\/\/(\*\.)?([^/*]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`unsupported pattern ${pattern}`);
  const u = new URL(url);
  const hostOk = m[1] ? u.hostname === m[2] || u.hostname.endsWith(`.${m[2]}`) : u.hostname === m[2];
  const path = new RegExp(`^${(m[3] ?? "/").replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return u.protocol === "https:" && hostOk && path.test(u.pathname + u.search);
}

/** Content-script globs: `*` is any run of characters, `?` one character, over the whole URL. */
function matchesGlob(glob: string, url: string): boolean {
  const re = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(url);
}

function injectedInto(url: string): boolean {
  return manifest.content_scripts.some(
    (c) =>
      c.matches.some((p) => matchesPattern(p, url)) &&
      (c.include_globs ?? ["*"]).some((g) => matchesGlob(g, url)),
  );
}

const API_HOSTS = [GLOBAL_API_HOST, ...REGIONS.map((r) => r.host), ...API2_HOSTS.map((h) => h.host)];

describe("manifest: least privilege, pinned", () => {
  it("asks for exactly these permissions", () => {
    // alarms: clear keys, captured values and copied secrets on time; clipboardRead/Write and
    // offscreen: clear a copied secret only if the clipboard still holds it; storage: progress and
    // preferences (local), secrets (session, memory only).
    expect(manifest.permissions).toEqual([
      "alarms",
      "clipboardRead",
      "clipboardWrite",
      "offscreen",
      "storage",
    ]);
  });

  it("reaches exactly the Mimecast API hosts the client knows, and nothing else", () => {
    expect([...manifest.host_permissions].sort()).toEqual(API_HOSTS.map((h) => `https://${h}/*`).sort());
    const csp = manifest.content_security_policy.extension_pages;
    const connect = /connect-src ([^;]+)/.exec(csp)?.[1]?.split(" ") ?? [];
    expect([...connect].sort()).toEqual(API_HOSTS.map((h) => `https://${h}`).sort());
    expect(csp).toMatch(/^default-src 'self';/);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
  });

  it("runs the content script in every frame of the console hosts only", () => {
    expect(manifest.content_scripts).toHaveLength(1);
    expect(manifest.content_scripts[0]?.all_frames).toBe(true);
    expect(manifest.content_scripts[0]?.matches).toEqual([
      "https://*.mimecast.com/*",
      "https://*.mimecast-pscom-us.com/*",
    ]);
    expect(manifest.content_scripts[0]?.include_globs).toEqual([
      "https://login.mimecast.com/*",
      "https://login-*.mimecast.com/*",
      "https://login.mimecast-pscom-us.com/*",
      "https://login-*.mimecast-pscom-us.com/*",
    ]);
  });

  const consoles = [
    "https://login.mimecast.com/administration/app/#/dashboard",
    "https://login-eu.mimecast.com/administration/app/#/roles",
    "https://login-us.mimecast.com/mimecast/admin?x=1",
    "https://login-uspcom.mimecast-pscom-us.com/administration/app/",
  ];
  const others = [
    "https://www.mimecast.com/login-eu.mimecast.com/",
    "https://community.mimecast.com/",
    "https://mimecast.com/",
    "https://eu-api.mimecast.com/api/login/login",
    "https://login-eu.mimecast.com.evil.example/",
    "https://evil.example/https://login.mimecast.com/",
    "http://login-eu.mimecast.com/",
    "https://services.mimecast.com/login-x",
    "https://uspcom-api.mimecast-pscom-us.com/",
  ];

  it.each(consoles)("injects into the console page %s, and the worker accepts it", (url) => {
    expect(injectedInto(url)).toBe(true);
    expect(isConsoleUrl(url)).toBe(true);
  });

  it.each(others)("leaves %s alone, and the worker refuses it", (url) => {
    expect(injectedInto(url)).toBe(false);
    expect(isConsoleUrl(url)).toBe(false);
  });

  it("the worker is never looser than the manifest on console-like hosts", () => {
    const labels = ["login", "login-eu", "login-x1", "logins", "login-", "xlogin", "login-a-b", "LOGIN-EU"];
    for (const label of labels) {
      for (const domain of ["mimecast.com", "mimecast-pscom-us.com"]) {
        const url = `https://${label}.${domain}/administration/app/`;
        if (isConsoleUrl(url)) expect(injectedInto(url.toLowerCase())).toBe(true);
      }
    }
  });
});

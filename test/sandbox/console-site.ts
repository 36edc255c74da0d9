import { readFileSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";

/**
 * The simulated Mimecast Administration Console: static files under test/sandbox/console/, served
 * for the console hosts (login.mimecast.com, login-<region>.mimecast.com). The page scripts pick
 * the console generation from the host name (`?gen=classic|current|ci` on the app URL overrides):
 * - login-us.mimecast.com: "classic", the older labels (Administration mega-menu, Services ›
 *   API and Platform Integrations › "Generate Keys", Account › Roles, "Authentication TTL" tab);
 * - login-za.mimecast.com: "ci", an Email Security Cloud Integrated account (current labels, but
 *   Integrations › "API 2.0 Applications" › "New Application" › "Save & Generate Keys");
 * - every other host (login-eu...): "current" (Integrations Hub › "Configure New", Account ›
 *   Admin Roles, an "Authentication Profiles" button, "Authentication Cache TTL").
 * `?variant=renamed` on the app URL (kept across hash navigation, passed on to the framed pages)
 * renames and moves controls the guide looks for, as a console update would: the Integrations Hub's
 * "Configure New" is "Connect" in the API 2.0 tile's footer; Applications › Authentication
 * Profiles' "New Authentication Profile" is "Create profile" below the list (test/e2e/variant.e2e.ts).
 * The simulated tenant lives in the tab's sessionStorage: a new tab (or browser) starts afresh.
 */

export const CONSOLE_ROOT = resolve(import.meta.dirname, "console");

const CONSOLE_HOST = /^login(-[a-z]+)?\.(mimecast|mimecast-pscom-us)\.com$/;

/**
 * Mimecast hosts that are not the console (marketing site, community) serving a copy of the
 * console: the hardening tests check the guide stays off them.
 */
export const LOOKALIKE_HOSTS = ["www.mimecast.com", "community.mimecast.com"] as const;

/** The US public-sector console (its domain is Mimecast's; the host name is our assumption). */
export const PUBLIC_SECTOR_CONSOLE_HOST = "login-uspcom.mimecast-pscom-us.com";

export type ConsoleGeneration = "current" | "classic" | "ci";

/** The host that shows each generation. */
export const CONSOLE_HOSTS: Readonly<Record<ConsoleGeneration, string>> = {
  current: "login-eu.mimecast.com",
  classic: "login-us.mimecast.com",
  ci: "login-za.mimecast.com",
};

export function isConsoleHost(host: string): boolean {
  return CONSOLE_HOST.test(host) || (LOOKALIKE_HOSTS as readonly string[]).includes(host);
}

export function consoleGeneration(host: string): ConsoleGeneration {
  if (host.startsWith("login-us.")) return "classic";
  if (host.startsWith("login-za.")) return "ci";
  return "current";
}

/** Hash routes of the console app. */
export const CONSOLE_ROUTES = [
  "administration-dashboard",
  "account-settings",
  "roles",
  "api-integrations",
  "integrations-hub",
  "api2-applications",
  "internal-directories",
  "profile-groups",
  "applications",
] as const;
export type ConsoleRoute = (typeof CONSOLE_ROUTES)[number];

/** `https://<host>/administration/app/[?query]#/<route>`. */
export function consoleUrl(
  route: ConsoleRoute = "administration-dashboard",
  host = "login-eu.mimecast.com",
  query: Record<string, string> = {},
): string {
  const search = new URLSearchParams(query).toString();
  return `https://${host}/administration/app/${search ? `?${search}` : ""}#/${route}`;
}

export function consoleLoginUrl(host = "login-eu.mimecast.com"): string {
  return `https://${host}/u/login/?gta=administration#/login`;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Paths that are redirects, as the real console's server does. */
const REDIRECTS: Record<string, string> = {
  "/": "/u/login/?gta=administration#/login",
  "/u/login": "/u/login/",
  "/administration": "/administration/app/#/administration-dashboard",
  "/administration/": "/administration/app/#/administration-dashboard",
  "/administration/app": "/administration/app/",
};

function plain(res: ServerResponse, status: number, text: string): true {
  res
    .writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" })
    .end(text);
  return true;
}

/** The file a URL path names, or null when the path is malformed or leaves the console root. */
export function consoleFile(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return null;
  const segments = decoded.split("/");
  if (segments.some((s) => s === ".." || s === "." || s.startsWith("."))) return null;
  const relative = decoded.endsWith("/") ? `${decoded}index.html` : decoded;
  const file = resolve(CONSOLE_ROOT, `.${relative}`);
  if (!file.startsWith(CONSOLE_ROOT + sep)) return null;
  return file;
}

/** Answers for console hosts (returns true), leaves every other host alone (returns false). */
export function consoleSite(req: IncomingMessage, res: ServerResponse, host: string): boolean {
  if (!isConsoleHost(host)) return false;
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") {
    res.setHeader("allow", "GET, HEAD");
    return plain(res, 405, "Method not allowed");
  }
  // Parse the raw target ourselves: the URL parser would silently resolve "/a/../b".
  const raw = req.url ?? "/";
  const queryAt = raw.indexOf("?");
  const pathname = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const search = queryAt === -1 ? "" : raw.slice(queryAt);

  const redirect = REDIRECTS[pathname];
  if (redirect !== undefined) {
    // Keep the query (?api1=off, ?gen=...) in front of the fragment.
    const [path, fragment] = redirect.split("#");
    const query = path?.includes("?") ? "" : search;
    res
      .writeHead(302, {
        location: `${path}${query}${fragment ? `#${fragment}` : ""}`,
        "cache-control": "no-store",
      })
      .end();
    return true;
  }
  if (pathname === "/favicon.ico") {
    res.writeHead(204, { "cache-control": "no-store" }).end();
    return true;
  }

  const file = consoleFile(pathname);
  if (!file) return plain(res, 400, "Bad request");
  let body: Buffer;
  try {
    if (!statSync(file).isFile()) return plain(res, 404, "Not found");
    body = readFileSync(file);
  } catch {
    return plain(res, 404, "Not found");
  }
  const type = TYPES[extname(file).toLowerCase()];
  if (!type) return plain(res, 404, "Not found");
  res.writeHead(200, {
    "content-type": type,
    "content-length": String(body.length),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-frame-options": "SAMEORIGIN",
  });
  res.end(method === "HEAD" ? undefined : body);
  return true;
}

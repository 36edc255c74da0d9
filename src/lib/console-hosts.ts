/**
 * The Administration Console hosts: the only places the guide runs and the only senders the service
 * worker accepts guide messages from. Kept in step with the manifest's content-script
 * `include_globs` (a unit test compares them).
 *
 * - `login.mimecast.com` and `login-<region>.mimecast.com`: DESIGN.md §3b, and Mimecast's
 *   "Administration Console - Login" article (support article 34000755245459: log in at the URL
 *   of your region, listed on "Mimecast Data Centers and URLs").
 * - The US public-sector grid lives on its own domain (`uspcom-api.mimecast-pscom-us.com` is its
 *   API host, from Mimecast's API region table); its console is assumed to follow the same
 *   `login[-<grid>]` naming on that domain. A hypothesis: no public page names it.
 */
const CONSOLE_HOST = /^login(?:-[a-z0-9]+)?\.(?:mimecast|mimecast-pscom-us)\.com$/;

export function isConsoleHost(host: string): boolean {
  return CONSOLE_HOST.test(host.toLowerCase());
}

/** True for an https URL on a console host, on the default port. */
export function isConsoleUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === "https:" && u.port === "" && isConsoleHost(u.hostname);
  } catch {
    return false;
  }
}

/** The console host a URL names, or undefined. */
export function consoleHostOf(url: string | undefined): string | undefined {
  return url && isConsoleUrl(url) ? new URL(url).hostname.toLowerCase() : undefined;
}

/**
 * How long the extension keeps a secret (generated keys, values sent from the console).
 *
 * 30 minutes from creation or capture, never extended by reading. The setup needs the secrets for
 * one sitting: generate, verify, copy into the collector or export, which takes minutes. Without a
 * limit they would stay in `storage.session` until the browser closes, which can be days on an
 * administrator's unlocked workstation, and the keys are usually made to never expire on
 * Mimecast's side. Nothing is lost when they go: keys can be generated again, the Application ID is
 * remembered as a preference (it is not secret), and the console shows the values again where it
 * still can (an API 2.0 Client secret is shown once: the popup says when it will be cleared, so
 * it can be copied before that).
 *
 * Pure module: used by the service worker, storage reads and the popup alike.
 */
export const SECRET_LIFETIME_MS = 30 * 60_000;

/**
 * A timestamp further in the future than this is not trusted: the clock went back, or the value
 * was not written by us. Treated as expired rather than kept for longer than the lifetime.
 */
const CLOCK_SKEW_MS = 60_000;

export function secretExpiresAt(since: number): number {
  return since + SECRET_LIFETIME_MS;
}

/** True while a secret created or captured at `since` may still be used at `now`. */
export function secretIsLive(since: number, now: number): boolean {
  return Number.isFinite(since) && now < secretExpiresAt(since) && since <= now + CLOCK_SKEW_MS;
}

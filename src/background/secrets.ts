import browser, { type Storage } from "webextension-polyfill";
import { secretExpiresAt, secretIsLive } from "../lib/secret-lifetime";
import {
  readSecretTimes,
  removeSessionSecrets,
  SESSION_SECRET_KEYS,
  SESSION_SECRETS,
  type SessionSecret,
} from "../lib/storage";

/**
 * The lifetime of every secret the extension holds: "Forget" removes them all at once, an alarm
 * removes each one when its time is up (src/lib/secret-lifetime.ts), and only the extension's own
 * pages may read them.
 */

/**
 * One alarm per kind of secret, replaced whenever that secret is written again: an expiry alarm
 * therefore always belongs to the value now stored, and firing means that value's time is up.
 */
export const EXPIRY_ALARMS: Readonly<Record<SessionSecret, string>> = {
  keys: "secrets-expiry:keys",
  captured: "secrets-expiry:captured",
};

/** Something else that holds a secret and must let go of it on "Forget" (e.g. the clipboard). */
export type Forgetter = () => Promise<void>;

/**
 * "Forget": every secret in `storage.session`, the alarms that would have removed them, then
 * whatever `extraForgetters` hold. Storage goes first because it is what must go whatever else
 * fails; one extra forgetter failing does not stop the others.
 */
export async function forgetSecrets(extraForgetters: readonly Forgetter[] = []): Promise<void> {
  await removeSessionSecrets(SESSION_SECRETS);
  await Promise.all(SESSION_SECRETS.map((s) => browser.alarms.clear(EXPIRY_ALARMS[s])));
  await Promise.allSettled(extraForgetters.map((forget) => forget()));
}

let scheduling: Promise<void> = Promise.resolve();

/**
 * Sets (or clears) each secret's expiry alarm from what is stored, and removes at once what is
 * already due: the worker may have been asleep past an alarm, or the clock may have moved. Runs
 * one at a time, so an older reading of storage never overwrites the alarms of a newer one.
 */
export function scheduleExpiry(now?: () => number): Promise<void> {
  const run = scheduling.then(() => scheduleNow(now?.() ?? Date.now()));
  scheduling = run.catch(() => undefined);
  return run;
}

async function scheduleNow(now: number): Promise<void> {
  const times = await readSecretTimes();
  const due: SessionSecret[] = [];
  for (const s of SESSION_SECRETS) {
    const since = times[s];
    if (since !== undefined && secretIsLive(since, now)) {
      await browser.alarms.create(EXPIRY_ALARMS[s], { when: secretExpiresAt(since) });
    } else {
      if (since !== undefined) due.push(s);
      await browser.alarms.clear(EXPIRY_ALARMS[s]);
    }
  }
  await removeSessionSecrets(due);
}

/** An expiry alarm fired: the secret it belongs to goes (see EXPIRY_ALARMS). */
export async function onExpiryAlarm(alarm: { readonly name: string }): Promise<void> {
  await removeSessionSecrets(SESSION_SECRETS.filter((s) => EXPIRY_ALARMS[s] === alarm.name));
}

/** Chrome 102+ has `setAccessLevel`; older Chromium and some Firefox versions do not. */
interface SessionAccessControl {
  readonly setAccessLevel?: (details: {
    accessLevel: "TRUSTED_CONTEXTS" | "TRUSTED_AND_UNTRUSTED_CONTEXTS";
  }) => Promise<void>;
}

/**
 * Only the extension's own pages and worker may read `storage.session`, never content scripts
 * (which run inside console pages). That is Chrome's default today; saying it explicitly keeps it
 * so whatever the default becomes. Returns whether the browser supports the setting.
 */
export async function restrictSessionAccess(
  area: Storage.StorageArea & SessionAccessControl = browser.storage.session,
): Promise<boolean> {
  if (typeof area.setAccessLevel !== "function") return false;
  await area.setAccessLevel({ accessLevel: "TRUSTED_CONTEXTS" });
  return true;
}

/**
 * Call once, synchronously, at the top level of the service worker: the listeners must be
 * registered in the first turn so that an alarm or a storage change wakes the worker. Then
 * restricts access and catches up on anything that expired while the worker was stopped.
 */
export function startSecretsGuard(): Promise<void> {
  browser.alarms.onAlarm.addListener((alarm) => {
    void onExpiryAlarm(alarm);
  });
  // Whoever writes or removes a secret (the worker, the popup's "Discard"), its alarm follows.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === "session" && SESSION_SECRET_KEYS.some((k) => k in changes)) void scheduleExpiry();
  });
  return Promise.all([restrictSessionAccess(), scheduleExpiry()]).then(() => undefined);
}

import browser, { type Storage } from "webextension-polyfill";
import {
  type Captured,
  capturedSchema,
  guideUiSchema,
  type KeySession,
  keySessionSchema,
  type Prefs,
  type ProgressMap,
  prefsSchema,
  progressMapSchema,
} from "./schemas";
import { secretIsLive } from "./secret-lifetime";

/**
 * Typed storage. Reads go through zod: a value that does not parse (older version, tampering,
 * corruption) is treated as absent rather than crashing the popup.
 */

const PREFS = "prefs";
const KEYS = "keys";

export async function readPrefs(): Promise<Prefs> {
  const raw = (await browser.storage.local.get(PREFS))[PREFS];
  const parsed = prefsSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

export async function writePrefs(prefs: Prefs): Promise<void> {
  // Parse before writing so nothing but these non-secret fields can ever reach storage.local.
  await browser.storage.local.set({ [PREFS]: prefsSchema.parse(prefs) });
}

/**
 * Generated keys, or undefined once their lifetime is over: the expiry alarm removes them, but it
 * can be late (the service worker may have been asleep), so a read never returns expired keys.
 */
export async function readKeys(now = Date.now()): Promise<KeySession | undefined> {
  const raw = (await browser.storage.session.get(KEYS))[KEYS];
  const parsed = keySessionSchema.safeParse(raw);
  return parsed.success && secretIsLive(parsed.data.createdAt, now) ? parsed.data : undefined;
}

export async function writeKeys(keys: KeySession): Promise<void> {
  await browser.storage.session.set({ [KEYS]: keySessionSchema.parse(keys) });
}

/** Progress as the state machine holds it (readonly arrays); parsed before it is written. */
type ProgressInput = {
  readonly [K in keyof ProgressMap[string]]: ProgressMap[string][K] extends (infer E)[]
    ? readonly E[]
    : ProgressMap[string][K];
};

const PROGRESS = "guide-progress";
const GUIDE_UI = "guide-ui";

export async function readProgress(): Promise<ProgressMap> {
  const raw = (await browser.storage.local.get(PROGRESS))[PROGRESS];
  const parsed = progressMapSchema.safeParse(raw);
  // Unreadable progress (an older format, corruption) starts fresh rather than breaking the guide.
  return parsed.success ? parsed.data : {};
}

export async function writeProgress(all: Readonly<Record<string, ProgressInput>>): Promise<void> {
  await browser.storage.local.set({ [PROGRESS]: progressMapSchema.parse(all) });
}

export async function readGuideOpen(): Promise<boolean> {
  const parsed = guideUiSchema.safeParse((await browser.storage.local.get(GUIDE_UI))[GUIDE_UI]);
  return parsed.success ? parsed.data.open : true;
}

export async function writeGuideOpen(open: boolean): Promise<void> {
  await browser.storage.local.set({ [GUIDE_UI]: { open } });
}

const CAPTURED = "captured";

/**
 * Values sent from the console with "Use in the assistant": session storage only (secrets), and
 * treated as absent once their lifetime is over, like the keys.
 */
export async function readCaptured(now = Date.now()): Promise<Captured | undefined> {
  const parsed = capturedSchema.safeParse((await browser.storage.session.get(CAPTURED))[CAPTURED]);
  return parsed.success && secretIsLive(parsed.data.capturedAt, now) ? parsed.data : undefined;
}

/**
 * A new capture replaces the previous one rather than merging with it: the values, their source
 * page and their capture time then always belong together (the popup shows where they came from,
 * and they expire from the moment they were captured).
 */
export async function writeCaptured(values: Captured): Promise<void> {
  await browser.storage.session.set({ [CAPTURED]: capturedSchema.parse(values) });
}

/** "Discard" in the popup: the captured values only. */
export async function forgetCaptured(): Promise<void> {
  await browser.storage.session.remove(CAPTURED);
}

/**
 * Every kind of value this extension writes to `storage.session`. All of them are secrets: "Forget"
 * and the expiry (src/background/secrets.ts) remove exactly these. A new session key must be listed
 * here (test/unit/background/secrets.test.ts checks that forgetting leaves nothing behind).
 */
export const SESSION_SECRETS = ["keys", "captured"] as const;
export type SessionSecret = (typeof SESSION_SECRETS)[number];
const SESSION_KEY: Readonly<Record<SessionSecret, string>> = { keys: KEYS, captured: CAPTURED };
/** The `storage.session` key of every secret. */
export const SESSION_SECRET_KEYS: readonly string[] = SESSION_SECRETS.map((s) => SESSION_KEY[s]);

/**
 * When each stored secret was created or captured, whether or not it has expired (the worker uses
 * this to schedule and to catch up on removals). A value that is there but does not parse gets
 * -Infinity: already expired, so it is removed rather than kept unreadable for ever.
 */
export async function readSecretTimes(): Promise<Partial<Record<SessionSecret, number>>> {
  const raw = await browser.storage.session.get([KEYS, CAPTURED]);
  const times: Partial<Record<SessionSecret, number>> = {};
  if (raw[KEYS] !== undefined) {
    const keys = keySessionSchema.safeParse(raw[KEYS]);
    times.keys = keys.success ? keys.data.createdAt : Number.NEGATIVE_INFINITY;
  }
  if (raw[CAPTURED] !== undefined) {
    const captured = capturedSchema.safeParse(raw[CAPTURED]);
    times.captured = captured.success ? captured.data.capturedAt : Number.NEGATIVE_INFINITY;
  }
  return times;
}

export async function removeSessionSecrets(which: readonly SessionSecret[]): Promise<void> {
  if (which.length > 0) await browser.storage.session.remove(which.map((w) => SESSION_KEY[w]));
}

/** Calls `onChange` whenever a secret is written or removed, by anyone; returns the unsubscribe. */
export function watchSessionSecrets(onChange: () => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area === "session" && SESSION_SECRET_KEYS.some((k) => k in changes)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

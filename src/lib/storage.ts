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
  progressSchema,
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

/**
 * Stored progress format. Version 1 (the first release) stored the bare host→progress map under
 * PROGRESS; version 2 stores `{ version: 2, hosts: { [host]: progress } }` under the same key.
 * The version lives inside the value rather than under a key of its own so that data and version
 * always change together in one `set`: a crash or a second writer can never leave a version-2 key
 * beside a version-1 map, or the reverse. The formats cannot be confused: a version-1 map's values
 * are objects, so a numeric `version` member only ever comes from version 2 or later.
 */
export const PROGRESS_VERSION = 2;

/** Consoles remembered at most; on write, the least recently updated ones are forgotten. */
export const MAX_PROGRESS_HOSTS = 20;

export interface DecodedProgress {
  /** The valid entries, at most MAX_PROGRESS_HOSTS of them. */
  readonly hosts: ProgressMap;
  /**
   * False when storage holds a newer version than this code knows (after a downgrade): it reads as
   * empty, and writes leave it alone rather than erase what the newer version kept.
   */
  readonly writable: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Each host is checked on its own: a malformed entry is dropped, the others are kept. */
function validEntries(raw: unknown): ProgressMap {
  if (!isRecord(raw)) return {};
  const kept: [string, ProgressMap[string]][] = [];
  for (const [host, value] of Object.entries(raw)) {
    const parsed = progressSchema.safeParse(value);
    if (parsed.success) kept.push([host, parsed.data]);
  }
  // fromEntries defines own properties: a "__proto__" host cannot reach the prototype.
  return Object.fromEntries(kept);
}

/** The `max` most recently updated entries, in their original order. Ties keep the earlier entry. */
function newest(all: ProgressMap, max: number): ProgressMap {
  const entries = Object.entries(all);
  if (entries.length <= max) return all;
  const keep = new Set(
    [...entries]
      .sort((a, b) => b[1].updatedAt - a[1].updatedAt)
      .slice(0, max)
      .map(([host]) => host),
  );
  return Object.fromEntries(entries.filter(([host]) => keep.has(host)));
}

/**
 * Reads any stored value without throwing. Version 1 is migrated in memory; the next write stores
 * it as version 2 (reads never write: the popup reads too, and must not race the service worker).
 * Anything unreadable (corruption, a version-2 value without hosts, a version below 2) reads as
 * empty and may be overwritten.
 */
export function decodeProgress(raw: unknown): DecodedProgress {
  if (!isRecord(raw)) return { hosts: {}, writable: true };
  const version = raw.version;
  if (typeof version !== "number") {
    return { hosts: newest(validEntries(raw), MAX_PROGRESS_HOSTS), writable: true }; // version 1
  }
  if (version === PROGRESS_VERSION) {
    return { hosts: newest(validEntries(raw.hosts), MAX_PROGRESS_HOSTS), writable: true };
  }
  if (version > PROGRESS_VERSION) return { hosts: {}, writable: false };
  return { hosts: {}, writable: true };
}

export async function readProgress(): Promise<ProgressMap> {
  const raw = (await browser.storage.local.get(PROGRESS))[PROGRESS];
  return decodeProgress(raw).hosts;
}

/**
 * Stores progress as version 2, keeping the MAX_PROGRESS_HOSTS most recently updated hosts.
 * Entries are parsed (an invalid one is a bug in the caller and throws) so nothing else reaches
 * storage. Does nothing when storage holds a newer version (see DecodedProgress.writable).
 */
export async function writeProgress(all: Readonly<Record<string, ProgressInput>>): Promise<void> {
  const stored = (await browser.storage.local.get(PROGRESS))[PROGRESS];
  if (!decodeProgress(stored).writable) return;
  const parsed: ProgressMap = Object.fromEntries(
    Object.entries(all).map(([host, p]) => [host, progressSchema.parse(p)]),
  );
  const hosts = newest(parsed, MAX_PROGRESS_HOSTS);
  await browser.storage.local.set({ [PROGRESS]: { version: PROGRESS_VERSION, hosts } });
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

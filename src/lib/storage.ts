import browser from "webextension-polyfill";
import { type KeySession, keySessionSchema, type Prefs, prefsSchema } from "./schemas";

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

export async function readKeys(): Promise<KeySession | undefined> {
  const raw = (await browser.storage.session.get(KEYS))[KEYS];
  const parsed = keySessionSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export async function writeKeys(keys: KeySession): Promise<void> {
  await browser.storage.session.set({ [KEYS]: keySessionSchema.parse(keys) });
}

export async function forgetKeys(): Promise<void> {
  await browser.storage.session.remove(KEYS);
}

import browser from "webextension-polyfill";
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

/** Values sent from the console with "Use in the assistant": session storage only (secrets). */
export async function readCaptured(): Promise<Captured | undefined> {
  const parsed = capturedSchema.safeParse((await browser.storage.session.get(CAPTURED))[CAPTURED]);
  return parsed.success ? parsed.data : undefined;
}

export async function writeCaptured(values: Captured): Promise<void> {
  const previous = await readCaptured();
  await browser.storage.session.set({ [CAPTURED]: capturedSchema.parse({ ...previous, ...values }) });
}

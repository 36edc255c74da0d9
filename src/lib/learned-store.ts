import browser from "webextension-polyfill";
import * as z from "zod/mini";
import { signatureSchema } from "../guide/schema";

/**
 * Controls the administrator showed the guide ("Show me where it is"), per console host and step,
 * in storage.local: they describe the console, not the user, and must outlive the browser session
 * (storage.session would forget them) and the service worker. Never a secret, never page data:
 * role, name, visible text, anchor text and container roles (src/guide/learned.ts), capped.
 *
 * Stored as `{ version: 1, hosts: { [host]: { [stepId]: entry } } }`. Reads validate every entry on
 * its own (a bad one is dropped, the rest kept) and never throw; a newer version reads as empty
 * and is never overwritten.
 */

export const LEARNED_KEY = "learned-targets";
export const LEARNED_VERSION = 1;
/** Consoles remembered at most; the least recently taught go first. */
export const MAX_LEARNED_HOSTS = 20;
/** Steps per console at most (the guide has fewer). */
export const MAX_LEARNED_STEPS = 30;

const ID = /^[a-z0-9-]{1,40}$/;

export const learnedEntrySchema = z.object({
  /** The page the control was shown on: it is looked for there only. */
  pageId: z.string().check(z.regex(ID)),
  signature: signatureSchema,
  savedAt: z.number().check(z.nonnegative()),
});
export type LearnedEntry = z.infer<typeof learnedEntrySchema>;
/** host → step id → entry. */
export type LearnedMap = Record<string, Record<string, LearnedEntry>>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const latest = (steps: Record<string, LearnedEntry>) =>
  Math.max(0, ...Object.values(steps).map((e) => e.savedAt));

/** The `max` most recently taught entries, in their original order. */
function newest<T>(entries: [string, T][], max: number, time: (v: T) => number): [string, T][] {
  if (entries.length <= max) return entries;
  const keep = new Set(
    [...entries]
      .sort((a, b) => time(b[1]) - time(a[1]))
      .slice(0, max)
      .map(([k]) => k),
  );
  return entries.filter(([k]) => keep.has(k));
}

function capped(map: LearnedMap): LearnedMap {
  const hosts = Object.entries(map).map(([host, steps]): [string, Record<string, LearnedEntry>] => [
    host,
    Object.fromEntries(newest(Object.entries(steps), MAX_LEARNED_STEPS, (e) => e.savedAt)),
  ]);
  // fromEntries defines own properties: a "__proto__" key cannot reach the prototype.
  return Object.fromEntries(newest(hosts, MAX_LEARNED_HOSTS, latest));
}

/** What storage holds, validated entry by entry; `writable` is false for a newer version. */
export function decodeLearned(raw: unknown): { map: LearnedMap; writable: boolean } {
  if (!isRecord(raw) || typeof raw.version !== "number") return { map: {}, writable: true };
  if (raw.version > LEARNED_VERSION) return { map: {}, writable: false };
  if (raw.version !== LEARNED_VERSION || !isRecord(raw.hosts)) return { map: {}, writable: true };
  const hosts: [string, Record<string, LearnedEntry>][] = [];
  for (const [host, steps] of Object.entries(raw.hosts)) {
    if (!isRecord(steps) || host.length > 253) continue;
    const kept: [string, LearnedEntry][] = [];
    for (const [stepId, entry] of Object.entries(steps)) {
      const parsed = learnedEntrySchema.safeParse(entry);
      if (ID.test(stepId) && parsed.success) kept.push([stepId, parsed.data]);
    }
    if (kept.length > 0) hosts.push([host, Object.fromEntries(kept)]);
  }
  return { map: capped(Object.fromEntries(hosts)), writable: true };
}

export async function readLearned(): Promise<LearnedMap> {
  return decodeLearned((await browser.storage.local.get(LEARNED_KEY))[LEARNED_KEY]).map;
}

/** Parses every entry (an invalid one is a bug in the caller and throws) and keeps within the caps. */
export async function writeLearned(map: LearnedMap): Promise<void> {
  const stored = (await browser.storage.local.get(LEARNED_KEY))[LEARNED_KEY];
  if (!decodeLearned(stored).writable) return;
  const parsed: LearnedMap = Object.fromEntries(
    Object.entries(map)
      .filter(([, steps]) => Object.keys(steps).length > 0)
      .map(([host, steps]) => [
        host,
        Object.fromEntries(Object.entries(steps).map(([id, e]) => [id, learnedEntrySchema.parse(e)])),
      ]),
  );
  await browser.storage.local.set({ [LEARNED_KEY]: { version: LEARNED_VERSION, hosts: capped(parsed) } });
}

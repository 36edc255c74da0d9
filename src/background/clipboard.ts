import browser from "webextension-polyfill";
import * as z from "zod/mini";
import { sha256HexSchema } from "../lib/digest";
import { type ClearOutcome, clearIfHolds, documentClipboard } from "../offscreen/clipboard-access";
import { OFFSCREEN_DOCUMENT_PATH, type OffscreenRequest, offscreenReplySchema } from "../offscreen/messages";

/**
 * Clears a copied secret from the clipboard 60 s after the popup copied it, from the worker (the
 * popup closes on blur, taking its timers with it), and only if the clipboard still holds it: the
 * user may have copied something else meanwhile. The worker never sees the secret, only the SHA-256
 * digest the popup sends, kept in storage.session so a worker restart does not lose it.
 */

export const CLIPBOARD_ALARM = "clipboard-clear";
export const CLEAR_AFTER_MS = 60_000;
const PENDING_KEY = "clipboard-pending";

const pendingSchema = z.object({ digest: sha256HexSchema, clearAt: z.number() });
type Pending = z.infer<typeof pendingSchema>;

/** What the guard needs from the extension; injected so the logic is unit-testable. */
export interface ClipboardGuardDeps {
  readonly load: () => Promise<unknown>;
  readonly save: (pending: Pending) => Promise<void>;
  readonly remove: () => Promise<void>;
  readonly schedule: (when: number) => Promise<void>;
  readonly unschedule: () => Promise<void>;
  /** Clears the clipboard if it still holds the text with this digest. */
  readonly clearIfHolds: (digest: string) => Promise<ClearOutcome>;
  readonly now: () => number;
}

export interface ClipboardGuard {
  /** A secret was copied: remember its digest and clear it at the returned time. Throws if it cannot. */
  copied(digest: string): Promise<number>;
  /** An alarm fired; undefined when it is not ours or nothing was pending. */
  alarm(name: string): Promise<ClearOutcome | undefined>;
  /** Clear now (if the clipboard still holds our last secret) and drop what is pending. */
  forget(): Promise<ClearOutcome | undefined>;
}

export function createClipboardGuard(deps: ClipboardGuardDeps): ClipboardGuard {
  // One thing at a time: a copy arriving while an alarm is being handled must not have its digest
  // removed by that alarm's clean-up.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const clearPending = async (): Promise<ClearOutcome | undefined> => {
    const pending = pendingSchema.safeParse(await deps.load());
    try {
      return pending.success ? await deps.clearIfHolds(pending.data.digest) : undefined;
    } catch {
      return "unreadable";
    } finally {
      // Cleared, replaced by the user, or unreadable: either way the digest has done its job.
      await deps.remove();
    }
  };

  return {
    copied: (digest) =>
      serial(async () => {
        const clearAt = deps.now() + CLEAR_AFTER_MS;
        await deps.save(pendingSchema.parse({ digest, clearAt }));
        try {
          await deps.schedule(clearAt);
        } catch (error) {
          await deps.remove();
          throw error;
        }
        return clearAt;
      }),
    alarm: (name) => (name === CLIPBOARD_ALARM ? serial(clearPending) : Promise.resolve(undefined)),
    forget: () =>
      serial(async () => {
        await deps.unschedule();
        return clearPending();
      }),
  };
}

/** The parts of Chrome's API that webextension-polyfill does not type. */
interface ChromeOffscreen {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
interface ChromeRuntimeContexts {
  getContexts?(filter: { contextTypes: string[]; documentUrls: string[] }): Promise<unknown[]>;
}
function chromeApi(): { offscreen?: ChromeOffscreen; runtime?: ChromeRuntimeContexts } | undefined {
  return (globalThis as { chrome?: { offscreen?: ChromeOffscreen; runtime?: ChromeRuntimeContexts } }).chrome;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Chrome: the worker has no DOM, so an offscreen document (reason CLIPBOARD) does the clipboard work. */
async function clearViaOffscreen(offscreen: ChromeOffscreen, digest: string): Promise<ClearOutcome> {
  const url = browser.runtime.getURL(OFFSCREEN_DOCUMENT_PATH);
  const open = await chromeApi()
    ?.runtime?.getContexts?.({ contextTypes: ["OFFSCREEN_DOCUMENT"], documentUrls: [url] })
    .catch(() => []);
  if (!open?.length) {
    await offscreen.createDocument({
      url: OFFSCREEN_DOCUMENT_PATH,
      reasons: ["CLIPBOARD"],
      justification: "Clear a copied secret from the clipboard if it is still there.",
    });
  }
  try {
    const request: OffscreenRequest = {
      target: "offscreen",
      type: "bg/clipboard-clear-if-unchanged",
      digest,
    };
    // The document's script may still be starting when createDocument resolves.
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = offscreenReplySchema.safeParse(await browser.runtime.sendMessage(request));
        return reply.success ? reply.data.outcome : "unreadable";
      } catch (error) {
        if (attempt >= 4) throw error;
        await delay(50 * (attempt + 1));
      }
    }
  } finally {
    await offscreen.closeDocument().catch(() => undefined);
  }
}

/** Firefox's event page has a DOM and no offscreen API: the same clipboard code runs right here. */
function clearHere(digest: string): Promise<ClearOutcome> {
  if (typeof document !== "undefined") return clearIfHolds(documentClipboard(document), digest);
  const offscreen = chromeApi()?.offscreen;
  return offscreen ? clearViaOffscreen(offscreen, digest) : Promise.resolve("unreadable");
}

function browserDeps(): ClipboardGuardDeps {
  return {
    load: async () => (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY],
    save: (pending) => browser.storage.session.set({ [PENDING_KEY]: pending }),
    remove: () => browser.storage.session.remove(PENDING_KEY),
    schedule: async (when) => {
      await browser.alarms.create(CLIPBOARD_ALARM, { when });
    },
    unschedule: async () => {
      await browser.alarms.clear(CLIPBOARD_ALARM);
    },
    clearIfHolds: clearHere,
    now: () => Date.now(),
  };
}

let guard: ClipboardGuard | undefined;
const theGuard = (): ClipboardGuard => {
  guard ??= createClipboardGuard(browserDeps());
  return guard;
};

/** Registers the alarm listener; call once, synchronously, at the worker's top level. */
export function startClipboardGuard(): void {
  browser.alarms.onAlarm.addListener((alarm) =>
    theGuard()
      .alarm(alarm.name)
      .then(() => undefined),
  );
}

/** The popup copied a secret (digest only): clear it in 60 s. Resolves to the time it will be cleared. */
export function noteClipboardCopy(digest: string): Promise<number> {
  return theGuard().copied(digest);
}

/** For "Forget": clears the clipboard now if it still holds our last secret, and drops the digest. */
export async function forgetClipboard(): Promise<void> {
  await theGuard().forget();
}

import browser from "webextension-polyfill";
import type { z } from "zod";
import { type ReplyFor, type Request, replySchemas } from "../lib/messages";
import type { failureSchema } from "../lib/schemas";

type Failure = z.infer<typeof failureSchema>;

/** The worker stopped (the browser may stop it at any time) or was reloaded before it answered. */
export const NO_ANSWER: Failure = {
  kind: "network",
  message: "The assistant's background service stopped before it answered, so nothing was done or saved.",
  action: "Try again. If it keeps happening, reload the extension from the browser's Extensions page.",
};

/** An answer arrived but is not one this popup understands (a half-updated extension). */
export const BAD_ANSWER: Failure = {
  kind: "network",
  message: "The assistant's background service gave an answer this window does not understand.",
  action:
    "Close and reopen this window. If it keeps happening, reload the extension from the browser's Extensions page.",
};

/** Sends a request to the service worker and validates the answer; never throws. */
export async function ask<T extends Request["type"]>(
  request: Extract<Request, { type: T }>,
): Promise<{ ok: true; reply: ReplyFor[T] } | { ok: false; failure: Failure }> {
  try {
    const raw: unknown = await browser.runtime.sendMessage(request);
    const parsed = replySchemas[request.type].safeParse(raw);
    // No answer at all: the worker's port closed (webextension-polyfill resolves that as undefined).
    if (raw === undefined) return { ok: false, failure: NO_ANSWER };
    if (!parsed.success) return { ok: false, failure: BAD_ANSWER };
    return { ok: true, reply: parsed.data as ReplyFor[T] };
  } catch {
    return { ok: false, failure: NO_ANSWER };
  }
}

import browser from "webextension-polyfill";
import type { z } from "zod";
import { type ReplyFor, type Request, replySchemas } from "../lib/messages";
import type { failureSchema } from "../lib/schemas";

type Failure = z.infer<typeof failureSchema>;

export const NO_ANSWER: Failure = {
  kind: "network",
  message: "The extension's background service did not answer.",
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
    if (!parsed.success) return { ok: false, failure: NO_ANSWER };
    return { ok: true, reply: parsed.data as ReplyFor[T] };
  } catch {
    return { ok: false, failure: NO_ANSWER };
  }
}

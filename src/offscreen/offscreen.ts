import "../lib/zod-jitless"; // first: before any module builds a zod schema
import browser, { type Runtime } from "webextension-polyfill";
import { clearIfHolds, documentClipboard } from "./clipboard-access";
import { type OffscreenReply, offscreenRequestSchema } from "./messages";

/**
 * Chrome's offscreen document (reason CLIPBOARD): the worker has no DOM, so it opens this page to
 * clear a copied secret, then closes it. Only the extension's own worker or pages may ask; a content
 * script's sender URL is the web page's.
 */
function fromExtension(sender: Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    sender.tab === undefined &&
    (sender.url ?? "").startsWith(browser.runtime.getURL(""))
  );
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const request = offscreenRequestSchema.safeParse(message);
  if (!request.success || !fromExtension(sender)) return undefined;
  return clearIfHolds(documentClipboard(document), request.data.digest).then(
    (outcome): OffscreenReply => ({ outcome }),
  );
});

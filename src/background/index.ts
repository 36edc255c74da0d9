import browser, { type Runtime } from "webextension-polyfill";
import { requestSchema } from "../lib/messages";
import { forgetKeys, writeKeys } from "../lib/storage";
import { defaultTransport } from "../mimecast";
import { dispatch, type HandlerDeps } from "./handlers";

const deps: HandlerDeps = {
  transport: defaultTransport((url, init) => fetch(url, init)),
  saveKeys: writeKeys,
  forgetKeys,
  now: () => Date.now(),
};

/**
 * Only the extension's own pages (the popup, also when opened in a tab) may ask for keys; content
 * scripts, whose sender URL is the web page's, may not.
 */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? "").startsWith(browser.runtime.getURL(""));
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const parsed = requestSchema.safeParse(message);
  if (!parsed.success) return undefined;
  if (parsed.data.type.startsWith("popup/") && !fromExtensionPage(sender)) return undefined;
  return dispatch(parsed.data, deps);
});

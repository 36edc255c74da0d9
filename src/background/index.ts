import browser, { type Runtime } from "webextension-polyfill";
import { GUIDE } from "../guide";
import { validateGuide } from "../guide/schema";
import { contentRequestSchema } from "../lib/guide-messages";
import { requestSchema } from "../lib/messages";
import { capturedSchema } from "../lib/schemas";
import {
  readGuideOpen,
  readProgress,
  writeCaptured,
  writeGuideOpen,
  writeKeys,
  writeProgress,
} from "../lib/storage";
import { defaultTransport } from "../mimecast";
import { GuideService } from "./guide-service";
import { dispatch, type HandlerDeps } from "./handlers";
import { forgetSecrets } from "./secrets";

// The guide ships with the extension; validating it here turns a data mistake into a loud failure
// in the tests instead of a silently wrong overlay.
const guide = validateGuide(GUIDE);

const guideService = new GuideService({
  guide,
  loadProgress: readProgress,
  saveProgress: writeProgress,
  loadOpen: readGuideOpen,
  saveOpen: writeGuideOpen,
  send: async (tabId, message) => {
    await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
  },
  setBadge: async (text) => {
    await browser.action.setBadgeBackgroundColor({ color: "#1d4ed8" });
    await browser.action.setBadgeText({ text });
  },
  now: () => Date.now(),
  version: browser.runtime.getManifest().version,
});

const deps: HandlerDeps = {
  transport: defaultTransport((url, init) => fetch(url, init)),
  saveKeys: writeKeys,
  // Other holders of secrets join the list (the clipboard guard's forgetClipboard).
  forgetSecrets: () => forgetSecrets([]),
  onKeysGenerated: () => guideService.keysGenerated(),
  now: () => Date.now(),
};

/**
 * Only the extension's own pages (the popup, also when opened in a tab) may ask for keys; content
 * scripts, whose sender URL is the web page's, may not.
 */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? "").startsWith(browser.runtime.getURL(""));
}

function fromConsoleFrame(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && sender.tab?.id !== undefined && sender.frameId !== undefined;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const popupRequest = requestSchema.safeParse(message);
  if (popupRequest.success) {
    if (!fromExtensionPage(sender)) return undefined;
    return dispatch(popupRequest.data, deps);
  }
  const contentRequest = contentRequestSchema.safeParse(message);
  if (contentRequest.success && contentRequest.data.type === "panel/capture" && fromConsoleFrame(sender)) {
    const captured = capturedSchema.safeParse({ ...contentRequest.data.values, capturedAt: Date.now() });
    if (!captured.success) return Promise.resolve({ ok: false });
    return writeCaptured(captured.data).then(() => ({ ok: true }));
  }
  if (contentRequest.success && fromConsoleFrame(sender)) {
    return guideService
      .handle(contentRequest.data, {
        tabId: sender.tab?.id ?? -1,
        frameId: sender.frameId ?? 0,
        tabUrl: sender.tab?.url ?? sender.url ?? "",
      })
      .then((view) => view ?? null);
  }
  return undefined;
});

browser.tabs.onRemoved.addListener((tabId) => guideService.forgetTab(tabId));

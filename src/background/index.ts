import "../lib/zod-jitless"; // first: before any module builds a zod schema
import browser, { type Runtime } from "webextension-polyfill";
import { GUIDE } from "../guide";
import { validateGuide } from "../guide/schema";
import { isConsoleUrl } from "../lib/console-hosts";
import { contentRequestSchema } from "../lib/guide-messages";
import { readLearned, writeLearned } from "../lib/learned-store";
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
import { forgetClipboard, noteClipboardCopy, startClipboardGuard } from "./clipboard";
import { GuideService, pagesForContent } from "./guide-service";
import { dispatch, type HandlerDeps } from "./handlers";
import { forgetSecrets, startSecretsGuard } from "./secrets";

// Listeners register in the worker's first turn so a wake-up event (an expiry alarm) is not missed.
void startSecretsGuard();
startClipboardGuard();

// The guide ships with the extension; validating it here turns a data mistake into a loud failure
// in the tests instead of a silently wrong overlay.
const guide = validateGuide(GUIDE);

const guideServiceSend = async (tabId: number, message: unknown): Promise<void> => {
  await browser.tabs.sendMessage(tabId, message).catch(() => undefined);
};

const guideService = new GuideService({
  guide,
  loadProgress: readProgress,
  saveProgress: writeProgress,
  loadOpen: readGuideOpen,
  saveOpen: writeGuideOpen,
  send: guideServiceSend,
  ask: (tabId, frameId, message) =>
    browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined),
  loadLearned: readLearned,
  saveLearned: writeLearned,
  // Ids only: no "tabs" permission, no URLs. A tab without our content script ignores the message.
  openTabIds: async () => (await browser.tabs.query({})).flatMap((t) => (t.id === undefined ? [] : [t.id])),
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
  // Every secret goes: session storage, then a copied secret still on the clipboard.
  forgetSecrets: () => forgetSecrets([forgetClipboard]),
  onKeysGenerated: () => guideService.keysGenerated(),
  now: () => Date.now(),
  clipboardCopied: noteClipboardCopy,
};

/**
 * Only the extension's own pages (the popup, also when opened in a tab) may ask for keys; content
 * scripts, whose sender URL is the web page's, may not.
 */
function fromExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? "").startsWith(browser.runtime.getURL(""));
}

/**
 * A frame of an Administration Console page: our own content script (same extension id), in a tab,
 * on a console host (`src/lib/console-hosts.ts`, the manifest's content-script globs). Anything else
 * (another Mimecast site, a look-alike page) is ignored, even if a script there could send.
 */
function fromConsoleFrame(sender: Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    sender.tab?.id !== undefined &&
    sender.frameId !== undefined &&
    isConsoleUrl(sender.url)
  );
}

function frameOf(sender: Runtime.MessageSender) {
  return {
    tabId: sender.tab?.id ?? -1,
    frameId: sender.frameId ?? 0,
    // Without the "tabs" permission a tab's URL is not visible; the frame's own URL is (subframes of
    // a legacy console page are on the same console host).
    tabUrl: sender.tab?.url ?? sender.url ?? "",
  };
}

/**
 * Keeps the worker alive while a popup request runs (several Mimecast calls can outlast the
 * worker's idle timeout): any extension API call resets it (Chrome 110+).
 */
async function keepingAlive<T>(work: Promise<T>): Promise<T> {
  const timer = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), 20_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

async function acceptCapture(values: Record<string, string | undefined>, sender: Runtime.MessageSender) {
  const fields = Object.keys(values).filter((k) => values[k] !== undefined);
  // Only the panel (top frame) captures, and only where this worker's own page detection says the
  // frame shows new credentials: a page cannot fake a capture by sending the message.
  const source = sender.frameId === 0 ? guideService.captureSource(frameOf(sender), fields) : undefined;
  if (!source) {
    // Perhaps this worker has just restarted and not heard the page yet: ask it to report, so the
    // user's next click can succeed.
    if (sender.tab?.id !== undefined) await guideServiceSend(sender.tab.id, { type: "bg/rehello" });
    return { ok: false };
  }
  const captured = capturedSchema.safeParse({ ...values, capturedAt: Date.now(), source });
  if (!captured.success) return { ok: false };
  await writeCaptured(captured.data);
  return { ok: true };
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  const popupRequest = requestSchema.safeParse(message);
  if (popupRequest.success) {
    if (!fromExtensionPage(sender)) return undefined;
    return keepingAlive(dispatch(popupRequest.data, deps));
  }
  if (!fromConsoleFrame(sender)) return undefined;
  const contentRequest = contentRequestSchema.safeParse(message);
  if (!contentRequest.success) return undefined;
  const request = contentRequest.data;
  // The panel lives in the top frame only: panel messages from a subframe are not the panel's.
  if (request.type.startsWith("panel/") && sender.frameId !== 0) return undefined;
  if (request.type === "frame/pages") return Promise.resolve(pagesForContent(guide));
  if (request.type === "panel/capture") return acceptCapture(request.values, sender);
  if (request.type === "panel/report" || request.type === "panel/fill") {
    return guideService.answer(request, frameOf(sender));
  }
  return guideService.handle(request, frameOf(sender)).then((view) => view ?? null);
});

browser.tabs.onRemoved.addListener((tabId) => guideService.forgetTab(tabId));

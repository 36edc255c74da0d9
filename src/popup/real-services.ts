import {
  forgetCaptured,
  readCaptured,
  readKeys,
  readPrefs,
  readProgress,
  watchSessionSecrets,
  writePrefs,
} from "../lib/storage";
import { ask } from "./background";
import { copySecret } from "./copy";
import type { PopupServices } from "./services";

export const realServices: PopupServices = {
  loadPrefs: () => readPrefs().catch(() => ({})),
  savePrefs: (prefs) => writePrefs(prefs).catch(() => undefined),
  loadKeys: () => readKeys().catch(() => undefined),
  loadProgress: () => readProgress().catch(() => ({})),
  async generateKeys(input) {
    const answer = await ask({ type: "popup/generate-keys", input });
    return answer.ok ? answer.reply : { ok: false, failure: answer.failure };
  },
  async verifyApi1(input) {
    const answer = await ask({ type: "popup/verify-api1", input });
    return answer.ok ? answer.reply : { ok: false, failure: answer.failure };
  },
  async verifyApi2(input) {
    const answer = await ask({ type: "popup/verify-api2", input });
    return answer.ok ? answer.reply : { ok: false, failure: answer.failure };
  },
  loadCaptured: () => readCaptured().catch(() => undefined),
  discardCaptured: () => forgetCaptured().catch(() => undefined),
  watchSecrets: watchSessionSecrets,
  async download(fileName, text, type) {
    try {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return true;
    } catch {
      return false;
    }
  },
  async forgetSecrets() {
    // The service worker forgets: it also holds secrets the popup cannot reach.
    await ask({ type: "popup/forget-keys" });
  },
  copy: (text) =>
    copySecret(text, {
      write: (t) => navigator.clipboard.writeText(t),
      async arrangeClearing(digest) {
        const answer = await ask({ type: "popup/clipboard-copied", digest });
        return answer.ok && answer.reply.ok ? answer.reply.clearAt : undefined;
      },
      now: () => Date.now(),
    }),
  now: () => Date.now(),
};

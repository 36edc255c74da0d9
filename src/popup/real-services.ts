import { readKeys, readPrefs, readProgress, writePrefs } from "../lib/storage";
import { ask } from "./background";
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
  async forgetKeys() {
    await ask({ type: "popup/forget-keys" });
  },
  async copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return false;
    }
  },
  now: () => Date.now(),
};

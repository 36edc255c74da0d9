import type { z } from "zod";
import type { GenerateKeysReply } from "../lib/messages";
import type { failureSchema, GenerateInputMessage, KeySession, Prefs, ProgressMap } from "../lib/schemas";

export type UiFailure = z.infer<typeof failureSchema>;

/** Everything the popup needs from the extension, so its states can be tested without a browser. */
export interface PopupServices {
  readonly loadPrefs: () => Promise<Prefs>;
  readonly savePrefs: (prefs: Prefs) => Promise<void>;
  readonly loadKeys: () => Promise<KeySession | undefined>;
  readonly loadProgress: () => Promise<ProgressMap>;
  readonly generateKeys: (input: GenerateInputMessage) => Promise<GenerateKeysReply>;
  readonly forgetKeys: () => Promise<void>;
  readonly copy: (text: string) => Promise<boolean>;
  readonly now: () => number;
}

import type { z } from "zod";
import type { GenerateKeysReply, VerifyApi1Reply, VerifyApi2Reply } from "../lib/messages";
import type {
  Captured,
  failureSchema,
  GenerateInputMessage,
  KeySession,
  Prefs,
  ProgressMap,
  VerifyApi1InputMessage,
  VerifyApi2InputMessage,
} from "../lib/schemas";
import type { CopyOutcome } from "./copy";

export type UiFailure = z.infer<typeof failureSchema>;

/** Everything the popup needs from the extension, so its states can be tested without a browser. */
export interface PopupServices {
  readonly loadPrefs: () => Promise<Prefs>;
  readonly savePrefs: (prefs: Prefs) => Promise<void>;
  readonly loadKeys: () => Promise<KeySession | undefined>;
  readonly loadProgress: () => Promise<ProgressMap>;
  readonly generateKeys: (input: GenerateInputMessage) => Promise<GenerateKeysReply>;
  /** "Forget": every secret the extension holds (keys, values from the console, and so on). */
  readonly forgetSecrets: () => Promise<void>;
  readonly verifyApi1: (input: VerifyApi1InputMessage) => Promise<VerifyApi1Reply>;
  readonly verifyApi2: (input: VerifyApi2InputMessage) => Promise<VerifyApi2Reply>;
  /** Values sent from the console with "Use in the assistant". */
  readonly loadCaptured: () => Promise<Captured | undefined>;
  /** "Discard": forgets the values sent from the console, nothing else. */
  readonly discardCaptured: () => Promise<void>;
  /** Calls back when stored secrets change (expired, forgotten elsewhere, newly captured). */
  readonly watchSecrets: (onChange: () => void) => () => void;
  /** Copies a secret and arranges for the worker to clear it (./copy.ts). */
  readonly copy: (text: string) => Promise<CopyOutcome>;
  readonly download: (fileName: string, text: string, type: string) => Promise<boolean>;
  readonly now: () => number;
}

import { sha256Hex } from "../lib/digest";
import { t } from "../lib/i18n";

/** What a copy button achieved: only `clearsInSeconds` allows the UI to promise clearing. */
export type CopyOutcome =
  | { readonly copied: false }
  | { readonly copied: true; readonly clearsInSeconds: number | undefined };

export interface CopyDeps {
  /** Writes the clipboard (navigator.clipboard.writeText, within the click's user gesture). */
  readonly write: (text: string) => Promise<void>;
  /** Asks the worker to clear it later (digest only); resolves to when, or undefined if it will not. */
  readonly arrangeClearing: (digest: string) => Promise<number | undefined>;
  readonly now: () => number;
  readonly digest?: (text: string) => Promise<string>;
}

/**
 * The one way the popup copies a secret: the popup writes the clipboard itself (it has the user's
 * click), then hands the worker the digest so the worker clears it even after the popup has closed.
 */
export async function copySecret(text: string, deps: CopyDeps): Promise<CopyOutcome> {
  try {
    await deps.write(text);
  } catch {
    return { copied: false };
  }
  try {
    const clearAt = await deps.arrangeClearing(await (deps.digest ?? sha256Hex)(text));
    if (clearAt === undefined) return { copied: true, clearsInSeconds: undefined };
    return { copied: true, clearsInSeconds: Math.max(1, Math.round((clearAt - deps.now()) / 1000)) };
  } catch {
    return { copied: true, clearsInSeconds: undefined };
  }
}

/** How to copy by hand (a function: the words are looked up when used). */
export const copyByHand = (): string => t("copyByHand");

/**
 * The status line after a copy. `copied` names what was copied ("Secret key copied."); `failed`
 * says what to do instead. Clearing is promised only when the worker has scheduled it.
 */
export function copyStatus(outcome: CopyOutcome, texts: { copied: string; failed: string }): string {
  if (!outcome.copied) return texts.failed;
  if (outcome.clearsInSeconds === undefined) {
    return t("copiedNoClear", texts.copied);
  }
  return t("copiedClears", texts.copied, outcome.clearsInSeconds);
}

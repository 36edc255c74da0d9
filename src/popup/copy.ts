import { sha256Hex } from "../lib/digest";

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

export const COPY_BY_HAND = "press Ctrl+C (⌘C on a Mac)";

/**
 * The status line after a copy. `copied` names what was copied ("Secret key copied."); `failed`
 * says what to do instead. Clearing is promised only when the worker has scheduled it.
 */
export function copyStatus(outcome: CopyOutcome, texts: { copied: string; failed: string }): string {
  if (!outcome.copied) return texts.failed;
  if (outcome.clearsInSeconds === undefined) {
    return `${texts.copied} It will not be cleared from the clipboard automatically: copy something else over it when you are done.`;
  }
  return `${texts.copied} Cleared from the clipboard in ${outcome.clearsInSeconds} s unless you copy something else.`;
}

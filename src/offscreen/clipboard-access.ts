import { sha256Hex } from "../lib/digest";

/**
 * Reading and clearing the system clipboard from a document that has no focus and no user gesture:
 * Chrome's offscreen document, Firefox's event page. navigator.clipboard needs a focused document,
 * so this uses execCommand("paste"/"copy"), which the clipboardRead/clipboardWrite permissions allow.
 * The text read never leaves this module: only whether its digest matches.
 */
export interface ClipboardAccess {
  /** The clipboard's text ("" when it holds none), or undefined when the browser refused to read it. */
  read(): string | undefined;
  /** Empties the clipboard; false when the browser refused. */
  clear(): boolean;
}

/** What happened to the clipboard. Only "cleared" means it was touched. */
export type ClearOutcome = "cleared" | "changed" | "unreadable" | "clear-failed";
export const CLEAR_OUTCOMES = ["cleared", "changed", "unreadable", "clear-failed"] as const;

/**
 * Clears the clipboard only if it still holds the text whose digest is `digest`: whatever the user
 * copied since (text, an image, nothing) is left alone, and so is a clipboard that cannot be read.
 */
export async function clearIfHolds(
  access: ClipboardAccess,
  digest: string,
  hash: (text: string) => Promise<string> = sha256Hex,
): Promise<ClearOutcome> {
  let text: string | undefined;
  try {
    text = access.read();
  } catch {
    text = undefined;
  }
  if (text === undefined) return "unreadable";
  // Non-text content reads as "": never ours, since an empty copy is never tracked.
  if (text === "" || (await hash(text)) !== digest) return "changed";
  try {
    return access.clear() ? "cleared" : "clear-failed";
  } catch {
    return "clear-failed";
  }
}

/** The clipboard as seen from `doc` (the offscreen document, or Firefox's background page). */
export function documentClipboard(doc: Document): ClipboardAccess {
  return {
    read() {
      const area = doc.createElement("textarea");
      doc.body.append(area);
      try {
        area.focus();
        return doc.execCommand("paste") ? area.value : undefined;
      } finally {
        area.value = "";
        area.remove();
      }
    },
    clear() {
      let written = false;
      const onCopy = (event: ClipboardEvent) => {
        if (!event.clipboardData) return;
        // Replaces everything on the clipboard (all formats) with empty text.
        event.clipboardData.setData("text/plain", "");
        event.preventDefault();
        written = true;
      };
      doc.addEventListener("copy", onCopy);
      try {
        return doc.execCommand("copy") && written;
      } finally {
        doc.removeEventListener("copy", onCopy);
      }
    },
  };
}

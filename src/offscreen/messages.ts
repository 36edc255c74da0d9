import * as z from "zod/mini";
import { sha256HexSchema } from "../lib/digest";
import { CLEAR_OUTCOMES } from "./clipboard-access";

/** Where the build puts the offscreen document (vite.config.ts input), relative to the extension root. */
export const OFFSCREEN_DOCUMENT_PATH = "src/offscreen/offscreen.html";

/**
 * Worker → offscreen document: clear the clipboard if it still holds the text with this digest.
 * `target` keeps other extension pages that may listen (the popup) from mistaking it for theirs.
 */
export const offscreenRequestSchema = z.object({
  target: z.literal("offscreen"),
  type: z.literal("bg/clipboard-clear-if-unchanged"),
  digest: sha256HexSchema,
});
export type OffscreenRequest = z.infer<typeof offscreenRequestSchema>;

export const offscreenReplySchema = z.object({ outcome: z.enum(CLEAR_OUTCOMES) });
export type OffscreenReply = z.infer<typeof offscreenReplySchema>;

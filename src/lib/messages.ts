import * as z from "zod/mini";
import { failureSchema, generateInputSchema, keySessionSchema } from "./schemas";

/**
 * Messages to the service worker. Types are named by direction (`popup/...`) so a handler can
 * refuse senders that should not send them. Every message and every answer is parsed with zod.
 */
export const requestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("popup/generate-keys"), input: generateInputSchema }),
  z.object({ type: z.literal("popup/forget-keys") }),
]);
export type Request = z.infer<typeof requestSchema>;

export const generateKeysReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), session: keySessionSchema }),
  z.object({ ok: z.literal(false), failure: failureSchema }),
]);
export type GenerateKeysReply = z.infer<typeof generateKeysReplySchema>;

export const forgetKeysReplySchema = z.object({ ok: z.literal(true) });

export interface ReplyFor {
  "popup/generate-keys": GenerateKeysReply;
  "popup/forget-keys": z.infer<typeof forgetKeysReplySchema>;
}

export const replySchemas = {
  "popup/generate-keys": generateKeysReplySchema,
  "popup/forget-keys": forgetKeysReplySchema,
} as const;

import * as z from "zod/mini";
import { sha256HexSchema } from "./digest";
import {
  failureSchema,
  generateInputSchema,
  keySessionSchema,
  verifyApi1InputSchema,
  verifyApi1ResultSchema,
  verifyApi2InputSchema,
  verifyApi2ResultSchema,
} from "./schemas";

/**
 * Messages to the service worker. Types are named by direction (`popup/...`) so a handler can
 * refuse senders that should not send them. Every message and every answer is parsed with zod.
 */
export const requestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("popup/generate-keys"), input: generateInputSchema }),
  z.object({ type: z.literal("popup/forget-keys") }),
  z.object({ type: z.literal("popup/verify-api1"), input: verifyApi1InputSchema }),
  z.object({ type: z.literal("popup/verify-api2"), input: verifyApi2InputSchema }),
  // The popup copied a secret: the worker clears it later. Only its SHA-256 digest is sent.
  z.object({ type: z.literal("popup/clipboard-copied"), digest: sha256HexSchema }),
]);
export type Request = z.infer<typeof requestSchema>;

export const generateKeysReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), session: keySessionSchema }),
  z.object({ ok: z.literal(false), failure: failureSchema }),
]);
export type GenerateKeysReply = z.infer<typeof generateKeysReplySchema>;

export const forgetKeysReplySchema = z.object({ ok: z.literal(true) });

export const verifyApi1ReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), result: verifyApi1ResultSchema }),
  z.object({ ok: z.literal(false), failure: failureSchema }),
]);
export type VerifyApi1Reply = z.infer<typeof verifyApi1ReplySchema>;

export const verifyApi2ReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), result: verifyApi2ResultSchema }),
  z.object({ ok: z.literal(false), failure: failureSchema }),
]);
export type VerifyApi2Reply = z.infer<typeof verifyApi2ReplySchema>;

/** `clearAt`: when the worker will clear the clipboard; `ok: false`: it will not. */
export const clipboardCopiedReplySchema = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), clearAt: z.number() }),
  z.object({ ok: z.literal(false) }),
]);
export type ClipboardCopiedReply = z.infer<typeof clipboardCopiedReplySchema>;

export interface ReplyFor {
  "popup/generate-keys": GenerateKeysReply;
  "popup/forget-keys": z.infer<typeof forgetKeysReplySchema>;
  "popup/verify-api1": VerifyApi1Reply;
  "popup/verify-api2": VerifyApi2Reply;
  "popup/clipboard-copied": ClipboardCopiedReply;
}

export const replySchemas = {
  "popup/generate-keys": generateKeysReplySchema,
  "popup/forget-keys": forgetKeysReplySchema,
  "popup/verify-api1": verifyApi1ReplySchema,
  "popup/verify-api2": verifyApi2ReplySchema,
  "popup/clipboard-copied": clipboardCopiedReplySchema,
} as const;

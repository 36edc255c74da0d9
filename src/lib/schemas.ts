import { z } from "zod";

/** zod schemas for what crosses extension boundaries (messages, storage). */

export const formFieldSchema = z.enum(["email", "password", "appId", "authType", "region"]);
export const authTypeSchema = z.enum(["cloud", "domain"]);

export const failureSchema = z.object({
  kind: z.enum([
    "unknown-email",
    "region-not-allowed",
    "bad-credentials",
    "app-id",
    "validation",
    "forbidden",
    "binding-expired",
    "rate-limited",
    "server",
    "not-json",
    "empty",
    "bad-shape",
    "timeout",
    "network",
    "mimecast",
  ]),
  message: z.string(),
  action: z.string(),
  field: formFieldSchema.optional(),
  code: z.string().optional(),
  mimecastMessage: z.string().optional(),
  httpStatus: z.number().optional(),
  retryAt: z.number().optional(),
});

/** What the user typed to generate keys. The password only ever travels in a message. */
export const generateInputSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
  appId: z.string().trim().min(1).max(200),
  authType: authTypeSchema,
  regionId: z.string().min(1).max(20),
});
export type GenerateInputMessage = z.infer<typeof generateInputSchema>;

/** Generated keys, kept in `storage.session` only (memory, cleared when the browser closes). */
export const keySessionSchema = z.object({
  accessKey: z.string().min(1),
  secretKey: z.string().min(1),
  durationMs: z.number().optional(),
  regionId: z.string(),
  email: z.string(),
  appId: z.string(),
  createdAt: z.number(),
});
export type KeySession = z.infer<typeof keySessionSchema>;

/** Non-secret form values remembered in `storage.local` for next time. */
export const prefsSchema = z.object({
  email: z.string().max(320).optional(),
  appId: z.string().max(200).optional(),
  regionId: z.string().max(20).optional(),
  authType: authTypeSchema.optional(),
});
export type Prefs = z.infer<typeof prefsSchema>;

/** Guide progress per Mimecast console host, in `storage.local`. */
export const progressSchema = z.object({
  path: z.enum(["api1", "api2"]),
  done: z.array(z.string()),
  skipped: z.array(z.string()),
  currentId: z.string(),
  notice: z.string().optional(),
  updatedAt: z.number(),
});
export const progressMapSchema = z.record(z.string(), progressSchema);
export type ProgressMap = z.infer<typeof progressMapSchema>;

/** Whether the guide panel is open or shrunk to its launcher. Open after install. */
export const guideUiSchema = z.object({ open: z.boolean() });

import * as z from "zod/mini";

/**
 * zod schemas for what crosses extension boundaries (messages, storage). zod/mini: the popup
 * parses these on opening and must be interactive within 150 ms.
 */

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
  field: z.optional(formFieldSchema),
  code: z.optional(z.string()),
  mimecastMessage: z.optional(z.string()),
  httpStatus: z.optional(z.number()),
  retryAt: z.optional(z.number()),
});

/** What the user typed to generate keys. The password only ever travels in a message. */
export const generateInputSchema = z.object({
  email: z.string().check(z.trim(), z.minLength(3), z.maxLength(320)),
  password: z.string().check(z.minLength(1), z.maxLength(1024)),
  appId: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  authType: authTypeSchema,
  regionId: z.string().check(z.minLength(1), z.maxLength(20)),
});
export type GenerateInputMessage = z.infer<typeof generateInputSchema>;

/** Generated keys, kept in `storage.session` only (memory, cleared when the browser closes). */
export const keySessionSchema = z.object({
  accessKey: z.string().check(z.minLength(1)),
  secretKey: z.string().check(z.minLength(1)),
  durationMs: z.optional(z.number()),
  regionId: z.string(),
  email: z.string(),
  appId: z.string(),
  createdAt: z.number(),
});
export type KeySession = z.infer<typeof keySessionSchema>;

/** Non-secret form values remembered in `storage.local` for next time. */
export const prefsSchema = z.object({
  email: z.optional(z.string().check(z.maxLength(320))),
  appId: z.optional(z.string().check(z.maxLength(200))),
  regionId: z.optional(z.string().check(z.maxLength(20))),
  authType: z.optional(authTypeSchema),
});
export type Prefs = z.infer<typeof prefsSchema>;

/** Guide progress per Mimecast console host, in `storage.local`. */
export const progressSchema = z.object({
  path: z.enum(["api1", "api2"]),
  done: z.array(z.string()),
  skipped: z.array(z.string()),
  currentId: z.string(),
  notice: z.optional(z.string()),
  pathChosen: z.optional(z.boolean()),
  updatedAt: z.number(),
});
export const progressMapSchema = z.record(z.string(), progressSchema);
export type ProgressMap = z.infer<typeof progressMapSchema>;

/** Whether the guide panel is open or shrunk to its launcher. Open after install. */
export const guideUiSchema = z.object({ open: z.boolean() });

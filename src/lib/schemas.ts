import * as z from "zod/mini";

/**
 * zod schemas for what crosses extension boundaries (messages, storage). zod/mini: the popup
 * parses these on opening and must be interactive within 150 ms.
 */

export const formFieldSchema = z.enum([
  "email",
  "password",
  "appId",
  "authType",
  "region",
  "appKey",
  "accessKey",
  "secretKey",
  "clientId",
  "clientSecret",
]);
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
    "too-large",
    "network",
    "siem-permission",
    "wrong-region",
    "api2-bad-client",
    "api2-forbidden",
    "mimecast",
  ]),
  message: z.string(),
  action: z.string(),
  field: z.optional(formFieldSchema),
  code: z.optional(z.string()),
  mimecastMessage: z.optional(z.string()),
  httpStatus: z.optional(z.number()),
  retryAt: z.optional(z.number()),
  suggestedRegion: z.optional(z.string()),
  /** A guide step id (src/guide); the popup shows that step's title. */
  step: z.optional(z.string().check(z.maxLength(60))),
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

/**
 * Generated keys, kept in `storage.session` only (memory, cleared when the browser closes), and
 * only until `createdAt` + SECRET_LIFETIME_MS (src/lib/secret-lifetime.ts).
 */
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

/**
 * Guide progress of one Mimecast console host, in `storage.local`. Checked entry by entry on
 * reading (src/lib/storage.ts), so a malformed host does not cost the others their progress.
 */
export const progressSchema = z.object({
  path: z.enum(["api1", "api2"]),
  done: z.array(z.string()),
  skipped: z.array(z.string()),
  currentId: z.string(),
  notice: z.optional(z.string()),
  pathChosen: z.optional(z.boolean()),
  updatedAt: z.number(),
});
/** Host → progress; stored bare by version 1, under `{ version: 2, hosts }` since (src/lib/storage.ts). */
export const progressMapSchema = z.record(z.string(), progressSchema);
export type ProgressMap = z.infer<typeof progressMapSchema>;

/** Whether the guide panel is open or shrunk to its launcher. Open after install. */
export const guideUiSchema = z.object({ open: z.boolean() });

const secret = z.string().check(z.maxLength(4096));

/** What the popup sends to verify API 1.0 credentials. */
export const verifyApi1InputSchema = z.object({
  appId: z.string().check(z.maxLength(200)),
  appKey: secret,
  accessKey: secret,
  secretKey: secret,
  /** A region id, or "auto" to discover it from `email`. */
  regionId: z.string().check(z.maxLength(20)),
  email: z.optional(z.string().check(z.maxLength(320))),
});
export type VerifyApi1InputMessage = z.infer<typeof verifyApi1InputSchema>;

export const verifyApi1ResultSchema = z.object({
  regionId: z.string(),
  accountName: z.string(),
  accountCode: z.string(),
  siem: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("logs"), fileName: z.string(), size: z.optional(z.number()) }),
    z.object({ kind: z.literal("caught-up") }),
  ]),
});
export type VerifyApi1Result = z.infer<typeof verifyApi1ResultSchema>;

export const verifyApi2InputSchema = z.object({
  hostId: z.string().check(z.maxLength(20)),
  clientId: secret,
  clientSecret: secret,
});
export type VerifyApi2InputMessage = z.infer<typeof verifyApi2InputSchema>;

export const verifyApi2ResultSchema = z.object({
  host: z.string(),
  /** Which SIEM endpoint answered: Cloud Gateway (`cg`) or Cloud Integrated (`ci`). */
  product: z.enum(["Cloud Gateway", "Cloud Integrated"]),
  files: z.number(),
  caughtUp: z.boolean(),
});
export type VerifyApi2Result = z.infer<typeof verifyApi2ResultSchema>;

/**
 * Where captured values came from, as the service worker's own page detection saw it (never what
 * the page claims): shown in the popup before the values are used.
 */
export const captureSourceSchema = z.object({
  /** The console host, e.g. login-eu.mimecast.com (a port allowed): host-name characters only. */
  host: z.string().check(z.minLength(1), z.maxLength(253), z.regex(/^[a-z0-9.-]+(:\d{1,5})?$/i)),
  /** A human page name, e.g. "API application details". */
  page: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type CaptureSource = z.infer<typeof captureSourceSchema>;

/**
 * Values the user chose to send from the console ("Use in the assistant"), kept in
 * `storage.session` only, until `capturedAt` + SECRET_LIFETIME_MS (src/lib/secret-lifetime.ts).
 */
export const capturedSchema = z.object({
  appId: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  appKey: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  clientId: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  clientSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  capturedAt: z.number(),
  source: captureSourceSchema,
});
export type Captured = z.infer<typeof capturedSchema>;

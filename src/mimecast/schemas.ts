import { z } from "zod";
import { cleanServerText } from "./failures";

/**
 * Text Mimecast (or whatever answered in its place) wrote, cleaned and capped as it is parsed, so
 * every failure and result built from it is safe to show (see cleanServerText).
 */
export const serverTextSchema = z.string().transform((s) => cleanServerText(s));

/**
 * Mimecast API 1.0 envelope: `{"meta":{"status":N},"data":[...],"fail":[{"errors":[...]}]}`.
 * Every object is loose (extra fields pass through) because Mimecast adds fields without notice;
 * only what we read is checked.
 */
export const apiErrorSchema = z.looseObject({
  code: serverTextSchema.optional(),
  message: serverTextSchema.optional(),
  retryable: z.boolean().optional(),
  field: serverTextSchema.optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export const failSchema = z.looseObject({
  errors: z.array(apiErrorSchema).optional(),
  key: z.unknown().optional(),
});

export const envelopeSchema = z
  .looseObject({
    meta: z.looseObject({ status: z.number().optional() }).optional(),
    data: z.array(z.unknown()).optional(),
    fail: z.array(failSchema).optional(),
  })
  // Any JSON object would pass the optional fields above: a proxy's `{"error":"blocked"}` must not
  // be read as "Mimecast found nothing".
  .refine((e) => e.meta !== undefined || e.data !== undefined || e.fail !== undefined, {
    message: "not a Mimecast envelope",
  });
export type Envelope = z.infer<typeof envelopeSchema>;

export const discoverDataSchema = z.looseObject({
  emailAddress: z.string().optional(),
  authenticate: z.array(z.string()).optional(),
  region: z
    .looseObject({
      api: z.string(),
      code: z.string().optional(),
      name: z.string().optional(),
    })
    .optional(),
});
export type DiscoverData = z.infer<typeof discoverDataSchema>;

export const loginDataSchema = z.looseObject({
  // Trimmed before the length check: whitespace-only keys are a malformed answer, not keys.
  accessKey: z.string().trim().min(1),
  secretKey: z.string().trim().min(1),
  duration: z.number().nonnegative().optional(),
  bindingType: z.string().optional(),
  extendOnValidate: z.boolean().optional(),
});
export type LoginData = z.infer<typeof loginDataSchema>;

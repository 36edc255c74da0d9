import * as z from "zod/mini";
import { SIGNATURE_LIMITS } from "./learned";
import { CAPTURE_FIELDS, type Guide, TARGET_ROLES } from "./types";

/**
 * zod/mini schemas for the guide data, used by the service worker and the popup (mini keeps their
 * bundles small). The content script does not load zod at all: it checks the views it receives
 * with the hand-written guards in `src/content/view-guard.ts`, which a unit test holds to these.
 */

const label = z.string().check(z.minLength(1));
const oneOrMore = <T extends z.ZodMiniType>(item: T) => z.union([item, z.array(item).check(z.minLength(1))]);
const sourceIds = z.array(z.string().check(z.regex(/^[a-z0-9-]+$/))).check(z.minLength(1));

export const targetSchema = z.object({
  role: oneOrMore(z.enum(TARGET_ROLES)),
  name: z.array(label).check(z.minLength(1)),
  within: z.optional(oneOrMore(label)),
  near: z.optional(oneOrMore(label)),
  css: z.optional(z.string()),
  describe: z.string().check(z.minLength(1)),
});

export const pageSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: z.string().check(z.minLength(1)),
  urlHints: z.array(z.string()),
  headings: z.array(z.string()),
  breadcrumbs: z.array(z.string()),
  tabs: z.array(z.string()),
  controls: z.array(z.string()),
  absent: z.optional(z.array(z.string())),
  api1Off: z.optional(z.object({ present: z.array(label).check(z.minLength(1)), absent: z.array(label) })),
  capture: z.optional(z.partialRecord(z.enum(CAPTURE_FIELDS), z.array(label).check(z.minLength(1)))),
  sources: sourceIds,
});

export const completionSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("checked"),
    targets: z.array(targetSchema).check(z.minLength(1)),
    save: z.optional(targetSchema),
  }),
  z.object({ kind: z.literal("selected"), target: targetSchema, value: z.string().check(z.minLength(1)) }),
  z.object({ kind: z.literal("clicked"), target: targetSchema }),
  z.object({ kind: z.literal("appears"), text: z.array(z.string()).check(z.minLength(1)) }),
  z.object({ kind: z.literal("keys-generated") }),
  z.object({ kind: z.literal("manual") }),
]);

export const pathSchema = z.enum(["api1", "api2"]);

const upTo = (max: number) => z.string().check(z.maxLength(max));

/** A control the user showed the guide (src/guide/learned.ts): a few words, never page data. */
export const signatureSchema = z
  .object({
    role: z.enum(TARGET_ROLES),
    name: upTo(SIGNATURE_LIMITS.name),
    text: upTo(SIGNATURE_LIMITS.text),
    anchor: upTo(SIGNATURE_LIMITS.anchor),
    path: z.array(upTo(SIGNATURE_LIMITS.pathItem)).check(z.maxLength(SIGNATURE_LIMITS.path)),
  })
  .check(z.refine((s) => s.name.trim() !== "" || s.text.trim() !== "", "a control without a name"));

export const stepSchema = z.object({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  paths: z.array(pathSchema).check(z.minLength(1)),
  title: z.string().check(z.minLength(1), z.maxLength(80)),
  why: z.string().check(z.minLength(1), z.maxLength(200)),
  instructions: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  menuPath: z.object({
    classic: z.array(z.string()).check(z.minLength(1)),
    current: z.array(z.string()).check(z.minLength(1)),
  }),
  page: z.string().check(z.minLength(1)),
  alsoOn: z.optional(z.array(label)),
  targets: z.array(targetSchema),
  completion: completionSchema,
  suggest: z.optional(
    z.array(z.object({ field: targetSchema, value: z.string().check(z.minLength(1), z.maxLength(120)) })),
  ),
  sources: sourceIds,
});

/** The guide as a whole: schema plus cross-references (every step's page exists, ids unique). */
export const guideSchema = z
  .object({
    version: z.number().check(z.int(), z.positive()),
    pages: z.array(pageSchema),
    steps: z.array(stepSchema).check(z.minLength(1)),
  })
  .check(
    z.refine((g) => new Set(g.steps.map((s) => s.id)).size === g.steps.length, "duplicate step id"),
    z.refine((g) => new Set(g.pages.map((p) => p.id)).size === g.pages.length, "duplicate page id"),
    z.refine((g) => {
      const ids = new Set(g.pages.map((p) => p.id));
      return g.steps.every(
        (s) => (s.page === "popup" || ids.has(s.page)) && (s.alsoOn ?? []).every((p) => ids.has(p)),
      );
    }, "a step names a page that does not exist"),
  );

export function validateGuide(guide: unknown): Guide {
  return guideSchema.parse(guide);
}

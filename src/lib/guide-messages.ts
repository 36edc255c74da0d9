import * as z from "zod/mini";
import { pathSchema, stepSchema } from "../guide/schema";

/**
 * Messages between content scripts (every frame) and the service worker about the guide.
 * The service worker parses what frames send with these zod/mini schemas; the content script checks
 * what the worker sends with the equivalent hand-written guards of `src/content/view-guard.ts`.
 */

export const detectionSchema = z.nullable(z.object({ pageId: z.string(), score: z.number() }));

export const framePageSchema = z.object({
  url: z.string().check(z.maxLength(4096)),
  detection: detectionSchema,
  /** On the integrations page: the API 2.0 tile is there and nothing of API 1.0 is. */
  api1Missing: z.boolean(),
});

export const contentRequestSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("frame/hello"), page: framePageSchema }),
  /** `again`: the same document re-announced (the worker restarted, or a back/forward-cache restore). */
  z.object({ type: z.literal("frame/page"), page: framePageSchema, again: z.optional(z.boolean()) }),
  z.object({ type: z.literal("frame/target"), stepId: z.string(), found: z.boolean() }),
  z.object({ type: z.literal("frame/completed"), stepId: z.string() }),
  /** The frame's document is going away (navigation, iframe removed). */
  z.object({ type: z.literal("frame/gone") }),
  z.object({
    type: z.literal("panel/action"),
    action: z.enum(["next", "back", "done", "skip", "start-over", "open", "close", "dismiss-notice"]),
  }),
  z.object({ type: z.literal("panel/path"), path: pathSchema }),
  /** Sent only when the user clicks "Use in the assistant" on a page that shows new credentials. */
  z.object({
    type: z.literal("panel/capture"),
    values: z.object({
      appId: z.optional(z.string()),
      appKey: z.optional(z.string()),
      clientId: z.optional(z.string()),
      clientSecret: z.optional(z.string()),
    }),
  }),
]);
export type ContentRequest = z.infer<typeof contentRequestSchema>;

export const guideViewSchema = z.object({
  open: z.boolean(),
  path: pathSchema,
  index: z.number(),
  total: z.number(),
  doneCount: z.number(),
  finished: z.boolean(),
  step: stepSchema,
  stepDone: z.boolean(),
  pageId: z.nullable(z.string()),
  targetFound: z.boolean(),
  notice: z.optional(z.string()),
  version: z.string(),
});
export type GuideView = z.infer<typeof guideViewSchema>;

export const stateMessageSchema = z.object({
  type: z.literal("bg/state"),
  view: z.nullable(guideViewSchema),
});
export type StateMessage = z.infer<typeof stateMessageSchema>;

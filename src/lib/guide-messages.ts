import * as z from "zod/mini";
import { pathSchema, signatureSchema, stepSchema, targetSchema } from "../guide/schema";

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

export const PANEL_ACTIONS = [
  "next",
  "back",
  "done",
  "skip",
  "start-over",
  "open",
  "close",
  "dismiss-notice",
  /** "Show me where it is": pick mode on, in every frame of the tab. */
  "pick",
  "pick-cancel",
  /** "Use this": keep the picked control for this console and step, and let the console have the click. */
  "pick-confirm",
  /** "Forget what I showed". */
  "forget-learned",
  /** The learned control is not on its page any more (the panel waited as for any missing control). */
  "learned-lost",
] as const;
export type PanelAction = (typeof PANEL_ACTIONS)[number];

const outlineText = z.array(z.string().check(z.maxLength(60))).check(z.maxLength(40));
/** The page outline the content script builds for a report: structure only (already filtered there). */
export const outlineSchema = z.object({
  route: z.string().check(z.maxLength(300)),
  headings: outlineText,
  tabs: outlineText,
  buttons: outlineText,
  labels: outlineText,
});
export type PageOutline = z.infer<typeof outlineSchema>;

export const contentRequestSchema = z.discriminatedUnion("type", [
  /** The pages to recognise (a frame asks once, when it starts): the answer is `pagesForContent`. */
  z.object({ type: z.literal("frame/pages") }),
  z.object({ type: z.literal("frame/hello"), page: framePageSchema }),
  /** `again`: the same document re-announced (the worker restarted, or a back/forward-cache restore). */
  z.object({ type: z.literal("frame/page"), page: framePageSchema, again: z.optional(z.boolean()) }),
  /** `learned`: found through what the user showed the guide on this console, not the guide's own data. */
  z.object({
    type: z.literal("frame/target"),
    stepId: z.string(),
    found: z.boolean(),
    learned: z.optional(z.boolean()),
  }),
  /**
   * Pick mode ("Show me where it is"): the control the user clicked, from whichever frame holds it;
   * `unique`: the locator finds exactly it again from its signature. Null: the user pressed Escape.
   */
  z.object({
    type: z.literal("frame/pick"),
    /** The picking frame's own token for this pick: "Use this" replays the click in that frame only. */
    id: z.string().check(z.regex(/^[a-z0-9]{1,16}$/)),
    /** Null: the control has no name or text to be found by. */
    signature: z.nullable(signatureSchema),
    unique: z.boolean(),
  }),
  /** Escape in pick mode, in whichever frame has the focus. */
  z.object({ type: z.literal("frame/pick-cancel") }),
  z.object({ type: z.literal("frame/completed"), stepId: z.string() }),
  /** The frame's document is going away (navigation, iframe removed). */
  z.object({ type: z.literal("frame/gone") }),
  z.object({
    type: z.literal("panel/action"),
    action: z.enum(PANEL_ACTIONS),
  }),
  /** "Copy report for the maintainers": the page's outline (src/content/outline.ts); the reply is the report. */
  z.object({ type: z.literal("panel/report"), outline: outlineSchema }),
  /** "Fill suggested values": the worker asks the frames showing the step's page to fill; the reply lists what was filled. */
  z.object({ type: z.literal("panel/fill") }),
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

/** A step as the panel needs it: without the paths it belongs to and its sources (documentation). */
export const viewStepSchema = z.omit(stepSchema, { paths: true, sources: true });
export type ViewStep = z.infer<typeof viewStepSchema>;

export const guideViewSchema = z.object({
  open: z.boolean(),
  path: pathSchema,
  index: z.number(),
  total: z.number(),
  doneCount: z.number(),
  finished: z.boolean(),
  step: viewStepSchema,
  stepDone: z.boolean(),
  pageId: z.nullable(z.string()),
  targetFound: z.boolean(),
  /** The spotlight comes from a control the user showed the guide on this console. */
  learnedUsed: z.boolean(),
  /** What the user showed the guide for this step on this page, as the locator searches it. */
  learned: z.optional(targetSchema),
  /** Pick mode is on in this tab. */
  picking: z.boolean(),
  /** The control picked so far: how the guide understood it, and whether it can find it again. */
  picked: z.optional(z.object({ id: z.string(), summary: z.string(), ok: z.boolean() })),
  notice: z.optional(z.string()),
  version: z.string(),
});
export type GuideView = z.infer<typeof guideViewSchema>;

export const stateMessageSchema = z.object({
  type: z.literal("bg/state"),
  view: z.nullable(guideViewSchema),
});
export type StateMessage = z.infer<typeof stateMessageSchema>;

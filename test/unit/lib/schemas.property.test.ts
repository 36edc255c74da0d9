import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

// storage.ts imports the polyfill, which refuses to load outside an extension; decodeProgress needs none of it.
vi.mock("webextension-polyfill", () => ({ default: {} }));

import { viewStep } from "../../../src/background/guide-service";
import { GUIDE } from "../../../src/guide";
import { contentRequestSchema, guideViewSchema, stateMessageSchema } from "../../../src/lib/guide-messages";
import { replySchemas, requestSchema } from "../../../src/lib/messages";
import {
  capturedSchema,
  failureSchema,
  formFieldSchema,
  generateInputSchema,
  guideUiSchema,
  keySessionSchema,
  prefsSchema,
  progressMapSchema,
  progressSchema,
  verifyApi1InputSchema,
  verifyApi1ResultSchema,
  verifyApi2InputSchema,
  verifyApi2ResultSchema,
} from "../../../src/lib/schemas";
import { decodeProgress, MAX_PROGRESS_HOSTS } from "../../../src/lib/storage";
import { cleanServerText } from "../../../src/mimecast/failures";
import {
  apiErrorSchema,
  discoverDataSchema,
  envelopeSchema,
  failSchema,
  loginDataSchema,
} from "../../../src/mimecast/schemas";

/** What zod/mini and zod schemas share: enough to call them the same way. */
interface AnySchema {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false };
}

const SCHEMAS: Record<string, AnySchema> = {
  failureSchema,
  generateInputSchema,
  keySessionSchema,
  prefsSchema,
  progressSchema,
  progressMapSchema,
  guideUiSchema,
  verifyApi1InputSchema,
  verifyApi1ResultSchema,
  verifyApi2InputSchema,
  verifyApi2ResultSchema,
  capturedSchema,
  requestSchema,
  ...Object.fromEntries(Object.entries(replySchemas).map(([k, s]) => [`reply ${k}`, s])),
  contentRequestSchema,
  guideViewSchema,
  stateMessageSchema,
  envelopeSchema,
  apiErrorSchema,
  failSchema,
  discoverDataSchema,
  loginDataSchema,
};

const RUNS = 150;

const str = (max = 40) => fc.string({ maxLength: max, unit: "binary" });
const trimmed = (min: number, max: number) =>
  fc
    .string({ minLength: min, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length >= min);
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const stepIds = GUIDE.steps.map((s) => s.id);
const stepId = fc.constantFrom(...stepIds);

const progress = fc.record(
  {
    path: fc.constantFrom("api1" as const, "api2" as const),
    done: fc.uniqueArray(stepId),
    skipped: fc.uniqueArray(stepId),
    currentId: stepId,
    notice: str(),
    pathChosen: fc.boolean(),
    updatedAt: time,
  },
  { requiredKeys: ["path", "done", "skipped", "currentId", "updatedAt"] },
);

const failure = fc.record(
  {
    kind: fc.constantFrom(...failureSchema.shape.kind.options),
    message: str(),
    action: str(),
    field: fc.constantFrom(...formFieldSchema.options),
    code: str(),
    mimecastMessage: str(),
    httpStatus: fc.integer({ min: 100, max: 599 }),
    retryAt: time,
    suggestedRegion: str(10),
    step: str(60),
  },
  { requiredKeys: ["kind", "message", "action"] },
);

const keySession = fc.record(
  {
    accessKey: str().filter((s) => s.length > 0),
    secretKey: str().filter((s) => s.length > 0),
    durationMs: fc.nat(),
    regionId: str(20),
    email: str(),
    appId: str(),
    createdAt: time,
  },
  { requiredKeys: ["accessKey", "secretKey", "regionId", "email", "appId", "createdAt"] },
);

const generateInput = fc.record({
  email: trimmed(3, 320),
  password: fc.string({ minLength: 1, maxLength: 60 }),
  appId: trimmed(1, 200),
  authType: fc.constantFrom("cloud" as const, "domain" as const),
  regionId: fc.string({ minLength: 1, maxLength: 20 }),
});

const secret = fc.string({ maxLength: 200 });
const verifyApi1Input = fc.record(
  {
    appId: fc.string({ maxLength: 200 }),
    appKey: secret,
    accessKey: secret,
    secretKey: secret,
    regionId: fc.string({ maxLength: 20 }),
    email: fc.string({ maxLength: 320 }),
  },
  { requiredKeys: ["appId", "appKey", "accessKey", "secretKey", "regionId"] },
);
const verifyApi2Input = fc.record({
  hostId: fc.string({ maxLength: 20 }),
  clientId: secret,
  clientSecret: secret,
});

const framePage = fc.record({
  url: fc.webUrl(),
  detection: fc.option(
    fc.record({ pageId: str(), score: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
  ),
  api1Missing: fc.boolean(),
});

const contentRequest = fc.oneof(
  fc.record({ type: fc.constantFrom("frame/hello" as const, "frame/page" as const), page: framePage }),
  fc.record({ type: fc.constant("frame/target" as const), stepId: str(), found: fc.boolean() }),
  fc.record({ type: fc.constant("frame/completed" as const), stepId: str() }),
  fc.record({ type: fc.constant("frame/gone" as const) }),
  fc.record({
    type: fc.constant("panel/action" as const),
    action: fc.constantFrom("next", "back", "done", "skip", "start-over", "open", "close", "dismiss-notice"),
  }),
  fc.record({ type: fc.constant("panel/path" as const), path: fc.constantFrom("api1", "api2") }),
  fc.record({
    type: fc.constant("panel/capture" as const),
    values: fc.record(
      { appId: str(), appKey: str(), clientId: str(), clientSecret: str() },
      { requiredKeys: [] },
    ),
  }),
);

const guideView = fc.record(
  {
    open: fc.boolean(),
    path: fc.constantFrom("api1" as const, "api2" as const),
    index: fc.nat(20),
    total: fc.nat(20),
    doneCount: fc.nat(20),
    finished: fc.boolean(),
    // Steps as the service worker sends them: JSON copies of the real guide's steps.
    step: fc.constantFrom(...GUIDE.steps).map((s) => JSON.parse(JSON.stringify(viewStep(s))) as unknown),
    stepDone: fc.boolean(),
    pageId: fc.option(str()),
    targetFound: fc.boolean(),
    learnedUsed: fc.boolean(),
    learned: fc
      .constantFrom(...GUIDE.steps.flatMap((s) => s.targets))
      .map((t) => JSON.parse(JSON.stringify(t)) as unknown),
    picking: fc.boolean(),
    picked: fc.record({ id: str(16), summary: str(), ok: fc.boolean() }),
    notice: str(),
    version: str(10),
  },
  {
    requiredKeys: [
      "open",
      "path",
      "index",
      "total",
      "doneCount",
      "finished",
      "step",
      "stepDone",
      "pageId",
      "targetFound",
      "learnedUsed",
      "picking",
      "version",
    ],
  },
);

/** Server text as the schemas keep it: already clean (they clean on parse, see cleanServerText). */
const serverText = () => str().filter((t) => cleanServerText(t) === t);
const apiError = fc.record(
  { code: serverText(), message: serverText(), retryable: fc.boolean(), field: serverText() },
  { requiredKeys: [] },
);
const envelope = fc
  .record(
    {
      meta: fc.record({ status: fc.integer({ min: 100, max: 599 }) }, { requiredKeys: [] }),
      data: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
      fail: fc.array(fc.record({ errors: fc.array(apiError, { maxLength: 3 }) }, { requiredKeys: [] }), {
        maxLength: 2,
      }),
    },
    { requiredKeys: [] },
  )
  .filter((e) => "meta" in e || "data" in e || "fail" in e);
const loginData = fc.record(
  {
    accessKey: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0),
    secretKey: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s.length > 0),
    duration: fc.nat(),
    bindingType: str(),
    extendOnValidate: fc.boolean(),
  },
  { requiredKeys: ["accessKey", "secretKey"] },
);
const discoverData = fc.record(
  {
    emailAddress: str(),
    authenticate: fc.array(str(10), { maxLength: 3 }),
    region: fc.record({ api: fc.webUrl(), code: str(5), name: str(20) }, { requiredKeys: ["api"] }),
  },
  { requiredKeys: [] },
);

/** Valid values of each schema, generated independently of the schema itself. */
const VALID: Record<string, fc.Arbitrary<unknown>> = {
  progressSchema: progress,
  progressMapSchema: fc.dictionary(fc.domain(), progress, { maxKeys: 4 }),
  failureSchema: failure,
  keySessionSchema: keySession,
  generateInputSchema: generateInput,
  prefsSchema: fc.record(
    {
      email: fc.string({ maxLength: 320 }),
      appId: fc.string({ maxLength: 200 }),
      regionId: fc.string({ maxLength: 20 }),
      authType: fc.constantFrom("cloud", "domain"),
    },
    { requiredKeys: [] },
  ),
  guideUiSchema: fc.record({ open: fc.boolean() }),
  verifyApi1InputSchema: verifyApi1Input,
  verifyApi2InputSchema: verifyApi2Input,
  capturedSchema: fc.record(
    {
      appId: fc.string({ minLength: 1, maxLength: 200 }),
      appKey: fc.string({ minLength: 1, maxLength: 200 }),
      clientId: fc.string({ minLength: 1, maxLength: 200 }),
      clientSecret: fc.string({ minLength: 1, maxLength: 200 }),
      capturedAt: time,
      source: fc.record({
        host: fc.domain().filter((d) => d.length <= 253),
        page: fc.string({ minLength: 1, maxLength: 100 }),
      }),
    },
    { requiredKeys: ["capturedAt", "source"] },
  ),
  requestSchema: fc.oneof(
    fc.record({ type: fc.constant("popup/generate-keys"), input: generateInput }),
    fc.record({ type: fc.constant("popup/forget-keys") }),
    fc.record({ type: fc.constant("popup/verify-api1"), input: verifyApi1Input }),
    fc.record({ type: fc.constant("popup/verify-api2"), input: verifyApi2Input }),
  ),
  "reply popup/generate-keys": fc.oneof(
    fc.record({ ok: fc.constant(true), session: keySession }),
    fc.record({ ok: fc.constant(false), failure }),
  ),
  contentRequestSchema: contentRequest,
  guideViewSchema: guideView,
  stateMessageSchema: fc.record({ type: fc.constant("bg/state"), view: fc.option(guideView) }),
  envelopeSchema: envelope,
  apiErrorSchema: apiError,
  loginDataSchema: loginData,
  discoverDataSchema: discoverData,
};

/** What a value looks like after crossing a message or storage boundary. */
const viaJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** A valid value with one member somewhere replaced by arbitrary JSON (or removed). */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
    .map(([v, pick, junk]) => {
      const copy = viaJson(v);
      const holders: Record<string, unknown>[] = [];
      const walk = (x: unknown) => {
        if (typeof x !== "object" || x === null) return;
        holders.push(x as Record<string, unknown>);
        for (const child of Object.values(x)) walk(child);
      };
      walk(copy);
      const holder = holders[pick % holders.length];
      if (!holder) return junk;
      const keys = Object.keys(holder);
      const key = keys[pick % Math.max(keys.length, 1)] ?? "extra";
      if (junk === undefined) delete holder[key];
      else holder[key] = junk;
      return copy;
    });
}

const hostile = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withObjectString: true,
    withNullPrototype: true,
    withMap: true,
    withSet: true,
    withDate: true,
  }),
  fc.constantFrom<unknown>(undefined, Number.NaN, Number.POSITIVE_INFINITY, -0, Symbol("s"), () => 1, 10n),
);

describe("every boundary schema", () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    const near = VALID[name];
    const inputs = near ? fc.oneof(hostile, mutated(near)) : hostile;
    it(`${name}: safeParse never throws, and what it accepts it accepts again unchanged`, () => {
      fc.assert(
        fc.property(inputs, (input) => {
          const first = schema.safeParse(input);
          if (!first.success) return;
          const again = schema.safeParse(first.data);
          expect(again.success).toBe(true);
          if (again.success) expect(again.data).toEqual(first.data);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe("valid values round-trip", () => {
  for (const [name, arb] of Object.entries(VALID)) {
    const schema = SCHEMAS[name];
    if (!schema) throw new Error(`no schema ${name}`);
    it(`${name}: a valid value survives JSON and parses to itself`, () => {
      fc.assert(
        fc.property(arb, (value) => {
          const parsed = schema.safeParse(viaJson(value));
          expect(parsed.success).toBe(true);
          if (parsed.success) expect(parsed.data).toEqual(viaJson(value));
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe("stored progress (decodeProgress)", () => {
  const host = fc.oneof(fc.domain(), fc.constantFrom("", "version", "hosts", "__proto__", "constructor"));
  const entry = fc.oneof(
    progress.map((p) => ({ valid: true as const, value: p as unknown })),
    mutated(progress).map((value) => ({ valid: progressSchema.safeParse(value).success, value })),
  );
  const entries = fc.uniqueArray(fc.tuple(host, entry), {
    selector: ([h]) => h,
    maxLength: MAX_PROGRESS_HOSTS,
  });
  /** Own data properties, as storage would hand them back (even "__proto__"). */
  const objectOf = (pairs: readonly (readonly [string, unknown])[]) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of pairs) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true });
    return o;
  };

  it("never throws on anything, and returns only valid entries, at most the cap", () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.record({ version: fc.jsonValue(), hosts: hostile })), (raw) => {
        const { hosts } = decodeProgress(raw);
        const list = Object.entries(hosts);
        expect(list.length).toBeLessThanOrEqual(MAX_PROGRESS_HOSTS);
        for (const [, p] of list) expect(progressSchema.safeParse(p).success).toBe(true);
        expect(Object.getPrototypeOf(hosts)).toBe(Object.prototype);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps exactly the valid entries of a version-1 or version-2 value, whatever the host names", () => {
    fc.assert(
      fc.property(entries, fc.boolean(), (pairs, v2) => {
        const map = objectOf(pairs.map(([h, e]) => [h, e.value]));
        const decoded = decodeProgress(v2 ? { version: 2, hosts: map } : map);
        const expected = pairs.filter(([, e]) => e.valid).map(([h, e]) => [h, progressSchema.parse(e.value)]);
        // A version-1 host named "version" holds an object, so the value still reads as version 1.
        expect(decoded.writable).toBe(true);
        expect(Object.entries(decoded.hosts)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

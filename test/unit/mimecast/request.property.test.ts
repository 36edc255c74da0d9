import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { verifyApi2 } from "../../../src/mimecast/api2";
import { generateKeys, login } from "../../../src/mimecast/client";
import {
  base64Utf8,
  baseHeaders,
  basicAuthorization,
  mcDate,
  newRequestId,
} from "../../../src/mimecast/headers";
import { regionById } from "../../../src/mimecast/regions";
import { signature, signedHeaders } from "../../../src/mimecast/signing";
import type { FetchLike, Transport } from "../../../src/mimecast/transport";
import { verifyApi1 } from "../../../src/mimecast/verify";
import { FIXED_NOW } from "./helpers";

const RUNS = 100;

/** The documented algorithm, computed independently (node:crypto, not WebCrypto). */
function referenceSignature(secretB64: string, data: string): string {
  return createHmac("sha1", Buffer.from(secretB64, "base64")).update(data, "utf8").digest("base64");
}

/** A header value fetch accepts and sends unchanged: Latin-1, no CR, LF or NUL, no surrounding space. */
function assertSafeHeaders(headers: Record<string, string>) {
  for (const [name, value] of Object.entries(headers)) {
    expect(value, name).not.toMatch(/[\r\n\0]/);
    expect(value, name).toMatch(/^[\x20-\x7e\xa0-\xff]*$/);
    expect(value.trim(), name).toBe(value);
  }
  expect(() => new Headers(headers)).not.toThrow();
}

const bytes = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("base64"));
/** Mimecast's secret keys are 64 random bytes. Fixed length: HMAC pads shorter keys with zero bytes. */
const secretKey = bytes(64, 64);
const visible = (min: number, max: number) =>
  fc.string({
    minLength: min,
    maxLength: max,
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  });
const date = fc.date({
  min: new Date(Date.UTC(1970, 0, 1)),
  max: new Date(Date.UTC(9999, 11, 31)),
  noInvalidDate: true,
});
const path = fc.constantFrom("/api/account/get-account", "/api/audit/get-siem-logs", "/api/login/login");

describe("API 1.0 signing", () => {
  it("matches an independent HMAC-SHA1 of the documented string, and is deterministic", async () => {
    await fc.assert(
      fc.asyncProperty(
        bytes(1, 100),
        fc.string({ maxLength: 200, unit: "grapheme" }),
        async (secret, data) => {
          const first = await signature(secret, data);
          expect(first).toBe(referenceSignature(secret, data));
          expect(await signature(secret, data)).toBe(first);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("builds `MC access:base64(HMAC(secret, date:reqId:path:appKey))` with header-safe values", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ appId: visible(1, 60), appKey: visible(1, 60), accessKey: visible(1, 120), secretKey }),
        date,
        path,
        async (c, when, p) => {
          const meta = { date: mcDate(when), requestId: newRequestId() };
          const h = await signedHeaders(c, p, meta);
          const expected = referenceSignature(c.secretKey, `${meta.date}:${meta.requestId}:${p}:${c.appKey}`);
          expect(h.Authorization).toBe(`MC ${c.accessKey}:${expected}`);
          expect(h.Authorization).toMatch(/:[A-Za-z0-9+/]{27}=$/); // 20 bytes of SHA-1
          expect(h["x-mc-app-id"]).toBe(c.appId);
          expect(h["x-mc-date"]).toBe(meta.date);
          expect(h["x-mc-req-id"]).toBe(meta.requestId);
          assertSafeHeaders(h);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("changes when any signed input changes", async () => {
    const input = fc.record({
      secret: fc.uint8Array({ minLength: 64, maxLength: 64 }),
      date: visible(1, 40),
      requestId: visible(1, 40),
      path: visible(1, 40),
      appKey: visible(1, 40),
    });
    type Input = { secret: Uint8Array; date: string; requestId: string; path: string; appKey: string };
    const sign = (i: Input) =>
      signedHeaders(
        { appId: "a", appKey: i.appKey, accessKey: "k", secretKey: Buffer.from(i.secret).toString("base64") },
        i.path,
        { date: i.date, requestId: i.requestId },
      ).then((h) => h.Authorization);
    await fc.assert(
      fc.asyncProperty(
        input,
        fc.constantFrom("secret", "date", "requestId", "path", "appKey"),
        fc.nat(),
        async (i, which, n) => {
          let changed: Input;
          if (which === "secret") {
            const secret = Uint8Array.from(i.secret);
            secret[n % 64] = ((secret[n % 64] ?? 0) + 1 + (n % 255)) % 256;
            changed = { ...i, secret };
          } else {
            // Append a character: ":" separators make "a:b" vs "a" + ":b" distinct only because
            // every field but the last has a fixed position; the property is per field.
            changed = { ...i, [which]: `${i[which]}x` };
          }
          expect(await sign(changed)).not.toBe(await sign(i));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("request metadata", () => {
  it("mcDate is RFC 1123 in UTC and parses back to the same second", () => {
    fc.assert(
      fc.property(date, (d) => {
        const text = mcDate(d);
        expect(text).toMatch(
          /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} UTC$/,
        );
        expect(Date.parse(text.replace(/UTC$/, "GMT"))).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
      { numRuns: RUNS },
    );
  });

  it("Basic authorization carries exactly email:password as UTF-8 base64, in a safe header", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 60 }),
        fc.string({ unit: "grapheme", maxLength: 60 }),
        fc.constantFrom("cloud" as const, "domain" as const),
        (email, password, type) => {
          const value = basicAuthorization(type, email, password);
          const [scheme, b64, ...rest] = value.split(" ");
          expect(rest).toEqual([]);
          expect(scheme).toBe(type === "cloud" ? "Basic-Cloud" : "Basic-AD");
          expect(Buffer.from(b64 ?? "", "base64").toString("utf8")).toBe(`${email}:${password}`);
          expect(b64).toBe(base64Utf8(`${email}:${password}`));
          assertSafeHeaders({
            Authorization: value,
            ...baseHeaders("app", { date: mcDate(FIXED_NOW), requestId: "r" }),
          });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** Characters that must never reach a header (or a key) unnoticed. */
const CONTROL = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }),
  fc.constant(0x7f),
  fc.integer({ min: 0x80, max: 0x9f }),
);
const INVISIBLE = fc.constantFrom(
  0x00ad, // soft hyphen
  0x200b,
  0x200c,
  0x200d, // zero-width space, non-joiner, joiner
  0x200e,
  0x200f,
  0x061c, // LRM, RLM, ALM
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e, // bidi embeddings and overrides
  0x2066,
  0x2067,
  0x2068,
  0x2069, // bidi isolates
  0x2060,
  0xfeff, // word joiner, BOM
  0x00a0,
  0x2028,
  0x2029, // no-break space, line and paragraph separators
);
const NON_LATIN1 = fc.integer({ min: 0x100, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff);
const codeChar = (a: fc.Arbitrary<number>) => a.map((c) => String.fromCodePoint(c));

/** A valid value with one bad character inserted somewhere (start, middle or end). */
function spoiled(valid: string, bad: fc.Arbitrary<number>, interior = false) {
  const at = interior ? fc.integer({ min: 1, max: valid.length - 1 }) : fc.nat(valid.length);
  return fc.tuple(codeChar(bad), at).map(([ch, i]) => valid.slice(0, i) + ch + valid.slice(i));
}

function transport(calls: { n: number }): Transport {
  const fetch: FetchLike = async (_url, init) => {
    calls.n++;
    new Headers(init.headers); // what a real fetch does first: throws on an unsafe header value
    return new Response('{"meta":{"status":500},"data":[],"fail":[]}', { status: 500 });
  };
  return {
    fetch,
    timeoutMs: 1_000,
    now: () => FIXED_NOW,
    requestId: () => "00000000-0000-4000-8000-000000000001",
  };
}

const EU = regionById("eu");
if (!EU) throw new Error("no eu region");
const API1 = {
  appId: "00000000-aaaa-4bbb-8ccc-000000000001",
  appKey: "11111111-2222-4333-8444-555555555555",
  accessKey: "mYtOL3XZCOwG96BOiFTZRmNtNjcyMWdnEA3nPVmLN7O1Vgj2wRjCt7uJTdeaV4R",
  secretKey: Buffer.alloc(64, 7).toString("base64"),
};
const LOGIN = { appId: API1.appId, email: "siem@example.com", password: "pw", authType: "cloud" as const };
const API2 = {
  hostId: "global",
  clientId: "abcdefABCDEF0123456789",
  clientSecret: "s3cr3t-0123456789ABCDEFabcdef",
};

type Case = {
  readonly field: string;
  readonly via: string;
  readonly valid: string;
  readonly bad: fc.Arbitrary<number>;
  /** verifyApi2 trims surrounding whitespace on purpose (tested in api2.test.ts): insert inside. */
  readonly interior?: boolean;
  readonly run: (
    t: Transport,
    value: string,
  ) => Promise<{ ok: boolean; failure?: { kind: string; field?: string } }>;
};

const ALL_BAD = fc.oneof(CONTROL, INVISIBLE, NON_LATIN1);
const CASES: readonly Case[] = [
  {
    field: "appId",
    via: "login",
    valid: API1.appId,
    bad: ALL_BAD,
    run: (t, v) => login(t, EU, { ...LOGIN, appId: v }),
  },
  {
    field: "appId",
    via: "generateKeys",
    valid: API1.appId,
    bad: ALL_BAD,
    run: (t, v) => generateKeys(t, { ...LOGIN, appId: v, regionId: "auto" }),
  },
  {
    field: "appId",
    via: "verifyApi1",
    valid: API1.appId,
    bad: ALL_BAD,
    run: (t, v) => verifyApi1(t, { ...API1, appId: v, region: EU }),
  },
  {
    field: "appKey",
    via: "verifyApi1",
    valid: API1.appKey,
    bad: ALL_BAD,
    run: (t, v) => verifyApi1(t, { ...API1, appKey: v, region: EU }),
  },
  {
    field: "accessKey",
    via: "verifyApi1",
    valid: API1.accessKey,
    bad: ALL_BAD,
    run: (t, v) => verifyApi1(t, { ...API1, accessKey: v, region: EU }),
  },
  {
    field: "secretKey",
    via: "verifyApi1",
    valid: API1.secretKey,
    // Line breaks and spaces in a pasted secret are tolerated (base64 ignores them); every other
    // control, invisible or non-Latin-1 character is refused.
    bad: fc.oneof(CONTROL, INVISIBLE, NON_LATIN1).filter((c) => ![0x09, 0x0a, 0x0d, 0x20].includes(c)),
    run: (t, v) => verifyApi1(t, { ...API1, secretKey: v, region: EU }),
  },
  // An address may hold non-Latin-1 letters (it travels base64-encoded); never controls or invisibles.
  {
    field: "email",
    via: "generateKeys",
    valid: LOGIN.email,
    bad: fc.oneof(CONTROL, INVISIBLE),
    run: (t, v) => generateKeys(t, { ...LOGIN, email: v, regionId: "auto" }),
  },
  {
    field: "email",
    via: "login",
    valid: LOGIN.email,
    bad: fc.oneof(CONTROL, INVISIBLE),
    run: (t, v) => login(t, EU, { ...LOGIN, email: v }),
  },
  {
    field: "clientId",
    via: "verifyApi2",
    interior: true,
    valid: API2.clientId,
    bad: ALL_BAD,
    run: (t, v) => verifyApi2(t, { ...API2, clientId: v }),
  },
  {
    field: "clientSecret",
    via: "verifyApi2",
    interior: true,
    valid: API2.clientSecret,
    bad: ALL_BAD,
    run: (t, v) => verifyApi2(t, { ...API2, clientSecret: v }),
  },
];

describe("fields that reach a header or a key", () => {
  for (const c of CASES) {
    it(`${c.field} (${c.via}): a control, invisible or foreign character is refused by field, before any request`, async () => {
      await fc.assert(
        fc.asyncProperty(spoiled(c.valid, c.bad, c.interior), async (value) => {
          const calls = { n: 0 };
          const result = await c.run(transport(calls), value);
          expect(result.ok).toBe(false);
          expect(result.failure?.kind).toBe("validation");
          expect(result.failure?.field).toBe(c.field);
          expect(calls.n).toBe(0);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("the valid values themselves pass the checks and reach the network", async () => {
    for (const c of CASES) {
      const calls = { n: 0 };
      await c.run(transport(calls), c.valid);
      expect(calls.n, c.field).toBeGreaterThan(0);
    }
  });
});

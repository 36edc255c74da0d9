import { describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  discoverDataSchema,
  envelopeSchema,
  loginDataSchema,
} from "../../../src/mimecast/schemas";
import { fixture } from "./helpers";

describe("envelopeSchema", () => {
  it("accepts a full envelope and keeps unknown fields at every level", () => {
    const input = {
      meta: { status: 200, pagination: { pageSize: 25 } },
      data: [{ a: 1 }],
      fail: [
        { key: { x: 1 }, errors: [{ code: "c", message: "m", retryable: false, field: "f", extra: 1 }] },
      ],
      newTopLevel: "kept",
    };
    const parsed = envelopeSchema.parse(input);
    expect(parsed).toEqual(input);
    expect(parsed.newTopLevel).toBe("kept");
    expect(parsed.meta?.pagination).toEqual({ pageSize: 25 });
    expect(parsed.fail?.[0]?.errors?.[0]?.extra).toBe(1);
    expect(parsed.fail?.[0]?.key).toEqual({ x: 1 });
  });

  it("accepts the recorded-style fixtures", () => {
    for (const name of ["discover-ok.json", "login-ok.json", "err-developer-key.json", "unknown-code.json"]) {
      expect(envelopeSchema.safeParse(JSON.parse(fixture(name))).success).toBe(true);
    }
  });

  it("rejects an object with none of meta, data and fail (a proxy's JSON error page)", () => {
    expect(envelopeSchema.safeParse({}).success).toBe(false);
    expect(envelopeSchema.safeParse({ error: "blocked by policy" }).success).toBe(false);
    expect(envelopeSchema.parse({ data: [] })).toEqual({ data: [] });
  });

  it.each([null, undefined, 0, 42, "text", true, [], [{ meta: { status: 200 } }]])("rejects %j", (value) => {
    expect(envelopeSchema.safeParse(value).success).toBe(false);
  });

  it.each([
    [{ data: {} }],
    [{ data: "x" }],
    [{ fail: {} }],
    [{ fail: [{ errors: "x" }] }],
    [{ fail: [{ errors: [{ code: 5 }] }] }],
    [{ fail: [{ errors: [{ retryable: "no" }] }] }],
    [{ meta: { status: "200" } }],
    [{ meta: [] }],
  ])("rejects wrong member types: %j", (value) => {
    expect(envelopeSchema.safeParse(value).success).toBe(false);
  });
});

describe("apiErrorSchema", () => {
  it("keeps code, message, retryable, field and extras", () => {
    expect(apiErrorSchema.parse({ code: "c", message: "m", retryable: true, field: "f", x: [1] })).toEqual({
      code: "c",
      message: "m",
      retryable: true,
      field: "f",
      x: [1],
    });
  });
});

describe("discoverDataSchema", () => {
  it("reads region.api and authenticate", () => {
    const parsed = discoverDataSchema.parse({
      emailAddress: "a@example.com",
      authenticate: ["cloud"],
      region: { api: "https://eu-api.mimecast.com", code: "eu", name: "Europe", extra: true },
    });
    expect(parsed.region?.api).toBe("https://eu-api.mimecast.com");
    expect(parsed.region?.extra).toBe(true);
    expect(parsed.authenticate).toEqual(["cloud"]);
  });

  it("accepts a missing region and refuses a region without api", () => {
    expect(discoverDataSchema.parse({ emailAddress: "a@example.com" }).region).toBeUndefined();
    expect(discoverDataSchema.safeParse({ region: {} }).success).toBe(false);
    expect(discoverDataSchema.safeParse({ region: { api: 5 } }).success).toBe(false);
  });
});

describe("loginDataSchema", () => {
  it("requires non-empty accessKey and secretKey", () => {
    expect(loginDataSchema.safeParse({ accessKey: "a", secretKey: "s" }).success).toBe(true);
    expect(loginDataSchema.safeParse({ accessKey: "", secretKey: "s" }).success).toBe(false);
    expect(loginDataSchema.safeParse({ accessKey: "a", secretKey: "" }).success).toBe(false);
    expect(loginDataSchema.safeParse({ secretKey: "s" }).success).toBe(false);
    expect(loginDataSchema.safeParse({ accessKey: "a" }).success).toBe(false);
    expect(loginDataSchema.safeParse(undefined).success).toBe(false);
  });

  it("refuses a negative or non-numeric duration", () => {
    expect(loginDataSchema.safeParse({ accessKey: "a", secretKey: "s", duration: -1 }).success).toBe(false);
    expect(loginDataSchema.safeParse({ accessKey: "a", secretKey: "s", duration: "1" }).success).toBe(false);
    expect(loginDataSchema.safeParse({ accessKey: "a", secretKey: "s", duration: 0 }).success).toBe(true);
  });

  it("decodes \\u003d in the raw fixture to '='", () => {
    const raw = fixture("login-ok.json");
    expect(raw).toContain("\\u003d");
    const envelope = envelopeSchema.parse(JSON.parse(raw));
    const data = loginDataSchema.parse(envelope.data?.[0]);
    expect(data.accessKey.endsWith("=")).toBe(true);
    expect(data.accessKey).not.toContain("\\u003d");
    expect(data.secretKey.endsWith("==")).toBe(true);
  });
});

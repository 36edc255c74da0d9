import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type Api1Credentials, isBase64, signature, signedHeaders } from "../../../src/mimecast/signing";
import { FIXED_NOW_HEADER } from "./helpers";

/** An independent implementation: Node's HMAC, not WebCrypto. */
function nodeSignature(secretKey: string, data: string): string {
  return createHmac("sha1", Buffer.from(secretKey, "base64")).update(data, "utf8").digest("base64");
}

const APP_KEY = "q7VtY2hT0m3pXw9LkR4sJd8uNf1bZc6eHa5gQi0oUyE=";
/** 64 bytes 0x00..0x3f: encodes with "==" padding, as Mimecast's 64-byte secret keys do. */
const SECRET_64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==";
/** 65 bytes: encodes with one "=". */
const SECRET_65 = "ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CBgoOEhYaHiImKi4yNjo+QkZKTlJWWl5iZmpucnZ6foKGio6Q=";

/**
 * Vectors computed outside this code base (Python's hmac module, and RFC 2202 for the first two);
 * each is also recomputed below with node:crypto.
 */
const VECTORS: readonly { name: string; secret: string; data: string; expected: string }[] = [
  {
    name: "RFC 2202 test case 1 (key 0x0b x 20, one '=')",
    secret: "CwsLCwsLCwsLCwsLCwsLCwsLCws=",
    data: "Hi There",
    expected: "thcxhlUFcmTii8C2+zeMjvFGvgA=",
  },
  {
    name: "RFC 2202 test case 2 (key 'Jefe', '==')",
    secret: "SmVmZQ==",
    data: "what do ya want for nothing?",
    expected: "7/zfauXrL6LSdBbV8YTfnCWafHk=",
  },
  {
    name: "unpadded secret",
    secret: "c2VjcmV0",
    data: `${FIXED_NOW_HEADER}:00000000-0000-4000-8000-000000000001:/api/account/get-account:appkey`,
    expected: "i5OeVU4uC8F5HyjORahyRgkMq5w=",
  },
  {
    name: "secret with '==' padding",
    secret: "YWJjZA==",
    data: `${FIXED_NOW_HEADER}:00000000-0000-4000-8000-000000000001:/api/account/get-account:appkey`,
    expected: "e2KNid4Ef+pmUxcEbDKWixor61Q=",
  },
  {
    name: "secret with '=' padding, SIEM path",
    secret: "YWJjZGU=",
    data: `Thu, 01 Jan 2026 12:00:00 UTC:11111111-2222-4333-8444-555555555555:/api/audit/get-siem-logs:${APP_KEY}`,
    expected: "00SPsH2nEd1dMoN6SEnl75SR7/A=",
  },
  {
    name: "64-byte secret ('==')",
    secret: SECRET_64,
    data: `${FIXED_NOW_HEADER}:00000000-0000-4000-8000-000000000002:/api/audit/get-siem-logs:${APP_KEY}`,
    expected: "oMsumMhftAS4Hsz5XhQn6Lrke+M=",
  },
  {
    name: "65-byte secret ('='), non-ASCII application key signed as UTF-8",
    secret: SECRET_65,
    data: `${FIXED_NOW_HEADER}:00000000-0000-4000-8000-000000000003:/api/account/get-account:Ünïcode-app-key`,
    expected: "1kRQgtq9gzsakykTqLsR3nFBC2c=",
  },
];

describe("signature", () => {
  for (const v of VECTORS) {
    it(`matches the independent vector: ${v.name}`, async () => {
      expect(nodeSignature(v.secret, v.data)).toBe(v.expected); // the vector itself is right
      expect(await signature(v.secret, v.data)).toBe(v.expected);
    });
  }

  it("decodes the secret as base64, not as text", async () => {
    const asText = createHmac("sha1", Buffer.from("YWJjZA==", "utf8")).update("x").digest("base64");
    const sig = await signature("YWJjZA==", "x");
    expect(sig).toBe(nodeSignature("YWJjZA==", "x"));
    expect(sig).not.toBe(asText);
  });

  it("ignores whitespace and line breaks inside a pasted secret", async () => {
    const wrapped = `${SECRET_64.slice(0, 40)}\n${SECRET_64.slice(40)} `;
    expect(await signature(wrapped, "data")).toBe(nodeSignature(SECRET_64, "data"));
  });

  it("differs when any part of the signed text differs", async () => {
    const base = `${FIXED_NOW_HEADER}:id:/api/account/get-account:${APP_KEY}`;
    const variants = [
      `${FIXED_NOW_HEADER}:id:/api/account/get-account:${APP_KEY}x`,
      `${FIXED_NOW_HEADER}:id2:/api/account/get-account:${APP_KEY}`,
      `${FIXED_NOW_HEADER}:id:/api/audit/get-siem-logs:${APP_KEY}`,
    ];
    const sigs = await Promise.all([base, ...variants].map((d) => signature(SECRET_64, d)));
    expect(new Set(sigs).size).toBe(4);
  });
});

describe("signedHeaders", () => {
  const creds: Api1Credentials = {
    appId: "7c2e4d1a-5b3f-4e8a-9c6d-0f1e2d3c4b5a",
    appKey: APP_KEY,
    accessKey: "mYtOL3XZCOwG96BOiFTZRmRx8_accessKey-123",
    secretKey: SECRET_64,
  };

  it("returns exactly the Mimecast header set, signed over date:reqId:path:appKey", async () => {
    const headers = await signedHeaders(creds, "/api/audit/get-siem-logs", {
      date: FIXED_NOW_HEADER,
      requestId: "00000000-0000-4000-8000-000000000002",
    });
    expect(headers).toEqual({
      Authorization: "MC mYtOL3XZCOwG96BOiFTZRmRx8_accessKey-123:oMsumMhftAS4Hsz5XhQn6Lrke+M=",
      "x-mc-app-id": "7c2e4d1a-5b3f-4e8a-9c6d-0f1e2d3c4b5a",
      "x-mc-date": FIXED_NOW_HEADER,
      "x-mc-req-id": "00000000-0000-4000-8000-000000000002",
      "Content-Type": "application/json",
      Accept: "application/json",
    });
    expect(Object.keys(headers).sort()).toEqual(
      ["Accept", "Authorization", "Content-Type", "x-mc-app-id", "x-mc-date", "x-mc-req-id"].sort(),
    );
  });

  it("signs the path it is given, and never sends the application key or the secret", async () => {
    const meta = { date: "Thu, 01 Jan 2026 12:00:00 UTC", requestId: "11111111-2222-4333-8444-555555555555" };
    const headers = await signedHeaders(creds, "/api/account/get-account", meta);
    const expected = nodeSignature(
      SECRET_64,
      `${meta.date}:${meta.requestId}:/api/account/get-account:${APP_KEY}`,
    );
    expect(headers.Authorization).toBe(`MC ${creds.accessKey}:${expected}`);
    const all = JSON.stringify(headers);
    expect(all).not.toContain(APP_KEY);
    expect(all).not.toContain(SECRET_64);
  });
});

describe("isBase64", () => {
  it.each([
    ["c2VjcmV0", true],
    ["YWJjZA==", true],
    ["YWJjZGU=", true],
    [SECRET_64, true],
    [SECRET_65, true],
    ["a+/b", true],
    [`${SECRET_64.slice(0, 44)}\n${SECRET_64.slice(44)}`, true],
    ["  YWJjZA==  ", true],
  ])("%j -> %s", (text, expected) => {
    expect(isBase64(text)).toBe(expected);
  });

  it.each([
    ["", false],
    ["   ", false],
    ["YWJjZA\\u003d\\u003d", false], // copied from raw JSON
    ["YWJjZA=", false], // length not a multiple of 4
    ["YWJjZ===", false], // three pad characters
    ["YW=jZA==", false], // padding in the middle
    ["YWJj_A==", false], // base64url alphabet
    ["YWJj-A==", false],
    ["YWJjZ", false],
    ["YWJ€ZA==", false],
  ])("%j -> %s", (text, expected) => {
    expect(isBase64(text)).toBe(expected);
  });
});

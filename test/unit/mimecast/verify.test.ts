import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { regionById } from "../../../src/mimecast/regions";
import { type VerifyApi1Input, verifyApi1 } from "../../../src/mimecast/verify";
import { buildZip } from "../../sandbox/zip";
import {
  APP_ID,
  bodyOf,
  counterRequestIds,
  failureOf,
  fakeFetch,
  headersOf,
  json,
  makeTransport,
  type RecordedCall,
  type Responder,
  successOf,
} from "./helpers";

const NOW = new Date("2026-01-01T12:00:00Z");
const NOW_HEADER = "Thu, 01 Jan 2026 12:00:00 UTC";
const EU = regionById("eu");
const DE = regionById("de");
if (!EU || !DE) throw new Error("region table changed");

const APP_KEY = "q7VtY2hT0m3pXw9LkR4sJd8uNf1bZc6eHa5gQi0oUyE=";
const ACCESS_KEY = "mYtOL3XZCOwG96BOiFTZRmRx8_c2FuZGJveC1hY2Nlc3Mta2V5LTAwMQ";
/** 64 bytes, "==" padded, as Mimecast's secret keys are. */
const SECRET_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==";
const SERVICE_EMAIL = "siem-service@sandbox-corp.example";

const ACCOUNT_URL = "https://eu-api.mimecast.com/api/account/get-account";
const SIEM_URL = "https://eu-api.mimecast.com/api/audit/get-siem-logs";
const DISCOVER_URL = "https://api.mimecast.com/api/login/discover-authentication";

const INPUT: VerifyApi1Input = {
  appId: APP_ID,
  appKey: APP_KEY,
  accessKey: ACCESS_KEY,
  secretKey: SECRET_KEY,
  region: EU,
};

function transport(fetch: Parameters<typeof makeTransport>[0]) {
  return makeTransport(fetch, { now: () => NOW, requestId: counterRequestIds() });
}

function env(status: number, data: unknown[], extraMeta: Record<string, unknown> = {}): string {
  return JSON.stringify({ meta: { ...extraMeta, status }, data, fail: [] });
}

function failBody(status: number, code: string, message: string): string {
  return JSON.stringify({
    meta: { status },
    data: [],
    fail: [{ errors: [{ code, message, retryable: false }] }],
  });
}

const ACCOUNT_OK = json(
  env(200, [
    {
      region: "eu",
      archive: false,
      gateway: true,
      accountCode: "CSBX00A000",
      accountName: "Sandbox Corp",
      userCount: 25,
      packages: ["Mimecast Platform [1033]"],
    },
  ]),
);
const CAUGHT_UP = json('{"meta":{"isLastToken":true,"status":200},"data":[],"fail":[]}');
const LOG_FILE_NAME = "CSBX00A000_MTA_20260101120000.zip";
const ZIP = buildZip(
  [{ name: "CSBX00A000_MTA_20260101120000_1.json", content: '{"type":"MTA","data":[]}' }],
  NOW,
);

const SIEM_TOKEN =
  "eNoVzrsOgjAYQOF3-VdIoEqpkDgIiIp4SdDEGBcoRYtolVpRjO8unvkM3wcko6pmPAcXBvEScSIUluckdkZhOO_jREnbmxBtZ-01_5Sl77KMimm6z3rUXvewiNvdLfIuCt390iuaaC1Wmy1";

/**
 * A log file answer: the zip, with the headers a file answer carries (mc-siem-token, a download
 * type, the file name, its length). `headers` replaces or (with null) removes any of them.
 */
function logsReply(
  disposition: string | null = `attachment; filename="${LOG_FILE_NAME}"`,
  headers: Record<string, string | null> = {},
): Responder {
  const all: Record<string, string | null> = {
    "content-type": "application/octet-stream",
    "content-disposition": disposition,
    "content-length": String(ZIP.length),
    "mc-siem-token": SIEM_TOKEN,
    "x-ratelimit-limit": "800",
    "x-ratelimit-remaining": "799",
    "x-ratelimit-reset": "5000",
    ...headers,
  };
  const kept = Object.entries(all).filter((e): e is [string, string] => e[1] !== null);
  return async () => new Response(new Uint8Array(ZIP), { status: 200, headers: Object.fromEntries(kept) });
}

function discoverReply(regionHost: string): Responder {
  return json(
    env(200, [
      {
        emailAddress: SERVICE_EMAIL,
        authenticate: ["cloud", "domain"],
        region: { code: "x", api: `https://${regionHost}` },
      },
    ]),
  );
}

/** The Authorization header, checked with node:crypto against the call's own date, id and path. */
function expectSignedFor(call: RecordedCall | undefined, path: string): void {
  const h = headersOf(call);
  const match = /^MC ([^:]+):(.+)$/.exec(h.Authorization ?? "");
  expect(match?.[1]).toBe(ACCESS_KEY);
  const expected = createHmac("sha1", Buffer.from(SECRET_KEY, "base64"))
    .update(`${h["x-mc-date"]}:${h["x-mc-req-id"]}:${path}:${APP_KEY}`, "utf8")
    .digest("base64");
  expect(match?.[2]).toBe(expected);
}

describe("verifyApi1: requests", () => {
  it("sends exactly one signed get-account and one signed get-siem-logs, in that order", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply());
    successOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(f.calls.map((c) => [c.init.method, c.url])).toEqual([
      ["POST", ACCOUNT_URL],
      ["POST", SIEM_URL],
    ]);
    expect(f.calls[0]?.init.body).toBe('{"data":[]}');
    expect(bodyOf(f.calls[1])).toEqual({ data: [{ type: "MTA", fileFormat: "json", compress: true }] });
    expect(f.calls[1]?.init.body).toBe('{"data":[{"type":"MTA","fileFormat":"json","compress":true}]}');

    const [account, siem] = [headersOf(f.calls[0]), headersOf(f.calls[1])];
    expect(account).toEqual({
      Authorization: expect.stringMatching(/^MC /),
      "x-mc-app-id": APP_ID,
      "x-mc-date": NOW_HEADER,
      "x-mc-req-id": "00000000-0000-4000-8000-000000000001",
      "Content-Type": "application/json",
      Accept: "application/json",
    });
    expect(siem["x-mc-req-id"]).toBe("00000000-0000-4000-8000-000000000002");
    expect(siem["x-mc-date"]).toBe(NOW_HEADER);
    for (const call of f.calls) {
      expect(call.init.credentials).toBe("omit");
      expect(call.init.redirect).toBe("error");
    }
  });

  it("signs each call so that node:crypto's HMAC-SHA1 verifies it", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply());
    await verifyApi1(transport(f.fetch), INPUT);
    expectSignedFor(f.calls[0], "/api/account/get-account");
    expectSignedFor(f.calls[1], "/api/audit/get-siem-logs");
    // The exact value for the first call (computed independently with Python's hmac).
    expect(headersOf(f.calls[0]).Authorization).toBe(`MC ${ACCESS_KEY}:cYZsORswkjc/o6HMUUGIdt9/TW0=`);
  });

  it("never sends the application key or the secret key", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply());
    await verifyApi1(transport(f.fetch), INPUT);
    for (const call of f.calls) {
      const text = JSON.stringify([call.url, call.init.headers, call.init.body]);
      expect(text).not.toContain(APP_KEY);
      expect(text).not.toContain(SECRET_KEY);
    }
  });

  it("uses the chosen region's host", async () => {
    const f = fakeFetch(ACCOUNT_OK, CAUGHT_UP);
    await verifyApi1(transport(f.fetch), { ...INPUT, region: DE });
    expect(f.calls.map((c) => c.url)).toEqual([
      "https://de-api.mimecast.com/api/account/get-account",
      "https://de-api.mimecast.com/api/audit/get-siem-logs",
    ]);
  });

  it("is never retried: a server error on get-siem-logs ends the call after two requests", async () => {
    const f = fakeFetch(ACCOUNT_OK, json(failBody(503, "err_service_unavailable", "Unavailable"), 503));
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure.kind).toBe("server");
    expect(failure.httpStatus).toBe(503);
    expect(f.calls).toHaveLength(2);
  });
});

describe("verifyApi1: outcomes", () => {
  it("logs available: the zip's file name and byte size, and the account", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply());
    const value = successOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(value).toEqual({
      account: { accountName: "Sandbox Corp", accountCode: "CSBX00A000", region: "eu" },
      siem: { kind: "logs", fileName: LOG_FILE_NAME, size: ZIP.length },
    });
    expect(ZIP.length).toBeGreaterThan(100);
  });

  it("logs available: an RFC 5987 filename* is decoded", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply("attachment; filename*=UTF-8''CSBX00A000_MTA%20Feb.zip"));
    const value = successOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(value.siem).toEqual({ kind: "logs", fileName: "CSBX00A000_MTA Feb.zip", size: ZIP.length });
  });

  it("logs available without Content-Disposition: an unnamed file", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply(null));
    const value = successOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(value.siem).toEqual({ kind: "logs", fileName: "(unnamed file)", size: ZIP.length });
  });

  it("caught up: isLastToken JSON", async () => {
    const f = fakeFetch(ACCOUNT_OK, CAUGHT_UP);
    const value = successOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(value.siem).toEqual({ kind: "caught-up" });
    expect(value.account.accountCode).toBe("CSBX00A000");
  });

  it("caught up: an empty data[] without isLastToken", async () => {
    const f = fakeFetch(ACCOUNT_OK, json(env(200, [])));
    expect(successOf(await verifyApi1(transport(f.fetch), INPUT)).siem).toEqual({ kind: "caught-up" });
  });

  it("JSON log data (uncompressed) with isLastToken -> caught up", async () => {
    const f = fakeFetch(ACCOUNT_OK, json(env(200, [{ type: "MTA", data: [] }], { isLastToken: true })));
    expect(successOf(await verifyApi1(transport(f.fetch), INPUT)).siem).toEqual({ kind: "caught-up" });
  });

  it("JSON log data without isLastToken -> logs, named as a JSON answer", async () => {
    const body = env(200, [{ type: "MTA", data: [{ acc: "CSBX00A000" }] }]);
    const f = fakeFetch(ACCOUNT_OK, json(body));
    expect(successOf(await verifyApi1(transport(f.fetch), INPUT)).siem).toEqual({
      kind: "logs",
      fileName: "(JSON answer)",
      size: Buffer.byteLength(body),
    });
  });

  it.each([
    [
      "HTTP 403 with err_audit_log_not_enabled",
      403,
      failBody(403, "err_audit_log_not_enabled", "Enhanced logging is not enabled"),
    ],
    [
      "HTTP 200 with err_audit_log_not_enabled",
      200,
      failBody(200, "err_audit_log_not_enabled", "Enhanced logging is not enabled"),
    ],
    ["HTTP 403 without a code", 403, env(403, [])],
  ])(
    "permission: %s -> siem-permission naming Enhanced Logging and Basic Administrator",
    async (_n, status, body) => {
      const f = fakeFetch(ACCOUNT_OK, json(body, status));
      const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
      expect(failure.kind).toBe("siem-permission");
      expect(failure.httpStatus).toBe(status);
      expect(failure.message).toBe("The keys work, but Mimecast does not let this user read SIEM logs.");
      expect(failure.action).toContain("Enhanced Logging");
      expect(failure.action).toContain("Basic Administrator");
      expect(failure.action).toContain("Gateway tracking read");
      // The guide step is named by id, never by quoting its title in the text.
      expect(failure.step).toBe("enhanced-logging");
      expect(failure.action).not.toContain("guide step");
      if (body.includes("err_audit_log_not_enabled")) {
        expect(failure.code).toBe("err_audit_log_not_enabled");
        expect(failure.mimecastMessage).toBe("Enhanced logging is not enabled");
      }
      expect(f.calls).toHaveLength(2);
    },
  );

  const WRONG_REGION = json(
    failBody(200, "err_audit_log_incorrect_region", "Incorrect region for the account"),
  );

  it("wrong region with the email known: asks discover and suggests the other region", async () => {
    const f = fakeFetch(ACCOUNT_OK, WRONG_REGION, discoverReply("de-api.mimecast.com"));
    const failure = failureOf(await verifyApi1(transport(f.fetch), { ...INPUT, email: SERVICE_EMAIL }));
    expect(failure).toMatchObject({
      kind: "wrong-region",
      field: "region",
      code: "err_audit_log_incorrect_region",
      mimecastMessage: "Incorrect region for the account",
      httpStatus: 200,
      suggestedRegion: "de",
      message:
        "Mimecast says this account's logs are not kept in Europe (excluding Germany) (eu-api.mimecast.com).",
      action: "Choose Germany (de-api.mimecast.com) as the region and verify again.",
    });
    expect(f.calls.map((c) => c.url)).toEqual([ACCOUNT_URL, SIEM_URL, DISCOVER_URL]);
    expect(bodyOf(f.calls[2])).toEqual({ data: [{ emailAddress: SERVICE_EMAIL }] });
    expect(headersOf(f.calls[2]).Authorization).toBeUndefined();
  });

  it("wrong region without an email: no discover, no suggestion", async () => {
    const f = fakeFetch(ACCOUNT_OK, WRONG_REGION);
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure.kind).toBe("wrong-region");
    expect(failure.suggestedRegion).toBeUndefined();
    expect(failure.action).toBe("Choose your account's region in the list and verify again.");
    expect(f.calls).toHaveLength(2);
  });

  it("wrong region when discover names the same region: no suggestion", async () => {
    const f = fakeFetch(ACCOUNT_OK, WRONG_REGION, discoverReply("eu-api.mimecast.com"));
    const failure = failureOf(await verifyApi1(transport(f.fetch), { ...INPUT, email: SERVICE_EMAIL }));
    expect(failure.kind).toBe("wrong-region");
    expect(failure.suggestedRegion).toBeUndefined();
    expect(f.calls).toHaveLength(3);
  });

  it("expired keys (418 err_xdk_binding_expired) on get-account -> binding-expired with Authentication TTL advice", async () => {
    const f = fakeFetch(json(failBody(418, "err_xdk_binding_expired", "AccessKey Has Expired"), 418));
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "binding-expired",
      field: "accessKey",
      code: "err_xdk_binding_expired",
      mimecastMessage: "AccessKey Has Expired",
      httpStatus: 418,
      message: "These keys have expired (AccessKey Has Expired).",
    });
    expect(failure.action).toContain("Authentication TTL");
    expect(failure.action).toContain("Never Expires");
    expect(failure.step).toBe("auth-profile");
    expect(failure.action).not.toContain("guide step");
    expect(f.calls).toHaveLength(1); // get-siem-logs is not attempted
  });

  it("invalid signature (401) -> names the Application key, the Secret key and the Access key", async () => {
    const f = fakeFetch(json(failBody(401, "err_xdk_invalid_signature", "0004 Invalid Signature"), 401));
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "bad-credentials",
      field: "appKey",
      code: "err_xdk_invalid_signature",
      httpStatus: 401,
      message: "Mimecast rejected the signature (0004 Invalid Signature).",
    });
    expect(failure.action).toContain("Application key");
    expect(failure.action).toContain("Secret key");
    expect(failure.action).toContain("Access key");
    expect(f.calls).toHaveLength(1);
  });

  it("unknown application ID (HTTP 200 err_developer_key) -> app-id", async () => {
    const f = fakeFetch(json(failBody(200, "err_developer_key", `App ID is invalid: ${APP_ID}`)));
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "app-id", field: "appId", httpStatus: 200 });
    expect(f.calls).toHaveLength(1);
  });

  it("rate limited (429) on get-siem-logs -> retryAt from x-ratelimit-reset in ms", async () => {
    const f = fakeFetch(
      ACCOUNT_OK,
      json(env(429, []), 429, {
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "30000",
      }),
    );
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "rate-limited", httpStatus: 429, retryAt: NOW.getTime() + 30_000 });
    expect(f.calls).toHaveLength(2);
  });

  it("rate limited (429) on get-account -> retryAt, and get-siem-logs is not attempted", async () => {
    const f = fakeFetch(json(env(429, []), 429, { "x-ratelimit-reset": "4419" }));
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "rate-limited", httpStatus: 429, retryAt: NOW.getTime() + 4419 });
    expect(f.calls).toHaveLength(1);
  });

  it("an account answer without accountCode -> bad-shape", async () => {
    const f = fakeFetch(json(env(200, [{ accountName: "Sandbox Corp" }])));
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "bad-shape", httpStatus: 200 });
    expect(f.calls).toHaveLength(1);
  });
});

describe("verifyApi1: validation before any request", () => {
  it.each([
    [
      "a secret copied from raw JSON",
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw\\u003d\\u003d",
    ],
    [
      "a base64url secret",
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0-Pw==",
    ],
    ["a truncated secret", SECRET_KEY.slice(0, -3)],
  ])("%s -> validation on secretKey, no fetch", async (_n, secretKey) => {
    const f = fakeFetch();
    const failure = failureOf(await verifyApi1(transport(f.fetch), { ...INPUT, secretKey }));
    expect(failure).toMatchObject({ kind: "validation", field: "secretKey" });
    expect(failure.message).toBe("The Secret key is not valid: Mimecast secret keys are base64 text.");
    expect(failure.action).toContain("\\u003d");
    expect(f.calls).toHaveLength(0);
  });

  it.each([["appId"], ["appKey"], ["accessKey"], ["secretKey"]] as const)(
    "a blank %s -> validation on that field, no fetch",
    async (field) => {
      const f = fakeFetch();
      const failure = failureOf(await verifyApi1(transport(f.fetch), { ...INPUT, [field]: "  " }));
      expect(failure).toMatchObject({ kind: "validation", field });
      expect(f.calls).toHaveLength(0);
    },
  );
});

describe("verifyApi1: regressions found in review (readSiem)", () => {
  // A lone "%" once made decodeURIComponent throw out of verifyApi1, which promises failures only.
  it("a Content-Disposition file name with a lone % is reported, not thrown", async () => {
    const f = fakeFetch(ACCOUNT_OK, logsReply('attachment; filename="MTA_100%_20260101.zip"'));
    const result = await verifyApi1(transport(f.fetch), INPUT);
    expect(successOf(result).siem).toEqual({
      kind: "logs",
      fileName: "MTA_100%_20260101.zip",
      size: ZIP.length,
    });
  });

  // A proxy or captive portal page (HTTP 200, text/html) once counted as a log file.
  it("an HTML page answered with HTTP 200 is not reported as a log file", async () => {
    const f = fakeFetch(ACCOUNT_OK, {
      status: 200,
      body: "<!doctype html><html><body><h1>Network access</h1></body></html>",
      headers: { "content-type": "text/html; charset=utf-8" },
    });
    const failure = failureOf(await verifyApi1(transport(f.fetch), INPUT));
    expect(failure.kind).toBe("not-json");
  });
});

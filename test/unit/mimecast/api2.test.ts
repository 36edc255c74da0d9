import { describe, expect, it } from "vitest";
import {
  type Api2Input,
  api2ErrorOf,
  forbiddenReason,
  siemDateRange,
  verifyApi2,
} from "../../../src/mimecast/api2";
import { API2_HOSTS, api2HostById } from "../../../src/mimecast/api2-hosts";
import {
  failureOf,
  fakeFetch,
  headersOf,
  json,
  makeTransport,
  type RecordedCall,
  successOf,
} from "./helpers";

const NOW = new Date("2026-01-01T12:00:00Z");
const CLIENT_ID = "sbxQ2mVn8RtK4wLp7HjC1dXe9FgA3yZu";
const CLIENT_SECRET = "Zq4N7bW1xT9kLm2Rv6Hs3Jd8Pc5Gf0YaEo1Ui7Kt";
const ACCESS_TOKEN = "FakeAccessTokenAbCdEf0123456";
const INPUT: Api2Input = { hostId: "global", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

const TOKEN_OK = json(
  JSON.stringify({ access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 1799, scope: "" }),
);
const BATCH_ONE = json(
  JSON.stringify({
    value: [
      {
        url: "https://siem-batch.example/cg/receipt/1.json.gz",
        expiry: "2026-01-01T12:15:00.000Z",
        size: 354,
      },
    ],
    "@nextPage": "NDU1NQ==",
    isCaughtUp: false,
  }),
);
const BATCH_CAUGHT_UP = json('{"value":[],"@nextPage":"NDU1Ng==","isCaughtUp":true}');

function transport(fetch: Parameters<typeof makeTransport>[0]) {
  return makeTransport(fetch, { now: () => NOW, requestId: () => "00000000-0000-4000-8000-000000000001" });
}

function form(call: RecordedCall | undefined): string {
  expect(call?.init.body).toBeTypeOf("string");
  return call?.init.body as string;
}

describe("verifyApi2: requests", () => {
  it.each([
    ["global", "api.services.mimecast.com"],
    ["uk", "uk-api.services.mimecast.com"],
    ["us", "us-api.services.mimecast.com"],
  ])(
    "host %s: token from https://%s/oauth/token, then the SIEM probe on the same host",
    async (hostId, host) => {
      const f = fakeFetch(TOKEN_OK, BATCH_ONE);
      const value = successOf(await verifyApi2(transport(f.fetch), { ...INPUT, hostId }));
      expect(value).toEqual({ host, product: "Cloud Gateway", files: 1, caughtUp: false });
      expect(f.calls.map((c) => [c.init.method, c.url])).toEqual([
        ["POST", `https://${host}/oauth/token`],
        [
          "GET",
          `https://${host}/siem/v1/batch/events/cg?type=receipt&dateRangeStartsAt=2025-12-31&dateRangeEndsAt=2026-01-01&pageSize=1`,
        ],
      ]);
    },
  );

  it("the token request is a form with client_id, client_secret and grant_type=client_credentials", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_ONE);
    await verifyApi2(transport(f.fetch), INPUT);
    expect(form(f.calls[0])).toBe(
      `client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}&grant_type=client_credentials`,
    );
    expect(headersOf(f.calls[0])).toEqual({
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    });
    expect(f.calls[0]?.init.credentials).toBe("omit");
    expect(f.calls[0]?.init.redirect).toBe("error");
  });

  it("form-encodes secrets with reserved characters and trims pasted whitespace", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_ONE);
    await verifyApi2(transport(f.fetch), {
      hostId: "uk",
      clientId: `  ${CLIENT_ID}\n`,
      clientSecret: " a+b/c=d&e%f ",
    });
    expect(form(f.calls[0])).toBe(
      `client_id=${CLIENT_ID}&client_secret=a%2Bb%2Fc%3Dd%26e%25f&grant_type=client_credentials`,
    );
    const parsed = new URLSearchParams(form(f.calls[0]));
    expect(parsed.get("client_secret")).toBe("a+b/c=d&e%f");
  });

  it("the probe asks for one receipt batch from yesterday to today as dates (UTC), with the Bearer token", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_ONE);
    await verifyApi2(transport(f.fetch), INPUT);
    const url = new URL(f.calls[1]?.url ?? "");
    expect(url.pathname).toBe("/siem/v1/batch/events/cg");
    expect([...url.searchParams.entries()]).toEqual([
      ["type", "receipt"],
      ["dateRangeStartsAt", "2025-12-31"],
      ["dateRangeEndsAt", "2026-01-01"],
      ["pageSize", "1"],
    ]);
    // Dates only: no time, no zone (a strict server refuses full timestamps).
    for (const name of ["dateRangeStartsAt", "dateRangeEndsAt"])
      expect(url.searchParams.get(name)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(headersOf(f.calls[1])).toEqual({
      Authorization: `Bearer ${ACCESS_TOKEN}`,
      Accept: "application/json",
    });
    expect(f.calls[1]?.init.body).toBeUndefined();
  });

  it("the token never leaves the call: not in the result", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_ONE);
    const result = await verifyApi2(transport(f.fetch), INPUT);
    expect(JSON.stringify(result)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(result)).not.toContain(CLIENT_SECRET);
  });
});

describe("verifyApi2: outcomes", () => {
  it("ok: counts the listed batch files", async () => {
    const three = json(
      JSON.stringify({
        value: [1, 2, 3].map((i) => ({
          url: `https://b.example/${i}`,
          expiry: "2026-01-01T12:15:00.000Z",
          size: 354,
        })),
        "@nextPage": "NDU1NQ==",
        isCaughtUp: false,
      }),
    );
    const f = fakeFetch(TOKEN_OK, three);
    expect(successOf(await verifyApi2(transport(f.fetch), INPUT))).toEqual({
      host: "api.services.mimecast.com",
      product: "Cloud Gateway",
      files: 3,
      caughtUp: false,
    });
  });

  it("caught up: no files, isCaughtUp true", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_CAUGHT_UP);
    expect(successOf(await verifyApi2(transport(f.fetch), INPUT))).toEqual({
      host: "api.services.mimecast.com",
      product: "Cloud Gateway",
      files: 0,
      caughtUp: true,
    });
  });

  it("401 at the token -> api2-bad-client on clientSecret, no probe", async () => {
    const f = fakeFetch(
      json('{"fail":[{"code":"unauthorized","message":"Invalid client credentials"}]}', 401),
    );
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-bad-client",
      field: "clientSecret",
      httpStatus: 401,
      code: "unauthorized",
      mimecastMessage: "Invalid client credentials",
      message: "Mimecast rejected the Client ID and Client secret.",
    });
    expect(failure.action).toContain("Manage API 2.0 credentials");
    expect(f.calls).toHaveLength(1);
  });

  it("OAuth-style {error:invalid_client} -> api2-bad-client with that code", async () => {
    const f = fakeFetch(
      json('{"error":"invalid_client","error_description":"Client authentication failed"}', 401),
    );
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-bad-client",
      field: "clientSecret",
      httpStatus: 401,
      code: "invalid_client",
      mimecastMessage: "Client authentication failed",
    });
    expect(f.calls).toHaveLength(1);
  });

  it("OAuth-style 400 {error:invalid_client} without a description -> api2-bad-client", async () => {
    const f = fakeFetch(json('{"error":"invalid_client"}', 400));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-bad-client",
      field: "clientSecret",
      httpStatus: 400,
      code: "invalid_client",
    });
    expect(failure.mimecastMessage).toBeUndefined();
  });

  it("403 on cg and on ci, no reason given -> api2-forbidden: role first, then a new application", async () => {
    const f = fakeFetch(
      TOKEN_OK,
      json('{"fail":[{"code":"forbidden","message":"Forbidden"}]}', 403),
      json('{"fail":[{"code":"forbidden","message":"Forbidden"}]}', 403),
    );
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-forbidden",
      httpStatus: 403,
      code: "forbidden",
      mimecastMessage: "Forbidden",
      message: "The credentials work, but this application may not read SIEM data.",
      step: "api2-role",
    });
    expect(failure.action).toContain("Threat and Security Events (SIEM) | Read");
    expect(failure.action).toContain("NEW API 2.0 application");
    expect(f.calls).toHaveLength(3);
  });

  it("429 at the probe -> rate-limited, retryAt from x-ratelimit-reset in ms", async () => {
    const f = fakeFetch(
      TOKEN_OK,
      json('{"fail":[{"code":"too_many_requests","message":"Too many requests"}]}', 429, {
        "x-ratelimit-reset": "15000",
      }),
    );
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "rate-limited", httpStatus: 429, retryAt: NOW.getTime() + 15_000 });
    expect(f.calls).toHaveLength(2);
  });

  it("429 at the token without a reset header -> rate-limited, no retryAt", async () => {
    const f = fakeFetch(json("", 429));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure.kind).toBe("rate-limited");
    expect(failure.retryAt).toBeUndefined();
    expect(f.calls).toHaveLength(1);
  });

  it("500 -> server, with Mimecast's code kept", async () => {
    const f = fakeFetch(
      TOKEN_OK,
      json(
        '{"fail":[{"code":"internal-error","message":"An unexpected error occurred while processing the batch request"}]}',
        500,
      ),
    );
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "server",
      httpStatus: 500,
      code: "internal-error",
      message: "Mimecast's service had a problem (HTTP 500).",
    });
  });

  it("503 at the token -> server, no probe", async () => {
    const f = fakeFetch({
      status: 503,
      body: "Service Unavailable",
      headers: { "content-type": "text/plain" },
    });
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "server", httpStatus: 503 });
    expect(failure.code).toBeUndefined();
    expect(f.calls).toHaveLength(1);
  });

  it("401 token_expired at the probe -> api2-bad-client telling to verify again", async () => {
    const f = fakeFetch(TOKEN_OK, json('{"fail":[{"code":"token_expired","message":"Token expired"}]}', 401));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-bad-client",
      code: "token_expired",
      message: "The access token expired during the check.",
    });
    expect(failure.field).toBeUndefined();
  });

  it("a token answer without access_token -> bad-shape, no probe", async () => {
    const f = fakeFetch(json('{"token_type":"Bearer","expires_in":1799}'));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({ kind: "bad-shape", httpStatus: 200 });
    expect(f.calls).toHaveLength(1);
  });

  it("a probe answer without a batch list -> bad-shape", async () => {
    const f = fakeFetch(TOKEN_OK, json('{"status":"ok"}'));
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      kind: "bad-shape",
      httpStatus: 200,
    });
  });

  it("a probe answer that is not JSON -> not-json", async () => {
    const f = fakeFetch(TOKEN_OK, {
      status: 200,
      body: "<html>blocked</html>",
      headers: { "content-type": "text/html" },
    });
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      kind: "not-json",
      httpStatus: 200,
    });
  });
});

describe("verifyApi2: validation before any request", () => {
  it.each([
    ["", CLIENT_SECRET, "clientId"],
    ["   ", CLIENT_SECRET, "clientId"],
    [CLIENT_ID, "", "clientSecret"],
    ["", "", "clientId"],
  ])("clientId %j, clientSecret %j -> validation on %s, no fetch", async (clientId, clientSecret, field) => {
    const f = fakeFetch();
    const failure = failureOf(
      await verifyApi2(transport(f.fetch), { hostId: "global", clientId, clientSecret }),
    );
    expect(failure).toMatchObject({
      kind: "validation",
      field,
      message: "Enter the Client ID and the Client secret.",
    });
    expect(f.calls).toHaveLength(0);
  });

  it("an unknown host id -> validation, no fetch", async () => {
    const f = fakeFetch();
    const failure = failureOf(await verifyApi2(transport(f.fetch), { ...INPUT, hostId: "eu" }));
    expect(failure).toMatchObject({ kind: "validation", message: "Unknown API 2.0 host." });
    expect(f.calls).toHaveLength(0);
  });

  it("the host table is exactly the three documented hosts", () => {
    expect(API2_HOSTS.map((h) => [h.id, h.host])).toEqual([
      ["global", "api.services.mimecast.com"],
      ["uk", "uk-api.services.mimecast.com"],
      ["us", "us-api.services.mimecast.com"],
    ]);
    expect(api2HostById("uk")?.host).toBe("uk-api.services.mimecast.com");
    expect(api2HostById("api.services.mimecast.com")).toBeUndefined();
  });
});

describe("siemDateRange: dates, UTC, yesterday..today", () => {
  it.each([
    ["2026-01-01T12:00:00Z", "2025-12-31", "2026-01-01"],
    ["2026-03-01T00:05:00Z", "2026-02-28", "2026-03-01"],
    ["2024-03-01T23:59:59.999Z", "2024-02-29", "2024-03-01"],
    // 01:30 in UTC+2 is still the previous day in UTC.
    ["2026-06-15T01:30:00+02:00", "2026-06-13", "2026-06-14"],
  ])("at %s -> %s..%s", (at, start, end) => {
    expect(siemDateRange(new Date(at))).toEqual({ start, end });
  });
});

describe("api2ErrorOf: every error shape API 2.0 answers with", () => {
  it.each([
    [
      "fail[] flat (recorded)",
      '{"fail":[{"code":"unauthorized","message":"Invalid"}]}',
      "unauthorized",
      "Invalid",
    ],
    ["fail[] flat, code only (recorded)", '{"fail":[{"code":"unauthorized"}]}', "unauthorized", undefined],
    [
      "fail[].errors[] (API 1.0 shape)",
      '{"meta":{"status":403},"data":[],"fail":[{"key":{},"errors":[{"code":"err_forbidden","message":"No access","retryable":false}]}]}',
      "err_forbidden",
      "No access",
    ],
    [
      "fail[] whose first entry is empty",
      '{"fail":[{},{"code":"validation_error","message":"Bad date"}]}',
      "validation_error",
      "Bad date",
    ],
    ["error object", '{"error":{"code":"forbidden","message":"Not allowed"}}', "forbidden", "Not allowed"],
    ["error object, numeric code", '{"error":{"code":403,"message":"Not allowed"}}', "403", "Not allowed"],
    [
      "error string + error_description (OAuth)",
      '{"error":"invalid_client","error_description":"Client authentication failed"}',
      "invalid_client",
      "Client authentication failed",
    ],
    ["error string alone", '{"error":"invalid_grant"}', "invalid_grant", undefined],
  ])("%s", (_name, body, code, message) => {
    const e = api2ErrorOf(body);
    expect(e.code).toBe(code);
    expect(e.message).toBe(message);
  });

  it.each([
    ["not JSON", "<html>blocked</html>"],
    ["an empty body", ""],
    ["an empty fail list", '{"fail":[]}'],
    ["a fail list that is not one", '{"fail":"nope"}'],
    ["an empty error string", '{"error":""}'],
    ["a JSON array", "[1,2]"],
    ["null", "null"],
  ])("%s -> no code, no message", (_name, body) => {
    expect(api2ErrorOf(body)).toEqual({});
  });

  it.each([
    ["fail[] flat", '{"fail":[{"code":"unauthorized","message":"Invalid client credentials"}]}'],
    [
      "fail[].errors[]",
      '{"fail":[{"errors":[{"code":"unauthorized","message":"Invalid client credentials"}]}]}',
    ],
    ["error object", '{"error":{"code":"unauthorized","message":"Invalid client credentials"}}'],
    ["error string", '{"error":"unauthorized","error_description":"Invalid client credentials"}'],
  ])("a 401 token answer as %s keeps Mimecast's code and message", async (_name, body) => {
    const f = fakeFetch(json(body, 401));
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      kind: "api2-bad-client",
      field: "clientSecret",
      code: "unauthorized",
      mimecastMessage: "Invalid client credentials",
    });
  });

  it("a 401 probe answer as an error object with token_expired -> verify again", async () => {
    const f = fakeFetch(TOKEN_OK, json('{"error":{"code":"token_expired","message":"Expired"}}', 401));
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      kind: "api2-bad-client",
      code: "token_expired",
      message: "The access token expired during the check.",
    });
  });
});

describe("verifyApi2: a 403 says what to fix", () => {
  it.each([
    ["product", { code: "forbidden", message: "The application is not subscribed to the SIEM product" }],
    ["product", { code: "product_not_enabled" }],
    ["permission", { code: "forbidden", message: "Insufficient permissions for this request" }],
    ["permission", { code: "forbidden", message: "The role does not allow it" }],
    ["unknown", { code: "forbidden", message: "Forbidden" }],
    ["unknown", {}],
  ])("%s <- %j", (reason, error) => {
    expect(forbiddenReason(error)).toBe(reason);
  });

  it("missing product -> a NEW application with SIEM selected, and where to create it", async () => {
    const body =
      '{"fail":[{"code":"forbidden","message":"The application is not subscribed to the SIEM product"}]}';
    const f = fakeFetch(
      TOKEN_OK,
      json(body, 403),
      json('{"fail":[{"code":"forbidden","message":"Forbidden"}]}', 403),
    );
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-forbidden",
      httpStatus: 403,
      step: "api2-new-application",
      mimecastMessage: "The application is not subscribed to the SIEM product",
      message: "The credentials work, but this application does not include the SIEM product.",
    });
    expect(failure.action).toContain("create a NEW API 2.0 application with the SIEM product selected");
    expect(failure.action).toContain("cannot be changed after");
    expect(failure.action).toContain(
      "Integrations › Integrations Hub › “Mimecast API 2.0” › “Configure New”",
    );
    expect(failure.action).toContain(
      "Integrations (or Services) › API and Platform Integrations › “Generate Keys”",
    );
    expect(failure.action).toContain("Integrations › API 2.0 Applications › “New Application”");
    expect(failure.action).not.toContain("Admin Roles");
  });

  it("missing permission -> the role needs SIEM Read (Account › Admin Roles)", async () => {
    const body = '{"error":{"code":"forbidden","message":"Insufficient permissions for this request"}}';
    const f = fakeFetch(TOKEN_OK, json(body, 403), json('{"fail":[{"code":"forbidden"}]}', 403));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-forbidden",
      step: "api2-role",
      mimecastMessage: "Insufficient permissions for this request",
      message: "The credentials work, but the application's role may not read SIEM data.",
    });
    expect(failure.action).toContain("“Threat and Security Events (SIEM) | Read”");
    expect(failure.action).toContain("Account › Admin Roles");
    expect(failure.action).not.toContain("NEW API 2.0 application");
  });

  it("advice names guide steps by id, never by quoting a step title", async () => {
    const f = fakeFetch(TOKEN_OK, json("{}", 403), json("{}", 403));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure.step).toBe("api2-role");
    expect(failure.action).not.toMatch(/guide step/i);
  });
});

describe("verifyApi2: Cloud Integrated accounts (cg refused, ci tried once)", () => {
  const CG_404 = json('{"fail":[{"code":"not_found","message":"Resource not found"}]}', 404);
  const CG_403 = json('{"fail":[{"code":"forbidden","message":"Forbidden"}]}', 403);
  const paths = (f: ReturnType<typeof fakeFetch>) => f.calls.map((c) => new URL(c.url).pathname);

  it.each([
    ["404", CG_404],
    ["403", CG_403],
  ])("cg %s, ci lists files -> success on Cloud Integrated, same token, same query", async (_s, cg) => {
    const f = fakeFetch(TOKEN_OK, cg, BATCH_ONE);
    expect(successOf(await verifyApi2(transport(f.fetch), INPUT))).toEqual({
      host: "api.services.mimecast.com",
      product: "Cloud Integrated",
      files: 1,
      caughtUp: false,
    });
    expect(paths(f)).toEqual(["/oauth/token", "/siem/v1/batch/events/cg", "/siem/v1/batch/events/ci"]);
    expect(headersOf(f.calls[2]).Authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(new URL(f.calls[2]?.url ?? "").search).toBe(new URL(f.calls[1]?.url ?? "").search);
  });

  it("cg 404, ci caught up -> success on Cloud Integrated, caught up", async () => {
    const f = fakeFetch(TOKEN_OK, CG_404, BATCH_CAUGHT_UP);
    expect(successOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      product: "Cloud Integrated",
      files: 0,
      caughtUp: true,
    });
  });

  it.each([
    ["401", json('{"fail":[{"code":"token_expired"}]}', 401)],
    ["429", json('{"fail":[{"code":"too_many_requests"}]}', 429)],
    ["500", json('{"fail":[{"code":"internal-error"}]}', 500)],
    ["400", json('{"fail":[{"code":"validation_error"}]}', 400)],
  ])("cg %s -> no ci request", async (_s, cg) => {
    const f = fakeFetch(TOKEN_OK, cg);
    failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(paths(f)).toEqual(["/oauth/token", "/siem/v1/batch/events/cg"]);
  });

  it("both 403 -> the cg failure (its product message), ci tried exactly once", async () => {
    const cg = json('{"fail":[{"code":"forbidden","message":"Not subscribed to the SIEM product"}]}', 403);
    const f = fakeFetch(TOKEN_OK, cg, CG_403);
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-forbidden",
      mimecastMessage: "Not subscribed to the SIEM product",
      step: "api2-new-application",
    });
    expect(paths(f)).toEqual(["/oauth/token", "/siem/v1/batch/events/cg", "/siem/v1/batch/events/ci"]);
  });

  it("cg 403, ci 404 -> the cg failure", async () => {
    const f = fakeFetch(TOKEN_OK, CG_403, CG_404);
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      kind: "api2-forbidden",
      httpStatus: 403,
      code: "forbidden",
    });
  });

  it("cg 404, ci 403 -> the 403 (it says more than a 404)", async () => {
    const ci = json('{"fail":[{"code":"forbidden","message":"Insufficient permissions"}]}', 403);
    const f = fakeFetch(TOKEN_OK, CG_404, ci);
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      httpStatus: 403,
      step: "api2-role",
      mimecastMessage: "Insufficient permissions",
    });
  });

  it("both 404 -> no SIEM data on either endpoint: most likely the product", async () => {
    const f = fakeFetch(TOKEN_OK, CG_404, json('{"fail":[{"code":"not_found"}]}', 404));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-forbidden",
      httpStatus: 404,
      code: "not_found",
      mimecastMessage: "Resource not found",
      step: "api2-new-application",
    });
    expect(failure.message).toContain("Cloud Gateway");
    expect(failure.message).toContain("Cloud Integrated");
  });

  it("cg 403, ci rate-limited -> the rate limit (ci answered this account)", async () => {
    const ci = json('{"fail":[{"code":"too_many_requests"}]}', 429, { "x-ratelimit-reset": "5000" });
    const f = fakeFetch(TOKEN_OK, CG_403, ci);
    expect(failureOf(await verifyApi2(transport(f.fetch), INPUT))).toMatchObject({
      kind: "rate-limited",
      retryAt: NOW.getTime() + 5_000,
    });
  });
});

import { describe, expect, it } from "vitest";
import { type Api2Input, verifyApi2 } from "../../../src/mimecast/api2";
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
      expect(value).toEqual({ host, files: 1, caughtUp: false });
      expect(f.calls.map((c) => [c.init.method, c.url])).toEqual([
        ["POST", `https://${host}/oauth/token`],
        [
          "GET",
          `https://${host}/siem/v1/batch/events/cg?type=receipt&dateRangeStartsAt=2026-01-01T11%3A00%3A00.000Z&pageSize=1`,
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
      clientSecret: " a+b/c=d&e f ",
    });
    expect(form(f.calls[0])).toBe(
      `client_id=${CLIENT_ID}&client_secret=a%2Bb%2Fc%3Dd%26e+f&grant_type=client_credentials`,
    );
    const parsed = new URLSearchParams(form(f.calls[0]));
    expect(parsed.get("client_secret")).toBe("a+b/c=d&e f");
  });

  it("the probe asks for one receipt batch from one hour before now, with the Bearer token", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_ONE);
    await verifyApi2(transport(f.fetch), INPUT);
    const url = new URL(f.calls[1]?.url ?? "");
    expect(url.pathname).toBe("/siem/v1/batch/events/cg");
    expect([...url.searchParams.entries()]).toEqual([
      ["type", "receipt"],
      ["dateRangeStartsAt", "2026-01-01T11:00:00.000Z"],
      ["pageSize", "1"],
    ]);
    expect(Date.parse(url.searchParams.get("dateRangeStartsAt") ?? "")).toBe(NOW.getTime() - 3_600_000);
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
      files: 3,
      caughtUp: false,
    });
  });

  it("caught up: no files, isCaughtUp true", async () => {
    const f = fakeFetch(TOKEN_OK, BATCH_CAUGHT_UP);
    expect(successOf(await verifyApi2(transport(f.fetch), INPUT))).toEqual({
      host: "api.services.mimecast.com",
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

  it("403 at the probe -> api2-forbidden naming the SIEM read permission", async () => {
    const f = fakeFetch(TOKEN_OK, json('{"fail":[{"code":"forbidden","message":"Forbidden"}]}', 403));
    const failure = failureOf(await verifyApi2(transport(f.fetch), INPUT));
    expect(failure).toMatchObject({
      kind: "api2-forbidden",
      httpStatus: 403,
      code: "forbidden",
      mimecastMessage: "Forbidden",
      message: "The credentials work, but this application may not read SIEM data.",
    });
    expect(failure.action).toContain("Threat and Security Events (SIEM) | Read");
    expect(f.calls).toHaveLength(2);
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

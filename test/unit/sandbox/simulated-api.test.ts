import { createHmac } from "node:crypto";
import { crc32, inflateRawSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  API2_CLIENT_CAUGHT_UP,
  API2_CLIENT_CLOUD_INTEGRATED,
  API2_CLIENT_CLOUD_INTEGRATED_403,
  API2_CLIENT_NO_SIEM,
  API2_CLIENT_NO_SIEM_PRODUCT,
  API2_CLIENT_NO_SIEM_ROLE,
  API2_CLIENT_RATE_LIMITED,
  SANDBOX_ACCOUNT_CODE,
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../../sandbox/accounts";
import { type ApiReply, type ApiRequest, type IssuedKey, SimulatedApi } from "../../sandbox/api";

const NOW = new Date("2026-01-01T12:00:00Z");
const DATE = "Thu, 01 Jan 2026 12:00:00 UTC";
const ACCOUNT = "/api/account/get-account";
const SIEM = "/api/audit/get-siem-logs";
const SIEM_BODY = '{"data":[{"type":"MTA","fileFormat":"json","compress":true}]}';

type Reply = Extract<ApiReply, { kind: "reply" }>;

let ids = 0;
function requestId(): string {
  ids += 1;
  return `00000000-0000-4000-8000-${String(ids).padStart(12, "0")}`;
}

function replyOf(r: ApiReply): Reply {
  if (r.kind !== "reply") throw new Error(`expected a reply, got ${r.kind}`);
  return r;
}

function text(r: Reply): string {
  return typeof r.body === "string" ? r.body : Buffer.from(r.body).toString("utf8");
}

function bodyJson(r: Reply): unknown {
  return JSON.parse(text(r));
}

function newApi(now: () => Date = () => NOW): SimulatedApi {
  return new SimulatedApi({ now });
}

function login(api: SimulatedApi, local: string, host = "eu-api.mimecast.com"): IssuedKey {
  const email = sandboxAddress(local);
  const r = replyOf(
    api.handle({
      method: "POST",
      host,
      path: "/api/login/login",
      headers: {
        "x-mc-app-id": SANDBOX_APP_ID,
        "x-mc-date": DATE,
        "x-mc-req-id": requestId(),
        authorization: `Basic-Cloud ${Buffer.from(`${email}:${SANDBOX_PASSWORD}`).toString("base64")}`,
      },
      body: JSON.stringify({ data: [{ userName: email }] }),
    }),
  );
  expect(r.status).toBe(200);
  const data = (bodyJson(r) as { data: { accessKey: string; secretKey: string }[] }).data[0];
  const issued = api.issued.get(data?.accessKey ?? "");
  if (!issued) throw new Error("login issued no key");
  expect(issued.secretKey).toBe(data?.secretKey);
  return issued;
}

interface SignOptions {
  readonly appKey?: string;
  readonly secretKey?: string;
  readonly accessKey?: string;
  readonly appId?: string;
  readonly signedPath?: string;
}

/** A signed API 1.0 request, signed here with node:crypto (independently of the sandbox). */
function signed(key: IssuedKey, host: string, path: string, body: string, o: SignOptions = {}): ApiRequest {
  const reqId = requestId();
  const sig = createHmac("sha1", Buffer.from(o.secretKey ?? key.secretKey, "base64"))
    .update(`${DATE}:${reqId}:${o.signedPath ?? path}:${o.appKey ?? SANDBOX_APP_KEY}`, "utf8")
    .digest("base64");
  return {
    method: "POST",
    host,
    path,
    headers: {
      authorization: `MC ${o.accessKey ?? key.accessKey}:${sig}`,
      "x-mc-app-id": o.appId ?? SANDBOX_APP_ID,
      "x-mc-date": DATE,
      "x-mc-req-id": reqId,
      "content-type": "application/json",
    },
    body,
  };
}

const INVALID_SIGNATURE = {
  meta: { status: 401 },
  data: [],
  fail: [
    { errors: [{ code: "err_xdk_invalid_signature", message: "0004 Invalid Signature", retryable: false }] },
  ],
};

function expectRateHeaders(r: Reply): void {
  expect(r.headers["x-ratelimit-limit"]).toMatch(/^\d+$/);
  expect(r.headers["x-ratelimit-remaining"]).toMatch(/^\d+$/);
  expect(r.headers["x-ratelimit-reset"]).toMatch(/^\d+$/);
}

function expectNoCors(r: Reply): void {
  for (const name of Object.keys(r.headers)) expect(name.toLowerCase()).not.toMatch(/^access-control-/);
}

/** The entries of a zip, read by hand from its central directory (APPNOTE 4.3). */
function unzip(zip: Buffer): { name: string; data: Buffer; crc: number; method: number }[] {
  const eocd = zip.length - 22;
  expect(zip.readUInt32LE(eocd)).toBe(0x06054b50);
  const count = zip.readUInt16LE(eocd + 10);
  const dirSize = zip.readUInt32LE(eocd + 12);
  let p = zip.readUInt32LE(eocd + 16);
  expect(p + dirSize).toBe(eocd);
  const out: { name: string; data: Buffer; crc: number; method: number }[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString("utf8");
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.readUInt32LE(local + 14)).toBe(crc);
    expect(zip.readUInt32LE(local + 18)).toBe(compressed);
    const localName = zip.readUInt16LE(local + 26);
    const localExtra = zip.readUInt16LE(local + 28);
    const start = local + 30 + localName + localExtra;
    const raw = zip.subarray(start, start + compressed);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    out.push({ name, data, crc, method });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

describe("SimulatedApi: signed API 1.0 calls", () => {
  it("a login, then a correctly signed get-account, succeeds with the issuing region", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    expect(key.regionHost).toBe("eu-api.mimecast.com");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}')));
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expectRateHeaders(r);
    expectNoCors(r);
    const body = bodyJson(r) as { meta: unknown; data: Record<string, unknown>[]; fail: unknown[] };
    expect(body.meta).toEqual({ status: 200 });
    expect(body.fail).toEqual([]);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      accountName: "Sandbox Corp",
      accountCode: "CSBX00A000",
      region: "eu",
    });
  });

  it("get-account reports the issuing region for keys from another region", () => {
    const api = newApi();
    const key = login(api, "siem-us", "us-api.mimecast.com");
    const r = replyOf(api.handle(signed(key, "us-api.mimecast.com", ACCOUNT, '{"data":[]}')));
    expect((bodyJson(r) as { data: { region: string }[] }).data[0]?.region).toBe("us");
  });

  it.each([
    ["a wrong application key", { appKey: "d3JvbmctYXBwLWtleQ==" }],
    ["a wrong secret key", { secretKey: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" }],
    ["a signature over another path", { signedPath: SIEM }],
  ])("%s -> HTTP 401 err_xdk_invalid_signature", (_name, options) => {
    const api = newApi();
    const key = login(api, "siem-service");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}', options)));
    expect(r.status).toBe(401);
    expect(bodyJson(r)).toEqual(INVALID_SIGNATURE);
    expect(r.headers["x-ratelimit-limit"]).toBe("800");
  });

  it("an unknown access key -> the same 401, from the other rate-limit bucket (as recorded)", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    const r = replyOf(
      api.handle(
        signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}', { accessKey: "unknownAccessKey" }),
      ),
    );
    expect(r.status).toBe(401);
    expect(bodyJson(r)).toEqual(INVALID_SIGNATURE);
    expect(r.headers["x-ratelimit-limit"]).toBe("5000");
  });

  it("a tampered date or request id breaks the signature", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    const req = signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}');
    const otherId = {
      ...req,
      headers: { ...req.headers, "x-mc-req-id": "00000000-0000-4000-8000-999999999999" },
    };
    const otherDate = { ...req, headers: { ...req.headers, "x-mc-date": "Thu, 01 Jan 2026 12:00:01 UTC" } };
    expect(replyOf(api.handle(otherId)).status).toBe(401);
    expect(replyOf(api.handle(otherDate)).status).toBe(401);
    expect(replyOf(api.handle(req)).status).toBe(200);
  });

  it("a malformed Authorization -> 401; a missing one -> 400", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    const req = signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}');
    const malformed = { ...req, headers: { ...req.headers, authorization: `Bearer ${key.accessKey}` } };
    const missing = { ...req, headers: { ...req.headers, authorization: undefined } };
    expect(replyOf(api.handle(malformed)).status).toBe(401);
    const r = replyOf(api.handle(missing));
    expect(r.status).toBe(400);
    expect(text(r)).toContain("err_validation_blank");
  });

  it("an unknown application ID -> HTTP 200 err_developer_key, before the signature is looked at", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    const appId = "00000000-aaaa-4bbb-8ccc-000000000009";
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}', { appId })));
    expect(r.status).toBe(200);
    expect(bodyJson(r)).toEqual({
      meta: { status: 200 },
      data: [],
      fail: [
        { errors: [{ code: "err_developer_key", message: `App ID is invalid: ${appId}`, retryable: false }] },
      ],
    });
  });

  it("expired keys: get-account -> HTTP 418 err_xdk_binding_expired", () => {
    const api = newApi();
    const key = login(api, "expired-keys");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}')));
    expect(r.status).toBe(418);
    expect(bodyJson(r)).toEqual({
      meta: { status: 418 },
      data: [],
      fail: [
        { errors: [{ code: "err_xdk_binding_expired", message: "AccessKey Has Expired", retryable: false }] },
      ],
    });
    expectRateHeaders(r);
  });
});

describe("SimulatedApi: get-siem-logs", () => {
  it("logs available: a real zip of one JSON log file, with a file name and an mc-siem-token", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY)));
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/octet-stream");
    expect(r.headers["content-disposition"]).toBe('attachment; filename="CSBX00A000_MTA_20260101120000.zip"');
    expectRateHeaders(r);
    expectNoCors(r);

    const zip = Buffer.from(r.body);
    expect(typeof r.body).not.toBe("string");
    expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
    const entries = unzip(zip);
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry?.name).toBe("CSBX00A000_MTA_20260101120000_1.json");
    expect(entry?.method).toBe(8);
    expect(entry?.crc).toBe(crc32(entry?.data ?? Buffer.alloc(0)));
    const log = JSON.parse(entry?.data.toString("utf8") ?? "") as {
      type: string;
      data: Record<string, unknown>[];
    };
    expect(log.type).toBe("MTA");
    expect(log.data).toHaveLength(3);
    for (const event of log.data) {
      expect(event.acc).toBe(SANDBOX_ACCOUNT_CODE);
      expect(event.datetime).toMatch(/^2026-01-01T11:5\d:\d\d\+0000$/);
      expect(typeof event.Rcpt).toBe("string");
    }

    const token = r.headers["mc-siem-token"] ?? "";
    // zlib's level-9 header 78 DA encodes as "eNo" to "eNr", depending on the byte after it.
    expect(token).toMatch(/^eN[o-r][A-Za-z0-9_-]+$/);
    const decoded = JSON.parse(inflateSync(Buffer.from(token, "base64url")).toString("utf8")) as Record<
      string,
      unknown
    >;
    expect(decoded).toMatchObject({ offset: 1, siemlogtype: 0, version: 1, account: SANDBOX_ACCOUNT_CODE });
    expect(decoded.createTime).toBe(NOW.getTime());
    expect(String(decoded.secureid)).toHaveLength(88);
  });

  it("uncompressed key format: the bare key=value log file", () => {
    const api = newApi();
    const key = login(api, "siem-de", "de-api.mimecast.com");
    const r = replyOf(
      api.handle(
        signed(
          key,
          "de-api.mimecast.com",
          SIEM,
          '{"data":[{"type":"MTA","fileFormat":"key","compress":false}]}',
        ),
      ),
    );
    expect(r.status).toBe(200);
    expect(r.headers["content-disposition"]).toBe('attachment; filename="CSBX00A000_MTA_20260101120000.log"');
    const lines = text(r).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^acc=CSBX00A000\|SpamLimit=28\|/);
  });

  it("a token from an earlier answer -> caught up", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    const first = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY)));
    const token = first.headers["mc-siem-token"];
    const body = JSON.stringify({ data: [{ type: "MTA", fileFormat: "json", compress: true, token }] });
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, body)));
    expect(bodyJson(r)).toEqual({ meta: { isLastToken: true, status: 200 }, data: [], fail: [] });
  });

  it("caught-up account -> isLastToken JSON", () => {
    const api = newApi();
    const key = login(api, "caught-up");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY)));
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    expect(text(r)).toBe('{"meta":{"isLastToken":true,"status":200},"data":[],"fail":[]}');
    expectRateHeaders(r);
  });

  it("no-logging account -> HTTP 403 err_audit_log_not_enabled", () => {
    const api = newApi();
    const key = login(api, "no-logging");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY)));
    expect(r.status).toBe(403);
    expect(bodyJson(r)).toMatchObject({
      meta: { status: 403 },
      fail: [{ errors: [{ code: "err_audit_log_not_enabled" }] }],
    });
  });

  it("siem-rate-limited account -> HTTP 429 with x-ratelimit-reset 30000", () => {
    const api = newApi();
    const key = login(api, "siem-rate-limited");
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY)));
    expect(r.status).toBe(429);
    expect(r.headers["x-ratelimit-reset"]).toBe("30000");
    expect(r.headers["x-ratelimit-remaining"]).toBe("0");
  });

  it("expired keys -> HTTP 418 here too", () => {
    const api = newApi();
    const key = login(api, "expired-keys");
    expect(replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY))).status).toBe(418);
  });

  it("keys used on another region's host: get-account works, get-siem-logs -> err_audit_log_incorrect_region", () => {
    const api = newApi();
    const key = login(api, "siem-de", "de-api.mimecast.com");
    expect(replyOf(api.handle(signed(key, "eu-api.mimecast.com", ACCOUNT, '{"data":[]}'))).status).toBe(200);
    const r = replyOf(api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY)));
    expect(r.status).toBe(200);
    expect(bodyJson(r)).toEqual({
      meta: { status: 200 },
      data: [],
      fail: [
        {
          errors: [
            {
              code: "err_audit_log_incorrect_region",
              message: "Incorrect region for the account",
              retryable: false,
            },
          ],
        },
      ],
    });
  });

  it("records host and path only: no secrets, keys or signatures in `seen`", () => {
    const api = newApi();
    const key = login(api, "siem-service");
    api.handle(signed(key, "eu-api.mimecast.com", SIEM, SIEM_BODY));
    expect(api.seen).toEqual([
      { host: "eu-api.mimecast.com", path: "/api/login/login" },
      { host: "eu-api.mimecast.com", path: SIEM },
    ]);
    const all = JSON.stringify(api.seen);
    expect(all).not.toContain(key.secretKey);
    expect(all).not.toContain(key.accessKey);
    expect(all).not.toContain(SANDBOX_PASSWORD);
  });
});

function tokenRequest(
  clientId: string,
  clientSecret: string,
  host = "api.services.mimecast.com",
): ApiRequest {
  return {
    method: "POST",
    host,
    path: "/oauth/token",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    }).toString(),
  };
}

function tokenFor(api: SimulatedApi, clientId: string, clientSecret: string, host?: string): string {
  const r = replyOf(api.handle(tokenRequest(clientId, clientSecret, host)));
  expect(r.status).toBe(200);
  return (bodyJson(r) as { access_token: string }).access_token;
}

function probe(
  token: string | undefined,
  query: string,
  host = "api.services.mimecast.com",
  endpoint: "cg" | "ci" = "cg",
): ApiRequest {
  return {
    method: "GET",
    host,
    path: `/siem/v1/batch/events/${endpoint}`,
    query,
    headers: {
      accept: "application/json",
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: "",
  };
}

const PROBE_QUERY = "?type=receipt&dateRangeStartsAt=2025-12-31&dateRangeEndsAt=2026-01-01&pageSize=1";

describe("SimulatedApi: API 2.0", () => {
  it("the token endpoint issues a Bearer token and remembers its client and expiry", () => {
    const api = newApi();
    const r = replyOf(api.handle(tokenRequest(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET)));
    expect(r.status).toBe(200);
    expectNoCors(r);
    const body = bodyJson(r) as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9]{28}$/),
      token_type: "Bearer",
      expires_in: 1799,
      scope: "",
    });
    expect(api.api2.tokens.get(String(body.access_token))).toEqual({
      clientId: SANDBOX_CLIENT_ID,
      host: "api.services.mimecast.com",
      expiresAt: NOW.getTime() + 1_799_000,
    });
    expect(JSON.stringify([...api.api2.tokens.values()])).not.toContain(SANDBOX_CLIENT_SECRET);
  });

  it.each([
    ["a wrong secret", SANDBOX_CLIENT_ID, "wrong-secret"],
    ["an unknown client", "unknownClientId", SANDBOX_CLIENT_SECRET],
    ["another client's secret", SANDBOX_CLIENT_ID, API2_CLIENT_NO_SIEM.clientSecret],
  ])("%s -> HTTP 401 unauthorized", (_name, id, secret) => {
    const api = newApi();
    const r = replyOf(api.handle(tokenRequest(id, secret)));
    expect(r.status).toBe(401);
    expect(bodyJson(r)).toEqual({ fail: [{ code: "unauthorized", message: "Invalid client credentials" }] });
    expect(api.api2.tokens.size).toBe(0);
  });

  it("a JSON body, a wrong grant type or GET at the token endpoint are refused", () => {
    const api = newApi();
    const good = tokenRequest(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    const asJson = { ...good, headers: { "content-type": "application/json" } };
    const grant = { ...good, body: good.body.replace("client_credentials", "password") };
    expect(replyOf(api.handle(asJson)).status).toBe(400);
    expect(replyOf(api.handle(grant)).status).toBe(400);
    expect(replyOf(api.handle({ ...good, method: "GET" })).status).toBe(405);
  });

  it.each(["api.services.mimecast.com", "uk-api.services.mimecast.com", "us-api.services.mimecast.com"])(
    "the probe on %s lists a batch file for a good client",
    (host) => {
      const api = newApi();
      const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, host);
      const r = replyOf(api.handle(probe(token, PROBE_QUERY, host)));
      expect(r.status).toBe(200);
      expectNoCors(r);
      const body = bodyJson(r) as {
        value: { url: string; expiry: string; size: number }[];
        "@nextPage": string;
        isCaughtUp: boolean;
      };
      expect(body.isCaughtUp).toBe(false);
      expect(body.value).toHaveLength(1);
      expect(body.value[0]?.url).toMatch(/^https:\/\/.+\/receipt\/.+\.json\.gz$/);
      expect(body.value[0]?.expiry).toBe("2026-01-01T12:15:00.000Z");
      expect(body.value[0]?.size).toBe(354);
      expect(body["@nextPage"]).toMatch(/^[A-Za-z0-9+/]+=*$/);
    },
  );

  it("without pageSize the probe lists three files", () => {
    const api = newApi();
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    const r = replyOf(api.handle(probe(token, "?type=receipt&dateRangeStartsAt=2026-01-01")));
    expect((bodyJson(r) as { value: unknown[] }).value).toHaveLength(3);
  });

  it.each([
    ["no token", undefined],
    ["an unknown token", "NotATokenThisSandboxIssued0"],
  ])("%s -> HTTP 401 unauthorized", (_name, token) => {
    const api = newApi();
    tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    const r = replyOf(api.handle(probe(token, PROBE_QUERY)));
    expect(r.status).toBe(401);
    expect(bodyJson(r)).toEqual({ fail: [{ code: "unauthorized" }] });
  });

  it("an expired token -> HTTP 401 token_expired", () => {
    let now = NOW;
    const api = newApi(() => now);
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    now = new Date(NOW.getTime() + 1_798_000);
    expect(replyOf(api.handle(probe(token, PROBE_QUERY))).status).toBe(200);
    now = new Date(NOW.getTime() + 1_799_000);
    const r = replyOf(api.handle(probe(token, PROBE_QUERY)));
    expect(r.status).toBe(401);
    expect((bodyJson(r) as { fail: { code: string }[] }).fail[0]?.code).toBe("token_expired");
  });

  it.each([
    ["no type", "?dateRangeStartsAt=2026-01-01"],
    ["an unknown type", "?type=everything&dateRangeStartsAt=2026-01-01"],
    ["a date that is not one", "?type=receipt&dateRangeStartsAt=yesterday"],
    ["a full ISO timestamp as start", "?type=receipt&dateRangeStartsAt=2026-01-01T11%3A00%3A00.000Z"],
    [
      "a timestamp without millis as end",
      "?type=receipt&dateRangeStartsAt=2026-01-01&dateRangeEndsAt=2026-01-01T12:00:00Z",
    ],
    ["a date with a time zone", "?type=receipt&dateRangeStartsAt=2026-01-01%2B00:00"],
    ["an impossible date", "?type=receipt&dateRangeStartsAt=2026-02-30"],
    ["a one-digit month", "?type=receipt&dateRangeStartsAt=2026-1-01"],
    ["an empty start", "?type=receipt&dateRangeStartsAt="],
    ["start after end", "?type=receipt&dateRangeStartsAt=2026-01-02&dateRangeEndsAt=2026-01-01"],
    ["a zero pageSize", "?type=receipt&dateRangeStartsAt=2026-01-01&pageSize=0"],
    ["no query", ""],
  ])("%s -> HTTP 400 validation_error (flat)", (_name, query) => {
    const api = newApi();
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    const r = replyOf(api.handle(probe(token, query)));
    expect(r.status).toBe(400);
    const body = bodyJson(r) as { fail: { code: string; message: string }[] };
    expect(body.fail).toHaveLength(1);
    expect(body.fail[0]?.code).toBe("validation_error");
    expect(body.fail[0]?.message).toEqual(expect.any(String));
  });

  it.each([
    ["no date range", "?type=receipt&pageSize=1"],
    ["a start date only", "?type=receipt&dateRangeStartsAt=2025-12-31&pageSize=1"],
    ["one day", "?type=receipt&dateRangeStartsAt=2026-01-01&dateRangeEndsAt=2026-01-01&pageSize=1"],
    ["yesterday..today", PROBE_QUERY],
    ["a leap day", "?type=receipt&dateRangeStartsAt=2024-02-29&pageSize=1"],
  ])("%s is accepted", (_name, query) => {
    const api = newApi();
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    expect(replyOf(api.handle(probe(token, query))).status).toBe(200);
  });

  it("an ISO timestamp is refused with a message that names the date form", () => {
    const api = newApi();
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    const r = replyOf(
      api.handle(probe(token, "?type=receipt&dateRangeStartsAt=2026-01-01T11%3A00%3A00.000Z")),
    );
    expect(bodyJson(r)).toEqual({
      fail: [
        { code: "validation_error", message: "dateRangeStartsAt must be a date in the form yyyy-MM-dd" },
      ],
    });
  });

  it.each([
    ["unspecified", API2_CLIENT_NO_SIEM, "Forbidden"],
    [
      "role",
      API2_CLIENT_NO_SIEM_ROLE,
      "Insufficient permissions: the application role does not allow this request",
    ],
    ["product", API2_CLIENT_NO_SIEM_PRODUCT, "The application is not subscribed to the SIEM product"],
  ])("403 (%s) on cg; the plain 403 on ci", (_name, client, message) => {
    const api = newApi();
    const token = tokenFor(api, client.clientId, client.clientSecret);
    expect(bodyJson(replyOf(api.handle(probe(token, PROBE_QUERY))))).toEqual({
      fail: [{ code: "forbidden", message }],
    });
    const ci = replyOf(api.handle(probe(token, PROBE_QUERY, undefined, "ci")));
    expect(ci.status).toBe(403);
    expect(bodyJson(ci)).toEqual({ fail: [{ code: "forbidden", message: "Forbidden" }] });
  });

  it.each([
    [404, API2_CLIENT_CLOUD_INTEGRATED],
    [403, API2_CLIENT_CLOUD_INTEGRATED_403],
  ])("a Cloud Integrated client: cg answers %s, ci lists files under /ci/", (status, client) => {
    const api = newApi();
    const token = tokenFor(api, client.clientId, client.clientSecret);
    const cg = replyOf(api.handle(probe(token, PROBE_QUERY)));
    expect(cg.status).toBe(status);
    expect((bodyJson(cg) as { fail: unknown[] }).fail).toHaveLength(1);
    const ci = replyOf(api.handle(probe(token, PROBE_QUERY, undefined, "ci")));
    expect(ci.status).toBe(200);
    const body = bodyJson(ci) as { value: { url: string }[]; isCaughtUp: boolean };
    expect(body.value).toHaveLength(1);
    expect(body.value[0]?.url).toMatch(/\/ci\/receipt\//);
  });

  it("a Cloud Integrated client's ci probe validates dates too", () => {
    const api = newApi();
    const token = tokenFor(
      api,
      API2_CLIENT_CLOUD_INTEGRATED.clientId,
      API2_CLIENT_CLOUD_INTEGRATED.clientSecret,
    );
    const r = replyOf(
      api.handle(probe(token, "?type=receipt&dateRangeStartsAt=2026-01-01T00:00:00Z", undefined, "ci")),
    );
    expect(r.status).toBe(400);
  });

  it("a Cloud Gateway client gets no data from ci", () => {
    const api = newApi();
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    expect(replyOf(api.handle(probe(token, PROBE_QUERY, undefined, "ci"))).status).toBe(403);
  });

  it("a client without SIEM permission -> HTTP 403 forbidden", () => {
    const api = newApi();
    const token = tokenFor(api, API2_CLIENT_NO_SIEM.clientId, API2_CLIENT_NO_SIEM.clientSecret);
    const r = replyOf(api.handle(probe(token, PROBE_QUERY)));
    expect(r.status).toBe(403);
    expect(bodyJson(r)).toEqual({ fail: [{ code: "forbidden", message: "Forbidden" }] });
  });

  it("a rate-limited client -> HTTP 429 with x-ratelimit-reset in ms", () => {
    const api = newApi();
    const token = tokenFor(api, API2_CLIENT_RATE_LIMITED.clientId, API2_CLIENT_RATE_LIMITED.clientSecret);
    const r = replyOf(api.handle(probe(token, PROBE_QUERY)));
    expect(r.status).toBe(429);
    expect(r.headers["x-ratelimit-reset"]).toBe("15000");
  });

  it("a caught-up client -> no files, isCaughtUp", () => {
    const api = newApi();
    const token = tokenFor(api, API2_CLIENT_CAUGHT_UP.clientId, API2_CLIENT_CAUGHT_UP.clientSecret);
    const r = replyOf(api.handle(probe(token, PROBE_QUERY)));
    expect(r.status).toBe(200);
    expect(bodyJson(r)).toEqual({ value: [], "@nextPage": expect.any(String), isCaughtUp: true });
  });

  it("other paths and methods on API 2.0 hosts are refused; seen holds host and path only", () => {
    const api = newApi();
    const token = tokenFor(api, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET);
    expect(replyOf(api.handle({ ...probe(token, PROBE_QUERY), method: "POST" })).status).toBe(405);
    expect(replyOf(api.handle({ ...probe(token, ""), path: "/siem/v1/events/cg" })).status).toBe(404);
    expect(api.seen).toEqual([
      { host: "api.services.mimecast.com", path: "/oauth/token" },
      { host: "api.services.mimecast.com", path: "/siem/v1/batch/events/cg" },
      { host: "api.services.mimecast.com", path: "/siem/v1/events/cg" },
    ]);
    expect(JSON.stringify(api.seen)).not.toContain(token);
  });
});

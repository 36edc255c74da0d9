import { describe, expect, it } from "vitest";
import { discover, generateKeys, login } from "../../../src/mimecast/client";
import { regionById } from "../../../src/mimecast/regions";
import {
  APP_ID,
  bodyOf,
  counterRequestIds,
  decodeBasic,
  EMAIL,
  expectNoSecret,
  FIXED_NOW_HEADER,
  failureOf,
  fakeFetch,
  fixture,
  headersOf,
  json,
  makeTransport,
  PASSWORD,
  successOf,
} from "./helpers";

const DISCOVER_URL = "https://api.mimecast.com/api/login/discover-authentication";
const EU = regionById("eu");
const DE = regionById("de");
if (!EU || !DE) throw new Error("region table changed");

const EXPECTED_ACCESS_KEY =
  "mYtOL3XZCOwG96BOiFTZRmZvqDAAbk0ik1ez0GwmB3rfQGIhQ03vO8pSgHGSaIb4u0tZz4sdBkyETRGmhUHkuYUrbBzg8bKOcvCWdNaIZE97UaEWapalONJEYcn4SUk-2eorS8uMHuOVDDtrutlKudoE-zdxGhXxN4KDBL3PZjk=";
const EXPECTED_SECRET_KEY =
  "FaKeSeCrEtKeY0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345==";

function loginBody(data: Record<string, unknown>): string {
  return JSON.stringify({ meta: { status: 200 }, data: [data], fail: [] });
}

describe("discover", () => {
  it("POSTs the email to the global discovery host with the Mimecast headers", async () => {
    const f = fakeFetch(json(fixture("discover-ok.json")));
    const t = makeTransport(f.fetch, { requestId: () => "11111111-2222-4333-8444-555555555555" });
    const result = await discover(t, APP_ID, EMAIL);

    expect(successOf(result)).toEqual({ region: EU, authenticate: ["cloud", "domain"] });
    expect(successOf(result).region).toBe(EU);
    expect(f.calls).toHaveLength(1);
    const call = f.calls[0];
    expect(call?.url).toBe(DISCOVER_URL);
    expect(call?.init.method).toBe("POST");
    expect(headersOf(call)).toEqual({
      "x-mc-app-id": APP_ID,
      "x-mc-req-id": "11111111-2222-4333-8444-555555555555",
      "x-mc-date": FIXED_NOW_HEADER,
      "Content-Type": "application/json",
      Accept: "application/json",
    });
    expect(call?.init.body).toBe(`{"data":[{"emailAddress":"${EMAIL}"}]}`);
    expect(bodyOf(call)).toEqual({ data: [{ emailAddress: EMAIL }] });
    expect(call?.init.credentials).toBe("omit");
    expect(call?.init.redirect).toBe("error");
  });

  it("sends the x-mc-date of the injected clock in Mimecast's RFC 1123 form", async () => {
    const f = fakeFetch(json(fixture("discover-ok.json")));
    const now = new Date(Date.UTC(2026, 0, 5, 3, 4, 5));
    await discover(makeTransport(f.fetch, { now: () => now }), APP_ID, EMAIL);
    expect(headersOf(f.calls[0])["x-mc-date"]).toBe("Mon, 05 Jan 2026 03:04:05 UTC");
  });

  it("accepts a region answered with a trailing /api", async () => {
    const body = JSON.stringify({ data: [{ region: { api: "https://de-api.mimecast.com/api/" } }] });
    const result = await discover(makeTransport(fakeFetch(json(body)).fetch), APP_ID, EMAIL);
    expect(successOf(result)).toEqual({ region: DE, authenticate: [] });
  });

  it("an address without region -> unknown-email on the email field", async () => {
    const f = fakeFetch(json(fixture("discover-unknown-email.json")));
    const failure = failureOf(await discover(makeTransport(f.fetch), APP_ID, "nobody@example.com"));
    expect(failure).toMatchObject({
      kind: "unknown-email",
      field: "email",
      httpStatus: 200,
      message: "Mimecast does not know this email address.",
    });
  });

  it("a region api off the allow-list -> region-not-allowed naming the host", async () => {
    const f = fakeFetch(json(fixture("discover-off-list.json")));
    const failure = failureOf(await discover(makeTransport(f.fetch), APP_ID, EMAIL));
    expect(failure.kind).toBe("region-not-allowed");
    expect(failure.field).toBe("region");
    expect(failure.message).toContain("“eu-api.mimecast.com.evil.example”");
    expect(failure.message).toContain("Your password was not sent.");
  });

  it("an http:// region api is refused too", async () => {
    const body = JSON.stringify({ data: [{ region: { api: "http://eu-api.mimecast.com" } }] });
    const failure = failureOf(await discover(makeTransport(fakeFetch(json(body)).fetch), APP_ID, EMAIL));
    expect(failure.kind).toBe("region-not-allowed");
  });

  it("a region api that is not a URL is shown as text, cut to 80 characters with an ellipsis", async () => {
    const api = `not a url ${"x".repeat(200)}`;
    const body = JSON.stringify({ data: [{ region: { api } }] });
    const failure = failureOf(await discover(makeTransport(fakeFetch(json(body)).fetch), APP_ID, EMAIL));
    expect(failure.kind).toBe("region-not-allowed");
    // 79 characters and an ellipsis: 80 in all.
    expect(failure.message).toContain(`“${api.slice(0, 79)}…”`);
    expect(failure.message).not.toContain(api.slice(0, 80));
  });

  it("a region without api -> bad-shape", async () => {
    const body = JSON.stringify({ data: [{ region: { code: "eu" } }] });
    const failure = failureOf(await discover(makeTransport(fakeFetch(json(body)).fetch), APP_ID, EMAIL));
    expect(failure).toMatchObject({ kind: "bad-shape", httpStatus: 200 });
    expect(failure.message).toContain("discover data");
  });
});

describe("login", () => {
  const input = { appId: APP_ID, email: EMAIL, password: PASSWORD, authType: "cloud" } as const;

  it("POSTs to the region's login URL with Basic-Cloud credentials and returns the keys", async () => {
    const f = fakeFetch(json(fixture("login-ok.json")));
    const t = makeTransport(f.fetch, { requestId: () => "req-login" });
    const keys = successOf(await login(t, EU, input));

    expect(keys).toEqual({
      accessKey: EXPECTED_ACCESS_KEY,
      secretKey: EXPECTED_SECRET_KEY,
      durationMs: 3_153_600_000_000,
      bindingType: "one_step",
    });
    expect(f.calls).toHaveLength(1);
    const call = f.calls[0];
    expect(call?.url).toBe("https://eu-api.mimecast.com/api/login/login");
    expect(call?.init.method).toBe("POST");
    const headers = headersOf(call);
    expect(headers).toEqual({
      "x-mc-app-id": APP_ID,
      "x-mc-req-id": "req-login",
      "x-mc-date": FIXED_NOW_HEADER,
      "Content-Type": "application/json",
      Accept: "application/json",
      Authorization: `Basic-Cloud ${Buffer.from(`${EMAIL}:${PASSWORD}`, "utf8").toString("base64")}`,
    });
    expect(decodeBasic(headers.Authorization ?? "")).toEqual({
      scheme: "Basic-Cloud",
      credentials: `${EMAIL}:${PASSWORD}`,
    });
    expect(call?.init.body).toBe(`{"data":[{"userName":"${EMAIL}"}]}`);
    // The password travels only in the Authorization header.
    expect(String(call?.init.body)).not.toContain(PASSWORD);
  });

  it("decodes \\u003d in the raw JSON to '='", async () => {
    const raw = fixture("login-ok.json");
    expect(raw).toContain("\\u003d");
    expect(raw).not.toContain('=",');
    const keys = successOf(await login(makeTransport(fakeFetch(json(raw)).fetch), EU, input));
    expect(keys.accessKey.endsWith("=")).toBe(true);
    expect(keys.accessKey.endsWith("==")).toBe(false);
    expect(keys.secretKey.endsWith("==")).toBe(true);
    expect(keys.accessKey).not.toContain("\\");
    expect(keys.accessKey).not.toContain("u003d");
  });

  it("uses Basic-AD for a domain password", async () => {
    const f = fakeFetch(json(fixture("login-ok.json")));
    await login(makeTransport(f.fetch), EU, { ...input, authType: "domain" });
    expect(decodeBasic(headersOf(f.calls[0]).Authorization ?? "")).toEqual({
      scheme: "Basic-AD",
      credentials: `${EMAIL}:${PASSWORD}`,
    });
  });

  it("trims whitespace around the keys", async () => {
    const body = loginBody({ accessKey: "  AK==\n", secretKey: "\tSK=  " });
    const keys = successOf(await login(makeTransport(fakeFetch(json(body)).fetch), EU, input));
    expect(keys).toEqual({ accessKey: "AK==", secretKey: "SK=" });
  });

  it.each([
    [28_800_000, 28_800_000],
    [2_592_000_000, 2_592_000_000],
    [0, 0],
  ])("maps duration %i to durationMs %i", async (duration, durationMs) => {
    const body = loginBody({ accessKey: "AK", secretKey: "SK", duration, bindingType: "one_step" });
    const keys = successOf(await login(makeTransport(fakeFetch(json(body)).fetch), EU, input));
    expect(keys).toEqual({ accessKey: "AK", secretKey: "SK", durationMs, bindingType: "one_step" });
  });

  it("leaves durationMs and bindingType out when Mimecast does not report them", async () => {
    const keys = successOf(
      await login(
        makeTransport(fakeFetch(json(loginBody({ accessKey: "AK", secretKey: "SK" }))).fetch),
        EU,
        input,
      ),
    );
    expect(keys).toEqual({ accessKey: "AK", secretKey: "SK" });
    expect("durationMs" in keys).toBe(false);
    expect("bindingType" in keys).toBe(false);
    expect("extendOnValidate" in keys).toBe(false);
  });

  it("data missing accessKey -> bad-shape", async () => {
    const f = fakeFetch(json(fixture("login-no-access-key.json")));
    const failure = failureOf(await login(makeTransport(f.fetch), EU, input));
    expect(failure).toMatchObject({
      kind: "bad-shape",
      httpStatus: 200,
      message: "Mimecast's answer did not have the expected form (no access key and secret key).",
    });
    expectNoSecret(failure);
    expect(JSON.stringify(failure)).not.toContain("FaKeSeCrEtKeYOnly");
  });

  it.each([
    ['{"meta":{"status":200},"data":[],"fail":[]}'],
    ['{"meta":{"status":200},"data":[{"accessKey":"","secretKey":"SK"}],"fail":[]}'],
    ['{"meta":{"status":200},"data":[{"accessKey":"AK","secretKey":"SK","duration":"28800000"}],"fail":[]}'],
    ['{"meta":{"status":200},"data":[{"accessKey":"AK","secretKey":"SK","duration":-5}],"fail":[]}'],
    ['{"meta":{"status":200},"data":[null],"fail":[]}'],
    ['{"unexpected":true}'],
  ])("unusable login data %s -> bad-shape", async (body) => {
    const failure = failureOf(await login(makeTransport(fakeFetch(json(body)).fetch), EU, input));
    expect(failure.kind).toBe("bad-shape");
  });
});

describe("generateKeys", () => {
  const input = {
    appId: APP_ID,
    email: EMAIL,
    password: PASSWORD,
    authType: "cloud",
    regionId: "auto",
  } as const;

  it("auto: discovers, then logs in at the discovered region only", async () => {
    const f = fakeFetch(json(fixture("discover-ok.json")), json(fixture("login-ok.json")));
    const result = await generateKeys(makeTransport(f.fetch), input);

    const value = successOf(result);
    expect(value.region).toBe(EU);
    expect(value.keys.accessKey).toBe(EXPECTED_ACCESS_KEY);
    expect(value.keys.secretKey).toBe(EXPECTED_SECRET_KEY);
    expect(value.keys.durationMs).toBe(3_153_600_000_000);
    expect(f.calls.map((c) => c.url)).toEqual([DISCOVER_URL, "https://eu-api.mimecast.com/api/login/login"]);
  });

  it("auto: the discovery request carries no password and no Authorization header", async () => {
    const f = fakeFetch(json(fixture("discover-ok.json")), json(fixture("login-ok.json")));
    await generateKeys(makeTransport(f.fetch), input);
    const discoverCall = f.calls[0];
    const headers = headersOf(discoverCall);
    expect(Object.keys(headers).map((k) => k.toLowerCase())).not.toContain("authorization");
    const serialized = JSON.stringify({ url: discoverCall?.url, headers, body: discoverCall?.init.body });
    expect(serialized).not.toContain(PASSWORD);
    expect(serialized).not.toContain(Buffer.from(`${EMAIL}:${PASSWORD}`).toString("base64"));
  });

  it("auto: each request gets a fresh request id", async () => {
    const f = fakeFetch(json(fixture("discover-ok.json")), json(fixture("login-ok.json")));
    await generateKeys(makeTransport(f.fetch, { requestId: counterRequestIds() }), input);
    expect(f.calls.map((c) => headersOf(c)["x-mc-req-id"])).toEqual([
      "00000000-0000-4000-8000-000000000001",
      "00000000-0000-4000-8000-000000000002",
    ]);
  });

  it("auto: a region off the allow-list stops before login (the password is never sent)", async () => {
    const f = fakeFetch(json(fixture("discover-off-list.json")), json(fixture("login-ok.json")));
    const failure = failureOf(await generateKeys(makeTransport(f.fetch), input));
    expect(failure.kind).toBe("region-not-allowed");
    expect(failure.field).toBe("region");
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.url).toBe(DISCOVER_URL);
    expect(JSON.stringify(f.calls.map((c) => c.init))).not.toContain(PASSWORD);
    expectNoSecret(failure);
  });

  it("auto: an unknown email stops before login", async () => {
    const f = fakeFetch(json(fixture("discover-unknown-email.json")), json(fixture("login-ok.json")));
    const failure = failureOf(await generateKeys(makeTransport(f.fetch), input));
    expect(failure).toMatchObject({ kind: "unknown-email", field: "email" });
    expect(f.calls).toHaveLength(1);
  });

  it("auto: a discovery error (err_developer_key, HTTP 200) stops before login", async () => {
    const f = fakeFetch(json(fixture("err-developer-key.json")), json(fixture("login-ok.json")));
    const failure = failureOf(await generateKeys(makeTransport(f.fetch), input));
    expect(failure).toMatchObject({ kind: "app-id", field: "appId", code: "err_developer_key" });
    expect(f.calls).toHaveLength(1);
  });

  it.each([
    ["de", "https://de-api.mimecast.com/api/login/login"],
    ["us", "https://us-api.mimecast.com/api/login/login"],
    ["uspcom", "https://uspcom-api.mimecast-pscom-us.com/api/login/login"],
  ])("regionId %s skips discovery: one call, to %s", async (regionId, url) => {
    const f = fakeFetch(json(fixture("login-ok.json")));
    const result = await generateKeys(makeTransport(f.fetch), { ...input, regionId });
    expect(successOf(result).region).toBe(regionById(regionId));
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.url).toBe(url);
  });

  it.each(["", "EU", "xx", "https://eu-api.mimecast.com", "Auto"])(
    "invalid regionId %j -> validation on region, no request",
    async (regionId) => {
      const f = fakeFetch(json(fixture("login-ok.json")));
      const failure = failureOf(await generateKeys(makeTransport(f.fetch), { ...input, regionId }));
      expect(failure).toEqual({
        kind: "validation",
        field: "region",
        message: "Unknown region.",
        action: "Choose a region from the list.",
      });
      expect(f.calls).toHaveLength(0);
    },
  );

  it("a login failure after discovery is returned as is", async () => {
    const f = fakeFetch(json(fixture("discover-ok.json")), json(fixture("login-401-empty-fail.json"), 401));
    const failure = failureOf(await generateKeys(makeTransport(f.fetch), input));
    expect(failure).toMatchObject({ kind: "bad-credentials", field: "password", httpStatus: 401 });
    expect(f.calls).toHaveLength(2);
    expectNoSecret(failure);
  });
});

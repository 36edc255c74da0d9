import { describe, expect, it } from "vitest";
import { discover, generateKeys, login } from "../../../src/mimecast/client";
import type { Failure } from "../../../src/mimecast/failures";
import { regionById } from "../../../src/mimecast/regions";
import {
  APP_ID,
  EMAIL,
  expectNoSecret,
  FIXED_NOW,
  failureOf,
  fakeFetch,
  fixture,
  hangingFetch,
  json,
  makeTransport,
  PASSWORD,
  type Reply,
} from "./helpers";

const EU = regionById("eu");
if (!EU) throw new Error("region table changed");

const LOGIN_INPUT = { appId: APP_ID, email: EMAIL, password: PASSWORD, authType: "cloud" } as const;

/** Logs in at the EU region (regionId "eu": no discovery) and returns the failure. */
async function loginFailure(reply: Reply): Promise<Failure> {
  const f = fakeFetch(reply);
  const result = await generateKeys(makeTransport(f.fetch), { ...LOGIN_INPUT, regionId: "eu" });
  expect(f.calls).toHaveLength(1);
  expect(f.calls[0]?.url).toBe("https://eu-api.mimecast.com/api/login/login");
  const failure = failureOf(result);
  expectNoSecret(failure);
  return failure;
}

/** Runs discovery (regionId "auto") and returns the failure; login must not be attempted. */
async function discoverFailure(reply: Reply): Promise<Failure> {
  const f = fakeFetch(reply, json(fixture("login-ok.json")));
  const result = await generateKeys(makeTransport(f.fetch), { ...LOGIN_INPUT, regionId: "auto" });
  expect(f.calls).toHaveLength(1);
  expect(f.calls[0]?.url).toBe("https://api.mimecast.com/api/login/discover-authentication");
  const failure = failureOf(result);
  expectNoSecret(failure);
  return failure;
}

const html = (status: number): Reply => ({
  status,
  body: fixture("proxy-block.html"),
  headers: { "content-type": "text/html; charset=utf-8" },
});

describe("Mimecast error codes in fail[]", () => {
  it("err_developer_key with HTTP 200 (discover) -> app-id on appId, code kept", async () => {
    const failure = await discoverFailure(json(fixture("err-developer-key.json"), 200));
    expect(failure).toEqual({
      kind: "app-id",
      field: "appId",
      code: "err_developer_key",
      mimecastMessage: "App ID is invalid: FAKE-APP-ID",
      httpStatus: 200,
      message: "Mimecast does not recognise this Application ID.",
      action:
        "Copy the Application ID again from Services › API and Platform Integrations › Your Application Integrations. A newly added application can take up to 30 minutes before Mimecast accepts it.",
    });
  });

  it("err_developer_key with HTTP 200 (login) -> app-id on appId", async () => {
    const failure = await loginFailure(json(fixture("err-developer-key.json"), 200));
    expect(failure).toMatchObject({
      kind: "app-id",
      field: "appId",
      code: "err_developer_key",
      httpStatus: 200,
    });
  });

  it("err_validation_invalid_email_address -> validation on email", async () => {
    const failure = await discoverFailure(json(fixture("err-validation-invalid-email.json")));
    expect(failure).toMatchObject({
      kind: "validation",
      field: "email",
      code: "err_validation_invalid_email_address",
      mimecastMessage: "Email address is not valid",
      httpStatus: 200,
      message: "Mimecast says this is not a valid email address.",
    });
  });

  it("err_validation_blank (field userName) -> validation on email, field named", async () => {
    const failure = await loginFailure(json(fixture("err-validation-blank.json")));
    expect(failure).toMatchObject({
      kind: "validation",
      field: "email",
      code: "err_validation_blank",
      message: "Mimecast says a required value is missing (userName).",
      action: "Fill in every field and try again.",
    });
  });

  it("err_xdk_operation_forbidden_for_address -> forbidden on email", async () => {
    const failure = await loginFailure(json(fixture("err-operation-forbidden.json")));
    expect(failure).toMatchObject({
      kind: "forbidden",
      field: "email",
      code: "err_xdk_operation_forbidden_for_address",
      mimecastMessage: "Operation is forbidden for this address",
      message: "Mimecast does not allow this user to log in through the API.",
    });
    expect(failure.action).toContain("Application Settings");
  });

  it("err_xdk_binding_expired (HTTP 418) -> binding-expired", async () => {
    const failure = await loginFailure(json(fixture("err-binding-expired.json"), 418));
    expect(failure).toMatchObject({
      kind: "binding-expired",
      code: "err_xdk_binding_expired",
      mimecastMessage: "AccessKey Has Expired",
      httpStatus: 418,
    });
    expect(failure.field).toBeUndefined();
    expect(failure.action).toContain("Never Expires");
  });

  it("err_xdk_invalid_signature (HTTP 401) -> bad-credentials naming the three keys", async () => {
    const failure = await loginFailure(json(fixture("err-invalid-signature.json"), 401));
    expect(failure).toMatchObject({
      kind: "bad-credentials",
      code: "err_xdk_invalid_signature",
      mimecastMessage: "0004 Invalid Signature",
      httpStatus: 401,
      message: "Mimecast rejected the request signature (0004 Invalid Signature).",
    });
    expect(failure.action).toContain("Application key");
    expect(failure.action).toContain("Secret key");
    expect(failure.action).toContain("Access key");
  });

  it("err_audit_log_incorrect_region -> validation on region", async () => {
    const failure = await loginFailure(json(fixture("err-incorrect-region.json")));
    expect(failure).toMatchObject({
      kind: "validation",
      field: "region",
      code: "err_audit_log_incorrect_region",
      message: "Mimecast says this account lives in another region.",
    });
    expect(failure.action).toContain("Detect automatically");
  });

  it("an unknown code -> mimecast, with Mimecast's code and message in the text", async () => {
    const failure = await loginFailure(json(fixture("unknown-code.json")));
    expect(failure).toMatchObject({
      kind: "mimecast",
      code: "err_fake_future_code",
      mimecastMessage: "Something new went wrong",
      httpStatus: 200,
    });
    expect(failure.message).toContain("err_fake_future_code");
    expect(failure.message).toContain("Something new went wrong");
    expect(failure.message).toBe(
      "Mimecast answered with an error: err_fake_future_code — Something new went wrong.",
    );
  });

  it("an unknown code on discover -> mimecast as well", async () => {
    const failure = await discoverFailure(json(fixture("unknown-code.json")));
    expect(failure.kind).toBe("mimecast");
    expect(failure.code).toBe("err_fake_future_code");
  });
});

describe("HTTP status without a usable fail[] entry", () => {
  it("401 on login with empty fail -> bad-credentials on password, suggests Domain password", async () => {
    const failure = await loginFailure(json(fixture("login-401-empty-fail.json"), 401));
    expect(failure).toMatchObject({
      kind: "bad-credentials",
      field: "password",
      httpStatus: 401,
      message: "Mimecast rejected the email address and password.",
    });
    expect(failure.action).toContain("Domain password");
    expect(failure.code).toBeUndefined();
  });

  it("401 on login with an empty body -> bad-credentials", async () => {
    const failure = await loginFailure({ status: 401, body: "" });
    expect(failure).toMatchObject({ kind: "bad-credentials", field: "password", httpStatus: 401 });
  });

  it("401 on discover with empty fail -> app-id", async () => {
    const failure = await discoverFailure(json(fixture("login-401-empty-fail.json"), 401));
    expect(failure).toMatchObject({ kind: "app-id", field: "appId", httpStatus: 401 });
  });

  it("400 on login -> validation on password", async () => {
    const failure = await loginFailure(json('{"meta":{"status":400},"data":[],"fail":[]}', 400));
    expect(failure).toMatchObject({
      kind: "validation",
      field: "password",
      httpStatus: 400,
      message: "Mimecast says the request is missing credentials (HTTP 400).",
    });
  });

  it("400 on discover -> validation on email", async () => {
    const failure = await discoverFailure(json('{"meta":{"status":400},"data":[],"fail":[]}', 400));
    expect(failure).toMatchObject({ kind: "validation", field: "email", httpStatus: 400 });
  });

  it("403 -> forbidden on email", async () => {
    const failure = await loginFailure(json('{"meta":{"status":403},"data":[],"fail":[]}', 403));
    expect(failure).toMatchObject({
      kind: "forbidden",
      field: "email",
      httpStatus: 403,
      message: "Mimecast refused this user (HTTP 403).",
    });
  });

  it("418 -> binding-expired", async () => {
    const failure = await loginFailure(json('{"meta":{"status":418},"data":[],"fail":[]}', 418));
    expect(failure).toMatchObject({
      kind: "binding-expired",
      httpStatus: 418,
      message: "Mimecast says the key binding has expired (HTTP 418).",
    });
  });

  it("404 -> mimecast, unexpected status", async () => {
    const failure = await loginFailure(json('{"meta":{"status":404},"data":[],"fail":[]}', 404));
    expect(failure).toMatchObject({
      kind: "mimecast",
      httpStatus: 404,
      message: "Mimecast answered with an unexpected HTTP status 404.",
    });
  });
});

describe("rate limiting", () => {
  it("429 with X-RateLimit-Reset: 5000 -> retryAt = now + 5000", async () => {
    const now = new Date(Date.UTC(2025, 5, 1, 10, 0, 0));
    const f = fakeFetch(
      json('{"meta":{"status":429},"data":[],"fail":[]}', 429, { "X-RateLimit-Reset": "5000" }),
    );
    const failure = failureOf(
      await generateKeys(makeTransport(f.fetch, { now: () => now }), { ...LOGIN_INPUT, regionId: "eu" }),
    );
    expect(failure).toEqual({
      kind: "rate-limited",
      httpStatus: 429,
      retryAt: now.getTime() + 5000,
      message: "Mimecast's rate limit was reached (HTTP 429).",
      action: "Wait until the time shown, then try once more. Repeated attempts make the wait longer.",
    });
    expect(failure.retryAt).toBe(Date.UTC(2025, 5, 1, 10, 0, 5));
  });

  it("429 with an error code in fail[] -> rate-limited, code kept, retryAt set", async () => {
    const failure = await loginFailure(
      json(fixture("err-rate-limited.json"), 429, { "X-RateLimit-Reset": "5000" }),
    );
    expect(failure).toMatchObject({
      kind: "rate-limited",
      httpStatus: 429,
      retryAt: FIXED_NOW.getTime() + 5000,
      code: "err_rate_limit_exceeded",
      mimecastMessage: "Rate limit exceeded",
    });
  });

  it("429 without X-RateLimit-Reset -> rate-limited without retryAt", async () => {
    const failure = await loginFailure(json('{"meta":{"status":429},"data":[],"fail":[]}', 429));
    expect(failure.kind).toBe("rate-limited");
    expect("retryAt" in failure).toBe(false);
  });

  it("429 with an HTML body -> rate-limited with retryAt", async () => {
    const failure = await discoverFailure({
      ...html(429),
      headers: { "content-type": "text/html", "x-ratelimit-reset": "1234" },
    });
    expect(failure).toMatchObject({ kind: "rate-limited", retryAt: FIXED_NOW.getTime() + 1234 });
  });
});

describe("server errors", () => {
  it.each([500, 502, 503])("HTTP %i with a JSON envelope -> server", async (status) => {
    const failure = await loginFailure(json(`{"meta":{"status":${status}},"data":[],"fail":[]}`, status));
    expect(failure).toEqual({
      kind: "server",
      httpStatus: status,
      message: `Mimecast's service had a problem (HTTP ${status}).`,
      action: "Try again in a few minutes. If it keeps failing, check Mimecast's service status page.",
    });
  });

  it.each([500, 502, 503])("HTTP %i with an HTML body -> server", async (status) => {
    const failure = await loginFailure(html(status));
    expect(failure).toMatchObject({ kind: "server", httpStatus: status });
  });

  it.each([500, 502, 503])("HTTP %i on discover with an HTML body -> server", async (status) => {
    const failure = await discoverFailure(html(status));
    expect(failure).toMatchObject({ kind: "server", httpStatus: status });
  });

  it("HTTP 500 with an empty body -> server", async () => {
    expect((await loginFailure({ status: 500, body: "" })).kind).toBe("server");
  });
});

describe("answers that are not Mimecast envelopes", () => {
  it("HTML with HTTP 200 -> not-json", async () => {
    const failure = await loginFailure(html(200));
    expect(failure).toMatchObject({
      kind: "not-json",
      httpStatus: 200,
      message: "Mimecast's address sent back a web page (HTTP 200) instead of an API answer.",
    });
    expect(failure.action).toContain("proxy");
  });

  it("HTML with HTTP 200 on discover -> not-json", async () => {
    expect((await discoverFailure(html(200))).kind).toBe("not-json");
  });

  it("plain text with HTTP 200 -> not-json, not called a web page", async () => {
    const failure = await loginFailure({
      status: 200,
      body: "OK",
      headers: { "content-type": "text/plain" },
    });
    expect(failure.kind).toBe("not-json");
    expect(failure.message).toBe(
      "Mimecast's address sent back something that is not an API answer (HTTP 200).",
    );
  });

  it("empty body with HTTP 200 -> empty", async () => {
    const failure = await loginFailure({ status: 200, body: "" });
    expect(failure).toEqual({
      kind: "empty",
      httpStatus: 200,
      message: "Mimecast sent back an empty answer (HTTP 200).",
      action: "Try again in a minute. If it keeps happening, check Mimecast's service status page.",
    });
  });

  it("empty body with HTTP 200 on discover -> empty", async () => {
    expect((await discoverFailure({ status: 200, body: "" })).kind).toBe("empty");
  });

  it.each(["[]", "null", '"ok"', "123", '{"data":{"accessKey":"x"}}', '{"fail":"none"}'])(
    "JSON %s with HTTP 200 -> bad-shape",
    async (body) => {
      const failure = await loginFailure(json(body));
      expect(failure).toMatchObject({ kind: "bad-shape", httpStatus: 200 });
      expect(failure.message).toBe(
        "Mimecast's answer did not have the expected form (not a Mimecast envelope).",
      );
    },
  );

  it("JSON array with HTTP 200 on discover -> bad-shape", async () => {
    expect((await discoverFailure(json("[]"))).kind).toBe("bad-shape");
  });

  it("login data missing accessKey -> bad-shape", async () => {
    const failure = await loginFailure(json(fixture("login-no-access-key.json")));
    expect(failure).toMatchObject({ kind: "bad-shape", httpStatus: 200 });
    expect(failure.message).toContain("no access key and secret key");
  });
});

describe("transport failures through the client", () => {
  it("timeout on login -> kind timeout, host named", async () => {
    const f = hangingFetch();
    const result = await login(makeTransport(f.fetch, { timeoutMs: 50 }), EU, LOGIN_INPUT);
    const failure = failureOf(result);
    expect(failure.kind).toBe("timeout");
    expect(failure.message).toContain("eu-api.mimecast.com");
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.init.signal?.aborted).toBe(true);
    expectNoSecret(failure);
  });

  it("timeout on discover -> kind timeout, login never attempted", async () => {
    const f = hangingFetch();
    const result = await generateKeys(makeTransport(f.fetch, { timeoutMs: 50 }), {
      ...LOGIN_INPUT,
      regionId: "auto",
    });
    const failure = failureOf(result);
    expect(failure.kind).toBe("timeout");
    expect(failure.message).toContain("api.mimecast.com");
    expect(f.calls).toHaveLength(1);
  });

  it("network failure on login -> kind network, host named, error text dropped", async () => {
    const calls: string[] = [];
    const t = makeTransport(async (url) => {
      calls.push(url);
      throw new TypeError(`Failed to fetch (${PASSWORD})`);
    });
    const failure = failureOf(await generateKeys(t, { ...LOGIN_INPUT, regionId: "eu" }));
    expect(failure).toEqual({
      kind: "network",
      message: "Could not reach eu-api.mimecast.com.",
      action:
        "Check your internet connection, VPN or proxy. A proxy that inspects HTTPS must allow Mimecast's API hosts.",
    });
    expect(calls).toEqual(["https://eu-api.mimecast.com/api/login/login"]);
    expectNoSecret(failure);
  });

  it("network failure on discover -> kind network naming the discovery host", async () => {
    const t = makeTransport(() => Promise.reject(new TypeError("Failed to fetch")));
    const failure = failureOf(await discover(t, APP_ID, EMAIL));
    expect(failure.kind).toBe("network");
    expect(failure.message).toContain("api.mimecast.com");
  });
});

describe("the password never appears in a failure", () => {
  // Mimecast (or a proxy) could echo request data back; even then only Mimecast's message is kept,
  // and the client itself must never put the password into message or action.
  const replies: Array<[string, Reply]> = [
    ["dev key", json(fixture("err-developer-key.json"))],
    ["signature", json(fixture("err-invalid-signature.json"), 401)],
    ["email", json(fixture("err-validation-invalid-email.json"))],
    ["blank", json(fixture("err-validation-blank.json"))],
    ["forbidden", json(fixture("err-operation-forbidden.json"))],
    ["expired", json(fixture("err-binding-expired.json"), 418)],
    ["region", json(fixture("err-incorrect-region.json"))],
    ["unknown", json(fixture("unknown-code.json"))],
    ["401", json(fixture("login-401-empty-fail.json"), 401)],
    ["429", json(fixture("err-rate-limited.json"), 429, { "x-ratelimit-reset": "5000" })],
    ["500", json(fixture("server-error.json"), 500)],
    ["html", html(200)],
    ["empty", { status: 200, body: "" }],
    ["bad shape", json("[]")],
    ["no key", json(fixture("login-no-access-key.json"))],
  ];

  it.each(replies)("%s", async (_name, reply) => {
    const failure = await loginFailure(reply);
    expect(failure.message).not.toContain(PASSWORD);
    expect(failure.action).not.toContain(PASSWORD);
    expect(JSON.stringify(failure)).not.toContain(PASSWORD);
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { newRequestId } from "../../../src/mimecast/headers";
import {
  DEFAULT_TIMEOUT_MS,
  defaultTransport,
  interpret,
  type RawResponse,
  retryAtFrom,
  send,
} from "../../../src/mimecast/transport";
import {
  FIXED_NOW,
  failureOf,
  fakeFetch,
  fixture,
  hangingFetch,
  json,
  makeTransport,
  successOf,
} from "./helpers";

const URL_EU_LOGIN = "https://eu-api.mimecast.com/api/login/login";

function raw(status: number, text: string, headers: Record<string, string> = {}): RawResponse {
  return {
    status,
    text,
    headers: new Headers(headers),
    size: new TextEncoder().encode(text).length,
    bodyRead: true,
  };
}

describe("defaultTransport", () => {
  it("uses a 20 s timeout, the real clock and UUID request ids", () => {
    const f = fakeFetch();
    const t = defaultTransport(f.fetch);
    expect(DEFAULT_TIMEOUT_MS).toBe(20_000);
    expect(t.timeoutMs).toBe(20_000);
    expect(t.fetch).toBe(f.fetch);
    expect(t.requestId).toBe(newRequestId);
    const before = Date.now();
    const now = t.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe("send", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("passes the request through with safe fetch options and returns status, headers and text", async () => {
    const f = fakeFetch(json('{"ok":1}', 201, { "x-extra": "yes" }));
    const result = await send(makeTransport(f.fetch), URL_EU_LOGIN, {
      method: "POST",
      headers: { a: "b" },
      body: "{}",
    });
    const value = successOf(result);
    expect(value.status).toBe(201);
    expect(value.text).toBe('{"ok":1}');
    expect(value.headers.get("x-extra")).toBe("yes");
    expect(f.calls).toHaveLength(1);
    const init = f.calls[0]?.init;
    expect(f.calls[0]?.url).toBe(URL_EU_LOGIN);
    expect(init?.method).toBe("POST");
    expect(init?.headers).toEqual({ a: "b" });
    expect(init?.body).toBe("{}");
    expect(init?.credentials).toBe("omit");
    expect(init?.cache).toBe("no-store");
    expect(init?.redirect).toBe("error");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    expect(init?.signal?.aborted).toBe(false);
  });

  it("does not let the caller override credentials, cache or redirect", async () => {
    const f = fakeFetch(json("{}"));
    await send(makeTransport(f.fetch), URL_EU_LOGIN, {
      method: "POST",
      credentials: "include",
      cache: "default",
      redirect: "follow",
    });
    expect(f.calls[0]?.init.credentials).toBe("omit");
    expect(f.calls[0]?.init.cache).toBe("no-store");
    expect(f.calls[0]?.init.redirect).toBe("error");
  });

  it("times out: a fetch that only ends on abort gives kind timeout with the host", async () => {
    const f = hangingFetch();
    const started = Date.now();
    const result = await send(makeTransport(f.fetch, { timeoutMs: 50 }), URL_EU_LOGIN, { method: "POST" });
    const failure = failureOf(result);
    expect(failure.kind).toBe("timeout");
    expect(failure.message).toContain("eu-api.mimecast.com");
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
    expect(f.calls[0]?.init.signal?.aborted).toBe(true);
  });

  it("reports the timeout in whole seconds", async () => {
    vi.useFakeTimers();
    const f = hangingFetch();
    const pending = send(makeTransport(f.fetch, { timeoutMs: 20_000 }), URL_EU_LOGIN, { method: "POST" });
    await vi.advanceTimersByTimeAsync(19_999);
    expect(f.calls[0]?.init.signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const failure = failureOf(await pending);
    expect(failure).toEqual({
      kind: "timeout",
      message: "eu-api.mimecast.com did not answer within 20 seconds.",
      action: "Try again. If it keeps timing out, check your connection or Mimecast's service status page.",
    });
  });

  it("clears its timer once the answer arrives", async () => {
    vi.useFakeTimers();
    const f = fakeFetch(json("{}"));
    const result = await send(makeTransport(f.fetch), URL_EU_LOGIN, { method: "POST" });
    expect(result.ok).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("clears its timer after a network failure too", async () => {
    vi.useFakeTimers();
    const result = await send(
      makeTransport(() => Promise.reject(new TypeError("x"))),
      URL_EU_LOGIN,
      {},
    );
    expect(failureOf(result).kind).toBe("network");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("network failure: kind network, host named, error text not kept", async () => {
    const secretish = "Failed to fetch https://eu-api.mimecast.com/?token=SECRET-IN-ERROR";
    const result = await send(
      makeTransport(() => Promise.reject(new TypeError(secretish))),
      URL_EU_LOGIN,
      {},
    );
    const failure = failureOf(result);
    expect(failure.kind).toBe("network");
    expect(failure.message).toBe("Could not reach eu-api.mimecast.com.");
    expect(JSON.stringify(failure)).not.toContain("SECRET-IN-ERROR");
  });

  it("a fetch that throws synchronously is a network failure, not an exception", async () => {
    const throwing = () => {
      throw new TypeError("sync");
    };
    const failure = failureOf(await send(makeTransport(throwing), URL_EU_LOGIN, {}));
    expect(failure.kind).toBe("network");
  });

  it("a body that fails to read is a network failure", async () => {
    const broken = new ReadableStream({
      start(controller) {
        controller.error(new TypeError("connection reset"));
      },
    });
    const f = fakeFetch(async () => new Response(broken, { status: 200 }));
    expect(failureOf(await send(makeTransport(f.fetch), URL_EU_LOGIN, {})).kind).toBe("network");
  });
});

describe("retryAtFrom", () => {
  it.each([
    ["5000", FIXED_NOW.getTime() + 5000],
    ["0", FIXED_NOW.getTime()],
    ["4419", FIXED_NOW.getTime() + 4419],
  ])("X-RateLimit-Reset %s -> now + ms", (value, expected) => {
    expect(retryAtFrom(new Headers({ "X-RateLimit-Reset": value }), FIXED_NOW)).toBe(expected);
  });

  it.each(["-1", "soon", "NaN", "Infinity"])("ignores %j", (value) => {
    expect(retryAtFrom(new Headers({ "x-ratelimit-reset": value }), FIXED_NOW)).toBeUndefined();
  });

  it("is undefined without the header", () => {
    expect(retryAtFrom(new Headers(), FIXED_NOW)).toBeUndefined();
  });
});

describe("interpret", () => {
  it("returns data[] of a successful envelope", () => {
    expect(
      successOf(interpret(raw(200, '{"meta":{"status":200},"data":[1,2],"fail":[]}'), "login", FIXED_NOW)),
    ).toEqual([1, 2]);
  });

  it("returns [] when data is missing", () => {
    expect(successOf(interpret(raw(200, '{"meta":{"status":200},"fail":[]}'), "login", FIXED_NOW))).toEqual(
      [],
    );
  });

  it("reads fail[] even with HTTP 200", () => {
    const failure = failureOf(interpret(raw(200, fixture("err-developer-key.json")), "discover", FIXED_NOW));
    expect(failure).toMatchObject({ kind: "app-id", code: "err_developer_key", httpStatus: 200 });
  });

  it("uses the first error of the first fail entry that has errors", () => {
    const text = JSON.stringify({
      fail: [
        { errors: [] },
        { key: {} },
        { errors: [{ code: "err_xdk_binding_expired" }, { code: "err_developer_key" }] },
      ],
    });
    expect(failureOf(interpret(raw(200, text), "login", FIXED_NOW)).code).toBe("err_xdk_binding_expired");
  });

  it("ignores fail entries without errors", () => {
    const text = '{"data":[{"x":1}],"fail":[{"errors":[]},{"key":{}}]}';
    expect(successOf(interpret(raw(200, text), "login", FIXED_NOW))).toEqual([{ x: 1 }]);
  });

  it.each([200, 201, 204, 299])("empty body with HTTP %i -> empty", (status) => {
    expect(failureOf(interpret(raw(status, ""), "login", FIXED_NOW))).toMatchObject({
      kind: "empty",
      httpStatus: status,
    });
    expect(failureOf(interpret(raw(status, "  \n\t "), "login", FIXED_NOW)).kind).toBe("empty");
  });

  it.each([
    [401, "login", "bad-credentials"],
    [401, "discover", "app-id"],
    [400, "login", "validation"],
    [403, "login", "forbidden"],
    [418, "login", "binding-expired"],
    [429, "login", "rate-limited"],
    [500, "login", "server"],
    [503, "discover", "server"],
    [404, "login", "mimecast"],
  ] as const)("empty body with HTTP %i on %s -> %s", (status, op, kind) => {
    expect(failureOf(interpret(raw(status, ""), op, FIXED_NOW))).toMatchObject({ kind, httpStatus: status });
  });

  it("empty 429 keeps retryAt", () => {
    const failure = failureOf(interpret(raw(429, "", { "x-ratelimit-reset": "5000" }), "login", FIXED_NOW));
    expect(failure.retryAt).toBe(FIXED_NOW.getTime() + 5000);
  });

  it.each([200, 401, 403, 404])("HTML with HTTP %i -> not-json", (status) => {
    const failure = failureOf(
      interpret(
        raw(status, fixture("proxy-block.html"), { "content-type": "text/html" }),
        "login",
        FIXED_NOW,
      ),
    );
    expect(failure).toMatchObject({ kind: "not-json", httpStatus: status });
    expect(failure.message).toContain("a web page");
  });

  it.each([429, 500, 502, 503, 504])("HTML with HTTP %i -> classified by status", (status) => {
    const failure = failureOf(
      interpret(raw(status, "<html>Bad gateway</html>", { "content-type": "text/html" }), "login", FIXED_NOW),
    );
    expect(failure.kind).toBe(status === 429 ? "rate-limited" : "server");
    expect(failure.httpStatus).toBe(status);
  });

  it.each(["[]", "[1]", '"text"', "42", "true", "null", '{"data":"not an array"}', '{"fail":{}}'])(
    "JSON that is not an envelope (%s) with HTTP 200 -> bad-shape",
    (text) => {
      expect(failureOf(interpret(raw(200, text), "login", FIXED_NOW))).toMatchObject({
        kind: "bad-shape",
        httpStatus: 200,
        message: "Mimecast's answer did not have the expected form (not a Mimecast envelope).",
      });
    },
  );

  it("JSON that is not an envelope with an error status -> classified by status", () => {
    expect(failureOf(interpret(raw(502, "[]"), "login", FIXED_NOW)).kind).toBe("server");
    expect(failureOf(interpret(raw(401, "null"), "login", FIXED_NOW)).kind).toBe("bad-credentials");
  });

  it("an envelope with no errors and an error status -> classified by status", () => {
    expect(failureOf(interpret(raw(500, fixture("server-error.json")), "login", FIXED_NOW))).toMatchObject({
      kind: "server",
      httpStatus: 500,
      message: "Mimecast's service had a problem (HTTP 500).",
    });
  });

  it("429 with an error code: rate-limited, with retryAt and Mimecast's code", () => {
    const failure = failureOf(
      interpret(
        raw(429, fixture("err-rate-limited.json"), { "X-RateLimit-Reset": "5000" }),
        "login",
        FIXED_NOW,
      ),
    );
    expect(failure).toMatchObject({
      kind: "rate-limited",
      httpStatus: 429,
      retryAt: FIXED_NOW.getTime() + 5000,
      code: "err_rate_limit_exceeded",
      mimecastMessage: "Rate limit exceeded",
    });
  });
});

/**
 * Bounded responses: every body is read as a stream under a byte cap, a SIEM log file is judged
 * from its headers alone, server text is cleaned before it can be shown, and the API 2.0 probe
 * only counts a real batch list as success.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyApi2 } from "../../../src/mimecast/api2";
import { discover } from "../../../src/mimecast/client";
import { cleanServerText, SERVER_TEXT_MAX } from "../../../src/mimecast/failures";
import { regionById } from "../../../src/mimecast/regions";
import { MAX_ANSWER_BYTES, send } from "../../../src/mimecast/transport";
import { verifyApi1 } from "../../../src/mimecast/verify";
import { APP_ID, EMAIL, failureOf, fakeFetch, json, makeTransport, successOf } from "./helpers";

const URL_EU = "https://eu-api.mimecast.com/api/login/discover-authentication";
const EU = regionById("eu");
if (!EU) throw new Error("region table changed");

interface Probe {
  pulled: number;
  cancelled: boolean;
}

/**
 * A pull-based body of `total` bytes in `chunk`-sized pieces; `probe` counts what was pulled.
 * `ignoreCancel` makes cancel() a promise that never settles, as a misbehaving stream might.
 */
function body(total: number, chunk: number, probe: Probe, ignoreCancel = false): ReadableStream<Uint8Array> {
  const block = new Uint8Array(chunk).fill(0x61);
  let left = total;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (left <= 0) {
          controller.close();
          return;
        }
        const n = Math.min(left, chunk);
        left -= n;
        probe.pulled += n;
        controller.enqueue(n === chunk ? block.slice() : block.slice(0, n));
      },
      cancel() {
        probe.cancelled = true;
        if (ignoreCancel) return new Promise<void>(() => {});
        return undefined;
      },
    },
    { highWaterMark: 0 },
  );
}

/** A body that never delivers a byte. */
function stalled(probe: Probe): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull: () => new Promise<void>(() => {}),
    cancel() {
      probe.cancelled = true;
    },
  });
}

const probe = (): Probe => ({ pulled: 0, cancelled: false });

describe("send: byte cap", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("refuses at once when Content-Length is over the cap: no byte of the body is read", async () => {
    const p = probe();
    const f = fakeFetch(
      async () =>
        new Response(body(64 * 1024 * 1024, 65_536, p), {
          headers: { "content-type": "application/json", "content-length": String(64 * 1024 * 1024) },
        }),
    );
    const failure = failureOf(await send(makeTransport(f.fetch), URL_EU, { method: "POST" }));
    expect(failure).toEqual({
      kind: "too-large",
      httpStatus: 200,
      message:
        "Mimecast's answer from eu-api.mimecast.com was larger than 1 MB, which no key or verification answer should be; the request was stopped.",
      action: "Check that no proxy or security appliance rewrites Mimecast's answers, then try again.",
    });
    expect(p.pulled).toBe(0);
    expect(p.cancelled).toBe(true);
    // The request itself is aborted too.
    expect(f.calls[0]?.init.signal?.aborted).toBe(true);
  });

  it("stops a streamed body as soon as it crosses the cap (no Content-Length)", async () => {
    const p = probe();
    const f = fakeFetch(async () => new Response(body(64 * 1024 * 1024, 65_536, p)));
    const failure = failureOf(await send(makeTransport(f.fetch), URL_EU, { method: "POST" }));
    expect(failure.kind).toBe("too-large");
    expect(p.cancelled).toBe(true);
    // At most one chunk beyond the cap was pulled.
    expect(p.pulled).toBeGreaterThan(MAX_ANSWER_BYTES);
    expect(p.pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES + 65_536);
  });

  it("a Content-Length that understates the body does not lift the cap", async () => {
    const p = probe();
    const f = fakeFetch(
      async () => new Response(body(3 * 1024 * 1024, 65_536, p), { headers: { "content-length": "100" } }),
    );
    expect(failureOf(await send(makeTransport(f.fetch), URL_EU, {})).kind).toBe("too-large");
    expect(p.pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES + 65_536);
  });

  it("gives up promptly even when the body's cancel never settles", async () => {
    const p = probe();
    const f = fakeFetch(async () => new Response(body(8 * 1024 * 1024, 65_536, p, true)));
    const outcome = await Promise.race([
      send(makeTransport(f.fetch), URL_EU, {}),
      new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 2_000)),
    ]);
    expect(outcome).not.toBe("hung");
    if (outcome === "hung") return;
    expect(failureOf(outcome).kind).toBe("too-large");
    expect(p.cancelled).toBe(true);
  });

  it.each([
    [1000, 1000, true],
    [1001, 1000, false],
    [999, 1000, true],
  ])("a %i-byte body under a %i-byte cap: accepted %s (exact-cap boundary)", async (size, cap, accepted) => {
    for (const declare of [true, false]) {
      const p = probe();
      const f = fakeFetch(
        async () =>
          new Response(body(size, 7, p), {
            headers: declare ? { "content-length": String(size) } : {},
          }),
      );
      const result = await send(makeTransport(f.fetch), URL_EU, {}, { maxBytes: cap });
      expect(result.ok).toBe(accepted);
      if (result.ok) {
        expect(result.value.size).toBe(size);
        expect(result.value.text).toBe("a".repeat(size));
      } else {
        expect(result.failure.kind).toBe("too-large");
        expect(result.failure.message).toContain("larger than 1000 bytes");
      }
    }
  });

  it("the exact default cap passes; one byte more does not", async () => {
    for (const [size, ok] of [
      [MAX_ANSWER_BYTES, true],
      [MAX_ANSWER_BYTES + 1, false],
    ] as const) {
      const p = probe();
      const f = fakeFetch(async () => new Response(body(size, 65_536, p)));
      expect((await send(makeTransport(f.fetch), URL_EU, {})).ok).toBe(ok);
    }
  });

  it("the timeout still holds when the body stalls and its reader ignores the abort", async () => {
    vi.useFakeTimers();
    const p = probe();
    const f = fakeFetch(
      async () => new Response(stalled(p), { headers: { "content-type": "application/json" } }),
    );
    const pending = send(makeTransport(f.fetch, { timeoutMs: 20_000 }), URL_EU, {});
    await vi.advanceTimersByTimeAsync(20_000);
    const failure = failureOf(await pending);
    expect(failure.kind).toBe("timeout");
    expect(p.cancelled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("wantBody false: the body is cancelled unread and the timeout ends at the headers", async () => {
    vi.useFakeTimers();
    const p = probe();
    const f = fakeFetch(async () => new Response(stalled(p), { status: 200 }));
    const result = await send(
      makeTransport(f.fetch, { timeoutMs: 20_000 }),
      URL_EU,
      {},
      { wantBody: () => false },
    );
    const value = successOf(result);
    expect(value).toMatchObject({ status: 200, text: "", size: 0, bodyRead: false });
    expect(p.cancelled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

const ACCOUNT_OK = json(
  JSON.stringify({
    meta: { status: 200 },
    data: [{ accountCode: "CSBX00A000", accountName: "Sandbox Corp" }],
  }),
);
/** Shaped like shared/fixtures/mimecast/api1-siem-token.txt (base64url of zlib JSON, no padding). */
const TOKEN = "eNo9jk1vgjAcxr9LryOxrOWlJjs0myyzRBJxMI9Q_zaNQGcLnbrsuw932OG5PC-_PN_IgZws6ANaIsavq_V";
const CREDS = {
  appId: APP_ID,
  appKey: "q7VtY2hT0m3pXw9LkR4sJd8uNf1bZc6eHa5gQi0oUyE=",
  accessKey: "mYtOL3XZCOwG96BOiFTZRmRx8_c2FuZGJveC1hY2Nlc3Mta2V5LTAwMQ",
  secretKey: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==",
  region: EU,
};

function fileAnswer(stream: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return async () => new Response(stream, { status: 200, headers });
}

const FILE_HEADERS = {
  "content-type": "application/octet-stream",
  "content-disposition": 'attachment; filename="CSBX00A000_MTA_20260101120000.zip"',
  "mc-siem-token": TOKEN,
};

describe("verifyApi1: the SIEM log file is judged from its headers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a 64 MB file: size from Content-Length, not one byte of it read", async () => {
    const p = probe();
    const size = 64 * 1024 * 1024;
    const f = fakeFetch(
      ACCOUNT_OK,
      fileAnswer(body(size, 65_536, p), { ...FILE_HEADERS, "content-length": String(size) }),
    );
    const value = successOf(await verifyApi1(makeTransport(f.fetch), CREDS));
    expect(value.siem).toEqual({ kind: "logs", fileName: "CSBX00A000_MTA_20260101120000.zip", size });
    expect(p.pulled).toBe(0);
    expect(p.cancelled).toBe(true);
  });

  it("a file that trickles in slower than the timeout is still reported (the timeout ends at the headers)", async () => {
    vi.useFakeTimers();
    const p = probe();
    const f = fakeFetch(ACCOUNT_OK, fileAnswer(stalled(p), FILE_HEADERS));
    const pending = verifyApi1(makeTransport(f.fetch, { timeoutMs: 20_000 }), CREDS);
    await vi.advanceTimersByTimeAsync(25_000);
    const value = successOf(await pending);
    expect(value.siem).toEqual({
      kind: "logs",
      fileName: "CSBX00A000_MTA_20260101120000.zip",
    });
    expect(p.cancelled).toBe(true);
  });

  it.each([
    ["no mc-siem-token header", { "mc-siem-token": "" }, "no mc-siem-token header"],
    ["a token that is not base64url", { "mc-siem-token": "not a token!" }, "not a Mimecast token"],
    ["an image", { "content-type": "image/png" }, "content type “image/png”"],
  ])("%s: not a SIEM log file, nothing read", async (_name, override, what) => {
    const p = probe();
    const headers: Record<string, string> = { ...FILE_HEADERS, ...override };
    for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
    const f = fakeFetch(ACCOUNT_OK, fileAnswer(body(5 * 1024 * 1024, 65_536, p), headers));
    const failure = failureOf(await verifyApi1(makeTransport(f.fetch), CREDS));
    expect(failure.kind).toBe("bad-shape");
    expect(failure.message).toContain("did not look like a SIEM log file");
    expect(failure.message).toContain(what);
    expect(failure.action).toContain("proxy");
    expect(p.pulled).toBe(0);
  });

  it("a file name from Content-Disposition is cleaned and capped", async () => {
    const name = `\u202eevil\u200b${"x".repeat(500)}.zip`;
    const f = fakeFetch(
      ACCOUNT_OK,
      fileAnswer(body(10, 10, probe()), {
        ...FILE_HEADERS,
        "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      }),
    );
    const siem = successOf(await verifyApi1(makeTransport(f.fetch), CREDS)).siem;
    if (siem.kind !== "logs") throw new Error("expected logs");
    expect(siem.fileName.startsWith("evilxxx")).toBe(true);
    expect(Array.from(siem.fileName)).toHaveLength(SERVER_TEXT_MAX);
    expect(siem.fileName.endsWith("…")).toBe(true);
  });

  it("a huge JSON answer to get-siem-logs is stopped at the cap", async () => {
    const p = probe();
    const f = fakeFetch(
      ACCOUNT_OK,
      async () =>
        new Response(body(64 * 1024 * 1024, 65_536, p), { headers: { "content-type": "application/json" } }),
    );
    expect(failureOf(await verifyApi1(makeTransport(f.fetch), CREDS)).kind).toBe("too-large");
    expect(p.pulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES + 65_536);
  });
});

describe("cleanServerText", () => {
  it.each([
    ["bidi overrides and isolates", "abc\u202Edef\u2066g\u2069", "abcdefg"],
    ["zero-width characters and BOM", "ad\u200Bmin\uFEFF\u200D", "admin"],
    [
      "control characters and line breaks become one space",
      "line one\r\n\tline\u0000two\u2028three",
      "line one line two three",
    ],
    ["runs of whitespace", "  a   b \u00A0 c  ", "a b c"],
    ["a lone surrogate", "a\uD800b", "ab"],
    ["plain text", "App ID is invalid: INVALID", "App ID is invalid: INVALID"],
  ])("%s", (_name, input, expected) => {
    expect(cleanServerText(input)).toBe(expected);
  });

  it("caps at 300 characters with an ellipsis, never splitting a surrogate pair", () => {
    const long = "😀".repeat(400);
    const out = cleanServerText(long);
    expect(Array.from(out)).toHaveLength(300);
    expect(out.endsWith("😀…")).toBe(true);
    expect(cleanServerText("a".repeat(300))).toBe("a".repeat(300));
    expect(cleanServerText("a".repeat(301))).toBe(`${"a".repeat(299)}…`);
  });

  it("is applied to Mimecast's API 1.0 error text", async () => {
    const message = `App ID is invalid:\u202e ${"y".repeat(5000)}\n`;
    const text = JSON.stringify({
      meta: { status: 200 },
      fail: [{ errors: [{ code: "err_new\u200b_thing", message, retryable: false }] }],
    });
    const failure = failureOf(await discover(makeTransport(fakeFetch(json(text)).fetch), APP_ID, EMAIL));
    expect(failure.code).toBe("err_new_thing");
    expect(failure.mimecastMessage?.startsWith("App ID is invalid: yyy")).toBe(true);
    expect(Array.from(failure.mimecastMessage ?? "")).toHaveLength(300);
    expect(failure.message.length).toBeLessThan(700);
    expect(JSON.stringify(failure)).not.toMatch(/[\u202e\u200b\n]/);
  });

  it("is applied to the account answer", async () => {
    const account = json(
      JSON.stringify({
        meta: { status: 200 },
        data: [{ accountCode: "CSBX\u200b00A000", accountName: `Sandbox\u202e Corp\n${"z".repeat(400)}` }],
      }),
    );
    const f = fakeFetch(account, json('{"meta":{"isLastToken":true,"status":200},"data":[],"fail":[]}'));
    const value = successOf(await verifyApi1(makeTransport(f.fetch), CREDS));
    expect(value.account.accountCode).toBe("CSBX00A000");
    expect(value.account.accountName.startsWith("Sandbox Corp zzz")).toBe(true);
    expect(Array.from(value.account.accountName)).toHaveLength(300);
  });

  it("is applied to Mimecast's API 2.0 error text", async () => {
    const f = fakeFetch(
      json('{"access_token":"tok","token_type":"Bearer"}'),
      json(JSON.stringify({ fail: [{ code: "odd\u2067code", message: `m\u0007${"q".repeat(900)}` }] }), 418),
    );
    const failure = failureOf(
      await verifyApi2(makeTransport(f.fetch), { hostId: "global", clientId: "cid", clientSecret: "secret" }),
    );
    expect(failure.code).toBe("oddcode");
    expect(failure.mimecastMessage?.startsWith("m qqq")).toBe(true);
    expect(Array.from(failure.mimecastMessage ?? "")).toHaveLength(300);
  });
});

const API2 = {
  hostId: "global",
  clientId: "sbxQ2mVn8RtK4wLp7HjC1dXe9FgA3yZu",
  clientSecret: "Zq4N7bW1xT9kLm",
};
const TOKEN_OK = json(
  '{"access_token":"FakeAccessTokenAbCdEf0123456","token_type":"Bearer","expires_in":1799}',
);

describe("verifyApi2: the probe answer must be a SIEM batch list", () => {
  it.each([
    ['{"error":"blocked"}', "no “value” list"],
    ['{"value":"none"}', "“value” is not a list"],
    ['{"value":[{"size":354}],"isCaughtUp":false}', "a listed file has no “url”"],
    ['{"value":[1]}', "a listed file has no “url”"],
    ["[]", "not a JSON object"],
    ['{"value":[],"isCaughtUp":"yes"}', "unexpected field types"],
  ])("%s -> bad-shape (%s)", async (text, what) => {
    const f = fakeFetch(TOKEN_OK, json(text));
    const failure = failureOf(await verifyApi2(makeTransport(f.fetch), API2));
    expect(failure).toMatchObject({ kind: "bad-shape", httpStatus: 200 });
    expect(failure.message).toBe(`Mimecast's answer did not look like a SIEM batch list (${what}).`);
    expect(failure.action).toContain("proxy");
    expect(f.calls).toHaveLength(2);
  });

  it("a 2xx download that is not JSON is not 'logs available'", async () => {
    const f = fakeFetch(TOKEN_OK, {
      status: 200,
      body: "PK\u0003\u0004binary",
      headers: { "content-type": "application/octet-stream" },
    });
    const failure = failureOf(await verifyApi2(makeTransport(f.fetch), API2));
    expect(failure.kind).toBe("not-json");
    expect(failure.message).toBe("Mimecast's answer did not look like a SIEM batch list (not JSON).");
  });

  it("a 2xx carrying Mimecast's own fail[] keeps its code", async () => {
    const f = fakeFetch(TOKEN_OK, json('{"fail":[{"code":"internal-error","message":"Oops"}]}'));
    expect(failureOf(await verifyApi2(makeTransport(f.fetch), API2))).toMatchObject({
      kind: "bad-shape",
      code: "internal-error",
      mimecastMessage: "Oops",
    });
  });

  it("the recorded caught-up answer, served as octet-stream (api2-siem-batch-caughtup-empty.json), passes", async () => {
    const f = fakeFetch(TOKEN_OK, {
      status: 200,
      body: '{\n  "value": [],\n  "@nextPage": "String",\n  "isCaughtUp": true\n}\n',
      headers: { "content-type": "application/octet-stream" },
    });
    expect(successOf(await verifyApi2(makeTransport(f.fetch), API2))).toMatchObject({
      files: 0,
      caughtUp: true,
    });
  });

  it("the recorded batch list (api2-siem-batch.json) passes", async () => {
    const f = fakeFetch(
      TOKEN_OK,
      json(
        '{"value":[{"url":"https://example.com","expiry":"2000-01-10T00:10:00.000Z","size":354}],"@nextPage":"NDU1NA==","isCaughtUp":true}',
      ),
    );
    expect(successOf(await verifyApi2(makeTransport(f.fetch), API2))).toMatchObject({
      files: 1,
      caughtUp: true,
    });
  });

  it("an access token that cannot be sent in a header is a bad token answer, not 'could not reach'", async () => {
    const f = fakeFetch(json('{"access_token":"abc\\u200bdef"}'));
    expect(failureOf(await verifyApi2(makeTransport(f.fetch), API2)).kind).toBe("bad-shape");
    expect(f.calls).toHaveLength(1);
  });
});

/** What a browser's fetch does first: it refuses a header value it cannot send. */
const strictFetch = fakeFetch().fetch;
function browserLike() {
  const calls: string[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push(url);
    new Request(url, init);
    return strictFetch(url, init);
  };
  return { fetch, calls };
}

describe("verify: the header safety check login makes", () => {
  it.each([
    ["appId", `${APP_ID}\u200b`, "The Application ID contains a space, line break or invisible character."],
    [
      "appKey",
      `\ufeff${CREDS.appKey}`,
      "The Application key contains a space, line break or invisible character.",
    ],
    [
      "accessKey",
      `${CREDS.accessKey.slice(0, 10)} ${CREDS.accessKey.slice(10)}`,
      "The Access key contains a space, line break or invisible character.",
    ],
  ] as const)(
    "API 1.0 %s with an unsendable character -> that field, no request",
    async (field, value, message) => {
      const f = browserLike();
      const failure = failureOf(await verifyApi1(makeTransport(f.fetch), { ...CREDS, [field]: value }));
      expect(failure).toMatchObject({ kind: "validation", field, message });
      expect(failure.action).toMatch(/^Copy the /);
      expect(f.calls).toHaveLength(0);
    },
  );

  it("control: without the check, a browser's fetch refuses the U+200B header (the old 'could not reach')", () => {
    expect(
      () => new Request("https://eu-api.mimecast.com/", { headers: { "x-mc-app-id": `${APP_ID}\u200b` } }),
    ).toThrow();
  });

  it.each([
    ["clientId", { clientId: `${API2.clientId}\u200b` }, "The Client ID contains"],
    ["clientSecret", { clientSecret: `Zq4N\u200d7bW1` }, "The Client secret contains"],
    ["clientSecret", { clientSecret: "Zq4N 7bW1" }, "The Client secret contains"],
  ] as const)(
    "API 2.0 %s with an invisible character or inner space -> that field, no request",
    async (field, override, message) => {
      const f = browserLike();
      const failure = failureOf(await verifyApi2(makeTransport(f.fetch), { ...API2, ...override }));
      expect(failure).toMatchObject({ kind: "validation", field });
      expect(failure.message).toContain(message);
      expect(f.calls).toHaveLength(0);
    },
  );
});

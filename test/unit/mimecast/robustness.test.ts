/**
 * Hostile and malformed inputs that once got through (found by review): a proxy's JSON error page,
 * whitespace-only keys, server errors carrying a code, a fetch that ignores the abort signal, and
 * an Application ID that cannot be sent in a header.
 */
import { describe, expect, it } from "vitest";
import { discover, generateKeys, login } from "../../../src/mimecast/client";
import { regionById } from "../../../src/mimecast/regions";
import { send } from "../../../src/mimecast/transport";
import { APP_ID, EMAIL, failureOf, fakeFetch, json, makeTransport, PASSWORD } from "./helpers";

const EU = regionById("eu");
if (!EU) throw new Error("region table changed");
const LOGIN_INPUT = { appId: APP_ID, email: EMAIL, password: PASSWORD, authType: "cloud" } as const;

describe("robustness", () => {
  it("control: an envelope whose data[0] has no region is unknown-email", async () => {
    const body = '{"meta":{"status":200},"data":[{"emailAddress":"x@example.com"}],"fail":[]}';
    const failure = failureOf(await discover(makeTransport(fakeFetch(json(body)).fetch), APP_ID, EMAIL));
    expect(failure.kind).toBe("unknown-email");
  });

  it("discover: a JSON object that is not a Mimecast envelope is bad-shape, not unknown-email", async () => {
    const f = fakeFetch(json('{"error":"blocked by policy"}'));
    const failure = failureOf(await discover(makeTransport(f.fetch), APP_ID, EMAIL));
    expect(failure.kind).toBe("bad-shape");
  });

  it("login: whitespace-only accessKey/secretKey is bad-shape, not success with empty keys", async () => {
    const body = '{"meta":{"status":200},"data":[{"accessKey":"   ","secretKey":"\\n"}],"fail":[]}';
    const result = await login(makeTransport(fakeFetch(json(body)).fetch), EU, LOGIN_INPUT);
    expect(result.ok).toBe(false);
    expect(failureOf(result).kind).toBe("bad-shape");
  });

  it("HTTP 500 with an unknown code in fail[] is a server failure that keeps the code", async () => {
    const body =
      '{"meta":{"status":500},"data":[],"fail":[{"errors":[{"code":"err_internal","message":"Internal error"}]}]}';
    const f = fakeFetch(json(body, 500));
    const failure = failureOf(await generateKeys(makeTransport(f.fetch), { ...LOGIN_INPUT, regionId: "eu" }));
    expect(failure).toMatchObject({ kind: "server", httpStatus: 500, code: "err_internal" });
  });

  it("send: gives up after timeoutMs even if fetch ignores the abort signal", async () => {
    const t = makeTransport(() => new Promise<Response>(() => {}), { timeoutMs: 50 });
    const outcome = await Promise.race([
      send(t, "https://eu-api.mimecast.com/api/login/login", {}),
      new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 500)),
    ]);
    expect(outcome).not.toBe("hung");
  });

  it("an Application ID that cannot be sent in a header points at the appId field", async () => {
    const strictFetch = async (url: string, init: RequestInit) => {
      new Request(url, init); // what a browser's fetch does first: validates header values
      return new Response('{"data":[]}', { status: 200, headers: { "content-type": "application/json" } });
    };
    const failure = failureOf(await discover(makeTransport(strictFetch), `${APP_ID}\u200b`, EMAIL));
    expect(failure.field).toBe("appId");
  });
});

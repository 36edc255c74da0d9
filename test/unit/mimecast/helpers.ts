import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Failure, Result } from "../../../src/mimecast/failures";
import type { FetchLike, Transport } from "../../../src/mimecast/transport";

/** The date Mimecast uses in its documentation: Tue, 24 Nov 2015 12:50:11 UTC. */
export const FIXED_NOW = new Date(Date.UTC(2015, 10, 24, 12, 50, 11));
export const FIXED_NOW_HEADER = "Tue, 24 Nov 2015 12:50:11 UTC";

export const APP_ID = "00000000-aaaa-4bbb-8ccc-000000000001";
export const EMAIL = "siem-service@example.com";
/** Contains ':' and non-ASCII characters on purpose, and is distinctive enough to search for. */
export const PASSWORD = "Pä:ss-wörd-Ω-9917";

/** Raw text of a file under test/fixtures/api/ (raw, so JSON escapes like \u003d reach the client). */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/api/${name}`, import.meta.url), "utf8");
}

export interface RecordedCall {
  readonly url: string;
  readonly init: RequestInit;
}

export interface Reply {
  readonly status?: number;
  readonly body?: string | null;
  readonly headers?: Record<string, string>;
}

export type Responder = Reply | ((url: string, init: RequestInit) => Promise<Response>);

export interface FakeFetch {
  readonly fetch: FetchLike;
  readonly calls: RecordedCall[];
}

/**
 * A fetch that records every call and answers with the given replies in order. A call beyond the
 * list rejects (the client turns that into a network failure; tests check `calls.length`).
 */
export function fakeFetch(...responders: Responder[]): FakeFetch {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const responder = responders[calls.length - 1];
    if (responder === undefined) throw new Error(`unexpected fetch #${calls.length} to ${url}`);
    if (typeof responder === "function") return responder(url, init);
    return new Response(responder.body ?? null, {
      status: responder.status ?? 200,
      headers: responder.headers ?? { "content-type": "application/json" },
    });
  };
  return { fetch, calls };
}

/** A JSON reply with a Content-Type of application/json. */
export function json(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers: { "content-type": "application/json", ...headers } };
}

/** A fetch that never answers, and rejects like a browser's fetch when its signal aborts. */
export function hangingFetch(): FakeFetch {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push({ url, init });
    return new Promise<Response>((_resolve, reject) => {
      const signal = init.signal;
      if (!signal) return;
      signal.addEventListener("abort", () =>
        reject(new DOMException("The operation was aborted.", "AbortError")),
      );
    });
  };
  return { fetch, calls };
}

/** Request ids that are distinct and predictable: 00000000-0000-4000-8000-00000000000N. */
export function counterRequestIds(): () => string {
  let n = 0;
  return () => {
    n += 1;
    return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  };
}

export function makeTransport(fetch: FetchLike, overrides: Partial<Transport> = {}): Transport {
  return {
    fetch,
    timeoutMs: 5_000,
    now: () => FIXED_NOW,
    requestId: counterRequestIds(),
    ...overrides,
  };
}

/** The headers the client passed, as the plain object it builds. */
export function headersOf(call: RecordedCall | undefined): Record<string, string> {
  expect(call).toBeDefined();
  const headers = call?.init.headers;
  expect(headers).toBeTypeOf("object");
  expect(headers).not.toBeInstanceOf(Headers);
  expect(Array.isArray(headers)).toBe(false);
  return headers as Record<string, string>;
}

export function bodyOf(call: RecordedCall | undefined): unknown {
  expect(call).toBeDefined();
  expect(call?.init.body).toBeTypeOf("string");
  return JSON.parse(call?.init.body as string);
}

export function successOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got failure ${JSON.stringify(result.failure)}`);
  return result.value;
}

export function failureOf<T>(result: Result<T>): Failure {
  if (result.ok) throw new Error(`expected failure, got success ${JSON.stringify(result.value)}`);
  return result.failure;
}

/** No part of the failure (message, action, Mimecast's text) may repeat the password or its encoding. */
export function expectNoSecret(failure: Failure, password: string = PASSWORD, email: string = EMAIL): void {
  const text = JSON.stringify(failure);
  expect(text).not.toContain(password);
  expect(failure.message).not.toContain(password);
  expect(failure.action).not.toContain(password);
  const encoded = Buffer.from(`${email}:${password}`, "utf8").toString("base64");
  expect(text).not.toContain(encoded);
}

/** Decodes a `Basic-Cloud xxx` / `Basic-AD xxx` header value back to `email:password`. */
export function decodeBasic(header: string): { scheme: string; credentials: string } {
  const space = header.indexOf(" ");
  expect(space).toBeGreaterThan(0);
  return {
    scheme: header.slice(0, space),
    credentials: Buffer.from(header.slice(space + 1), "base64").toString("utf8"),
  };
}

import {
  badShapeFailure,
  emptyFailure,
  type Failure,
  fail,
  failureFromCode,
  failureFromStatus,
  networkFailure,
  notJsonFailure,
  type Operation,
  ok,
  type Result,
  timeoutFailure,
} from "./failures";
import { newRequestId } from "./headers";
import { envelopeSchema } from "./schemas";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** What the client needs from its environment; injected so Node tests run the client unchanged. */
export interface Transport {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly now: () => Date;
  readonly requestId: () => string;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

export function defaultTransport(fetchImpl: FetchLike): Transport {
  return { fetch: fetchImpl, timeoutMs: DEFAULT_TIMEOUT_MS, now: () => new Date(), requestId: newRequestId };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Body size in bytes. */
  readonly size: number;
}

/** Sends one request with a timeout. Transport-level problems become failures, never exceptions. */
export async function send(t: Transport, url: string, init: RequestInit): Promise<Result<RawResponse>> {
  const host = new URL(url).host;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The abort cancels the request; the race guarantees an answer even if a fetch ignores it.
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, t.timeoutMs);
  });
  const exchange = (async (): Promise<RawResponse> => {
    const response = await t.fetch(url, {
      ...init,
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
      redirect: "error",
    });
    // Bytes first: a SIEM log file is binary (zip); its size is reported, its content never kept.
    const bytes = await response.arrayBuffer();
    const text = new TextDecoder().decode(bytes);
    return { status: response.status, headers: response.headers, text, size: bytes.byteLength };
  })();
  try {
    const outcome = await Promise.race([exchange, timedOut]);
    if (outcome === "timeout") return fail(timeoutFailure(host, t.timeoutMs));
    return ok(outcome);
  } catch {
    // Network errors and aborts both reject; the abort flag tells which. No error text is kept:
    // it can echo request details.
    if (controller.signal.aborted) return fail(timeoutFailure(host, t.timeoutMs));
    return fail(networkFailure(host));
  } finally {
    clearTimeout(timer);
    exchange.catch(() => undefined); // the loser of the race must not surface as unhandled
  }
}

/** Epoch ms at which a rate limit lifts: `X-RateLimit-Reset` is milliseconds from now. */
export function retryAtFrom(headers: Headers, now: Date): number | undefined {
  const reset = headers.get("x-ratelimit-reset")?.trim();
  if (!reset) return undefined;
  const ms = Number(reset);
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return now.getTime() + ms;
}

/**
 * Turns a raw answer into the `data[]` items, or a failure. `fail[]` is read whatever the HTTP
 * status: Mimecast reports some errors (an unknown application ID) with HTTP 200.
 */
export function interpret(raw: RawResponse, op: Operation, now: Date): Result<unknown[]> {
  const { status, headers, text } = raw;
  if (text.trim() === "") {
    if (status >= 200 && status < 300) return fail(emptyFailure(status));
    return fail(failureFromStatus(status, op, retryAtFrom(headers, now)));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    if (status >= 500 || status === 429)
      return fail(failureFromStatus(status, op, retryAtFrom(headers, now)));
    return fail(notJsonFailure(status, headers.get("content-type") ?? ""));
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    if (status < 200 || status >= 300) return fail(failureFromStatus(status, op, retryAtFrom(headers, now)));
    return fail(badShapeFailure(status, "not a Mimecast envelope"));
  }
  const firstError = parsed.data.fail?.flatMap((f) => f.errors ?? [])[0];
  if (firstError) {
    const failure: Failure = failureFromCode(firstError, op, status);
    // Rate limits and server errors are about Mimecast, not the values entered: say so, and keep
    // Mimecast's code for support.
    if (status === 429 || (status >= 500 && failure.kind === "mimecast")) {
      return fail({ ...failureFromStatus(status, op, retryAtFrom(headers, now)), ...codeOf(failure) });
    }
    return fail(failure);
  }
  if (status < 200 || status >= 300) return fail(failureFromStatus(status, op, retryAtFrom(headers, now)));
  return ok(parsed.data.data ?? []);
}

function codeOf(f: Failure): Pick<Failure, "code" | "mimecastMessage"> {
  return {
    ...(f.code ? { code: f.code } : {}),
    ...(f.mimecastMessage ? { mimecastMessage: f.mimecastMessage } : {}),
  };
}

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
  tooLargeFailure,
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
  /** The body as text; empty when the body was not read. */
  readonly text: string;
  /** Body bytes read (0 when the body was not read). */
  readonly size: number;
  /** False when `SendOptions.wantBody` declined the body: it was cancelled unread. */
  readonly bodyRead: boolean;
}

/**
 * Largest answer read: key, account, error and batch-list answers are a few KB (a recorded
 * get-account answer is 1.4 KB), so 1 MB leaves ample room while keeping a runaway or hostile
 * answer (a proxy's download, a looping stream) out of the service worker's memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

export interface SendOptions {
  /** Largest body accepted, in bytes; `MAX_ANSWER_BYTES` by default. */
  readonly maxBytes?: number;
  /**
   * Decides from the status and headers whether the body is wanted. When it says no, the body is
   * cancelled unread and the timeout ends with the headers (a log file is reported, not downloaded).
   */
  readonly wantBody?: (status: number, headers: Headers) => boolean;
}

/** A declared Content-Length, when it is a plain number. */
export function declaredLength(headers: Headers): number | undefined {
  const value = headers.get("content-length")?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Cancels without waiting: a stream that ignores cancel must not hold the caller. */
function cancelQuietly(target: { cancel(): Promise<void> } | null | undefined): void {
  if (!target) return;
  try {
    target.cancel().catch(() => undefined);
  } catch {
    // a locked or already closed stream: nothing left to release
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Sends one request with a timeout and a byte cap. Transport-level problems become failures, never
 * exceptions. The timeout covers the headers and, when the body is read, the body too; it holds
 * even when fetch or the body reader ignore the abort. The body is read as a stream and stopped as
 * soon as it crosses the cap (or refused at once when Content-Length already says it would).
 */
export async function send(
  t: Transport,
  url: string,
  init: RequestInit,
  options: SendOptions = {},
): Promise<Result<RawResponse>> {
  const host = new URL(url).host;
  const maxBytes = options.maxBytes ?? MAX_ANSWER_BYTES;
  const controller = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The abort cancels the request; the race guarantees an answer even if a fetch ignores it.
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      cancelQuietly(reader);
      resolve("timeout");
    }, t.timeoutMs);
  });
  const stop = (response: Response) => {
    cancelQuietly(response.body);
    controller.abort();
  };
  const exchange = (async (): Promise<Result<RawResponse>> => {
    const response = await t.fetch(url, {
      ...init,
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
      redirect: "error",
    });
    const { status, headers } = response;
    if (options.wantBody && !options.wantBody(status, headers)) {
      stop(response);
      return ok({ status, headers, text: "", size: 0, bodyRead: false });
    }
    const declared = declaredLength(headers);
    if (declared !== undefined && declared > maxBytes) {
      stop(response);
      return fail(tooLargeFailure(host, maxBytes, status));
    }
    if (!response.body) return ok({ status, headers, text: "", size: 0, bodyRead: true });
    reader = response.body.getReader();
    if (controller.signal.aborted) cancelQuietly(reader); // the timeout fired while fetch resolved
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Timed out, and the reader ignored the cancel: stop reading in the background.
      if (controller.signal.aborted) {
        cancelQuietly(reader);
        return fail(timeoutFailure(host, t.timeoutMs));
      }
      size += value.byteLength;
      if (size > maxBytes) {
        cancelQuietly(reader);
        controller.abort();
        return fail(tooLargeFailure(host, maxBytes, status));
      }
      chunks.push(value);
    }
    // Bytes first, then text: the decoder never sees more than the cap.
    const text = new TextDecoder().decode(concat(chunks, size));
    return ok({ status, headers, text, size, bodyRead: true });
  })();
  try {
    const outcome = await Promise.race([exchange, timedOut]);
    if (outcome === "timeout") return fail(timeoutFailure(host, t.timeoutMs));
    return outcome;
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

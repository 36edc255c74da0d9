import type { ApiReply, ApiRequest, SimulatedApi } from "./api";

/** How much of a streamed answer the client pulled, and whether it cancelled the rest. */
export interface StreamStats {
  readonly length: number;
  bytesPulled: number;
  cancelled: boolean;
}

export interface SimulatedFetchOptions {
  /** Receives one record per streamed answer (huge answers, big log files). */
  readonly streams?: StreamStats[];
}

/** A pull-based body: a chunk is produced only when the reader asks for it. */
function streamOf(
  reply: Extract<ApiReply, { kind: "stream" }>,
  stats: StreamStats,
): ReadableStream<Uint8Array> {
  const chunks = reply.chunks()[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) {
          controller.close();
          return;
        }
        stats.bytesPulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * A fetch that answers from a SimulatedApi in memory, without HTTPS: lets Node tests run the real
 * client (src/mimecast) against the simulated Mimecast. Request headers reach the API lower-cased,
 * as Node's HTTP server hands them over. Like the HTTPS sandbox, it sends Content-Length with every
 * non-empty body (never gzip-encoded here).
 */
export function simulatedFetch(
  api: SimulatedApi,
  options: SimulatedFetchOptions = {},
): (url: string, init: RequestInit) => Promise<Response> {
  return async (url, init) => {
    const u = new URL(url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const body = typeof init.body === "string" ? init.body : "";
    const req: ApiRequest = {
      method: init.method ?? "GET",
      host: u.hostname,
      path: u.pathname,
      query: u.search,
      headers,
      body,
    };
    const reply = api.handle(req);
    if (reply.kind === "drop") throw new TypeError("fetch failed");
    if (reply.kind === "hang") {
      return new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener("abort", () =>
          reject(new DOMException("The operation was aborted.", "AbortError")),
        );
      });
    }
    if (reply.kind === "stream") {
      const stats: StreamStats = { length: reply.length, bytesPulled: 0, cancelled: false };
      options.streams?.push(stats);
      return new Response(streamOf(reply, stats), {
        status: reply.status,
        headers: {
          ...reply.headers,
          ...(reply.declareLength ? { "content-length": String(reply.length) } : {}),
          "cache-control": "no-store",
        },
      });
    }
    const payload =
      typeof reply.body === "string" ? new TextEncoder().encode(reply.body) : new Uint8Array(reply.body);
    return new Response(payload.length === 0 ? null : payload, {
      status: reply.status,
      headers: {
        ...reply.headers,
        ...(payload.length === 0 ? {} : { "content-length": String(payload.length) }),
        "cache-control": "no-store",
      },
    });
  };
}

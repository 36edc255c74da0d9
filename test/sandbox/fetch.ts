import type { ApiRequest, SimulatedApi } from "./api";

/**
 * A fetch that answers from a SimulatedApi in memory, without HTTPS: lets Node tests run the real
 * client (src/mimecast) against the simulated Mimecast. Request headers reach the API lower-cased,
 * as Node's HTTP server hands them over.
 */
export function simulatedFetch(api: SimulatedApi): (url: string, init: RequestInit) => Promise<Response> {
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
    const payload = typeof reply.body === "string" ? reply.body : new Uint8Array(reply.body);
    return new Response(payload.length === 0 ? null : payload, {
      status: reply.status,
      headers: { ...reply.headers, "cache-control": "no-store" },
    });
  };
}

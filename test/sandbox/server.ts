import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";
import { type ApiReply, SimulatedApi } from "./api";
import { throwawayCertificate } from "./cert";

/** One streamed answer as the server sent it: how much went out before the client stopped it. */
export interface StreamRecord {
  readonly host: string;
  readonly path: string;
  /** The answer's full size. */
  readonly length: number;
  /** Bytes handed to the connection before it closed (what the client read is at most this). */
  written: number;
  /** The whole body went out. */
  complete: boolean;
  readonly startedAt: number;
  /** When the last byte went out or the client closed the connection (epoch ms). */
  endedAt?: number;
}

export interface Sandbox {
  readonly port: number;
  readonly api: SimulatedApi;
  /** Every streamed answer (huge answers, big log files), in order. */
  readonly streams: readonly StreamRecord[];
  /** Chromium flag that sends every Mimecast host name to this sandbox. */
  readonly hostResolverRules: string;
  close(): Promise<void>;
}

export interface SandboxOptions {
  readonly port?: number;
  /** Answers for hosts that are not API hosts (the simulated console, added by the guidance work). */
  readonly site?: (req: IncomingMessage, res: ServerResponse, host: string) => boolean;
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function isApiHost(host: string): boolean {
  return (
    /(^|-)api\.mimecast\.com$/.test(host) ||
    host.endsWith("-api.mimecast-pscom-us.com") ||
    // API 2.0: api.services.mimecast.com and its data-residency hosts uk-api. and us-api.
    /^([a-z]+-)?api\.services\.mimecast\.com$/.test(host)
  );
}

function write(req: IncomingMessage, res: ServerResponse, reply: Extract<ApiReply, { kind: "reply" }>): void {
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) && reply.body.length > 0;
  const raw = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : Buffer.from(reply.body);
  const body = gzip ? gzipSync(raw) : raw;
  // No Access-Control-* headers on purpose: an extension page lacking host permission must fail here
  // as it would against Mimecast.
  res.writeHead(reply.status, {
    ...reply.headers,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": String(body.length),
    "cache-control": "no-store",
  });
  res.end(body);
}

/**
 * Sends a streamed answer chunk by chunk, waiting for the connection to drain between chunks, and
 * stops as soon as the client closes it: memory stays at one chunk whatever the answer's size.
 */
async function writeStream(
  res: ServerResponse,
  reply: Extract<ApiReply, { kind: "stream" }>,
  record: StreamRecord,
): Promise<void> {
  res.writeHead(reply.status, {
    ...reply.headers,
    ...(reply.declareLength ? { "content-length": String(reply.length) } : {}),
    "cache-control": "no-store",
  });
  let closed = false;
  res.on("close", () => {
    closed = true;
    record.endedAt ??= Date.now();
  });
  for (const chunk of reply.chunks()) {
    if (closed || res.destroyed) return;
    record.written += chunk.byteLength;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  if (closed || res.destroyed) return;
  record.complete = true;
  res.end(() => {
    record.endedAt ??= Date.now();
  });
}

/** Starts the HTTPS sandbox on 127.0.0.1: the simulated Mimecast API, plus whatever `site` serves. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const tls = await throwawayCertificate();
  const api = new SimulatedApi();
  const streams: StreamRecord[] = [];
  const sockets = new Set<Socket>();
  const server = createServer({ key: tls.key, cert: tls.cert }, async (req, res) => {
    const host = String(req.headers.host ?? "")
      .replace(/:\d+$/, "")
      .toLowerCase();
    const url = new URL(req.url ?? "/", `https://${host || "localhost"}`);
    if (isApiHost(host)) {
      if (req.method === "OPTIONS") {
        // A preflight means the caller lacks host permission; Mimecast would not allow it either.
        res.writeHead(403).end();
        return;
      }
      let body = "";
      try {
        body = await readBody(req);
      } catch {
        res.writeHead(413).end();
        return;
      }
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      const reply = api.handle({
        method: req.method ?? "GET",
        host,
        path: url.pathname,
        query: url.search,
        headers,
        body,
      });
      if (reply.kind === "hang") return; // never answer; the socket is closed with the server
      if (reply.kind === "drop") {
        req.socket.destroy();
        return;
      }
      if (reply.kind === "stream") {
        const record: StreamRecord = {
          host,
          path: url.pathname,
          length: reply.length,
          written: 0,
          complete: false,
          startedAt: Date.now(),
        };
        streams.push(record);
        await writeStream(res, reply, record);
        return;
      }
      write(req, res, reply);
      return;
    }
    if (options.site?.(req, res, host)) return;
    res.writeHead(404, { "content-type": "text/plain" }).end(`Nothing here for ${host}${url.pathname}`);
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("secureConnection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    api,
    streams,
    hostResolverRules: `MAP *.mimecast.com 127.0.0.1:${port}, MAP mimecast.com 127.0.0.1:${port}, MAP *.mimecast-pscom-us.com 127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

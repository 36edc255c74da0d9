import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * Firefox has no `--host-resolver-rules`: instead it is pointed (through its proxy preferences) at
 * this small HTTP proxy, which tunnels every HTTPS CONNECT to a Mimecast host to the local sandbox
 * and refuses everything else. Firefox still sees the real host names (SNI, Host header, origins),
 * exactly as with Chromium's host-resolver rules.
 */

export interface MimecastProxy {
  readonly port: number;
  /** Hosts tunnelled to the sandbox, in order (one entry per CONNECT). */
  readonly tunnelled: readonly string[];
  /** Requests refused: anything that is not a CONNECT to a Mimecast host on port 443. */
  readonly refused: readonly string[];
  close(): Promise<void>;
}

const MIMECAST_HOST = /^([a-z0-9-]+\.)*(mimecast\.com|mimecast-pscom-us\.com)$/;

/** Whether the proxy sends `host:port` (a CONNECT target) to the sandbox. */
export function tunnelsToSandbox(target: string): boolean {
  const m = /^([^:]+):(\d+)$/.exec(target.toLowerCase());
  return !!m && m[2] === "443" && MIMECAST_HOST.test(m[1] ?? "");
}

const MAX_HEAD = 16 * 1024;

export async function startMimecastProxy(sandboxPort: number): Promise<MimecastProxy> {
  const tunnelled: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  };

  const server: Server = createServer((client) => {
    track(client);
    client.on("error", () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) {
        if (head.length > MAX_HEAD) client.destroy();
        return;
      }
      client.off("data", onData);
      const [method = "", target = ""] = head.subarray(0, end).toString("latin1").split(" ");
      if (method !== "CONNECT" || !tunnelsToSandbox(target)) {
        refused.push(`${method} ${target}`);
        client.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        return;
      }
      tunnelled.push(target.replace(/:443$/, ""));
      const upstream = connect(sandboxPort, "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      track(upstream);
      upstream.on("error", () => client.destroy());
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    };
    client.on("data", onData);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no TCP address");
  return {
    port: address.port,
    tunnelled,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

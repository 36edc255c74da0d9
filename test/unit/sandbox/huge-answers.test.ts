import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeys, login } from "../../../src/mimecast/client";
import { regionById } from "../../../src/mimecast/regions";
import { MAX_ANSWER_BYTES, type Transport } from "../../../src/mimecast/transport";
import { verifyApi1 } from "../../../src/mimecast/verify";
import {
  HUGE_ANSWER_BYTES,
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../../sandbox/accounts";
import { SimulatedApi } from "../../sandbox/api";
import { type StreamStats, simulatedFetch } from "../../sandbox/fetch";
import { type Sandbox, startSandbox } from "../../sandbox/server";

/** The sandbox's huge answers, and the real client stopping them early. */

const NOW = new Date("2026-01-01T12:00:00Z");
const EU = regionById("eu");
if (!EU) throw new Error("region table changed");

function setup() {
  const api = new SimulatedApi({ now: () => NOW });
  const streams: StreamStats[] = [];
  let n = 0;
  const t: Transport = {
    fetch: simulatedFetch(api, { streams }),
    timeoutMs: 5_000,
    now: () => NOW,
    requestId: () => {
      n += 1;
      return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    },
  };
  return { api, t, streams };
}

const input = (local: string) => ({
  appId: SANDBOX_APP_ID,
  email: sandboxAddress(local),
  password: SANDBOX_PASSWORD,
  authType: "cloud" as const,
});

describe("huge answers against the simulated API, in memory", () => {
  it("huge-answer: discover streams 64 MB without Content-Length; the client stops just past 1 MB", async () => {
    const { t, streams } = setup();
    const failure = await generateKeys(t, { ...input("huge-answer"), regionId: "auto" });
    expect(failure.ok).toBe(false);
    if (failure.ok) return;
    expect(failure.failure.kind).toBe("too-large");
    expect(failure.failure.message).toContain("api.mimecast.com");
    expect(streams).toHaveLength(1);
    expect(streams[0]?.length).toBe(HUGE_ANSWER_BYTES);
    expect(streams[0]?.cancelled).toBe(true);
    expect(streams[0]?.bytesPulled).toBeGreaterThan(MAX_ANSWER_BYTES);
    expect(streams[0]?.bytesPulled).toBeLessThanOrEqual(MAX_ANSWER_BYTES + 64 * 1024);
  });

  it("huge-answer: with its region chosen, login works (only discover is huge)", async () => {
    const { t } = setup();
    const result = await generateKeys(t, { ...input("huge-answer"), regionId: "eu" });
    expect(result.ok).toBe(true);
  });

  it("huge-login: a 64 MB Content-Length is refused before any byte is read", async () => {
    const { t, streams } = setup();
    const result = await login(t, EU, input("huge-login"));
    expect(!result.ok && result.failure.kind).toBe("too-large");
    expect(streams[0]?.bytesPulled).toBe(0);
    expect(streams[0]?.cancelled).toBe(true);
  });

  it("big-logs: verification reports a 64 MB log file from its headers without reading it", async () => {
    const { t, streams } = setup();
    const keys = await login(t, EU, input("big-logs"));
    if (!keys.ok) throw new Error(JSON.stringify(keys.failure));
    const result = await verifyApi1(t, {
      appId: SANDBOX_APP_ID,
      appKey: SANDBOX_APP_KEY,
      accessKey: keys.value.accessKey,
      secretKey: keys.value.secretKey,
      region: EU,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.value.siem).toEqual({
      kind: "logs",
      fileName: "CSBX00A000_MTA_20260101120000.zip",
      size: HUGE_ANSWER_BYTES,
    });
    expect(streams).toHaveLength(1);
    expect(streams[0]?.bytesPulled).toBe(0);
  });
});

describe("huge answers over HTTPS", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  }, 30_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  /** Reads `keep` bytes of the discover answer for `email`, then closes the connection. */
  function readThenClose(
    email: string,
    keep: number,
  ): Promise<{ headers: Record<string, unknown>; read: number }> {
    const body = JSON.stringify({ data: [{ emailAddress: email }] });
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: sandbox.port,
          servername: "api.mimecast.com",
          method: "POST",
          path: "/api/login/discover-authentication",
          rejectUnauthorized: false,
          headers: {
            host: "api.mimecast.com",
            "x-mc-app-id": SANDBOX_APP_ID,
            "x-mc-date": NOW.toUTCString().replace(/GMT$/, "UTC"),
            "x-mc-req-id": "00000000-0000-4000-8000-000000000001",
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(body)),
          },
        },
        (res) => {
          let read = 0;
          res.on("data", (c: Buffer) => {
            read += c.length;
            if (read >= keep) {
              res.destroy();
              req.destroy();
              resolve({ headers: res.headers, read });
            }
          });
          res.on("end", () => resolve({ headers: res.headers, read }));
          res.on("error", () => undefined);
        },
      );
      req.on("error", (e) => {
        if (!req.destroyed) reject(e);
      });
      req.end(body);
    });
  }

  it("streams the 64 MB discover answer chunked, and stops writing once the client hangs up", async () => {
    const { headers, read } = await readThenClose(sandboxAddress("huge-answer"), 2 * 1024 * 1024);
    expect(headers["content-length"]).toBeUndefined();
    expect(headers["transfer-encoding"]).toBe("chunked");
    expect(read).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    // The server notices the close and stops: far less than 64 MB went out.
    const deadline = Date.now() + 5_000;
    while (sandbox.streams[0]?.endedAt === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const record = sandbox.streams[0];
    expect(record?.complete).toBe(false);
    expect(record?.endedAt).toBeDefined();
    expect(record?.written).toBeLessThan(HUGE_ANSWER_BYTES / 4);
  });
});

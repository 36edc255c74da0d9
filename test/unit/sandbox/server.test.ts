import { createHmac } from "node:crypto";
import { request } from "node:https";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../../sandbox/accounts";
import { type Sandbox, startSandbox } from "../../sandbox/server";

/** The HTTPS sandbox routes API 2.0 hosts (GET with a query string) and serves bytes intact. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
}, 30_000);

afterAll(async () => {
  await sandbox?.close();
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

function call(
  host: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body = "",
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: sandbox.port,
        servername: host,
        method,
        path,
        rejectUnauthorized: false,
        headers: { host, ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("sandbox server: API 2.0 hosts", () => {
  it.each(["api.services.mimecast.com", "uk-api.services.mimecast.com", "us-api.services.mimecast.com"])(
    "%s: token by form POST, then the GET probe with its query string",
    async (host) => {
      const form = new URLSearchParams({
        client_id: SANDBOX_CLIENT_ID,
        client_secret: SANDBOX_CLIENT_SECRET,
        grant_type: "client_credentials",
      }).toString();
      const token = await call(
        host,
        "POST",
        "/oauth/token",
        { "content-type": "application/x-www-form-urlencoded" },
        form,
      );
      expect(token.status).toBe(200);
      const accessToken = (JSON.parse(token.body.toString("utf8")) as { access_token: string }).access_token;
      const probe = await call(
        host,
        "GET",
        "/siem/v1/batch/events/cg?type=receipt&dateRangeStartsAt=2025-12-31&dateRangeEndsAt=2026-01-01&pageSize=1",
        { authorization: `Bearer ${accessToken}`, "accept-encoding": "gzip" },
      );
      expect(probe.status).toBe(200);
      expect(probe.headers["content-encoding"]).toBe("gzip");
      const body = JSON.parse(gunzipSync(probe.body).toString("utf8")) as {
        value: unknown[];
        isCaughtUp: boolean;
      };
      expect(body.value).toHaveLength(1);
      expect(body.isCaughtUp).toBe(false);
      for (const name of Object.keys(probe.headers)) expect(name).not.toMatch(/^access-control-/);
    },
  );

  it("a CORS preflight to an API 2.0 host is refused", async () => {
    const r = await call("api.services.mimecast.com", "OPTIONS", "/oauth/token", {
      origin: "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
      "access-control-request-method": "POST",
    });
    expect(r.status).toBe(403);
    expect(r.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("an unrelated services host is not the API", async () => {
    const r = await call("login.services.mimecast.com", "GET", "/oauth/token", {});
    expect(r.status).toBe(404);
    expect(r.headers["content-type"]).toBe("text/plain");
  });

  it("API 1.0 hosts still answer as before", async () => {
    const r = await call("eu-api.mimecast.com", "GET", "/api/login/login", {});
    expect(r.status).toBe(405);
    expect(sandbox.api.seen.at(-1)).toEqual({ host: "eu-api.mimecast.com", path: "/api/login/login" });
  });
});

describe("sandbox server: API 1.0 log files", () => {
  it("a zip from get-siem-logs arrives byte for byte, gzip-encoded or not", async () => {
    const host = "eu-api.mimecast.com";
    const email = sandboxAddress("siem-service");
    const date = new Date().toUTCString().replace(/GMT$/, "UTC");
    const login = await call(
      host,
      "POST",
      "/api/login/login",
      {
        "x-mc-app-id": SANDBOX_APP_ID,
        "x-mc-date": date,
        "x-mc-req-id": "00000000-0000-4000-8000-000000000001",
        authorization: `Basic-Cloud ${Buffer.from(`${email}:${SANDBOX_PASSWORD}`).toString("base64")}`,
        "content-type": "application/json",
      },
      JSON.stringify({ data: [{ userName: email }] }),
    );
    expect(login.status).toBe(200);
    const keys = (
      JSON.parse(login.body.toString("utf8")) as { data: { accessKey: string; secretKey: string }[] }
    ).data[0];
    if (!keys) throw new Error("no keys");
    const siem = async (reqId: string, encoding: string) => {
      const path = "/api/audit/get-siem-logs";
      const sig = createHmac("sha1", Buffer.from(keys.secretKey, "base64"))
        .update(`${date}:${reqId}:${path}:${SANDBOX_APP_KEY}`)
        .digest("base64");
      return call(
        host,
        "POST",
        path,
        {
          "x-mc-app-id": SANDBOX_APP_ID,
          "x-mc-date": date,
          "x-mc-req-id": reqId,
          authorization: `MC ${keys.accessKey}:${sig}`,
          "content-type": "application/json",
          "accept-encoding": encoding,
        },
        '{"data":[{"type":"MTA","fileFormat":"json","compress":true}]}',
      );
    };
    const plain = await siem("00000000-0000-4000-8000-000000000002", "identity");
    const gzipped = await siem("00000000-0000-4000-8000-000000000003", "gzip");
    expect(plain.status).toBe(200);
    expect(plain.headers["content-type"]).toBe("application/octet-stream");
    expect(String(plain.headers["content-disposition"])).toMatch(
      /^attachment; filename="CSBX00A000_MTA_\d{14}\.zip"$/,
    );
    // zlib's level-9 header 78 DA encodes as "eNo" to "eNr", depending on the byte after it.
    expect(String(plain.headers["mc-siem-token"])).toMatch(/^eN[o-r]/);
    expect(plain.headers["content-length"]).toBe(String(plain.body.length));
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    for (const zip of [plain.body, gunzipSync(gzipped.body)]) {
      expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
      const nameLength = zip.readUInt16LE(26);
      const compressed = zip.readUInt32LE(18);
      const entry = inflateRawSync(zip.subarray(30 + nameLength, 30 + nameLength + compressed));
      expect((JSON.parse(entry.toString("utf8")) as { type: string }).type).toBe("MTA");
    }
  });
});

import { describe, expect, it } from "vitest";
import { verifyApi2 } from "../../../src/mimecast/api2";
import { login } from "../../../src/mimecast/client";
import { type Region, regionById } from "../../../src/mimecast/regions";
import type { Transport } from "../../../src/mimecast/transport";
import { verifyApi1 } from "../../../src/mimecast/verify";
import {
  API2_CLIENT_CAUGHT_UP,
  API2_CLIENT_CLOUD_INTEGRATED,
  API2_CLIENT_CLOUD_INTEGRATED_403,
  API2_CLIENT_NO_SIEM,
  API2_CLIENT_NO_SIEM_PRODUCT,
  API2_CLIENT_NO_SIEM_ROLE,
  API2_CLIENT_RATE_LIMITED,
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET,
  SANDBOX_PASSWORD,
  sandboxAddress,
} from "../../sandbox/accounts";
import { SimulatedApi } from "../../sandbox/api";
import { simulatedFetch } from "../../sandbox/fetch";

/** The real client (src/mimecast) against the simulated Mimecast, in memory. */

const NOW = new Date("2026-01-01T12:00:00Z");

function setup() {
  const api = new SimulatedApi({ now: () => NOW });
  let n = 0;
  const t: Transport = {
    fetch: simulatedFetch(api),
    timeoutMs: 5_000,
    now: () => NOW,
    requestId: () => {
      n += 1;
      return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    },
  };
  return { api, t };
}

function region(id: string): Region {
  const r = regionById(id);
  if (!r) throw new Error(`no region ${id}`);
  return r;
}

async function keysFor(t: Transport, local: string, regionId = "eu") {
  const result = await login(t, region(regionId), {
    appId: SANDBOX_APP_ID,
    email: sandboxAddress(local),
    password: SANDBOX_PASSWORD,
    authType: "cloud",
  });
  if (!result.ok) throw new Error(`login failed: ${JSON.stringify(result.failure)}`);
  return result.value;
}

async function verify(
  local: string,
  options: { loginRegion?: string; region?: string; email?: boolean; appKey?: string } = {},
) {
  const { api, t } = setup();
  const keys = await keysFor(t, local, options.loginRegion ?? "eu");
  const result = await verifyApi1(t, {
    appId: SANDBOX_APP_ID,
    appKey: options.appKey ?? SANDBOX_APP_KEY,
    accessKey: keys.accessKey,
    secretKey: keys.secretKey,
    region: region(options.region ?? options.loginRegion ?? "eu"),
    ...(options.email ? { email: sandboxAddress(local) } : {}),
  });
  return { api, result };
}

describe("verifyApi1 against the simulated API 1.0", () => {
  it("keys from login verify: account and a log file", async () => {
    const { api, result } = await verify("siem-service");
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.value.account).toEqual({
      accountName: "Sandbox Corp",
      accountCode: "CSBX00A000",
      region: "eu",
    });
    expect(result.value.siem).toMatchObject({ kind: "logs", fileName: "CSBX00A000_MTA_20260101120000.zip" });
    expect(result.value.siem.kind === "logs" && result.value.siem.size).toBeGreaterThan(200);
    expect(api.seen.map((s) => s.path)).toEqual([
      "/api/login/login",
      "/api/account/get-account",
      "/api/audit/get-siem-logs",
    ]);
  });

  it("caught-up -> caught-up", async () => {
    const { result } = await verify("caught-up");
    expect(result.ok && result.value.siem).toEqual({ kind: "caught-up" });
  });

  it("no-logging -> siem-permission", async () => {
    const { result } = await verify("no-logging");
    expect(!result.ok && result.failure).toMatchObject({
      kind: "siem-permission",
      httpStatus: 403,
      code: "err_audit_log_not_enabled",
    });
  });

  it("expired-keys -> binding-expired", async () => {
    const { result } = await verify("expired-keys");
    expect(!result.ok && result.failure).toMatchObject({
      kind: "binding-expired",
      httpStatus: 418,
      field: "accessKey",
    });
  });

  it("siem-rate-limited -> rate-limited with retryAt 30 s on", async () => {
    const { result } = await verify("siem-rate-limited");
    expect(!result.ok && result.failure).toMatchObject({
      kind: "rate-limited",
      retryAt: NOW.getTime() + 30_000,
    });
  });

  it("a wrong application key -> bad-credentials naming all three suspects", async () => {
    const { result } = await verify("siem-service", { appKey: "d3JvbmctYXBwbGljYXRpb24ta2V5" });
    expect(!result.ok && result.failure).toMatchObject({
      kind: "bad-credentials",
      code: "err_xdk_invalid_signature",
      httpStatus: 401,
    });
  });

  it("German keys checked against Europe, with the email -> wrong-region suggesting de", async () => {
    const { api, result } = await verify("siem-de", { loginRegion: "de", region: "eu", email: true });
    expect(!result.ok && result.failure).toMatchObject({ kind: "wrong-region", suggestedRegion: "de" });
    expect(api.seen.map((s) => `${s.host}${s.path}`)).toEqual([
      "de-api.mimecast.com/api/login/login",
      "eu-api.mimecast.com/api/account/get-account",
      "eu-api.mimecast.com/api/audit/get-siem-logs",
      "api.mimecast.com/api/login/discover-authentication",
    ]);
  });
});

describe("verifyApi2 against the simulated API 2.0", () => {
  it.each([
    ["global", "api.services.mimecast.com"],
    ["uk", "uk-api.services.mimecast.com"],
    ["us", "us-api.services.mimecast.com"],
  ])("the good client on %s -> one file listed", async (hostId, host) => {
    const { api, t } = setup();
    const result = await verifyApi2(t, {
      hostId,
      clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET,
    });
    expect(result).toEqual({
      ok: true,
      value: { host, product: "Cloud Gateway", files: 1, caughtUp: false },
    });
    expect(api.seen).toEqual([
      { host, path: "/oauth/token" },
      { host, path: "/siem/v1/batch/events/cg" },
    ]);
  });

  it.each([
    [
      "a wrong secret",
      { clientId: SANDBOX_CLIENT_ID, clientSecret: "nope" },
      { kind: "api2-bad-client", httpStatus: 401, field: "clientSecret" },
    ],
    [
      "403 without a reason",
      API2_CLIENT_NO_SIEM,
      { kind: "api2-forbidden", httpStatus: 403, code: "forbidden", step: "api2-role" },
    ],
    [
      "no SIEM permission in the role",
      API2_CLIENT_NO_SIEM_ROLE,
      { kind: "api2-forbidden", httpStatus: 403, step: "api2-role" },
    ],
    [
      "no SIEM product",
      API2_CLIENT_NO_SIEM_PRODUCT,
      { kind: "api2-forbidden", httpStatus: 403, step: "api2-new-application" },
    ],
    [
      "rate limited",
      API2_CLIENT_RATE_LIMITED,
      { kind: "rate-limited", httpStatus: 429, retryAt: NOW.getTime() + 15_000 },
    ],
  ])("%s", async (_name, client, expected) => {
    const { t } = setup();
    const result = await verifyApi2(t, {
      hostId: "global",
      clientId: client.clientId,
      clientSecret: client.clientSecret,
    });
    expect(!result.ok && result.failure).toMatchObject(expected);
  });

  it("caught up", async () => {
    const { t } = setup();
    const c = API2_CLIENT_CAUGHT_UP;
    const result = await verifyApi2(t, { hostId: "us", clientId: c.clientId, clientSecret: c.clientSecret });
    expect(result).toEqual({
      ok: true,
      value: { host: "us-api.services.mimecast.com", product: "Cloud Gateway", files: 0, caughtUp: true },
    });
  });

  it.each([
    ["404", API2_CLIENT_CLOUD_INTEGRATED],
    ["403", API2_CLIENT_CLOUD_INTEGRATED_403],
  ])("a Cloud Integrated client (cg %s) -> success from ci, product named", async (_s, c) => {
    const { api, t } = setup();
    const result = await verifyApi2(t, {
      hostId: "global",
      clientId: c.clientId,
      clientSecret: c.clientSecret,
    });
    expect(result).toEqual({
      ok: true,
      value: { host: "api.services.mimecast.com", product: "Cloud Integrated", files: 1, caughtUp: false },
    });
    expect(api.seen.map((s) => s.path)).toEqual([
      "/oauth/token",
      "/siem/v1/batch/events/cg",
      "/siem/v1/batch/events/ci",
    ]);
  });

  it("a Cloud Gateway client without the SIEM product: ci is tried once, the cg failure is shown", async () => {
    const { api, t } = setup();
    const c = API2_CLIENT_NO_SIEM_PRODUCT;
    const result = await verifyApi2(t, {
      hostId: "global",
      clientId: c.clientId,
      clientSecret: c.clientSecret,
    });
    expect(!result.ok && result.failure).toMatchObject({
      mimecastMessage: "The application is not subscribed to the SIEM product",
      step: "api2-new-application",
    });
    expect(api.seen.filter((s) => s.path === "/siem/v1/batch/events/ci")).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { fakeBrowser } from "./secrets-fake-browser";

const fake = vi.hoisted(() => ({ current: undefined as ReturnType<typeof fakeBrowser> | undefined }));
vi.mock("webextension-polyfill", async () => {
  const { fakeBrowser: make } = await import("./secrets-fake-browser");
  fake.current = make();
  return { default: fake.current.browser };
});

const {
  EXPIRY_ALARMS,
  forgetSecrets,
  onExpiryAlarm,
  restrictSessionAccess,
  scheduleExpiry,
  startSecretsGuard,
} = await import("../../../src/background/secrets");
const storage = await import("../../../src/lib/storage");
const { SECRET_LIFETIME_MS } = await import("../../../src/lib/secret-lifetime");
const { handlers } = await import("../../../src/background/handlers");
const { capturedSchema } = await import("../../../src/lib/schemas");

function f() {
  if (!fake.current) throw new Error("the fake browser was not created");
  return fake.current;
}

const T0 = Date.UTC(2026, 0, 1, 10, 0, 0);
const MIN = 60_000;

const keysAt = (createdAt: number) => ({
  accessKey: "access-key-value",
  secretKey: "c2VjcmV0LWtleQ==",
  durationMs: 3_153_600_000_000,
  regionId: "eu",
  email: "siem@corp.example",
  appId: "app-1",
  createdAt,
});

const capturedAt = (at: number) => ({
  appId: "app-1",
  appKey: "application-key-value",
  clientId: "client-id-value",
  clientSecret: "client-secret-value",
  capturedAt: at,
  source: { host: "login-eu.mimecast.com", page: "API application details" },
});

/** Lets the fake's asynchronous change events and the listeners they start run. */
const settle = () => new Promise((r) => setTimeout(r, 5));

beforeEach(() => {
  f().reset();
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe("forgetSecrets", () => {
  it("leaves storage.session empty after every kind of secret was written", async () => {
    await storage.writeKeys(keysAt(T0));
    await storage.writeCaptured(capturedAt(T0));
    // Every key the writers use is on the list that "Forget" removes.
    const written = Object.keys(await f().browser.storage.session.get(null));
    expect(written.sort()).toEqual([...storage.SESSION_SECRET_KEYS].sort());
    await scheduleExpiry();
    expect(f().alarms.size).toBe(2);

    await forgetSecrets();

    expect(await f().browser.storage.session.get(null)).toEqual({});
    expect(f().alarms.size).toBe(0);
    expect(await storage.readKeys()).toBeUndefined();
    expect(await storage.readCaptured()).toBeUndefined();
  });

  it("removes values it cannot parse too, under every session key", async () => {
    for (const k of storage.SESSION_SECRET_KEYS) await f().browser.storage.session.set({ [k]: { junk: k } });
    await forgetSecrets();
    expect(await f().browser.storage.session.get(null)).toEqual({});
  });

  it("runs the extra forgetters after storage is empty, all of them even when one fails", async () => {
    await storage.writeKeys(keysAt(T0));
    const seen: unknown[] = [];
    const first = vi.fn(async () => {
      seen.push(await f().browser.storage.session.get(null));
      throw new Error("clipboard busy");
    });
    const second = vi.fn(async () => undefined);
    await expect(forgetSecrets([first, second])).resolves.toBeUndefined();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([{}]);
  });

  it("is what the popup's forget message runs", async () => {
    const forget = vi.fn(async () => undefined);
    const deps = {
      transport: vi.fn(),
      saveKeys: vi.fn(),
      forgetSecrets: forget,
      onKeysGenerated: vi.fn(),
      now: () => T0,
    } as unknown as Parameters<(typeof handlers)["popup/forget-keys"]>[1];
    expect(await handlers["popup/forget-keys"]({ type: "popup/forget-keys" }, deps)).toEqual({ ok: true });
    expect(forget).toHaveBeenCalledTimes(1);
  });
});

describe("expiry", () => {
  it("reads treat keys and captured values as absent once their lifetime is over", async () => {
    await storage.writeKeys(keysAt(T0));
    await storage.writeCaptured(capturedAt(T0 + 10 * MIN));
    expect(SECRET_LIFETIME_MS).toBe(30 * MIN);
    expect((await storage.readKeys(T0 + 29 * MIN))?.accessKey).toBe("access-key-value");
    expect(await storage.readKeys(T0 + 30 * MIN)).toBeUndefined();
    expect((await storage.readCaptured(T0 + 39 * MIN))?.appKey).toBe("application-key-value");
    expect(await storage.readCaptured(T0 + 40 * MIN)).toBeUndefined();
    // Still stored (the alarm removes them), but never handed out.
    expect(Object.keys(await f().browser.storage.session.get(null)).sort()).toEqual(["captured", "keys"]);
    // A time far in the future is not trusted either.
    await storage.writeKeys(keysAt(T0 + 60 * MIN));
    expect(await storage.readKeys(T0)).toBeUndefined();
  });

  it("schedules one alarm per secret at its expiry, moved when the secret is written again", async () => {
    await storage.writeKeys(keysAt(T0));
    await storage.writeCaptured(capturedAt(T0 - 5 * MIN));
    await scheduleExpiry();
    expect(f().alarms.get(EXPIRY_ALARMS.keys)?.scheduledTime).toBe(T0 + 30 * MIN);
    expect(f().alarms.get(EXPIRY_ALARMS.captured)?.scheduledTime).toBe(T0 + 25 * MIN);
    vi.setSystemTime(T0 + 20 * MIN);
    await storage.writeKeys(keysAt(T0 + 20 * MIN));
    await scheduleExpiry();
    expect(f().alarms.get(EXPIRY_ALARMS.keys)?.scheduledTime).toBe(T0 + 50 * MIN);
    await storage.forgetCaptured();
    await scheduleExpiry();
    expect(f().alarms.has(EXPIRY_ALARMS.captured)).toBe(false);
  });

  it("an expiry alarm removes its own secret and nothing else", async () => {
    await storage.writeKeys(keysAt(T0));
    await storage.writeCaptured(capturedAt(T0));
    await onExpiryAlarm({ name: EXPIRY_ALARMS.keys });
    expect(Object.keys(await f().browser.storage.session.get(null))).toEqual(["captured"]);
    await onExpiryAlarm({ name: "someone-else's-alarm" });
    expect(Object.keys(await f().browser.storage.session.get(null))).toEqual(["captured"]);
    await onExpiryAlarm({ name: EXPIRY_ALARMS.captured });
    expect(await f().browser.storage.session.get(null)).toEqual({});
  });

  it("removes at once what expired while the worker was asleep, and unreadable values", async () => {
    await storage.writeKeys(keysAt(T0 - 31 * MIN));
    await f().browser.storage.session.set({ captured: { appKey: "old-format-without-source" } });
    await scheduleExpiry();
    expect(await f().browser.storage.session.get(null)).toEqual({});
    expect(f().alarms.size).toBe(0);
  });
});

describe("startSecretsGuard", () => {
  it("restricts storage.session to trusted contexts and follows every write with an alarm", async () => {
    await startSecretsGuard();
    expect(f().browser.storage.session.setAccessLevel).toHaveBeenCalledWith({
      accessLevel: "TRUSTED_CONTEXTS",
    });
    // Whoever writes (here the worker's capture handler), the alarm follows the storage change.
    await storage.writeCaptured(capturedAt(T0));
    await settle();
    expect(f().alarms.get(EXPIRY_ALARMS.captured)?.scheduledTime).toBe(T0 + 30 * MIN);
    await storage.writeKeys(keysAt(T0 + MIN));
    await settle();
    // The alarm fires (late or, in the end-to-end test, early): the keys go, the captured values stay.
    f().fire(EXPIRY_ALARMS.keys);
    await settle();
    expect(Object.keys(await f().browser.storage.session.get(null))).toEqual(["captured"]);
    expect(f().alarms.has(EXPIRY_ALARMS.keys)).toBe(false);
    expect(f().alarms.has(EXPIRY_ALARMS.captured)).toBe(true);
  });

  it("catches up at start on what expired while the worker was stopped", async () => {
    await storage.writeKeys(keysAt(T0 - 45 * MIN));
    await storage.writeCaptured(capturedAt(T0 - 10 * MIN));
    await startSecretsGuard();
    expect(Object.keys(await f().browser.storage.session.get(null))).toEqual(["captured"]);
    expect(f().alarms.get(EXPIRY_ALARMS.captured)?.scheduledTime).toBe(T0 + 20 * MIN);
  });

  it("works where storage.session has no setAccessLevel", async () => {
    const area = { ...f().browser.storage.session, setAccessLevel: undefined };
    expect(await restrictSessionAccess(area as unknown as Parameters<typeof restrictSessionAccess>[0])).toBe(
      false,
    );
    expect(await restrictSessionAccess(f().browser.storage.session as never)).toBe(true);
  });
});

describe("capturedSchema", () => {
  it("requires where the values came from", () => {
    expect(capturedSchema.safeParse(capturedAt(T0)).success).toBe(true);
    const { source: _source, ...withoutSource } = capturedAt(T0);
    expect(capturedSchema.safeParse(withoutSource).success).toBe(false);
  });
  it("bounds the host and the page name, and keeps the host to host-name characters", () => {
    const withSource = (host: string, page: string) =>
      capturedSchema.safeParse({ ...capturedAt(T0), source: { host, page } }).success;
    expect(withSource(`${"a".repeat(249)}.com`, "p")).toBe(true);
    expect(withSource(`${"a".repeat(250)}.com`, "p")).toBe(false);
    expect(withSource("login-eu.mimecast.com", "x".repeat(100))).toBe(true);
    expect(withSource("login-eu.mimecast.com", "x".repeat(101))).toBe(false);
    expect(withSource("", "p")).toBe(false);
    expect(withSource("login-eu.mimecast.com", "")).toBe(false);
    expect(withSource("evil.example, API application details, at 10:42 —", "p")).toBe(false);
    // URL.host keeps a port; that is still a host.
    expect(withSource("login-eu.mimecast.com:8443", "p")).toBe(true);
    expect(withSource("login-eu.mimecast.com:x", "p")).toBe(false);
  });
  it("a new capture replaces the previous one: values, source and time stay together", async () => {
    await storage.writeCaptured(capturedAt(T0));
    await storage.writeCaptured({
      clientId: "id-2",
      capturedAt: T0 + MIN,
      source: { host: "login-us.mimecast.com", page: "API 2.0 credentials" },
    });
    expect(await storage.readCaptured()).toEqual({
      clientId: "id-2",
      capturedAt: T0 + MIN,
      source: { host: "login-us.mimecast.com", page: "API 2.0 credentials" },
    });
  });
});

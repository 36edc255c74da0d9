import { describe, expect, it, vi } from "vitest";

const local = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async (key: string) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
  };
});
vi.mock("webextension-polyfill", () => ({ default: { storage: { local } } }));

import {
  decodeLearned,
  LEARNED_KEY,
  LEARNED_VERSION,
  MAX_LEARNED_HOSTS,
  readLearned,
  writeLearned,
} from "../../../src/lib/learned-store";

const SIG = {
  role: "button",
  name: "Create profile",
  text: "Create profile",
  anchor: "Authentication Profiles",
  path: [],
};
const entry = (savedAt = 1, signature: unknown = SIG) => ({ pageId: "applications", signature, savedAt });

describe("learned targets in storage.local: validated on read like all stored data", () => {
  it("reads a valid value", () => {
    const raw = { version: LEARNED_VERSION, hosts: { "login-eu.mimecast.com": { "auth-profile": entry() } } };
    expect(decodeLearned(raw)).toEqual({ map: raw.hosts, writable: true });
  });

  it("drops each bad entry on its own and keeps the rest", () => {
    const raw = {
      version: 1,
      hosts: {
        "login-eu.mimecast.com": {
          "auth-profile": entry(),
          "bad step id!": entry(),
          role: entry(1, { ...SIG, role: "slider" }),
          "api2-role": entry(1, { ...SIG, name: "", text: "" }),
          "app-setting": entry(1, { ...SIG, name: "x".repeat(101) }),
          "profile-group": { ...entry(), pageId: "../etc" },
        },
        "login-us.mimecast.com": "not an object",
        __proto__: { "auth-profile": entry() },
      },
    };
    const { map } = decodeLearned(JSON.parse(JSON.stringify(raw)));
    expect(Object.keys(map)).toEqual(["login-eu.mimecast.com"]);
    expect(Object.keys(map["login-eu.mimecast.com"] ?? {})).toEqual(["auth-profile"]);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  });

  it("keeps the most recently taught consoles within the cap", () => {
    const hosts = Object.fromEntries(
      Array.from({ length: MAX_LEARNED_HOSTS + 5 }, (_, i) => [
        `login-h${i}.mimecast.com`,
        { role: entry(i + 1) },
      ]),
    );
    const { map } = decodeLearned({ version: 1, hosts });
    expect(Object.keys(map)).toHaveLength(MAX_LEARNED_HOSTS);
    expect(map["login-h0.mimecast.com"]).toBeUndefined();
    expect(map[`login-h${MAX_LEARNED_HOSTS + 4}.mimecast.com`]).toBeDefined();
  });

  it("reads garbage as empty, and a newer version as empty and not writable", () => {
    for (const raw of [undefined, null, 3, "x", [], {}, { version: 0, hosts: {} }, { version: 1, hosts: [] }])
      expect(decodeLearned(raw)).toEqual({ map: {}, writable: true });
    expect(decodeLearned({ version: LEARNED_VERSION + 1, hosts: {} })).toEqual({ map: {}, writable: false });
  });
});

describe("writeLearned / readLearned", () => {
  it("round-trips through storage.local as version 1, and leaves a newer version alone", async () => {
    const map = { "login-eu.mimecast.com": { "auth-profile": entry() } };
    await writeLearned(map as never);
    expect(local.data.get(LEARNED_KEY)).toEqual({ version: 1, hosts: map });
    expect(await readLearned()).toEqual(map);
    const newer = { version: 2, hosts: {} };
    local.data.set(LEARNED_KEY, newer);
    await writeLearned(map as never);
    expect(local.data.get(LEARNED_KEY)).toEqual(newer);
  });

  it("refuses to write an invalid entry (a bug in the caller)", async () => {
    local.data.clear();
    await expect(
      writeLearned({ h: { role: entry(1, { ...SIG, role: "slider" }) } } as never),
    ).rejects.toThrow();
    expect(local.data.size).toBe(0);
  });
});

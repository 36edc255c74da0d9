import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * A fake `browser.storage`: areas that keep structured-cloned copies (as the real ones do, so a
 * caller mutating what it read or wrote changes nothing stored) and count writes.
 */
const fake = vi.hoisted(() => {
  function area() {
    const data = new Map<string, unknown>();
    const state = { sets: 0 };
    return {
      data,
      state,
      get: async (key: string) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
      set: async (items: Record<string, unknown>) => {
        state.sets++;
        for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      },
      remove: async (key: string) => {
        data.delete(key);
      },
    };
  }
  return { local: area(), session: area() };
});

vi.mock("webextension-polyfill", () => ({
  default: { storage: { local: fake.local, session: fake.session } },
}));

import { apply, initialProgress, markDone, type Progress } from "../../../src/background/guide-state";
import { GUIDE } from "../../../src/guide";
import { type ProgressMap, progressMapSchema } from "../../../src/lib/schemas";
import {
  decodeProgress,
  MAX_PROGRESS_HOSTS,
  PROGRESS_VERSION,
  readGuideOpen,
  readPrefs,
  readProgress,
  writeProgress,
} from "../../../src/lib/storage";

const KEY = "guide-progress";
const EU = "login-eu.mimecast.com";
const US = "login-us.mimecast.com";
const DE = "login-de.mimecast.com";

/** Progress the way the service worker makes it: the real state machine, not a hand-written object. */
function realProgress(now: number): Progress {
  let p = initialProgress(GUIDE, now - 30);
  p = markDone(GUIDE, p, "region", now - 20);
  p = apply(GUIDE, p, { kind: "skip" }, now - 10);
  return apply(GUIDE, p, { kind: "path", path: "api2" }, now);
}

/** A value in the format the first release wrote: the bare map, parsed by the schema it used. */
function versionOneValue(map: Record<string, Progress>): ProgressMap {
  return progressMapSchema.parse(map);
}

function stored(): unknown {
  return fake.local.data.get(KEY);
}

beforeEach(() => {
  fake.local.data.clear();
  fake.session.data.clear();
  fake.local.state.sets = 0;
});

describe("migration from version 1 (the bare host→progress map)", () => {
  it("reads a real version-1 value unchanged, and the next write stores it as version 2", async () => {
    const eu = realProgress(5_000);
    const us = initialProgress(GUIDE, 7_000);
    const v1 = versionOneValue({ [EU]: eu, [US]: us });
    fake.local.data.set(KEY, v1);

    const read = await readProgress();
    expect(read).toEqual({ [EU]: eu, [US]: us });
    expect(stored()).toEqual(v1); // reading alone does not rewrite storage
    expect(fake.local.state.sets).toBe(0);

    await writeProgress({ ...read, [US]: markDone(GUIDE, us, "region", 8_000) });
    expect(stored()).toEqual({
      version: PROGRESS_VERSION,
      hosts: { [EU]: eu, [US]: markDone(GUIDE, us, "region", 8_000) },
    });
    expect(await readProgress()).toEqual({ [EU]: eu, [US]: markDone(GUIDE, us, "region", 8_000) });
  });

  it("drops only the malformed host of a version-1 value; the next write keeps the others", async () => {
    const eu = realProgress(5_000);
    const us = initialProgress(GUIDE, 6_000);
    const v1 = versionOneValue({ [EU]: eu, [US]: us });
    fake.local.data.set(KEY, { ...v1, [DE]: { ...eu, done: "region" }, "login-za.mimecast.com": null });

    const read = await readProgress();
    expect(read).toEqual({ [EU]: eu, [US]: us });

    await writeProgress(read);
    expect(stored()).toEqual({ version: PROGRESS_VERSION, hosts: { [EU]: eu, [US]: us } });
  });

  it("does not mistake a host named 'version' for the format's version", async () => {
    const p = initialProgress(GUIDE, 1_000);
    fake.local.data.set(KEY, versionOneValue({ version: p, hosts: p }));
    expect(await readProgress()).toEqual({ version: p, hosts: p });
  });
});

describe("version 2", () => {
  it("round-trips what was written", async () => {
    const all = { [EU]: realProgress(5_000), [US]: initialProgress(GUIDE, 4_000) };
    await writeProgress(all);
    expect(stored()).toEqual({ version: 2, hosts: all });
    expect(await readProgress()).toEqual(all);
  });

  it("drops a malformed entry and keeps the rest", async () => {
    const eu = realProgress(5_000);
    fake.local.data.set(KEY, {
      version: 2,
      hosts: {
        [EU]: eu,
        [US]: { ...eu, path: "api3" },
        [DE]: { ...eu, updatedAt: "yesterday" },
        "login-ca.mimecast.com": { ...eu, skipped: [1] },
      },
    });
    expect(await readProgress()).toEqual({ [EU]: eu });
  });

  it.each([
    ["nothing stored", undefined],
    ["a string", "corrupt"],
    ["an array", [initialProgress(GUIDE, 1)]],
    ["null", null],
    ["version 2 without hosts", { version: 2 }],
    ["version 2 with an array of hosts", { version: 2, hosts: [initialProgress(GUIDE, 1)] }],
    ["version 0", { version: 0, hosts: { [EU]: initialProgress(GUIDE, 1) } }],
  ])("reads %s as empty, without throwing, and lets a write replace it", async (_name, value) => {
    if (value !== undefined) fake.local.data.set(KEY, value);
    expect(await readProgress()).toEqual({});
    const all = { [EU]: initialProgress(GUIDE, 1) };
    await writeProgress(all);
    expect(stored()).toEqual({ version: 2, hosts: all });
  });

  it("refuses to store an invalid entry (a caller bug), leaving storage as it was", async () => {
    const all = { [EU]: initialProgress(GUIDE, 1) };
    await writeProgress(all);
    const bad = { ...all, [US]: { ...initialProgress(GUIDE, 2), updatedAt: Number.NaN } };
    await expect(writeProgress(bad)).rejects.toThrow();
    expect(stored()).toEqual({ version: 2, hosts: all });
  });
});

describe("a newer version than this code knows (after a downgrade)", () => {
  const newer = { version: 3, hosts: { [EU]: { steps: ["region"] } }, extra: true };

  it("reads as empty and is never overwritten", async () => {
    fake.local.data.set(KEY, structuredClone(newer));
    expect(await readProgress()).toEqual({});
    await writeProgress({ [EU]: initialProgress(GUIDE, 1) });
    expect(stored()).toEqual(newer);
    expect(fake.local.state.sets).toBe(0);
  });

  it("is told apart by decodeProgress", () => {
    expect(decodeProgress(newer)).toEqual({ hosts: {}, writable: false });
    expect(decodeProgress({ version: 2, hosts: {} })).toEqual({ hosts: {}, writable: true });
  });
});

describe("the cap on remembered consoles", () => {
  const host = (i: number) => `login-${i}.mimecast.com`;

  it(`keeps the ${MAX_PROGRESS_HOSTS} most recently updated hosts, whatever their order`, async () => {
    const total = MAX_PROGRESS_HOSTS + 5;
    // Update times shuffled against insertion order: the oldest are not simply the first keys.
    const times = Array.from({ length: total }, (_, i) => ((i * 7) % total) * 1_000 + 1);
    const all = Object.fromEntries(times.map((t, i) => [host(i), initialProgress(GUIDE, t)]));
    await writeProgress(all);

    const kept = await readProgress();
    expect(Object.keys(kept)).toHaveLength(MAX_PROGRESS_HOSTS);
    const cutoff = [...times].sort((a, b) => b - a)[MAX_PROGRESS_HOSTS - 1] ?? 0;
    for (const [i, t] of times.entries()) {
      expect(host(i) in kept, `${host(i)} updated at ${t}`).toBe(t >= cutoff);
    }
  });

  it("keeps the host just written when it is the newest, dropping the oldest", async () => {
    const all: Record<string, Progress> = {};
    for (let i = 0; i < MAX_PROGRESS_HOSTS; i++) all[host(i)] = initialProgress(GUIDE, 100 + i);
    await writeProgress(all);
    await writeProgress({ ...(await readProgress()), [EU]: initialProgress(GUIDE, 10_000) });
    const kept = await readProgress();
    expect(Object.keys(kept)).toHaveLength(MAX_PROGRESS_HOSTS);
    expect(kept[EU]).toBeDefined();
    expect(kept[host(0)]).toBeUndefined();
    expect(kept[host(1)]).toBeDefined();
  });

  it("caps an oversized version-1 value on reading, too", async () => {
    const all: Record<string, Progress> = {};
    for (let i = 0; i < MAX_PROGRESS_HOSTS + 3; i++) all[host(i)] = initialProgress(GUIDE, 100 + i);
    fake.local.data.set(KEY, versionOneValue(all));
    const kept = await readProgress();
    expect(Object.keys(kept)).toEqual(Array.from({ length: MAX_PROGRESS_HOSTS }, (_, i) => host(i + 3)));
  });
});

describe("the other stored values still go through zod", () => {
  it("reads malformed prefs as empty and a malformed guide-ui as open", async () => {
    fake.local.data.set("prefs", { email: 42 });
    fake.local.data.set("guide-ui", { open: "no" });
    expect(await readPrefs()).toEqual({});
    expect(await readGuideOpen()).toBe(true);
    fake.local.data.set("guide-ui", { open: false });
    expect(await readGuideOpen()).toBe(false);
  });
});

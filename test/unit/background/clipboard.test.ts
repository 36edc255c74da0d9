import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import {
  CLEAR_AFTER_MS,
  CLIPBOARD_ALARM,
  type ClipboardGuardDeps,
  createClipboardGuard,
} from "../../../src/background/clipboard";
import { type ClipboardAccess, clearIfHolds } from "../../../src/offscreen/clipboard-access";

vi.mock("webextension-polyfill", () => ({ default: {} }));

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A clipboard in memory; `clear` empties it. */
function fakeClipboard(initial: string | undefined, options: { clearWorks?: boolean } = {}) {
  const state = { text: initial, clears: 0 };
  const access: ClipboardAccess = {
    read: () => state.text,
    clear: () => {
      state.clears++;
      if (options.clearWorks === false) return false;
      state.text = "";
      return true;
    },
  };
  return { state, access };
}

describe("clearIfHolds (compare, then clear)", () => {
  const secret = "c2VjcmV0LWtleS1ieXRlcw==";

  it("clears the clipboard when it still holds the copied text", async () => {
    const { state, access } = fakeClipboard(secret);
    expect(await clearIfHolds(access, sha(secret))).toBe("cleared");
    expect(state).toEqual({ text: "", clears: 1 });
  });

  it("leaves other content alone: other text, a near miss, non-text (reads as empty)", async () => {
    for (const other of ["something else", `${secret} `, secret.slice(1), ""]) {
      const { state, access } = fakeClipboard(other);
      expect(await clearIfHolds(access, sha(secret))).toBe("changed");
      expect(state).toEqual({ text: other, clears: 0 });
    }
  });

  it("does nothing when the clipboard cannot be read (refused or throwing)", async () => {
    const refused = fakeClipboard(undefined);
    expect(await clearIfHolds(refused.access, sha(secret))).toBe("unreadable");
    expect(refused.state.clears).toBe(0);
    let cleared = 0;
    const throwing: ClipboardAccess = {
      read: () => {
        throw new Error("denied");
      },
      clear: () => {
        cleared++;
        return true;
      },
    };
    expect(await clearIfHolds(throwing, sha(secret))).toBe("unreadable");
    expect(cleared).toBe(0);
  });

  it("reports a refused clear as such, not as cleared", async () => {
    const { state, access } = fakeClipboard(secret, { clearWorks: false });
    expect(await clearIfHolds(access, sha(secret))).toBe("clear-failed");
    expect(state.text).toBe(secret);
  });
});

/** The guard with in-memory session storage, alarms and clipboard. */
function guardWorld(clipboardText: string | undefined = undefined) {
  const session = new Map<string, unknown>();
  const alarms = new Map<string, number>();
  const clipboard = fakeClipboard(clipboardText);
  let now = 1_000_000;
  const deps: ClipboardGuardDeps = {
    load: async () => session.get("pending"),
    save: async (p) => {
      session.set("pending", p);
    },
    remove: async () => {
      session.delete("pending");
    },
    schedule: async (when) => {
      alarms.set(CLIPBOARD_ALARM, when);
    },
    unschedule: async () => {
      alarms.delete(CLIPBOARD_ALARM);
    },
    clearIfHolds: (digest) => clearIfHolds(clipboard.access, digest),
    now: () => now,
  };
  return {
    session,
    alarms,
    clipboard,
    deps,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe("clipboard guard (worker side)", () => {
  it("keeps only the digest, in session storage, and schedules the alarm 60 s after the copy", async () => {
    const w = guardWorld();
    const guard = createClipboardGuard(w.deps);
    const clearAt = await guard.copied(sha("secret"));
    expect(clearAt).toBe(w.now() + CLEAR_AFTER_MS);
    expect(CLEAR_AFTER_MS).toBe(60_000);
    expect(w.alarms.get(CLIPBOARD_ALARM)).toBe(clearAt);
    expect(w.session.get("pending")).toEqual({ digest: sha("secret"), clearAt });
  });

  it("a later copy replaces the earlier digest and pushes the alarm back", async () => {
    const w = guardWorld();
    const guard = createClipboardGuard(w.deps);
    await guard.copied(sha("first"));
    w.advance(30_000);
    const second = await guard.copied(sha("second"));
    expect(w.alarms.get(CLIPBOARD_ALARM)).toBe(second);
    expect(w.session.get("pending")).toEqual({ digest: sha("second"), clearAt: second });
  });

  it("on its alarm clears the clipboard if unchanged, then forgets the digest", async () => {
    const w = guardWorld("the-secret");
    const guard = createClipboardGuard(w.deps);
    await guard.copied(sha("the-secret"));
    expect(await guard.alarm(CLIPBOARD_ALARM)).toBe("cleared");
    expect(w.clipboard.state.text).toBe("");
    expect(w.session.has("pending")).toBe(false);
  });

  it("on its alarm leaves something the user copied since alone, and still forgets the digest", async () => {
    const w = guardWorld("the-secret");
    const guard = createClipboardGuard(w.deps);
    await guard.copied(sha("the-secret"));
    w.clipboard.state.text = "a shopping list";
    expect(await guard.alarm(CLIPBOARD_ALARM)).toBe("changed");
    expect(w.clipboard.state).toEqual({ text: "a shopping list", clears: 0 });
    expect(w.session.has("pending")).toBe(false);
  });

  it("ignores other alarms and an alarm with nothing pending (e.g. after a browser restart)", async () => {
    const w = guardWorld("the-secret");
    const guard = createClipboardGuard(w.deps);
    await guard.copied(sha("the-secret"));
    expect(await guard.alarm("keys-expiry")).toBeUndefined();
    expect(w.session.has("pending")).toBe(true);
    w.session.clear();
    expect(await guard.alarm(CLIPBOARD_ALARM)).toBeUndefined();
    expect(w.clipboard.state.text).toBe("the-secret");
  });

  it("drops a digest from storage that does not parse, without clearing", async () => {
    const w = guardWorld("the-secret");
    w.session.set("pending", { digest: "not-hex", clearAt: 1 });
    const guard = createClipboardGuard(w.deps);
    expect(await guard.alarm(CLIPBOARD_ALARM)).toBeUndefined();
    expect(w.clipboard.state.clears).toBe(0);
    expect(w.session.has("pending")).toBe(false);
  });

  it("forgets the digest even when clearing throws", async () => {
    const w = guardWorld("the-secret");
    const guard = createClipboardGuard({
      ...w.deps,
      clearIfHolds: async () => {
        throw new Error("offscreen document failed");
      },
    });
    await guard.copied(sha("the-secret"));
    expect(await guard.alarm(CLIPBOARD_ALARM)).toBe("unreadable");
    expect(w.session.has("pending")).toBe(false);
  });

  it("does not keep a digest it could not schedule, and says so", async () => {
    const w = guardWorld();
    const guard = createClipboardGuard({
      ...w.deps,
      schedule: async () => {
        throw new Error("too many alarms");
      },
    });
    await expect(guard.copied(sha("x"))).rejects.toThrow("too many alarms");
    expect(w.session.has("pending")).toBe(false);
  });

  it("forget clears now if the clipboard still holds the secret, cancels the alarm, drops the digest", async () => {
    const w = guardWorld("the-secret");
    const guard = createClipboardGuard(w.deps);
    await guard.copied(sha("the-secret"));
    expect(await guard.forget()).toBe("cleared");
    expect(w.clipboard.state.text).toBe("");
    expect(w.alarms.size).toBe(0);
    expect(w.session.has("pending")).toBe(false);
    // Nothing pending: forget touches nothing.
    w.clipboard.state.text = "the-secret";
    expect(await guard.forget()).toBeUndefined();
    expect(w.clipboard.state.text).toBe("the-secret");
  });

  it("a copy arriving while an alarm is being handled keeps its own digest", async () => {
    const w = guardWorld("first");
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const guard = createClipboardGuard({
      ...w.deps,
      clearIfHolds: async (digest) => {
        await gate;
        return clearIfHolds(w.clipboard.access, digest);
      },
    });
    await guard.copied(sha("first"));
    const alarm = guard.alarm(CLIPBOARD_ALARM);
    w.clipboard.state.text = "second";
    const copied = guard.copied(sha("second"));
    release();
    expect(await alarm).toBe("changed");
    const clearAt = await copied;
    expect(w.session.get("pending")).toEqual({ digest: sha("second"), clearAt });
  });
});

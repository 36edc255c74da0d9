import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { offscreenReplySchema, offscreenRequestSchema } from "../../../src/offscreen/messages";

/**
 * The guard wired to the extension APIs (webextension-polyfill and chrome.offscreen faked): what
 * goes to which storage area, which alarm is set, and the offscreen document's round trip.
 */

type AlarmListener = (alarm: { name: string }) => Promise<void> | undefined;

const fake = vi.hoisted(() => {
  const session = new Map<string, unknown>();
  const local = new Map<string, unknown>();
  const area = (m: Map<string, unknown>) => ({
    get: async (key: string) => (m.has(key) ? { [key]: m.get(key) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(items)) m.set(k, v);
    },
    remove: async (key: string) => {
      m.delete(key);
    },
  });
  const alarms = new Map<string, { when: number }>();
  const listeners: AlarmListener[] = [];
  const sent: unknown[] = [];
  const state = { reply: undefined as unknown, sendFailures: 0 };
  const browser = {
    storage: { session: area(session), local: area(local), sync: area(new Map()) },
    alarms: {
      create: async (name: string, info: { when: number }) => {
        alarms.set(name, info);
      },
      clear: async (name: string) => alarms.delete(name),
      onAlarm: { addListener: (l: AlarmListener) => listeners.push(l) },
    },
    runtime: {
      id: "ext",
      getURL: (path: string) => `chrome-extension://ext/${path}`,
      sendMessage: async (message: unknown) => {
        if (state.sendFailures > 0) {
          state.sendFailures--;
          throw new Error("Could not establish connection. Receiving end does not exist.");
        }
        sent.push(message);
        return state.reply;
      },
    },
  };
  return { session, local, alarms, listeners, sent, state, browser };
});

vi.mock("webextension-polyfill", () => ({ default: fake.browser }));

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

let offscreen: {
  created: { url: string; reasons: string[]; justification: string }[];
  closed: number;
  open: boolean;
};

beforeEach(() => {
  vi.resetModules();
  fake.session.clear();
  fake.local.clear();
  fake.alarms.clear();
  fake.listeners.length = 0;
  fake.sent.length = 0;
  fake.state.reply = { outcome: "cleared" };
  fake.state.sendFailures = 0;
  offscreen = { created: [], closed: 0, open: false };
  vi.stubGlobal("chrome", {
    offscreen: {
      createDocument: async (p: { url: string; reasons: string[]; justification: string }) => {
        if (offscreen.open) throw new Error("Only a single offscreen document may be created.");
        offscreen.created.push(p);
        offscreen.open = true;
      },
      closeDocument: async () => {
        offscreen.closed++;
        offscreen.open = false;
      },
    },
    runtime: { getContexts: async () => (offscreen.open ? [{}] : []) },
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function fire(name: string) {
  for (const l of fake.listeners) await l({ name });
}

describe("clipboard guard in the worker (Chrome)", () => {
  it("stores the digest in session storage only and sets a 60 s alarm", async () => {
    const { noteClipboardCopy, startClipboardGuard, CLIPBOARD_ALARM } = await import(
      "../../../src/background/clipboard"
    );
    startClipboardGuard();
    expect(fake.listeners).toHaveLength(1);
    const before = Date.now();
    const clearAt = await noteClipboardCopy(sha("s3cret"));
    expect(clearAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(clearAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(fake.alarms.get(CLIPBOARD_ALARM)).toEqual({ when: clearAt });
    expect([...fake.session.values()]).toEqual([{ digest: sha("s3cret"), clearAt }]);
    expect(fake.local.size).toBe(0);
  });

  it("on the alarm opens the offscreen document (CLIPBOARD), asks it, closes it, forgets the digest", async () => {
    const { noteClipboardCopy, startClipboardGuard, CLIPBOARD_ALARM } = await import(
      "../../../src/background/clipboard"
    );
    startClipboardGuard();
    await noteClipboardCopy(sha("s3cret"));
    fake.state.sendFailures = 2; // the document's script is still starting
    await fire(CLIPBOARD_ALARM);
    expect(offscreen.created).toEqual([
      { url: "src/offscreen/offscreen.html", reasons: ["CLIPBOARD"], justification: expect.any(String) },
    ]);
    expect(fake.sent).toHaveLength(1);
    expect(offscreenRequestSchema.parse(fake.sent[0]).digest).toBe(sha("s3cret"));
    expect(offscreen.closed).toBe(1);
    expect(fake.session.size).toBe(0);
  });

  it("does nothing on someone else's alarm", async () => {
    const { noteClipboardCopy, startClipboardGuard } = await import("../../../src/background/clipboard");
    startClipboardGuard();
    await noteClipboardCopy(sha("s3cret"));
    await fire("keys-expiry");
    expect(offscreen.created).toHaveLength(0);
    expect(fake.session.size).toBe(1);
  });

  it("uses an offscreen document that is already open, and closes it even when the answer is garbage", async () => {
    const { noteClipboardCopy, forgetClipboard } = await import("../../../src/background/clipboard");
    await noteClipboardCopy(sha("s3cret"));
    offscreen.open = true;
    fake.state.reply = { outcome: "cleared-maybe" };
    await forgetClipboard();
    expect(offscreen.created).toHaveLength(0);
    expect(offscreen.closed).toBe(1);
    expect(fake.alarms.size).toBe(0);
    expect(fake.session.size).toBe(0);
  });

  it("forgetClipboard with nothing pending opens no document", async () => {
    const { forgetClipboard } = await import("../../../src/background/clipboard");
    await forgetClipboard();
    expect(offscreen.created).toHaveLength(0);
    expect(fake.sent).toHaveLength(0);
  });
});

describe("offscreen protocol schemas", () => {
  it("accepts only a well-formed request addressed to the offscreen document", () => {
    const ok = { target: "offscreen", type: "bg/clipboard-clear-if-unchanged", digest: sha("x") };
    expect(offscreenRequestSchema.safeParse(ok).success).toBe(true);
    expect(offscreenRequestSchema.safeParse({ ...ok, target: "popup" }).success).toBe(false);
    expect(offscreenRequestSchema.safeParse({ ...ok, digest: sha("x").toUpperCase() }).success).toBe(false);
    expect(offscreenRequestSchema.safeParse({ ...ok, digest: "secret" }).success).toBe(false);
    expect(offscreenReplySchema.safeParse({ outcome: "cleared" }).success).toBe(true);
    expect(offscreenReplySchema.safeParse({ outcome: "done" }).success).toBe(false);
  });
});

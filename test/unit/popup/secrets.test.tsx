// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Captured, KeySession } from "../../../src/lib/schemas";
import { App } from "../../../src/popup/App";
import type { PopupServices } from "../../../src/popup/services";

beforeAll(() => {
  // Clock times in the popup are local: pin the zone so "10:42" is 10:42.
  process.env.TZ = "UTC";
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const MIN = 60_000;
const T = Date.UTC(2026, 0, 1, 10, 42, 0);

const KEYS: KeySession = {
  accessKey: "access-key-value",
  secretKey: "c2VjcmV0LWtleQ==",
  durationMs: 3_153_600_000_000,
  regionId: "eu",
  email: "siem@corp.example",
  appId: "app-1",
  createdAt: T - 12 * MIN,
};

const CAPTURED: Captured = {
  appId: "cap-app",
  appKey: "cap-key",
  clientId: "cap-id",
  clientSecret: "cap-secret",
  capturedAt: T,
  source: { host: "login-eu.mimecast.com", page: "API application details" },
};

/** Services over a tiny in-memory store, with a clock the test moves and a change feed it fires. */
function world(init: { keys?: KeySession; captured?: Captured; now?: number } = {}) {
  const state = { keys: init.keys, captured: init.captured, now: init.now ?? T + MIN };
  const watchers = new Set<() => void>();
  const calls = { forget: 0, discard: 0 };
  const s: PopupServices = {
    loadPrefs: async () => ({}),
    savePrefs: async () => undefined,
    loadKeys: async () => state.keys,
    loadProgress: async () => ({}),
    loadCaptured: async () => state.captured,
    discardCaptured: async () => {
      calls.discard++;
      state.captured = undefined;
    },
    watchSecrets: (cb) => {
      watchers.add(cb);
      return () => watchers.delete(cb);
    },
    verifyApi1: async () => ({ ok: false, failure: { kind: "network", message: "x", action: "y" } }),
    verifyApi2: async () => ({ ok: false, failure: { kind: "network", message: "x", action: "y" } }),
    download: async () => true,
    generateKeys: async () => ({ ok: true, session: KEYS }),
    forgetSecrets: async () => {
      calls.forget++;
      state.keys = undefined;
      state.captured = undefined;
    },
    copy: async () => ({ copied: true, clearsInSeconds: 60 }),
    now: () => state.now,
  };
  /** Storage changed behind the popup's back (the worker's alarm, another window). */
  const changed = async () => {
    await act(async () => {
      for (const cb of watchers) cb();
      await Promise.resolve();
    });
  };
  return { s, state, calls, changed, watchers };
}

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}
const text = () => document.body.textContent ?? "";

describe("values sent from the console", () => {
  it("are not filled in silently: the popup says where and when they came from and asks", async () => {
    const { s } = world({ captured: CAPTURED });
    render(<App services={s} />);
    await screen.findByRole("heading", { name: "Values from the console" });
    expect(text()).toMatch(
      /From login-eu\.mimecast\.com, API application details, at 10:42( AM)?: Application ID, Application key, Client ID and Client secret\./,
    );
    expect(text()).toMatch(/Kept in this browser session until 11:12( AM)?, then cleared\./);
    for (const label of ["Application ID", "Application key", "Client ID", "Client secret"]) {
      expect(input(label).value).toBe("");
    }
    // The notice names the values, it never shows them.
    const notice = screen.getByRole("heading", { name: "Values from the console" }).closest("section");
    for (const secret of ["cap-key", "cap-id", "cap-secret"])
      expect(notice?.textContent).not.toContain(secret);
  });

  it("“Use these values” fills the empty fields and keeps what was typed", async () => {
    const { s } = world({ captured: CAPTURED });
    render(<App services={s} />);
    const use = await screen.findByRole("button", { name: "Use these values" });
    fireEvent.input(input("Client ID"), { target: { value: "typed-id" } });
    fireEvent.click(use);
    await waitFor(() => expect(input("Application key").value).toBe("cap-key"));
    expect(input("Application ID").value).toBe("cap-app");
    expect(input("Client secret").value).toBe("cap-secret");
    expect(input("Client ID").value).toBe("typed-id");
    expect(screen.queryByRole("button", { name: "Use these values" })).toBeNull();
    expect(text()).toContain("Filled in where the fields below were empty.");
  });

  it("names only what was captured", async () => {
    const { clientId: _i, clientSecret: _s, ...api1 } = CAPTURED;
    const { s } = world({ captured: api1 });
    render(<App services={s} />);
    await screen.findByRole("heading", { name: "Values from the console" });
    expect(text()).toMatch(/at 10:42( AM)?: Application ID and Application key\./);
  });

  it("“Discard” forgets them, including copies already in the fields", async () => {
    const { s, calls, state } = world({ captured: CAPTURED });
    render(<App services={s} />);
    fireEvent.click(await screen.findByRole("button", { name: "Use these values" }));
    await waitFor(() => expect(input("Client secret").value).toBe("cap-secret"));
    fireEvent.click(screen.getByRole("button", { name: /^Discard/ }));
    await waitFor(() => expect(text()).toContain("Discarded the values from the console."));
    expect(calls.discard).toBe(1);
    expect(state.captured).toBeUndefined();
    expect(screen.queryByRole("heading", { name: "Values from the console" })).toBeNull();
    expect(input("Application key").value).toBe("");
    expect(input("Client ID").value).toBe("");
    expect(input("Client secret").value).toBe("");
  });

  it("a newer capture while the popup is open asks again", async () => {
    const w = world();
    render(<App services={w.s} />);
    await waitFor(() => expect(w.watchers.size).toBe(1));
    w.state.captured = CAPTURED;
    await w.changed();
    expect(await screen.findByRole("button", { name: "Use these values" })).toBeTruthy();
    expect(input("Application key").value).toBe("");
  });
});

describe("Forget", () => {
  it("clears every secret, stored and on screen, and says so", async () => {
    const w = world({ keys: KEYS, captured: CAPTURED });
    render(<App services={w.s} />);
    fireEvent.click(await screen.findByRole("button", { name: "Use these values" }));
    await waitFor(() => expect(input("Application key").value).toBe("cap-key"));
    fireEvent.input(input("Password"), { target: { value: "pw" } });
    fireEvent.click(screen.getByRole("button", { name: /^Forget/ }));
    await waitFor(() => expect(text()).toContain("Forgotten: no keys or values from the console are kept"));
    expect(w.calls.forget).toBe(1);
    expect(screen.queryByRole("heading", { name: "Your API keys" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Values from the console" })).toBeNull();
    for (const label of [
      "Password",
      "Application key",
      "Access key",
      "Secret key",
      "Client ID",
      "Client secret",
    ]) {
      expect(input(label).value).toBe("");
    }
    // The Application ID is not a secret: it stays.
    expect(input("Application ID").value).toBe("cap-app");
    expect(text()).not.toContain("Kept in this browser session");
    // The storage change that follows is not reported as an expiry.
    await w.changed();
    expect(text()).not.toContain("were cleared from this browser session");
  });

  it("says so when something is still stored afterwards", async () => {
    const w = world({ keys: KEYS });
    const stubborn = { ...w.s, forgetSecrets: async () => undefined };
    render(<App services={stubborn} />);
    fireEvent.click(await screen.findByRole("button", { name: /^Forget/ }));
    await waitFor(() => expect(text()).toContain("Could not forget everything"));
    expect(screen.getByRole("heading", { name: "Your API keys" })).toBeTruthy();
  });
});

describe("expiry in the popup", () => {
  it("shows when the keys will be cleared", async () => {
    const { s } = world({ keys: KEYS });
    render(<App services={s} />);
    await screen.findByRole("heading", { name: "Your API keys" });
    // Generated at 10:30: kept until 11:00.
    expect(document.getElementById("keys-kept-until")?.textContent).toMatch(
      /^Kept in this browser session until 11:00( AM)?, then cleared\.$/,
    );
  });

  it("updates when the worker clears them while the popup is open", async () => {
    const w = world({ keys: KEYS, captured: CAPTURED });
    render(<App services={w.s} />);
    fireEvent.click(await screen.findByRole("button", { name: "Use these values" }));
    await waitFor(() => expect(input("Client secret").value).toBe("cap-secret"));
    w.state.keys = undefined;
    w.state.captured = undefined;
    await w.changed();
    await waitFor(() => expect(screen.queryByRole("heading", { name: "Your API keys" })).toBeNull());
    expect(text()).toContain("Your API keys were cleared from this browser session.");
    expect(text()).toContain("The values from the console were cleared from this browser session.");
    expect(input("Client secret").value).toBe("");
    expect(input("Application key").value).toBe("");
  });

  it("clears them at their time even if storage still answers with them (a late alarm)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const w = world({ keys: KEYS, now: T });
    render(<App services={w.s} />);
    await vi.waitFor(() => expect(screen.getByRole("heading", { name: "Your API keys" })).toBeTruthy());
    // 18 minutes left (generated 12 minutes before T, 30-minute lifetime).
    w.state.now = T + 18 * MIN - 1_000;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(18 * MIN - 1_000);
    });
    expect(screen.getByRole("heading", { name: "Your API keys" })).toBeTruthy();
    w.state.now = T + 18 * MIN + 1_000;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2_000);
    });
    await vi.waitFor(() => expect(screen.queryByRole("heading", { name: "Your API keys" })).toBeNull());
    expect(text()).toContain("Your API keys were cleared from this browser session.");
  });

  it("never shows keys that are already past their time on opening", async () => {
    const { s } = world({ keys: KEYS, now: KEYS.createdAt + 30 * MIN });
    render(<App services={s} />);
    await waitFor(() => expect(input("Access key").readOnly).toBe(false));
    expect(screen.queryByRole("heading", { name: "Your API keys" })).toBeNull();
  });
});

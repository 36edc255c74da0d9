// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GenerateKeysReply } from "../../../src/lib/messages";
import type { GenerateInputMessage, KeySession, Prefs } from "../../../src/lib/schemas";
import { App } from "../../../src/popup/App";
import type { PopupServices } from "../../../src/popup/services";

afterEach(cleanup);

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

const KEYS: KeySession = {
  accessKey: "mYtOL3XZCOwG96BOiFTZRmRx8_abc",
  secretKey: "c2VjcmV0LWtleS1ieXRlcw==",
  durationMs: 3_153_600_000_000,
  regionId: "eu",
  email: "siem@corp.example",
  appId: "app-1",
  // Generated five minutes ago: well within the keys' lifetime in the browser session.
  createdAt: NOW - 5 * 60_000,
};

function services(overrides: Partial<PopupServices> = {}) {
  const saved: Prefs[] = [];
  const calls: GenerateInputMessage[] = [];
  const s: PopupServices = {
    loadPrefs: async () => ({}),
    savePrefs: async (p) => {
      saved.push(p);
    },
    loadKeys: async () => undefined,
    loadProgress: async () => ({}),
    loadCaptured: async () => undefined,
    discardCaptured: async () => undefined,
    watchSecrets: () => () => undefined,
    verifyApi1: async () => ({ ok: false, failure: { kind: "network", message: "x", action: "y" } }),
    verifyApi2: async () => ({ ok: false, failure: { kind: "network", message: "x", action: "y" } }),
    download: async () => true,
    generateKeys: async (input) => {
      calls.push(input);
      return { ok: true, session: KEYS };
    },
    forgetSecrets: async () => undefined,
    copy: async () => ({ copied: true, clearsInSeconds: 60 }),
    now: () => NOW,
    ...overrides,
  };
  return { s, saved, calls };
}

function input(label: string): HTMLInputElement {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function fillForm() {
  fireEvent.input(input("Email address"), { target: { value: " siem@corp.example " } });
  fireEvent.input(input("Password"), { target: { value: "pw-123" } });
  fireEvent.input(input("Application ID"), { target: { value: "app-1" } });
}

describe("popup App", () => {
  it("labels every control the test contract names", () => {
    render(<App services={services().s} />);
    for (const label of ["Email address", "Password", "Application ID", "Region"]) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
    expect(screen.getByRole("button", { name: /^Generate keys/ })).toBeTruthy();
  });

  it("sends trimmed values, shows the keys, remembers only non-secret fields and clears the password", async () => {
    const { s, saved, calls } = services();
    render(<App services={s} />);
    fillForm();
    fireEvent.submit(
      screen.getByRole("button", { name: /^Generate keys/ }).closest("form") as HTMLFormElement,
    );
    await waitFor(() => expect(input("Access key").value).toBe(KEYS.accessKey));
    expect(calls).toEqual([
      { email: "siem@corp.example", password: "pw-123", appId: "app-1", authType: "cloud", regionId: "auto" },
    ]);
    expect(input("Secret key").value).toBe(KEYS.secretKey);
    expect(input("Secret key").type).toBe("password");
    expect(input("Secret key").readOnly).toBe(true);
    expect(saved).toEqual([
      { email: "siem@corp.example", appId: "app-1", authType: "cloud", regionId: "auto" },
    ]);
    expect(JSON.stringify(saved)).not.toContain("pw-123");
    expect(input("Password").value).toBe("");
    expect(document.body.textContent).toContain("never expires");
  });

  it("reveals the secret on Show and copies exact values", async () => {
    const copied: string[] = [];
    const { s } = services({
      loadKeys: async () => KEYS,
      copy: async (t) => {
        copied.push(t);
        return { copied: true, clearsInSeconds: 60 };
      },
    });
    render(<App services={s} />);
    await waitFor(() => expect(input("Secret key").value).toBe(KEYS.secretKey));
    fireEvent.click(screen.getByRole("button", { name: "Show secret key" }));
    expect(input("Secret key").type).toBe("text");
    fireEvent.click(screen.getByRole("button", { name: "Copy secret key" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Secret key copied. Cleared from the clipboard in 60 s unless you copy something else.",
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy both" }));
    await waitFor(() => expect(copied).toHaveLength(2));
    expect(copied).toEqual([KEYS.secretKey, `Access key: ${KEYS.accessKey}\nSecret key: ${KEYS.secretKey}`]);
  });

  it("says how to copy by hand when the clipboard refuses", async () => {
    const { s } = services({ loadKeys: async () => KEYS, copy: async () => ({ copied: false }) });
    render(<App services={s} />);
    await waitFor(() => screen.getByRole("button", { name: "Copy access key" }));
    fireEvent.click(screen.getByRole("button", { name: "Copy access key" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("press Ctrl+C"));
  });

  it("warns about short-lived keys", async () => {
    const { s } = services({ loadKeys: async () => ({ ...KEYS, durationMs: 8 * 3_600_000 }) });
    render(<App services={s} />);
    await waitFor(() => expect(document.body.textContent).toContain("expires after 8 hours"));
    expect(document.body.textContent).toContain("Never Expires");
  });

  it("puts a failure next to the field at fault, focuses it, and keeps the form usable", async () => {
    let answer: GenerateKeysReply = {
      ok: false,
      failure: {
        kind: "app-id",
        field: "appId",
        code: "err_developer_key",
        mimecastMessage: "App ID is invalid: app-1",
        message: "Mimecast does not recognise this Application ID.",
        action: "Copy the Application ID again.",
      },
    };
    const { s } = services({ generateKeys: async () => answer });
    render(<App services={s} />);
    fillForm();
    const button = screen.getByRole("button", { name: /^Generate keys/ }) as HTMLButtonElement;
    fireEvent.click(button);
    const alert = await screen.findByRole("alert");
    expect(alert.id).toBe("app-id-error");
    expect(alert.textContent).toContain("err_developer_key");
    expect(input("Application ID").getAttribute("aria-invalid")).toBe("true");
    expect(input("Application ID").getAttribute("aria-describedby")).toBe("app-id-error");
    await waitFor(() => expect(document.activeElement).toBe(input("Application ID")));
    expect(button.disabled).toBe(false);
    answer = { ok: true, session: KEYS };
    fireEvent.click(button);
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
    expect(input("Access key").value).toBe(KEYS.accessKey);
  });

  it("shows form-level failures with the retry time", async () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    const { s } = services({
      generateKeys: async () => ({
        ok: false,
        failure: { kind: "rate-limited", message: "Rate limit.", action: "Wait.", retryAt: now + 45_000 },
      }),
    });
    render(<App services={s} />);
    fillForm();
    fireEvent.click(screen.getByRole("button", { name: /^Generate keys/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.id).toBe("form-error");
    expect(alert.textContent).toContain("in 45 seconds");
  });

  it("checks the form before calling the service worker", async () => {
    const generate = vi.fn();
    const { s } = services({ generateKeys: generate });
    render(<App services={s} />);
    fireEvent.click(screen.getByRole("button", { name: /^Generate keys/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.id).toBe("email-error");
    fireEvent.input(input("Email address"), { target: { value: "a@b.example" } });
    fireEvent.click(screen.getByRole("button", { name: /^Generate keys/ }));
    await waitFor(() => expect(screen.getByRole("alert").id).toBe("password-error"));
    expect(generate).not.toHaveBeenCalled();
  });

  it("shows busy state and ignores a second submit while a request runs", async () => {
    let release: (r: GenerateKeysReply) => void = () => undefined;
    const generate = vi.fn(() => new Promise<GenerateKeysReply>((r) => (release = r)));
    const { s } = services({ generateKeys: generate });
    render(<App services={s} />);
    fillForm();
    const button = screen.getByRole("button", { name: /^Generate keys/ }) as HTMLButtonElement;
    fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(button.textContent?.startsWith("Generate keys")).toBe(true);
    fireEvent.submit(button.closest("form") as HTMLFormElement);
    expect(generate).toHaveBeenCalledTimes(1);
    release({ ok: true, session: KEYS });
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it("restores remembered values and keys, and forgets keys on request", async () => {
    const forget = vi.fn(async () => undefined);
    const { s } = services({
      loadPrefs: async () => ({
        email: "siem@corp.example",
        appId: "app-9",
        regionId: "de",
        authType: "domain",
      }),
      loadKeys: async () => KEYS,
      forgetSecrets: forget,
    });
    render(<App services={s} />);
    await waitFor(() => expect(input("Email address").value).toBe("siem@corp.example"));
    expect(input("Application ID").value).toBe("app-9");
    expect((screen.getByLabelText("Region") as HTMLSelectElement).value).toBe("de");
    expect((screen.getByLabelText("Domain password (Active Directory)") as HTMLInputElement).checked).toBe(
      true,
    );
    fireEvent.click(screen.getByRole("button", { name: "Forget keys and secrets" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: "Your API keys" })).toBeNull());
    // Without generated keys, verification asks for them: the field is editable now.
    expect(input("Access key").readOnly).toBe(false);
    expect(forget).toHaveBeenCalledTimes(1);
  });
});

describe("popup verification and export", () => {
  it("verifies API 1.0 with the generated keys, then exports only after a warning", async () => {
    const copied: string[] = [];
    const sent: unknown[] = [];
    const { s } = services({
      loadKeys: async () => KEYS,
      loadPrefs: async () => ({ appId: "app-1", email: "siem@corp.example" }),
      verifyApi1: async (input) => {
        sent.push(input);
        return {
          ok: true,
          result: {
            regionId: "eu",
            accountName: "Corp",
            accountCode: "C1",
            siem: { kind: "logs", fileName: "x.zip", size: 2048 },
          },
        };
      },
      copy: async (t) => {
        copied.push(t);
        return { copied: true, clearsInSeconds: 60 };
      },
    });
    render(<App services={s} />);
    await waitFor(() => expect(input("Application ID").value).toBe("app-1"));
    fireEvent.input(input("Application key"), { target: { value: "the-app-key" } });
    fireEvent.click(screen.getByRole("button", { name: /^Verify keys/ }));
    await waitFor(() =>
      expect(document.body.textContent).toContain("SIEM logs are available: Mimecast sent x.zip (2.0 KB)"),
    );
    expect(sent).toEqual([
      {
        appId: "app-1",
        appKey: "the-app-key",
        accessKey: KEYS.accessKey,
        secretKey: KEYS.secretKey,
        regionId: "eu",
        email: "siem@corp.example",
      },
    ]);
    fireEvent.click(screen.getByRole("button", { name: "Copy collector settings" }));
    expect(copied).toEqual([]);
    expect(document.body.textContent).toContain("These settings contain secrets");
    fireEvent.click(screen.getByRole("button", { name: "Copy anyway" }));
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toContain(`Secret Key: ${KEYS.secretKey}\n`);
    expect(copied[0]).toContain("Base URL: https://eu-api.mimecast.com\n");
  });

  it("shows API 2.0 failures next to the field at fault", async () => {
    const { s } = services({
      verifyApi2: async () => ({
        ok: false,
        failure: {
          kind: "api2-bad-client",
          field: "clientSecret",
          message: "Mimecast rejected the Client ID and Client secret.",
          action: "Copy both again.",
        },
      }),
    });
    render(<App services={s} />);
    fireEvent.input(input("Client ID"), { target: { value: "id" } });
    fireEvent.input(input("Client secret"), { target: { value: "secret" } });
    fireEvent.click(screen.getByRole("button", { name: /^Verify API 2.0/ }));
    const alert = await screen.findByRole("alert");
    expect(alert.id).toBe("client-secret-error");
    expect(input("Client secret").getAttribute("aria-invalid")).toBe("true");
  });
});

describe("popup document", () => {
  it("never has two elements with the same id, with or without generated keys", async () => {
    for (const loadKeys of [async () => undefined, async () => KEYS]) {
      const { s } = services({ loadKeys });
      render(<App services={s} />);
      await waitFor(() => expect(screen.getByLabelText("Access key")).toBeTruthy());
      const ids = Array.from(document.querySelectorAll("[id]")).map((e) => e.id);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      expect(screen.getAllByLabelText("Access key")).toHaveLength(1);
      expect(screen.getAllByLabelText("Secret key")).toHaveLength(1);
      cleanup();
    }
  });
});

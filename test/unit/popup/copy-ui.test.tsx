// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { KeySession } from "../../../src/lib/schemas";
import type { CopyOutcome } from "../../../src/popup/copy";
import { ExportPanel } from "../../../src/popup/ExportPanel";
import { KeysView } from "../../../src/popup/KeysView";

afterEach(cleanup);

const KEYS: KeySession = {
  accessKey: "mYtOL3XZCOwG96BOiFTZRmRx8_abc",
  secretKey: "c2VjcmV0LWtleS1ieXRlcw==",
  durationMs: 3_153_600_000_000,
  regionId: "eu",
  email: "siem@corp.example",
  appId: "app-1",
  createdAt: 0,
};

const status = () => screen.getByRole("status").textContent ?? "";

describe("copy buttons tell the truth", () => {
  for (const [button, what] of [
    ["Copy access key", "Access key copied."],
    ["Copy secret key", "Secret key copied."],
    ["Copy both", "Both keys copied."],
  ] as const) {
    it(`${button}: promises clearing only when the worker scheduled it`, async () => {
      let outcome: CopyOutcome = { copied: true, clearsInSeconds: 60 };
      render(
        <KeysView keys={KEYS} copy={async () => outcome} onForget={() => undefined} focusOnMount={false} />,
      );
      fireEvent.click(screen.getByRole("button", { name: button }));
      await waitFor(() =>
        expect(status()).toBe(`${what} Cleared from the clipboard in 60 s unless you copy something else.`),
      );
      outcome = { copied: true, clearsInSeconds: undefined };
      fireEvent.click(screen.getByRole("button", { name: button }));
      await waitFor(() => expect(status()).toContain("will not be cleared"));
      outcome = { copied: false };
      fireEvent.click(screen.getByRole("button", { name: button }));
      await waitFor(() => expect(status()).toMatch(/^Could not copy .*press Ctrl\+C \(⌘C on a Mac\)/));
      expect(status().toLowerCase()).not.toContain("clear");
    });
  }

  it("a failed copy of the collector settings points at Download and claims no clearing", async () => {
    const copied: string[] = [];
    render(
      <ExportPanel
        settings={{
          api: "2.0",
          baseUrl: "https://api.services.mimecast.com",
          clientId: "id",
          clientSecret: "cs",
        }}
        copy={async (t) => {
          copied.push(t);
          return { copied: false };
        }}
        download={async () => true}
        now={() => Date.UTC(2026, 0, 1)}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy collector settings" }));
    expect(screen.queryByRole("checkbox")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Copy anyway" }));
    await waitFor(() => expect(status()).toContain("Could not copy the collector settings"));
    expect(status()).toContain("Download settings");
    expect(status().toLowerCase()).not.toContain("cleared");
    expect(copied).toHaveLength(1);
    expect(copied[0]).toContain("Client Secret: cs");
  });

  it("a successful export copy is cleared by the worker, not by a timer in this window", async () => {
    render(
      <ExportPanel
        settings={{
          api: "2.0",
          baseUrl: "https://api.services.mimecast.com",
          clientId: "id",
          clientSecret: "cs",
        }}
        copy={async () => ({ copied: true, clearsInSeconds: 60 })}
        download={async () => true}
        now={() => Date.UTC(2026, 0, 1)}
      />,
    );
    fireEvent.click(screen.getByRole("button", { name: "Copy collector settings" }));
    fireEvent.click(screen.getByRole("button", { name: "Copy anyway" }));
    await waitFor(() =>
      expect(status()).toBe(
        "Collector settings copied. Cleared from the clipboard in 60 s unless you copy something else.",
      ),
    );
    expect(status()).not.toContain("if this window stays open");
  });
});

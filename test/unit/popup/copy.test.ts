import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type CopyDeps, type CopyOutcome, copySecret, copyStatus } from "../../../src/popup/copy";

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function deps(overrides: Partial<CopyDeps> = {}) {
  const written: string[] = [];
  const digests: string[] = [];
  const d: CopyDeps = {
    write: async (t) => {
      written.push(t);
    },
    arrangeClearing: async (digest) => {
      digests.push(digest);
      return 1_060_000;
    },
    now: () => 1_000_000,
    ...overrides,
  };
  return { d, written, digests };
}

const TEXTS = {
  copied: "Secret key copied.",
  failed: "Could not copy the secret key: select it and press Ctrl+C.",
};

describe("copySecret", () => {
  it("writes the exact text, then hands the worker its SHA-256 digest (not the text)", async () => {
    const { d, written, digests } = deps();
    const secret = "c2VjcmV0LWtleS1ieXRlcw==\u00e9";
    expect(await copySecret(secret, d)).toEqual({ copied: true, clearsInSeconds: 60 });
    expect(written).toEqual([secret]);
    expect(digests).toEqual([sha(secret)]);
  });

  it("reports a failed write as failed and arranges nothing", async () => {
    const { d, digests } = deps({
      write: async () => {
        throw new DOMException("Document is not focused.", "NotAllowedError");
      },
    });
    expect(await copySecret("s", d)).toEqual({ copied: false });
    expect(digests).toEqual([]);
  });

  it("copied, but not promised clearing, when the worker declines or does not answer", async () => {
    expect(await copySecret("s", deps({ arrangeClearing: async () => undefined }).d)).toEqual({
      copied: true,
      clearsInSeconds: undefined,
    });
    const throwing = deps({
      arrangeClearing: async () => {
        throw new Error("worker stopped");
      },
    });
    expect(await copySecret("s", throwing.d)).toEqual({ copied: true, clearsInSeconds: undefined });
  });

  it("counts the seconds from the worker's clearing time", async () => {
    expect(await copySecret("s", deps({ arrangeClearing: async () => 1_059_400 }).d)).toEqual({
      copied: true,
      clearsInSeconds: 59,
    });
  });
});

describe("copyStatus", () => {
  it("promises clearing only when it is scheduled", () => {
    expect(copyStatus({ copied: true, clearsInSeconds: 60 }, TEXTS)).toBe(
      "Secret key copied. Cleared from the clipboard in 60 s unless you copy something else.",
    );
    const unscheduled = copyStatus({ copied: true, clearsInSeconds: undefined }, TEXTS);
    expect(unscheduled.startsWith("Secret key copied.")).toBe(true);
    expect(unscheduled).toContain("will not be cleared");
    expect(unscheduled).not.toContain("Cleared from");
  });

  it("says honestly that copying failed, what to do, and never mentions clearing", () => {
    const failed: CopyOutcome = { copied: false };
    const text = copyStatus(failed, TEXTS);
    expect(text).toBe(TEXTS.failed);
    expect(text.toLowerCase()).not.toContain("clear");
    expect(text).not.toContain("copied");
  });
});

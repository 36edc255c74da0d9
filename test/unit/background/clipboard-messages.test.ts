import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type HandlerDeps, handlers } from "../../../src/background/handlers";
import { replySchemas, requestSchema } from "../../../src/lib/messages";

const digest = createHash("sha256").update("s3cret").digest("hex");

function deps(clipboardCopied: HandlerDeps["clipboardCopied"]): HandlerDeps {
  const unused = async () => {
    throw new Error("not used");
  };
  return {
    // Not used by this handler; its shape belongs to src/mimecast/transport.ts.
    transport: {} as HandlerDeps["transport"],
    saveKeys: unused,
    forgetSecrets: unused,
    onKeysGenerated: unused,
    now: () => 0,
    clipboardCopied,
  };
}

describe("popup/clipboard-copied message", () => {
  it("carries a SHA-256 digest and nothing else: never the copied text", () => {
    const parsed = requestSchema.safeParse({ type: "popup/clipboard-copied", digest, text: "s3cret" });
    expect(parsed.success).toBe(true);
    expect(JSON.stringify(parsed.data)).not.toContain("s3cret");
    for (const bad of ["s3cret", digest.slice(1), `${digest}0`, digest.toUpperCase(), ""]) {
      expect(requestSchema.safeParse({ type: "popup/clipboard-copied", digest: bad }).success).toBe(false);
    }
    expect(requestSchema.safeParse({ type: "popup/clipboard-copied" }).success).toBe(false);
  });

  it("has a reply schema that requires clearAt when clearing is promised", () => {
    const reply = replySchemas["popup/clipboard-copied"];
    expect(reply.safeParse({ ok: true, clearAt: 123 }).success).toBe(true);
    expect(reply.safeParse({ ok: false }).success).toBe(true);
    expect(reply.safeParse({ ok: true }).success).toBe(false);
    expect(reply.safeParse({ ok: true, clearAt: "soon" }).success).toBe(false);
  });

  it("the handler passes the digest on and answers with when it will be cleared", async () => {
    const seen: string[] = [];
    const reply = await handlers["popup/clipboard-copied"](
      { type: "popup/clipboard-copied", digest },
      deps(async (d) => {
        seen.push(d);
        return 42_000;
      }),
    );
    expect(seen).toEqual([digest]);
    expect(reply).toEqual({ ok: true, clearAt: 42_000 });
  });

  it("the handler promises nothing when it cannot schedule", async () => {
    const failing = deps(async () => {
      throw new Error("alarms unavailable");
    });
    expect(
      await handlers["popup/clipboard-copied"]({ type: "popup/clipboard-copied", digest }, failing),
    ).toEqual({
      ok: false,
    });
  });
});

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");

describe("zod jitless", () => {
  it("builds and parses object schemas without ever calling the Function constructor", async () => {
    const original = globalThis.Function;
    let constructed = 0;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        constructed++;
        return Reflect.construct(target, args);
      },
      apply(target, self, args) {
        constructed++;
        return Reflect.apply(target, self, args);
      },
    });
    try {
      await import("../../../src/lib/zod-jitless");
      const z = await import("zod/mini");
      const { z: classic } = await import("zod");
      const mini = z.object({ a: z.string(), b: z.optional(z.number()) });
      const full = classic.object({ a: classic.string(), n: classic.number().int() });
      for (let i = 0; i < 50; i++) {
        expect(mini.parse({ a: "x", b: i })).toEqual({ a: "x", b: i });
        expect(full.parse({ a: "y", n: i })).toEqual({ a: "y", n: i });
      }
      expect(constructed).toBe(0);
      expect(z.config().jitless).toBe(true);
    } finally {
      globalThis.Function = original;
    }
  });

  it("is the first import of every entry point that loads zod (before any module builds a schema)", () => {
    for (const entry of ["src/background/index.ts", "src/popup/main.tsx", "src/offscreen/offscreen.ts"]) {
      const firstImport = readFileSync(join(root, entry), "utf8")
        .split("\n")
        .find((line) => line.startsWith("import "));
      expect(firstImport, entry).toMatch(/^import "\.\.\/lib\/zod-jitless";/);
    }
  });
});

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const css = readFileSync(resolve(import.meta.dirname, "../../../src/content/overlay/overlay.css"), "utf8");

describe("overlay CSS: animations stay on the compositor", () => {
  it("every keyframe animates opacity or transform only (no paint or layout per frame)", () => {
    const blocks = [...css.matchAll(/@keyframes\s+[\w-]+\s*\{([\s\S]*?)\n\}/g)].map((m) => m[1] ?? "");
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const properties = [...block.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([\w-]+)\s*:/g)].map(
        (m) => m[1],
      );
      expect(properties.length).toBeGreaterThan(0);
      for (const p of properties) expect(["opacity", "transform"]).toContain(p);
    }
  });

  it("the pulse runs only when the user has not asked for reduced motion", () => {
    const animated = [...css.matchAll(/animation\s*:[^;]*pulse/g)];
    expect(animated.length).toBeGreaterThan(0);
    const media = /@media \(prefers-reduced-motion: no-preference\)\s*\{[\s\S]*?animation\s*:[^;]*pulse/;
    expect(css).toMatch(media);
    expect(css.replace(media, "")).not.toMatch(/animation\s*:[^;]*pulse/);
  });
});

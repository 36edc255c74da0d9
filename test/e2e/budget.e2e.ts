import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { manifestFor } from "../../src/manifest/build";
import { DIST } from "./harness";

interface Manifest {
  content_scripts?: { js?: string[]; all_frames?: boolean; matches?: string[]; include_globs?: string[] }[];
  web_accessible_resources?: unknown[];
  permissions?: string[];
  host_permissions?: string[];
}

const manifest = JSON.parse(readFileSync(join(DIST, "manifest.json"), "utf8")) as Manifest;

describe("production build", () => {
  it("keeps everything the content script loads on a console page within 20 KB gzip, without zod", () => {
    const files = manifest.content_scripts?.flatMap((c) => c.js ?? []) ?? [];
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const f of files) {
      const code = readFileSync(join(DIST, f));
      // A standalone script: it may not pull further chunks at run time.
      expect(code.toString("utf8")).not.toMatch(/\bimport\s*\(|chrome\.runtime\.getURL\(/);
      // Views are checked with hand-written guards there: zod would not fit.
      expect(code.toString("utf8")).not.toMatch(/\$ZodType|ZodError/);
      total += gzipSync(code, { level: 9 }).length;
    }
    expect(total).toBeLessThanOrEqual(20 * 1024);
  });

  it("keeps the source manifest's permissions, hosts and content-script globs (pinned in test/unit/lib/manifest.test.ts)", () => {
    const source: Manifest = manifestFor("chrome");
    const scripts = (m: Manifest) =>
      m.content_scripts?.map(({ matches, include_globs, all_frames }) => ({
        matches,
        include_globs,
        all_frames,
      }));
    expect(scripts(manifest)).toEqual(scripts(source));
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.permissions).toEqual(source.permissions);
    expect(manifest.host_permissions).toEqual(source.host_permissions);
  });
});

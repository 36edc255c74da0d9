import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import manifest from "../../../manifest.json" with { type: "json" };
import messages from "../../../src/static/_locales/en/messages.json" with { type: "json" };
import { pngSize } from "../../tools/png-size";

const root = resolve(import.meta.dirname, "../../..");
const listing = readFileSync(join(root, "store/listing.md"), "utf8");

/** The text under a "## heading", up to the next heading. */
function section(heading: string): string {
  const start = listing.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`store/listing.md has no "## ${heading}" section`);
  const body = listing.slice(start + heading.length + 5);
  const end = body.indexOf("\n## ");
  return (end < 0 ? body : body.slice(0, end)).trim();
}

describe("store listing", () => {
  it("has a one-line short description under the stores' 132 characters", () => {
    const short = section("Short description");
    expect(short).not.toContain("\n");
    expect(short.length).toBeGreaterThan(40);
    expect(short.length).toBeLessThan(132);
  });

  it("names the extension as the manifest does", () => {
    // The manifest names it through _locales (__MSG_extName__): the English name is in messages.json.
    expect(manifest.name).toBe("__MSG_extName__");
    expect(section("Name")).toBe(messages.extName.message);
  });

  it("justifies every permission, API host and console host of the manifest", () => {
    const rows = section("Permission justifications")
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| ---"));
    const justified = (needle: string): boolean =>
      rows.some((row) => {
        const [, what = "", why = ""] = row.split("|");
        return what.includes(needle) && why.trim().length > 30;
      });
    const missing = [
      ...manifest.permissions.map((p) => `\`${p}\``),
      ...manifest.host_permissions.map((h) =>
        new URL(h.replace("/*", "/")).hostname.replace(/\.mimecast\.com$/, ""),
      ),
      ...manifest.content_scripts.flatMap((c) =>
        c.include_globs.map((g) => new URL(g.replace("/*", "/")).hostname),
      ),
    ].filter((needle) => !justified(needle));
    expect(missing).toEqual([]);
  });
});

describe("store images (store/screenshots/, made by npm run store:screenshots)", () => {
  const dir = join(root, "store/screenshots");
  const names = readdirSync(dir).filter((name) => name.endsWith(".png"));

  it("has 1 to 5 screenshots at 1280×800 (the Chrome Web Store's limit is 5)", () => {
    const shots = names.filter((name) => name.startsWith("screenshot-"));
    expect(shots.length).toBeGreaterThanOrEqual(1);
    expect(shots.length).toBeLessThanOrEqual(5);
    for (const name of shots)
      expect(pngSize(readFileSync(join(dir, name))), name).toEqual({ width: 1280, height: 800 });
  });

  it("has the 440×280 promo tile", () => {
    expect(pngSize(readFileSync(join(dir, "promo-440x280.png")))).toEqual({ width: 440, height: 280 });
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PackageResult, packageAll } from "../tools/package";

/**
 * Runs `npm run package`'s code twice (each with fresh builds) into two folders, then opens the zips.
 * Needs the Firefox build (`npm run build:firefox`); without it packaging fails and so does this test.
 */

const root = resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const readme = readFileSync(join(root, "README.md"), "utf8");

let first: PackageResult;
let second: PackageResult;
const dirs: string[] = [];

beforeAll(() => {
  const a = mkdtempSync(join(tmpdir(), "siem-package-a-"));
  const b = mkdtempSync(join(tmpdir(), "siem-package-b-"));
  dirs.push(a, b);
  first = packageAll({ build: true, outDir: a });
  second = packageAll({ build: true, outDir: b });
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const unzip = (path: string): Record<string, Uint8Array> => unzipSync(readFileSync(path));
const TEXT = /\.(js|mjs|css|html|json|txt|svg)$/;
/** What a dev-server (`npm run dev`) build leaves behind: it must never be packaged. */
const DEV_TRACES = [/localhost/i, /127\.0\.0\.1/, /@vite\/client/, /\b5173\b/, /@crx\/client/, /ws:\/\//];

describe.each(["chrome", "firefox"] as const)("the %s package", (browser) => {
  it("has a manifest whose version is package.json's", () => {
    const files = unzip(first[browser]);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as { version: string };
    expect(manifest.version).toBe(pkg.version);
  });

  it("holds no source maps and no dev-server or localhost URLs", () => {
    const files = unzip(first[browser]);
    const names = Object.keys(files);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((name) => name.endsWith(".map"))).toEqual([]);
    const traces: string[] = [];
    for (const name of names.filter((n) => TEXT.test(n))) {
      const text = new TextDecoder().decode(files[name]);
      if (text.includes("sourceMappingURL")) traces.push(`${name}: sourceMappingURL`);
      for (const trace of DEV_TRACES) if (trace.test(text)) traces.push(`${name}: ${trace}`);
    }
    expect(traces).toEqual([]);
  });

  it("lists its entries sorted, files only", () => {
    const names = Object.keys(unzip(first[browser]));
    expect(names).toEqual([...names].sort());
    expect(names.filter((name) => name.endsWith("/"))).toEqual([]);
  });

  it("carries _locales/en/messages.json, and its manifest names the default locale", () => {
    const names = Object.keys(unzip(first[browser]));
    expect(names).toContain("_locales/en/messages.json");
    const manifest = JSON.parse(new TextDecoder().decode(unzip(first[browser])["manifest.json"])) as {
      default_locale?: string;
      name?: string;
    };
    expect(manifest.default_locale).toBe("en");
    expect(manifest.name).toBe("__MSG_extName__");
  });
});

describe("packaging", () => {
  it("writes byte-identical zips on two runs", () => {
    for (const key of ["chrome", "firefox", "source"] as const) {
      expect(readFileSync(second[key]).equals(readFileSync(first[key])), key).toBe(true);
    }
  });

  it("names the zips with package.json's version", () => {
    for (const key of ["chrome", "firefox", "source"] as const) {
      expect(first[key]).toMatch(new RegExp(`-${pkg.version.replaceAll(".", "\\.")}-${key}\\.zip$`));
    }
  });

  it("gives Firefox a gecko id (the Firefox build, not the Chrome one)", () => {
    const files = unzip(first.firefox);
    const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"])) as {
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/.+/);
  });

  it("passes web-ext lint with 0 errors, and the README explains every warning it gives", () => {
    expect(first.lint.errors).toEqual([]);
    const section = readme.slice(readme.indexOf("## Package and publish"));
    expect(section.length).toBeLessThan(readme.length);
    const unexplained = first.lint.warnings.map((w) => w.code).filter((code) => !section.includes(code));
    expect(unexplained).toEqual([]);
  });

  it("puts exactly the commit's tracked files plus BUILD.md in the source archive", () => {
    const files = unzip(first.source);
    const tracked = execFileSync("git", ["ls-tree", "-r", "--name-only", "--full-tree", "HEAD"], {
      cwd: root,
    })
      .toString("utf8")
      .split("\n")
      .filter((line) => line !== "");
    expect(Object.keys(files).sort()).toEqual([...tracked, "BUILD.md"].sort());
    const build = new TextDecoder().decode(files["BUILD.md"]);
    expect(build).toContain("npm ci");
    expect(build).toContain("npm run build:firefox");
    expect(build).toContain(`Node.js ${process.versions.node}`);
  });
});

/**
 * `npm run package`: fresh production builds, then reproducible zips in packages/:
 *   <name>-<version>-chrome.zip   from dist/          (Chrome Web Store and Edge Add-ons)
 *   <name>-<version>-firefox.zip  from dist-firefox/  (Firefox Add-ons), checked with web-ext lint
 *   <name>-<version>-source.zip   the commit's git-tracked files plus BUILD.md (for AMO's reviewers)
 *   SHA256SUMS
 * Two runs on the same commit write identical bytes. Options: --skip-build (zip what dist/ and
 * dist-firefox/ hold now; for the package test's second run), --out <dir> (default packages/).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import { type ArchiveFile, filesOf, reproducibleZip } from "./reproducible-zip";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly scripts: Readonly<Record<string, string>>;
  readonly engines?: { readonly node?: string };
}

export interface LintMessage {
  readonly code: string;
  readonly message: string;
  readonly file?: string;
}

export interface LintReport {
  readonly errors: readonly LintMessage[];
  readonly warnings: readonly LintMessage[];
  readonly notices: readonly LintMessage[];
}

export interface PackageResult {
  readonly chrome: string;
  readonly firefox: string;
  readonly source: string;
  readonly lint: LintReport;
}

function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as PackageJson;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

function git(args: readonly string[]): Buffer {
  return execFileSync("git", args, { cwd: root, maxBuffer: 256 * 1024 * 1024 });
}

/** SOURCE_DATE_EPOCH if set, else the commit time of HEAD: same commit, same timestamps. */
function sourceDateEpoch(): number {
  const fromEnv = process.env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return Number(git(["log", "-1", "--format=%ct", "HEAD"]).toString().trim());
}

/** The build, checked: its manifest carries package.json's version (one version source). */
function buildFiles(dir: string, version: string): ArchiveFile[] {
  const manifestPath = join(root, dir, "manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`${dir}/manifest.json is missing: the build did not run`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version?: string };
  if (manifest.version !== version) {
    throw new Error(`${dir}/manifest.json has version ${manifest.version}, package.json has ${version}`);
  }
  return filesOf(join(root, dir));
}

/**
 * The files of HEAD as git holds them (mode 644, content from the object store, so an uncommitted
 * change never slips into the source archive), read through one `git cat-file --batch`.
 */
function trackedFiles(): ArchiveFile[] {
  const listing = git(["ls-tree", "-r", "-z", "--full-tree", "HEAD"]).toString("utf8");
  const entries = listing
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [mode, type, id] = line.slice(0, tab).split(" ");
      return { mode, type, id: id ?? "", name: line.slice(tab + 1) };
    })
    .filter((entry) => entry.type === "blob" && entry.mode !== "120000"); // no symlinks
  const batch = spawnSync("git", ["cat-file", "--batch"], {
    cwd: root,
    input: entries.map((entry) => `${entry.id}\n`).join(""),
    maxBuffer: 512 * 1024 * 1024,
  });
  if (batch.status !== 0) throw new Error(`git cat-file failed: ${batch.stderr.toString()}`);
  const out = batch.stdout;
  const files: ArchiveFile[] = [];
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = out.indexOf(0x0a, offset);
    const [id, , size] = out.subarray(offset, headerEnd).toString("utf8").split(" ");
    if (id !== entry.id || size === undefined)
      throw new Error(`git cat-file: unexpected answer for ${entry.name}`);
    const start = headerEnd + 1;
    const end = start + Number(size);
    files.push({ name: entry.name, content: out.subarray(start, end) });
    offset = end + 1; // content is followed by a newline
  }
  return files;
}

function buildInstructions(pkg: PackageJson, commit: string): string {
  return `# Building ${pkg.name} ${pkg.version} from this source archive

This archive holds the git-tracked files of commit ${commit}. The Firefox package
(${pkg.name}-${pkg.version}-firefox.zip) is built from it as follows.

Requirements: Node.js ${process.versions.node} and npm ${npmVersion()} (the versions this package was built
with, on Debian Linux; package.json asks for Node ${pkg.engines?.node ?? "20"}). No other tool is needed:
the icons are rendered from SVG by an npm dependency (@resvg/resvg-js).

\`\`\`sh
npm ci
npm run build:firefox
\`\`\`

The extension is written to \`dist-firefox/\`; its files are those of the Firefox package.
(\`npm run package\` builds every package, zips them reproducibly into \`packages/\` and runs
\`web-ext lint\` on the Firefox one.)

The build runs Vite (bundling and minifying TypeScript and Preact with Rolldown; no source maps).
Every dependency is pinned in package-lock.json; the code we wrote is under \`src/\`.
`;
}

function npmVersion(): string {
  const npm = spawnSync("npm", ["--version"], { encoding: "utf8" });
  return npm.status === 0 ? npm.stdout.trim() : "unknown";
}

/** web-ext lint on the unpacked Firefox zip (exactly what AMO receives). */
export function lintFirefoxZip(zip: Uint8Array): LintReport {
  const dir = mkdtempSync(join(tmpdir(), "siem-webext-lint-"));
  try {
    for (const [name, content] of Object.entries(unzipSync(zip))) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    const lint = spawnSync(
      join(root, "node_modules/.bin/web-ext"),
      ["lint", "--source-dir", dir, "--output", "json", "--no-config-discovery"],
      { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    const start = lint.stdout.indexOf("{");
    if (start < 0) throw new Error(`web-ext lint gave no report: ${lint.stderr}`);
    const report = JSON.parse(lint.stdout.slice(start)) as LintReport;
    return { errors: report.errors, warnings: report.warnings, notices: report.notices };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(message: LintMessage): string {
  return `${message.code}${message.file ? ` (${message.file})` : ""}: ${message.message}`;
}

export function packageAll(options: { readonly build: boolean; readonly outDir: string }): PackageResult {
  const pkg = readPackageJson();
  if (pkg.scripts["build:firefox"] === undefined) {
    throw new Error(
      'package.json has no "build:firefox" script, so there is no Firefox build to package. ' +
        "It comes with the Firefox build (issue 8, item 1): npm run build:firefox writes dist-firefox/.",
    );
  }
  if (options.build) {
    // Always fresh: `npm run dev` writes a localhost-bound build into the same dist/.
    run("npm", ["run", "build"]);
    run("npm", ["run", "build:firefox"]);
  }
  const epoch = sourceDateEpoch();
  const commit = git(["rev-parse", "HEAD"]).toString().trim();
  if (git(["status", "--porcelain", "--untracked-files=no"]).length > 0) {
    console.warn("package: tracked files differ from HEAD; the source archive holds HEAD, the builds do not");
  }

  const base = `${pkg.name}-${pkg.version}`;
  const chrome = reproducibleZip(buildFiles("dist", pkg.version), epoch);
  const firefox = reproducibleZip(buildFiles("dist-firefox", pkg.version), epoch);
  const source = reproducibleZip(
    [...trackedFiles(), { name: "BUILD.md", content: Buffer.from(buildInstructions(pkg, commit)) }],
    epoch,
  );

  const lint = lintFirefoxZip(firefox);
  for (const warning of lint.warnings) console.warn(`web-ext lint warning: ${describe(warning)}`);
  if (lint.errors.length > 0) {
    throw new Error(`web-ext lint: ${lint.errors.length} error(s)\n${lint.errors.map(describe).join("\n")}`);
  }

  mkdirSync(options.outDir, { recursive: true });
  const written = {
    chrome: `${base}-chrome.zip`,
    firefox: `${base}-firefox.zip`,
    source: `${base}-source.zip`,
  };
  const bytes = { chrome, firefox, source };
  const sums: string[] = [];
  for (const key of ["chrome", "firefox", "source"] as const) {
    writeFileSync(join(options.outDir, written[key]), bytes[key]);
    sums.push(`${createHash("sha256").update(bytes[key]).digest("hex")}  ${written[key]}`);
  }
  writeFileSync(join(options.outDir, "SHA256SUMS"), `${sums.join("\n")}\n`);
  console.log(`package: wrote to ${options.outDir}\n${sums.join("\n")}`);
  console.log(`web-ext lint: ${lint.errors.length} errors, ${lint.warnings.length} warnings`);
  return {
    chrome: join(options.outDir, written.chrome),
    firefox: join(options.outDir, written.firefox),
    source: join(options.outDir, written.source),
    lint,
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  const outDir = resolve(outIndex >= 0 ? (args[outIndex + 1] ?? "packages") : join(root, "packages"));
  try {
    packageAll({ build: !args.includes("--skip-build"), outDir });
  } catch (error) {
    console.error(`npm run package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

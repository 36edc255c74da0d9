import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { type Zippable, zipSync } from "fflate";

/**
 * Reproducible zip archives with fflate (pure JavaScript deflate, so the bytes do not depend on the
 * zlib Node was built with): entries sorted by name, files only (no directory entries), one fixed
 * timestamp, Unix permissions 0644, level 9.
 */

export interface ArchiveFile {
  /** Path inside the archive, "/"-separated, no leading slash. */
  readonly name: string;
  readonly content: Uint8Array;
}

/** 1980-01-01 00:00:00, the earliest time a zip (MS-DOS date) can hold. */
export const ZIP_EPOCH_SECONDS = 315_532_800;

const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;
const UNIX = 3;

/**
 * The zip timestamp for a moment given in seconds since 1970 (SOURCE_DATE_EPOCH).
 * fflate writes the Date's LOCAL fields, so the UTC fields are copied into a local Date: the same
 * bytes in every time zone.
 */
export function zipTimestamp(epochSeconds: number): Date {
  const utc = new Date(Math.max(epochSeconds, ZIP_EPOCH_SECONDS) * 1000);
  return new Date(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  );
}

export function reproducibleZip(files: readonly ArchiveFile[], epochSeconds = ZIP_EPOCH_SECONDS): Uint8Array {
  const mtime = zipTimestamp(epochSeconds);
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const zippable: Zippable = {};
  for (const file of sorted) {
    if (file.name === "" || file.name.startsWith("/") || file.name.includes("\\")) {
      throw new Error(`bad archive path: ${JSON.stringify(file.name)}`);
    }
    if (file.name in zippable) throw new Error(`duplicate archive path: ${file.name}`);
    // A flat map of full paths: fflate keeps insertion order and writes no directory entries.
    zippable[file.name] = [file.content, { mtime, os: UNIX, attrs: REGULAR_FILE_0644, level: 9 }];
  }
  return zipSync(zippable);
}

/** Every regular file under `dir`, named relative to it with "/" separators. */
export function filesOf(dir: string): ArchiveFile[] {
  const out: ArchiveFile[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        out.push({ name: relative(dir, path).split(sep).join("/"), content: readFileSync(path) });
      } else throw new Error(`not a regular file or folder: ${path}`);
    }
  };
  walk(dir);
  return out;
}

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { t } from "../../../src/lib/i18n";

/**
 * Every word the user sees comes from `_locales/en/messages.json` through `t()` (src/lib/i18n.ts), so
 * a translator adds a language without touching code. These checks keep the English file usable as
 * a translator's source and keep the code honest about it.
 */
const ROOT = resolve(import.meta.dirname, "../../..");
interface Entry {
  message?: unknown;
  description?: unknown;
  placeholders?: Record<string, { content?: unknown; example?: unknown }>;
}
const MESSAGES = JSON.parse(
  readFileSync(join(ROOT, "src/static/_locales/en/messages.json"), "utf8"),
) as Record<string, Entry>;

function files(dir: string, ends: readonly string[]): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => ends.some((end) => name.endsWith(end)))
    .map((name) => join(dir, name));
}
const SOURCES = files("src", [".ts", ".tsx"]).map((path) => ({
  path,
  text: readFileSync(join(ROOT, path), "utf8"),
}));

describe("messages.json", () => {
  it("has keys the browsers accept", () => {
    for (const key of Object.keys(MESSAGES)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
    // Keys are case-insensitive to the browsers: two that differ only in case would collide.
    const lower = Object.keys(MESSAGES).map((key) => key.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it("gives every entry a message and a description for the translator", () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      expect(typeof entry.message, key).toBe("string");
      expect(entry.message, key).not.toBe("");
      expect(typeof entry.description, key).toBe("string");
      expect(entry.description, key).not.toBe("");
    }
  });

  it("declares each $NAME$ placeholder it uses, and uses each it declares", () => {
    for (const [key, entry] of Object.entries(MESSAGES)) {
      const message = String(entry.message).replace(/\$\$/g, "");
      const used = new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]?.toLowerCase()));
      const declared = Object.keys(entry.placeholders ?? {});
      for (const name of declared)
        expect(name, `${key}: placeholder names are lower case`).toBe(name.toLowerCase());
      expect([...used].sort(), key).toEqual([...declared].sort());
      for (const [name, placeholder] of Object.entries(entry.placeholders ?? {})) {
        expect(placeholder.content, `${key}.${name}`).toMatch(/^\$[1-9]$/);
        expect(typeof placeholder.example, `${key}.${name}: an example for the translator`).toBe("string");
      }
    }
  });
});

describe("t()", () => {
  it("fills placeholders in order", () => {
    expect(t("stepLive", 2, 13, "Log in")).toBe("Step 2 of 13: Log in");
  });

  it("finds every key the code passes as a literal", () => {
    const used = new Set<string>();
    // Only where t is the helper (src/guide has a t() of its own, for targets).
    for (const { text } of SOURCES.filter((s) =>
      /import \{[^}]*\bt\b[^}]*\} from "[./]*(lib\/)?i18n"/.test(s.text),
    )) {
      for (const m of text.matchAll(/(?<![\w.$])t\(\s*"([^"]*)"/g)) used.add(m[1] ?? "");
    }
    // Both the overlay and the popup are translated.
    expect(used).toContain("panelLabel");
    expect(used).toContain("generateButton");
    for (const key of used) expect(Object.keys(MESSAGES), key).toContain(key);
  });

  it("has no message nobody uses", () => {
    // A key is used when the code or the manifest names it (t("key"), a typed table, __MSG_key__).
    const code = [...SOURCES.map((s) => s.text), readFileSync(join(ROOT, "manifest.json"), "utf8")].join(
      "\n",
    );
    for (const key of Object.keys(MESSAGES)) {
      expect(code.includes(`"${key}"`) || code.includes(`__MSG_${key}__`), key).toBe(true);
    }
  });
});

describe("popup", () => {
  it("has no bare English text in its markup", () => {
    // A line-by-line heuristic: once a line's {…} expressions are gone, text with a word in it that
    // sits between > and <, or a line of words that follows a line ending in >. Words go through
    // t(); product names and punctuation may stay.
    const bare: string[] = [];
    for (const { path, text } of SOURCES.filter((s) => /^src[/\\]popup[/\\].*\.tsx$/.test(s.path))) {
      let previous = "";
      for (const raw of text.split("\n")) {
        let line = raw.trim();
        for (let before = ""; before !== line; ) {
          before = line;
          line = line.replace(/\{[^{}]*\}/g, "");
        }
        for (const m of line.matchAll(/(?<!=)>([^<>]*)</g)) {
          if (/[A-Za-z]{2,}/.test(m[1] ?? "") && !/[|&;=]/.test(m[1] ?? ""))
            bare.push(`${path}: ${raw.trim()}`);
        }
        const code = /[{}=;<>`]|^(\/\/|\*|\/\*)|^[\w.]+\(/.test(line);
        if (previous.endsWith(">") && !code && /[A-Za-z]{2,}/.test(line)) bare.push(`${path}: ${raw.trim()}`);
        if (line !== "") previous = line;
      }
    }
    expect(bare).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/**
 * `chrome.i18n.getMessage` for unit tests, from the English messages file, with the browsers'
 * placeholder rules ($NAME$ → the placeholder's content, $1…$9 → the substitutions, $$ → $).
 * An unknown key returns "" as the browsers do.
 */
interface Entry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
const MESSAGES = JSON.parse(
  readFileSync(resolve(import.meta.dirname, "../../src/static/_locales/en/messages.json"), "utf8"),
) as Record<string, Entry>;

export function getMessage(key: string, substitutions: string[] = []): string {
  const entry = MESSAGES[key];
  if (!entry) return "";
  const fill = (text: string) =>
    text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? "");
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) =>
      fill(entry.placeholders?.[name.toLowerCase()]?.content ?? ""),
    )
    .replace(/\$\$/g, "$");
}

const g = globalThis as { chrome?: { i18n?: unknown } };
g.chrome = { ...g.chrome, i18n: { getMessage } };

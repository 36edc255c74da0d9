import type MESSAGES from "../static/_locales/en/messages.json";

/**
 * The extension's words (popup, overlay, manifest), from `_locales/<language>/messages.json` (src/static/_locales): a translator
 * adds a language without touching code. Keys are typed from the English file. The console's own
 * labels (menu paths, control names the guide looks for) are data, not translated: they are what
 * Mimecast shows.
 */
export type MessageKey = keyof typeof MESSAGES;

interface I18n {
  getMessage(key: string, substitutions?: string[]): string;
}
const g = globalThis as unknown as { browser?: { i18n?: I18n }; chrome?: { i18n?: I18n } };

/** The English text (or the key, with no i18n API): tiny on purpose, it is in the content script. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const i18n = g.browser?.i18n ?? g.chrome?.i18n;
  return i18n?.getMessage(key, substitutions.map(String)) || key;
}

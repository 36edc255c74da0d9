// The helper is shared with the popup: src/lib/i18n.ts.
export { type MessageKey, t } from "../lib/i18n";

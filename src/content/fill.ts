import type { Suggestion } from "../guide/types";
import { locate } from "./locate";

/**
 * "Fill suggested values": on the user's click only, writes the guide's suggested values into the
 * step's text fields that are empty, and tells the console's framework the way typing would
 * (`input` for Angular-style models, `change` and `keyup` for ExtJS-style ones). Never a password
 * field, never a read-only or disabled one, never a field the user already filled, never a submit.
 * Returns what it filled, by the fields' descriptions.
 */
export function fillSuggested(doc: Document, suggestions: readonly Suggestion[]): string[] {
  const filled: string[] = [];
  for (const { field, value } of suggestions) {
    const el = locate(doc, field) as HTMLInputElement | null;
    if (!el || !/^(INPUT|TEXTAREA)$/.test(el.tagName)) continue;
    if (!/^(text|search|)$/.test(el.tagName === "INPUT" ? el.type : "")) continue;
    if (el.value !== "" || el.readOnly || el.disabled) continue;
    el.value = value;
    for (const type of ["input", "change", "keyup"]) el.dispatchEvent(new Event(type, { bubbles: true }));
    filled.push(field.describe);
  }
  return filled;
}

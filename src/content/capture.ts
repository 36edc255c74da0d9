import { CAPTURE_FIELDS, type CaptureField, type DetectablePage } from "../guide/types";
import { elementsWithText } from "./dom-text";

/**
 * Reads newly created credentials from the console page, only when the user clicks "Use in the
 * assistant". The value is the element the label names (aria-labelledby), else the label's next
 * sibling: an input's value, else the text of a code/pre element, else its own text.
 */
export function readCredential(doc: Document, label: string): string | null {
  const root = doc.body ?? doc.documentElement;
  for (const l of elementsWithText(root, label)) {
    const byRef = l.id ? doc.querySelector(`[aria-labelledby~="${CSS.escape(l.id)}"]`) : null;
    const forId = l.getAttribute("for");
    const box = byRef ?? (forId ? doc.getElementById(forId) : null) ?? l.nextElementSibling;
    if (!box) continue;
    const input = box.matches("input, textarea") ? box : box.querySelector("input, textarea");
    const value =
      (input as HTMLInputElement | null)?.value ??
      (box.matches("code, pre, samp") ? box : box.querySelector("code, pre, samp"))?.textContent ??
      box.textContent ??
      "";
    const v = value.trim();
    // Credentials are one token: no spaces, reasonable length.
    if (/^\S{8,4096}$/.test(v)) return v;
  }
  return null;
}

export type CaptureValues = Partial<Record<CaptureField, string>>;

/**
 * Reads every credential the page in view shows, by the labels its page data lists. Null unless
 * all of them are there: half a pair is worse than none.
 */
export function captureFrom(doc: Document, page: DetectablePage | undefined): CaptureValues | null {
  const labels = page?.capture;
  if (!labels) return null;
  const values: CaptureValues = {};
  for (const field of CAPTURE_FIELDS) {
    const names = labels[field];
    if (!names) continue;
    const value = names.map((l) => readCredential(doc, l)).find((v) => v !== null);
    if (!value) return null;
    values[field] = value;
  }
  return Object.keys(values).length > 0 ? values : null;
}

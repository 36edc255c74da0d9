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

export type CaptureValues = Partial<Record<"appId" | "appKey" | "clientId" | "clientSecret", string>>;

export function captureFrom(doc: Document, pageId: string | null): CaptureValues | null {
  const read = (label: string) => readCredential(doc, label) ?? undefined;
  if (pageId === "api1-created") {
    const v = { appId: read("Application ID"), appKey: read("Application Key") };
    return v.appId && v.appKey ? v : null;
  }
  if (pageId === "api2-created") {
    const v = { clientId: read("Client ID"), clientSecret: read("Client Secret") };
    return v.clientId && v.clientSecret ? v : null;
  }
  return null;
}

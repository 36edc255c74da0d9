import type { PageOutline } from "../lib/guide-messages";
import { isVisible } from "./dom-text";

/**
 * The page's structure for "Copy report for the maintainers" when the guide cannot find a control:
 * headings, tabs, buttons and labels, never the data (no table cells or rows, no account menu, no
 * field values: the selectors name no text field). The service worker drops anything that looks
 * like data (addresses, numbers, tokens) and writes the report (src/guide/report.ts); the user sees
 * it before anything is copied.
 */
const STRUCTURE = {
  headings: 'h1, h2, h3, h4, [role="heading"], legend, .ui-dialog-title',
  tabs: '[role="tab"]',
  buttons: 'button, [role="button"], input[type="button"], input[type="submit"], .adconAction',
  labels: "label",
} as const;

/** Where data lives, or who is signed in: never read. */
const DATA =
  'td, tbody, [role="row"], [role="cell"], [role="gridcell"], [data-setup-guide], [class*="user-menu" i], [class*="usermenu" i], [class*="account-menu" i], [class*="profile-menu" i]';

function docs(top: Document): Document[] {
  const out = [top];
  for (const frame of Array.from(top.querySelectorAll("iframe"))) {
    try {
      const d = (frame as HTMLIFrameElement).contentDocument;
      if (d?.documentElement) out.push(...docs(d));
    } catch {
      // cross-origin frame: its structure is not ours to read
    }
  }
  return out;
}

export function pageOutline(top: Document): PageOutline {
  const outline: PageOutline = {
    route: `${top.location?.pathname ?? ""}${top.location?.hash ?? ""}`.slice(0, 300),
    headings: [],
    tabs: [],
    buttons: [],
    labels: [],
  };
  for (const key of ["headings", "tabs", "buttons", "labels"] as const) {
    const seen = new Set<string>();
    for (const d of docs(top)) {
      for (const el of Array.from(d.querySelectorAll(STRUCTURE[key]))) {
        if (el.closest(DATA) || !isVisible(el)) continue;
        // Short labels only; the worker filters again (src/guide/report.ts) before anyone sees them.
        const text = (el.textContent || el.getAttribute("aria-label") || (el as HTMLInputElement).value || "")
          .replace(/\s+/g, " ")
          .trim();
        if (text && text.length <= 60 && !text.includes("@")) seen.add(text);
      }
    }
    outline[key] = [...seen].slice(0, 40);
  }
  return outline;
}

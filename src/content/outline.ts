import { isVisible } from "./dom-text";

/**
 * A short, shareable description of the page for a bug ticket when the guide cannot find a
 * control: the structure (headings, tabs, buttons, labels), never the data (no table cells, no
 * addresses, no numbers that could identify a customer).
 */
const STRUCTURE = [
  ["Headings", 'h1, h2, h3, h4, [role="heading"], legend, .ui-dialog-title'],
  ["Tabs", '[role="tab"]'],
  ["Buttons", 'button, [role="button"], input[type="button"], input[type="submit"], .adconAction'],
  ["Labels", "label"],
] as const;

function safe(text: string): string | null {
  const t = text.replace(/\s+/g, " ").trim();
  if (!t || t.length > 60) return null;
  if (/@|\d{3,}|https?:/i.test(t)) return null;
  return t;
}

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

export function pageOutline(
  top: Document,
  info: { version: string; stepId: string; pageId: string | null },
): string {
  const route = `${top.location?.pathname ?? ""}${top.location?.hash ?? ""}`
    .split("/")
    .map((seg) => (/\d/.test(seg) ? ":id" : seg))
    .join("/")
    .split("?")[0];
  const lines = [
    "SIEM Setup Assistant for Mimecast: page outline",
    `Extension version: ${info.version}`,
    `Step: ${info.stepId}`,
    `Detected page: ${info.pageId ?? "none"}`,
    `Page title: ${safe(top.title) ?? "(not shown)"}`,
    `Route: ${route}`,
  ];
  for (const [name, selector] of STRUCTURE) {
    const seen = new Set<string>();
    for (const d of docs(top)) {
      for (const el of Array.from(d.querySelectorAll(selector))) {
        if (el.closest("td, tbody, [data-setup-guide]") || !isVisible(el)) continue;
        const text = safe(
          el.textContent || el.getAttribute("aria-label") || (el as HTMLInputElement).value || "",
        );
        if (text) seen.add(text);
      }
    }
    lines.push(`${name}: ${[...seen].slice(0, 40).join(" | ") || "(none)"}`);
  }
  return lines.join("\n");
}

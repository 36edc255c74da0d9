import { calledBy, type Signature } from "./learned";

/**
 * "Copy report for the maintainers": a short text that lets us fix the guide's data for everyone
 * when a console differs from what the guide knows. It says which step, which kind of console, the
 * page's structure (headings, tabs, buttons, labels, already filtered by the content script) and
 * what the user showed the guide; never an address, a person's or company's name, table contents
 * or a field's value. Everything passes `safeLabel` here again, whatever the content script sent.
 */

export interface ReportInput {
  readonly version: string;
  readonly stepId: string;
  readonly pageId: string | null;
  /** The console's host name (login-eu.mimecast.com): only its family and region are reported. */
  readonly host: string;
  readonly outline: {
    readonly route: string;
    readonly headings: readonly string[];
    readonly tabs: readonly string[];
    readonly buttons: readonly string[];
    readonly labels: readonly string[];
  };
  readonly learned?: Signature;
}

const EMAIL = /[^\s@]+@[^\s@]+/;
const URLISH = /\b[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\.[a-z]{2,}\//i;
const DIGITS = /\d{3,}/;
/** Hex or base64-like tokens (ids, keys): 16+ characters without a space. */
const TOKEN = /[A-Za-z0-9+/_=-]{16,}/;

/** A console label as we may repeat it, or null: short, and nothing that looks like data. */
export function safeLabel(text: string): string | null {
  const t = text
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!t || t.length > 60) return null;
  if (EMAIL.test(t) || URLISH.test(t) || DIGITS.test(t) || TOKEN.test(t)) return null;
  return t;
}

/** Only the console family and region: "login-eu.mimecast.com" → "login-eu (mimecast.com)". */
export function hostFamily(host: string): string {
  const m = /^(login(?:-[a-z0-9]+)?)\.(mimecast(?:-pscom-us)?\.com)$/.exec(host.toLowerCase());
  return m ? `${m[1]} (${m[2]})` : "unknown";
}

/** Older consoles put everything under an "Administration" menu; newer ones do not. */
function generation(outline: ReportInput["outline"]): string {
  const all = [...outline.headings, ...outline.tabs, ...outline.buttons];
  return all.some((t) => t.trim() === "Administration") ? "older (Administration menu)" : "newer";
}

/** Route segments with anything but letters and dashes replaced ("/users/4711" → "/users/:id"). */
function safeRoute(route: string): string {
  return (
    route
      .split("?")[0]
      ?.split("/")
      .map((seg) => (/^[#a-z-]*$/i.test(seg) ? seg : ":id"))
      .join("/")
      .slice(0, 120) ?? ""
  );
}

function list(items: readonly string[]): string {
  const kept = [...new Set(items.map(safeLabel).filter((t): t is string => t !== null))].slice(0, 40);
  return kept.length > 0 ? kept.join(" | ") : "(none)";
}

function learnedLines(sig: Signature): string[] {
  // A row is named by its cells: table contents, never reported.
  const name = sig.role === "row" ? "(a table row: its text is not reported)" : safeLabel(calledBy(sig));
  return [
    `Shown control: ${sig.role} “${name ?? "(withheld: looked like data)"}”`,
    `Shown control's anchor: ${safeLabel(sig.anchor) ?? "(none)"}`,
    `Shown control's containers: ${sig.path.map((r) => safeLabel(r) ?? "?").join(" > ") || "(none)"}`,
  ];
}

export function maintainerReport(input: ReportInput): string {
  return [
    "SIEM Setup Assistant for Mimecast: console report",
    `Extension version: ${input.version}`,
    `Step: ${input.stepId}`,
    `Detected page: ${input.pageId ?? "none"}`,
    `Console: ${hostFamily(input.host)}, ${generation(input.outline)}`,
    `Route: ${safeRoute(input.outline.route)}`,
    ...(input.learned ? learnedLines(input.learned) : ["Shown control: none"]),
    `Headings: ${list(input.outline.headings)}`,
    `Tabs: ${list(input.outline.tabs)}`,
    `Buttons: ${list(input.outline.buttons)}`,
    `Labels: ${list(input.outline.labels)}`,
  ].join("\n");
}

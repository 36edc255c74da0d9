/**
 * The simulated Mimecast tenant: who can log in, and which address triggers which failure.
 * Shared by the simulated API, the end-to-end tests and the demo, so a scenario is named once.
 */

export const SANDBOX_DOMAIN = "sandbox-corp.example";
export const SANDBOX_APP_ID = "7c2e4d1a-5b3f-4e8a-9c6d-0f1e2d3c4b5a";
export const SANDBOX_PASSWORD = "Correct-Horse-Battery-9";

export type Behaviour =
  | { readonly kind: "ok"; readonly durationMs: number }
  | { readonly kind: "domain-only" }
  | {
      readonly kind: "fail";
      readonly status: number;
      readonly code?: string;
      readonly message?: string;
      readonly headers?: Record<string, string>;
    }
  | { readonly kind: "html"; readonly status: number }
  | { readonly kind: "empty" }
  | { readonly kind: "hang" }
  | { readonly kind: "drop" }
  | { readonly kind: "off-list" };

export interface SandboxAccount {
  readonly email: string;
  readonly region: string;
  /** What discover says, or does. */
  readonly discover?: Behaviour;
  /** What login says, or does, when the application ID is known and the password right. */
  readonly login: Behaviour;
}

const HUNDRED_YEARS_MS = 3_153_600_000_000;
const at = (local: string) => `${local}@${SANDBOX_DOMAIN}`;

export const ACCOUNTS: readonly SandboxAccount[] = [
  { email: at("siem-service"), region: "eu", login: { kind: "ok", durationMs: HUNDRED_YEARS_MS } },
  { email: at("siem-de"), region: "de", login: { kind: "ok", durationMs: HUNDRED_YEARS_MS } },
  { email: at("siem-us"), region: "us", login: { kind: "ok", durationMs: HUNDRED_YEARS_MS } },
  { email: at("short-ttl"), region: "eu", login: { kind: "ok", durationMs: 8 * 3_600_000 } },
  { email: at("domain-user"), region: "eu", login: { kind: "domain-only" } },
  {
    email: at("off-list"),
    region: "eu",
    discover: { kind: "off-list" },
    login: { kind: "ok", durationMs: 1 },
  },
  {
    email: at("forbidden"),
    region: "eu",
    login: {
      kind: "fail",
      status: 403,
      code: "err_xdk_operation_forbidden_for_address",
      message: "Operation forbidden for address",
    },
  },
  {
    email: at("expired"),
    region: "eu",
    login: { kind: "fail", status: 418, code: "err_xdk_binding_expired", message: "AccessKey Has Expired" },
  },
  {
    email: at("rate-limited"),
    region: "eu",
    login: {
      kind: "fail",
      status: 429,
      headers: { "x-ratelimit-limit": "800", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "45000" },
    },
  },
  { email: at("server-error"), region: "eu", login: { kind: "fail", status: 503 } },
  { email: at("proxy-page"), region: "eu", login: { kind: "html", status: 200 } },
  { email: at("empty-answer"), region: "eu", login: { kind: "empty" } },
  { email: at("slow"), region: "eu", login: { kind: "hang" } },
  { email: at("dropped"), region: "eu", discover: { kind: "drop" }, login: { kind: "drop" } },
  {
    email: at("new-error"),
    region: "eu",
    login: {
      kind: "fail",
      status: 200,
      code: "err_sandbox_account_suspended",
      message: "Account suspended pending review",
    },
  },
];

export function accountFor(email: string): SandboxAccount | undefined {
  const e = email.trim().toLowerCase();
  return ACCOUNTS.find((a) => a.email === e);
}

export const sandboxAddress = at;

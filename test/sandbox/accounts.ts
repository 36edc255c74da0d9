/**
 * The simulated Mimecast tenant: who can log in, and which address triggers which failure.
 * Shared by the simulated API, the end-to-end tests and the demo, so a scenario is named once.
 */

export const SANDBOX_DOMAIN = "sandbox-corp.example";
export const SANDBOX_APP_ID = "7c2e4d1a-5b3f-4e8a-9c6d-0f1e2d3c4b5a";
export const SANDBOX_PASSWORD = "Correct-Horse-Battery-9";
/**
 * The Application key shown next to SANDBOX_APP_ID in the console. API 1.0 signs every call with it
 * (it is part of the signed text, never sent). A base64 string of 32 random bytes (fake).
 */
export const SANDBOX_APP_KEY = "q7VtY2hT0m3pXw9LkR4sJd8uNf1bZc6eHa5gQi0oUyE=";
/** The customer code and name get-account reports for every sandbox service user (fake values). */
export const SANDBOX_ACCOUNT_CODE = "CSBX00A000";
export const SANDBOX_ACCOUNT_NAME = "Sandbox Corp";

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
  | { readonly kind: "off-list" }
  /**
   * A JSON answer of `bytes` bytes, produced in 64 KB chunks as it is sent (never held whole);
   * with `declareLength` it announces its size in Content-Length, else it arrives chunked.
   */
  | { readonly kind: "huge"; readonly bytes: number; readonly declareLength: boolean };

/**
 * What signed API 1.0 calls (get-account, get-siem-logs) do with keys issued to an account.
 * Absent means "logs": a log file is waiting.
 */
export type SiemBehaviour =
  /** get-siem-logs answers a zip file with an `mc-siem-token` header. */
  | { readonly kind: "logs" }
  /** get-siem-logs answers `{"meta":{"isLastToken":true,...}}`: nothing new. */
  | { readonly kind: "caught-up" }
  /** Enhanced Logging is off: get-siem-logs answers HTTP 403 `err_audit_log_not_enabled`. */
  | { readonly kind: "not-enabled" }
  /** The key binding expired after login: every signed call answers HTTP 418 `err_xdk_binding_expired`. */
  | { readonly kind: "keys-expired" }
  /** get-siem-logs answers HTTP 429 with `x-ratelimit-reset` (ms). */
  | { readonly kind: "rate-limited"; readonly resetMs: number }
  /** get-siem-logs answers a log file of `bytes` bytes (with its Content-Length), streamed in chunks. */
  | { readonly kind: "big-file"; readonly bytes: number };

export interface SandboxAccount {
  readonly email: string;
  readonly region: string;
  /** What discover says, or does. */
  readonly discover?: Behaviour;
  /** What login says, or does, when the application ID is known and the password right. */
  readonly login: Behaviour;
  /** What signed calls with this account's keys do; default `{ kind: "logs" }`. */
  readonly siem?: SiemBehaviour;
}

const HUNDRED_YEARS_MS = 3_153_600_000_000;
/** 64 MB: far beyond any key or verification answer, and beyond what a popup should ever read. */
export const HUGE_ANSWER_BYTES = 64 * 1024 * 1024;
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
  // Answers no key request should ever get: 64 MB of JSON, from discover (chunked, no length) or
  // from login (Content-Length announced).
  {
    email: at("huge-answer"),
    region: "eu",
    discover: { kind: "huge", bytes: HUGE_ANSWER_BYTES, declareLength: false },
    login: { kind: "ok", durationMs: HUNDRED_YEARS_MS },
  },
  {
    email: at("huge-login"),
    region: "eu",
    login: { kind: "huge", bytes: HUGE_ANSWER_BYTES, declareLength: true },
  },
  // Service users whose keys work, for checking keys (get-account, get-siem-logs):
  {
    email: at("big-logs"),
    region: "eu",
    login: { kind: "ok", durationMs: HUNDRED_YEARS_MS },
    siem: { kind: "big-file", bytes: HUGE_ANSWER_BYTES },
  },
  {
    email: at("caught-up"),
    region: "eu",
    login: { kind: "ok", durationMs: HUNDRED_YEARS_MS },
    siem: { kind: "caught-up" },
  },
  {
    email: at("no-logging"),
    region: "eu",
    login: { kind: "ok", durationMs: HUNDRED_YEARS_MS },
    siem: { kind: "not-enabled" },
  },
  {
    email: at("expired-keys"),
    region: "eu",
    login: { kind: "ok", durationMs: 3_600_000 },
    siem: { kind: "keys-expired" },
  },
  {
    email: at("siem-rate-limited"),
    region: "eu",
    login: { kind: "ok", durationMs: HUNDRED_YEARS_MS },
    siem: { kind: "rate-limited", resetMs: 30_000 },
  },
];

export function accountFor(email: string): SandboxAccount | undefined {
  const e = email.trim().toLowerCase();
  return ACCOUNTS.find((a) => a.email === e);
}

export const sandboxAddress = at;

/** Why the SIEM batch endpoint answers 403 (the wording Mimecast uses is an assumption). */
export type Api2ForbiddenReason =
  /** Mimecast's plain `forbidden`, with nothing saying why. */
  | "unspecified"
  /** The application's role lacks "Threat and Security Events (SIEM) | Read". */
  | "permission"
  /** The application was saved without the SIEM product. */
  | "product";

/** What the API 2.0 SIEM probe (`GET /siem/v1/batch/events/cg`, or `ci`) does for a client. */
export type Api2Behaviour =
  /** 200 with batch files listed (`isCaughtUp: false`). */
  | { readonly kind: "ok" }
  /** 200 with no files and `isCaughtUp: true`. */
  | { readonly kind: "caught-up" }
  /** 403 on both SIEM endpoints; the body tells why (or not). */
  | { readonly kind: "forbidden"; readonly reason: Api2ForbiddenReason }
  /** 429 with `x-ratelimit-reset` (ms). */
  | { readonly kind: "rate-limited"; readonly resetMs: number }
  /**
   * A Cloud Integrated account (support article 34000388238867): `cg` answers `cgStatus`, `ci`
   * lists batch files.
   */
  | { readonly kind: "cloud-integrated"; readonly cgStatus: 403 | 404 }
  /** The token is issued, then the SIEM probe never answers (a worker stopped mid-verification). */
  | { readonly kind: "hang" };

/** An API 2.0 application's credentials (fake values shaped like the console's). */
export interface Api2Client {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly probe: Api2Behaviour;
}

export const SANDBOX_CLIENT_ID = "sbxQ2mVn8RtK4wLp7HjC1dXe9FgA3yZu";
export const SANDBOX_CLIENT_SECRET = "Zq4N7bW1xT9kLm2Rv6Hs3Jd8Pc5Gf0YaEo1Ui7Kt";

export const API2_CLIENT_OK: Api2Client = {
  clientId: SANDBOX_CLIENT_ID,
  clientSecret: SANDBOX_CLIENT_SECRET,
  probe: { kind: "ok" },
};
export const API2_CLIENT_NO_SIEM: Api2Client = {
  clientId: "sbxN0s1eMr0le5Vk8Tq2Wc4Yd6Hf3Jb9",
  clientSecret: "Lr8Dx2Qm5Ka1Zt7Wv3Ns9Bc4Pg6Hy0Ej2Uf5Io8",
  probe: { kind: "forbidden", reason: "unspecified" },
};
export const API2_CLIENT_NO_SIEM_ROLE: Api2Client = {
  clientId: "sbxR0leN0Read7Kq2Wx5Vb8Nd3Hf6Jt1",
  clientSecret: "Pw5Kd1Xr7Lm3Qz9Tv2Nc6Bh8Gy4Fs0Ja5Ue1Oi3",
  probe: { kind: "forbidden", reason: "permission" },
};
export const API2_CLIENT_NO_SIEM_PRODUCT: Api2Client = {
  clientId: "sbxPr0dUctM1ss4Lx8Qv2Nk6Wb9Hd3Ty5",
  clientSecret: "Bn2Vx8Kq4Lt6Zr0Wm9Hd3Pc7Gf1Sy5Ja8Ue4Oi6",
  probe: { kind: "forbidden", reason: "product" },
};
/** Cloud Integrated, and `cg` answers 404. */
export const API2_CLIENT_CLOUD_INTEGRATED: Api2Client = {
  clientId: "sbxC1oUdIntGr4tEd6Kx2Vq8Nb3Wm5Hy9",
  clientSecret: "Tq7Ld3Xv9Km1Rz5Wn8Hc2Pb6Gy0Fs4Ja7Ue3Oi9",
  probe: { kind: "cloud-integrated", cgStatus: 404 },
};
/** Cloud Integrated, and `cg` answers 403. */
export const API2_CLIENT_CLOUD_INTEGRATED_403: Api2Client = {
  clientId: "sbxC1oUdInt403Lq5Xv1Nm7Kb2Wd8Ry4",
  clientSecret: "Hs9Tc4Xq0Lv6Nb2Kw7Rd1Pz5Gy3Fs8Ja2Ue6Oi0",
  probe: { kind: "cloud-integrated", cgStatus: 403 },
};
export const API2_CLIENT_RATE_LIMITED: Api2Client = {
  clientId: "sbxRa7eL1m1tEd3Qx9Kv5Np2Wc8Hy4Tz6",
  clientSecret: "Gs3Fk9Vb1Nq7Xm5Lt2Rc8Pd4Hw6Zj0Ya3Ue9Oi1",
  probe: { kind: "rate-limited", resetMs: 15_000 },
};
export const API2_CLIENT_CAUGHT_UP: Api2Client = {
  clientId: "sbxCa0gHtUp4Lq8Xv2Nm6Kb9Wd3Ry7Ts1",
  clientSecret: "Mh6Tc2Xq8Lv4Nb0Kw5Rd9Pz3Gy7Fs1Ja6Ue2Oi4",
  probe: { kind: "caught-up" },
};

export const API2_CLIENT_SLOW_PROBE: Api2Client = {
  clientId: "sbxS1owPr0be7Lq3Xv9Nm5Kb1Wd6Ry2T",
  clientSecret: "Ks4Tc8Xq2Lv0Nb6Kw1Rd5Pz9Gy3Fs7Ja0Ue8Oi5",
  probe: { kind: "hang" },
};

export const API2_CLIENTS: readonly Api2Client[] = [
  API2_CLIENT_SLOW_PROBE,
  API2_CLIENT_OK,
  API2_CLIENT_NO_SIEM,
  API2_CLIENT_NO_SIEM_ROLE,
  API2_CLIENT_NO_SIEM_PRODUCT,
  API2_CLIENT_RATE_LIMITED,
  API2_CLIENT_CAUGHT_UP,
  API2_CLIENT_CLOUD_INTEGRATED,
  API2_CLIENT_CLOUD_INTEGRATED_403,
];

export function api2ClientFor(clientId: string): Api2Client | undefined {
  return API2_CLIENTS.find((c) => c.clientId === clientId);
}

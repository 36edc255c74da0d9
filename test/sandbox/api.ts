import { randomBytes } from "node:crypto";
import { REGIONS } from "../../src/mimecast/regions";
import { accountFor, type Behaviour, SANDBOX_APP_ID, SANDBOX_PASSWORD } from "./accounts";
import { envelope, failEnvelope, gsonStringify } from "./json";

/** One request as the simulated API sees it. */
export interface ApiRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export type ApiReply =
  | {
      readonly kind: "reply";
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: string;
    }
  | { readonly kind: "hang" }
  | { readonly kind: "drop" };

/** Keys issued by login, so later signed calls can be checked for real. */
export interface IssuedKey {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly email: string;
  readonly appId: string;
  readonly regionHost: string;
}

const RATE_HEADERS = {
  "x-ratelimit-limit": "800",
  "x-ratelimit-remaining": "799",
  "x-ratelimit-reset": "5000",
};
const DATE_RE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} UTC$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Stricter than the popup's own check, as Mimecast's is: a domain needs a dot. */
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function json(status: number, value: unknown, extra: Record<string, string> = {}): ApiReply {
  return {
    kind: "reply",
    status,
    headers: { "content-type": "application/json", ...RATE_HEADERS, ...extra },
    body: gsonStringify(value),
  };
}

function failure(
  status: number,
  code?: string,
  message?: string,
  extra: Record<string, string> = {},
): ApiReply {
  return json(status, failEnvelope(status, code ? [{ code, message: message ?? code }] : []), extra);
}

function behave(b: Behaviour): ApiReply | undefined {
  switch (b.kind) {
    case "fail":
      return failure(b.status, b.code, b.message, b.headers);
    case "html":
      return {
        kind: "reply",
        status: b.status,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: "<!doctype html><html><head><title>Sign in to continue</title></head><body><h1>Network access</h1><p>Please sign in to use this network.</p></body></html>",
      };
    case "empty":
      return { kind: "reply", status: 200, headers: { "content-type": "application/json" }, body: "" };
    case "hang":
      return { kind: "hang" };
    case "drop":
      return { kind: "drop" };
    default:
      return undefined;
  }
}

function parseData(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const data = (parsed as { data?: unknown }).data;
    if (!Array.isArray(data)) return undefined;
    const first: unknown = data[0];
    return typeof first === "object" && first !== null ? (first as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

/** Mimecast's own checks on every API 1.0 call; a malformed header is a client bug worth failing on. */
function checkHeaders(req: ApiRequest): ApiReply | undefined {
  const appId = req.headers["x-mc-app-id"];
  if (!appId) return failure(400, "err_validation_blank", "x-mc-app-id must not be blank");
  if (!DATE_RE.test(req.headers["x-mc-date"] ?? "")) {
    return failure(400, "err_xdk_invalid_date", "x-mc-date is not a valid RFC 1123 date");
  }
  if (!UUID_RE.test(req.headers["x-mc-req-id"] ?? "")) {
    return failure(400, "err_xdk_invalid_request_id", "x-mc-req-id is not a valid request id");
  }
  if (appId !== SANDBOX_APP_ID) {
    // Recorded behaviour: an unknown application ID is reported with HTTP 200.
    return failure(200, "err_developer_key", `App ID is invalid: ${appId}`);
  }
  return undefined;
}

function randomKey(bytes: number): string {
  return randomBytes(bytes).toString("base64");
}

export class SimulatedApi {
  readonly issued = new Map<string, IssuedKey>();
  /** Every API request seen, without bodies or authorization values (so tests can inspect it safely). */
  readonly seen: { host: string; path: string }[] = [];

  handle(req: ApiRequest): ApiReply {
    this.seen.push({ host: req.host, path: req.path });
    if (req.method !== "POST") return failure(405, "err_method_not_allowed", "Use POST");
    if (req.host === "api.mimecast.com" && req.path === "/api/login/discover-authentication") {
      return this.discover(req);
    }
    const region = REGIONS.find((r) => r.host === req.host);
    if (region && req.path === "/api/login/login") return this.login(req, region.id, region.host);
    return failure(404, "err_resource_not_found", `No such endpoint: ${req.path}`);
  }

  private discover(req: ApiRequest): ApiReply {
    const headerProblem = checkHeaders(req);
    if (headerProblem) return headerProblem;
    const data = parseData(req.body);
    const email = typeof data?.emailAddress === "string" ? data.emailAddress : "";
    if (!email) return failure(400, "err_validation_blank", "emailAddress must not be blank");
    if (!EMAIL_RE.test(email)) {
      return failure(200, "err_validation_invalid_email_address", "Email address is not valid");
    }
    const account = accountFor(email);
    if (!account) return json(200, envelope([{ emailAddress: email, authenticate: [] }]));
    if (account.discover?.kind === "off-list") {
      return json(
        200,
        envelope([
          {
            emailAddress: email,
            authenticate: ["cloud"],
            region: { api: "https://api.mimecast-sandbox.evil.example" },
          },
        ]),
      );
    }
    const special = account.discover ? behave(account.discover) : undefined;
    if (special) return special;
    const region = REGIONS.find((r) => r.id === account.region);
    return json(
      200,
      envelope([
        {
          emailAddress: account.email,
          authenticate: account.login.kind === "domain-only" ? ["domain"] : ["cloud", "domain"],
          region: { code: account.region, api: `https://${region?.host ?? "eu-api.mimecast.com"}` },
        },
      ]),
    );
  }

  private login(req: ApiRequest, regionId: string, regionHost: string): ApiReply {
    const headerProblem = checkHeaders(req);
    if (headerProblem) return headerProblem;
    const auth = req.headers.authorization ?? "";
    const match = /^(Basic-Cloud|Basic-AD) ([A-Za-z0-9+/=]+)$/.exec(auth);
    if (!match) return failure(400, "err_validation_blank", "Authorization must not be blank");
    const decoded = Buffer.from(match[2] ?? "", "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const email = colon < 0 ? "" : decoded.slice(0, colon);
    const password = colon < 0 ? "" : decoded.slice(colon + 1);
    const data = parseData(req.body);
    if (typeof data?.userName !== "string" || data.userName.toLowerCase() !== email.toLowerCase()) {
      return failure(400, "err_validation_blank", "userName must match the authorization");
    }
    const account = accountFor(email);
    if (!account || account.region !== regionId || password !== SANDBOX_PASSWORD) {
      return failure(401);
    }
    const b = account.login;
    if (b.kind === "domain-only") {
      if (match[1] !== "Basic-AD") return failure(401);
      return this.issue(account.email, regionHost, 3_153_600_000_000);
    }
    if (b.kind === "ok") return this.issue(account.email, regionHost, b.durationMs);
    return behave(b) ?? failure(500);
  }

  private issue(email: string, regionHost: string, duration: number): ApiReply {
    // A 64-byte secret base64-encodes with "==" padding, which Mimecast's JSON escapes as \u003d.
    const accessKey = `mYtOL3XZCOwG96BOiFTZRmRx8_${randomBytes(33).toString("base64url")}`;
    const secretKey = randomKey(64);
    this.issued.set(accessKey, { accessKey, secretKey, email, appId: SANDBOX_APP_ID, regionHost });
    return json(
      200,
      envelope([{ accessKey, secretKey, duration, bindingType: "one_step", extendOnValidate: true }]),
    );
  }
}

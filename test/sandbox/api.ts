import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { REGIONS } from "../../src/mimecast/regions";
import {
  accountFor,
  type Behaviour,
  SANDBOX_ACCOUNT_CODE,
  SANDBOX_ACCOUNT_NAME,
  SANDBOX_APP_ID,
  SANDBOX_APP_KEY,
  SANDBOX_PASSWORD,
  type SandboxAccount,
} from "./accounts";
import { isApi2Host, SimulatedApi2 } from "./api2";
import { envelope, failEnvelope, gsonStringify } from "./json";
import { bigSiemFile, newSiemToken, siemFile, streamedBody } from "./siem-logs";

/** One request as the simulated API sees it. */
export interface ApiRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** The query string, with or without its leading "?" (API 2.0 GET requests). */
  readonly query?: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export type ApiReply =
  | {
      readonly kind: "reply";
      readonly status: number;
      readonly headers: Record<string, string>;
      /** Text, or bytes for a log file (get-siem-logs answers a zip). */
      readonly body: string | Uint8Array;
    }
  | {
      /** A body produced chunk by chunk as it is sent, so a huge answer is never held whole. */
      readonly kind: "stream";
      readonly status: number;
      readonly headers: Record<string, string>;
      /** Total bytes of the chunks. */
      readonly length: number;
      /** Whether Content-Length announces `length`; otherwise the body is sent chunked. */
      readonly declareLength: boolean;
      readonly chunks: () => Iterable<Uint8Array>;
    }
  | { readonly kind: "hang" }
  | { readonly kind: "drop" };

/** A well-formed Mimecast envelope of `bytes` bytes, most of it one long string value. */
export function hugeJson(bytes: number, declareLength: boolean): ApiReply {
  const head = Buffer.from('{"meta":{"status":200},"data":[{"padding":"', "utf8");
  const tail = Buffer.from('"}],"fail":[]}', "utf8");
  const body = streamedBody(head, Math.max(0, bytes - head.length - tail.length), tail, 0x61);
  return {
    kind: "stream",
    status: 200,
    headers: { "content-type": "application/json", ...RATE_HEADERS },
    declareLength,
    ...body,
  };
}

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
    case "huge":
      return hugeJson(b.bytes, b.declareLength);
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

/**
 * The recorded answer to a wrong application key, a wrong secret key and an unknown access key alike.
 * An unknown access key was recorded with another rate-limit bucket (limit 5000).
 */
function invalidSignature(unknownAccessKey = false): ApiReply {
  return failure(
    401,
    "err_xdk_invalid_signature",
    "0004 Invalid Signature",
    unknownAccessKey
      ? { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-reset": "5000" }
      : {},
  );
}

/** The application key Mimecast holds for an application ID. */
const APP_KEYS: Readonly<Record<string, string>> = { [SANDBOX_APP_ID]: SANDBOX_APP_KEY };

/** base64(HMAC-SHA1(base64decode(secretKey), "{date}:{requestId}:{path}:{appKey}")), computed here independently of the client. */
export function expectedSignature(
  secretKey: string,
  date: string,
  requestId: string,
  path: string,
  appKey: string,
): string {
  return createHmac("sha1", Buffer.from(secretKey, "base64"))
    .update(`${date}:${requestId}:${path}:${appKey}`, "utf8")
    .digest("base64");
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SimulatedApiOptions {
  /** The server's clock (token expiry, log times, file names); the real clock by default. */
  readonly now?: () => Date;
}

interface Signed {
  readonly key: IssuedKey;
  readonly account: SandboxAccount | undefined;
}

export class SimulatedApi {
  readonly issued = new Map<string, IssuedKey>();
  /** Every API request seen, without bodies or authorization values (so tests can inspect it safely). */
  readonly seen: { host: string; path: string }[] = [];
  /** API 2.0: its `tokens` map records issued access tokens (client id, host, expiry; never secrets). */
  readonly api2: SimulatedApi2;
  private readonly now: () => Date;
  private siemLogId = 510_000_000;

  constructor(options: SimulatedApiOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.api2 = new SimulatedApi2(this.now);
  }

  handle(req: ApiRequest): ApiReply {
    this.seen.push({ host: req.host, path: req.path });
    if (isApi2Host(req.host)) return this.api2.handle(req);
    if (req.method !== "POST") return failure(405, "err_method_not_allowed", "Use POST");
    if (req.host === "api.mimecast.com" && req.path === "/api/login/discover-authentication") {
      return this.discover(req);
    }
    const region = REGIONS.find((r) => r.host === req.host);
    if (region && req.path === "/api/login/login") return this.login(req, region.id, region.host);
    if (region && req.path === "/api/account/get-account") return this.getAccount(req);
    if (region && req.path === "/api/audit/get-siem-logs") return this.getSiemLogs(req);
    return failure(404, "err_resource_not_found", `No such endpoint: ${req.path}`);
  }

  /** Mimecast's checks on a signed call: application headers, then the signature, for real. */
  private verifySignature(req: ApiRequest): Signed | ApiReply {
    const headerProblem = checkHeaders(req);
    if (headerProblem) return headerProblem;
    const auth = req.headers.authorization ?? "";
    if (auth === "") return failure(400, "err_validation_blank", "Authorization must not be blank");
    const match = /^MC ([^:\s]+):(\S+)$/.exec(auth);
    if (!match) return invalidSignature();
    const key = this.issued.get(match[1] ?? "");
    if (!key) return invalidSignature(true);
    const appKey = APP_KEYS[req.headers["x-mc-app-id"] ?? ""] ?? "";
    const expected = expectedSignature(
      key.secretKey,
      req.headers["x-mc-date"] ?? "",
      req.headers["x-mc-req-id"] ?? "",
      req.path,
      appKey,
    );
    if (key.appId !== req.headers["x-mc-app-id"] || !sameText(match[2] ?? "", expected)) {
      return invalidSignature();
    }
    return { key, account: accountFor(key.email) };
  }

  private getAccount(req: ApiRequest): ApiReply {
    const signed = this.verifySignature(req);
    if ("kind" in signed) return signed;
    if (signed.account?.siem?.kind === "keys-expired") return expired();
    // Keys work on any regional host for this call; the region reported is the one that issued them.
    const region = REGIONS.find((r) => r.host === signed.key.regionHost);
    return json(200, envelope([accountData(region?.id ?? "eu")]));
  }

  private getSiemLogs(req: ApiRequest): ApiReply {
    const signed = this.verifySignature(req);
    if ("kind" in signed) return signed;
    const siem = signed.account?.siem ?? { kind: "logs" };
    if (siem.kind === "keys-expired") return expired();
    const data = parseData(req.body);
    if (data === undefined) return failure(400, "err_validation_blank", "data must not be blank");
    const type = data.type ?? "MTA";
    const fileFormat = data.fileFormat ?? "key";
    const compress = data.compress ?? false;
    if (type !== "MTA") return failure(200, "err_validation_invalid_value", "type must be MTA"); // assumption
    if (fileFormat !== "json" && fileFormat !== "key") {
      return failure(200, "err_validation_invalid_value", "fileFormat must be json or key"); // assumption
    }
    if (typeof compress !== "boolean") {
      return failure(200, "err_validation_invalid_value", "compress must be true or false"); // assumption
    }
    if (siem.kind === "rate-limited") {
      return failure(429, undefined, undefined, {
        "x-ratelimit-limit": "300",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(siem.resetMs),
      });
    }
    if (req.host !== signed.key.regionHost) {
      return failure(200, "err_audit_log_incorrect_region", "Incorrect region for the account");
    }
    if (siem.kind === "not-enabled") {
      // Assumption: the code and status for "Enhanced Logging is off" are not in any public sample.
      return failure(403, "err_audit_log_not_enabled", "Enhanced logging is not enabled for this account");
    }
    // A token from an earlier answer asks for the next file: there is none yet.
    if (siem.kind === "caught-up" || (typeof data.token === "string" && data.token !== "")) {
      return json(200, { meta: { isLastToken: true, status: 200 }, data: [], fail: [] });
    }
    const now = this.now();
    this.siemLogId += 1;
    if (siem.kind === "big-file") {
      const big = bigSiemFile(siem.bytes, now);
      return {
        kind: "stream",
        status: 200,
        headers: {
          "content-type": big.contentType,
          "content-disposition": `attachment; filename="${big.fileName}"`,
          "mc-siem-token": newSiemToken(this.siemLogId, now),
          ...RATE_HEADERS,
        },
        declareLength: true,
        length: big.length,
        chunks: big.chunks,
      };
    }
    const file = siemFile(fileFormat, compress, now);
    return {
      kind: "reply",
      status: 200,
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "mc-siem-token": newSiemToken(this.siemLogId, now),
        ...RATE_HEADERS,
      },
      body: file.body,
    };
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

function expired(): ApiReply {
  return failure(418, "err_xdk_binding_expired", "AccessKey Has Expired");
}

/** Modelled on a recorded get-account answer; every value is the sandbox's own. */
function accountData(region: string): Record<string, unknown> {
  return {
    region,
    archive: false,
    gateway: true,
    passphrase: "",
    supportCode: "0SBX",
    maxRetention: 30,
    maxRetentionConfirmed: true,
    minRetentionEnabled: false,
    automatedSegmentPurge: true,
    type: "full",
    policyInheritance: false,
    databaseCode: `${region}sandbox1`,
    searchReason: false,
    contentAdministratorDefaultView: "Metadata",
    adminSessionTimeout: 60,
    exportApi: false,
    exgestAllowQuery: false,
    accountCode: SANDBOX_ACCOUNT_CODE,
    accountName: SANDBOX_ACCOUNT_NAME,
    adminEmail: "",
    contactEmail: "it-admin@sandbox-corp.example",
    domain: "",
    userCount: 25,
    mimecastId: "01-0000-00001",
    contactName: "Sandbox Admin",
    telephone: "555-555-0199",
    packages: [
      "Mimecast Platform [1033]",
      "Secure Email Gateway (Site) [1039]",
      "Metadata Track and Trace (Site) [1032]",
      "Attachment Protection (Site) [1056]",
      "URL Protection (Site) [1043]",
    ],
  };
}

import { randomBytes, timingSafeEqual } from "node:crypto";
import { type Api2Client, type Api2ForbiddenReason, api2ClientFor, SANDBOX_DOMAIN } from "./accounts";
import type { ApiReply, ApiRequest } from "./api";

/**
 * Simulated Mimecast API 2.0: OAuth 2 client credentials at `/oauth/token`, then the SIEM batch
 * listing `GET /siem/v1/batch/events/cg` (Cloud Gateway) or `/ci` (Cloud Integrated, support
 * article 34000388238867). Errors are flat (`{"fail":[{"code","message"}]}`), as recorded. Codes
 * marked "assumption" below are not documented in anything public we found.
 */

/** The global host and the two data-residency hosts. */
export const API2_HOSTS = [
  "api.services.mimecast.com",
  "uk-api.services.mimecast.com",
  "us-api.services.mimecast.com",
] as const;

export function isApi2Host(host: string): boolean {
  return (API2_HOSTS as readonly string[]).includes(host);
}

/** A token issued by `/oauth/token`, remembered so the probe can check it. */
export interface Api2Token {
  readonly clientId: string;
  readonly host: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

export const TOKEN_LIFETIME_S = 1799;

/** Event types the batch endpoint accepts (from Mimecast's SIEM documentation). */
const EVENT_TYPES = new Set([
  "receipt",
  "process",
  "delivery",
  "av",
  "spam",
  "internal email protect",
  "impersonation protect",
  "journal",
  "attachment protect",
  "url protect",
]);

function reply(status: number, value: unknown, extra: Record<string, string> = {}): ApiReply {
  return {
    kind: "reply",
    status,
    headers: { "content-type": "application/json", ...extra },
    body: JSON.stringify(value),
  };
}

function flatFail(
  status: number,
  code: string,
  message?: string,
  extra: Record<string, string> = {},
): ApiReply {
  return reply(status, { fail: [{ code, ...(message === undefined ? {} : { message }) }] }, extra);
}

type Endpoint = "cg" | "ci";

/** assumption: Mimecast's wording for 403s; only "forbidden" with "Forbidden" is seen in public mocks. */
function forbidden(reason: Api2ForbiddenReason): ApiReply {
  switch (reason) {
    case "unspecified":
      return flatFail(403, "forbidden", "Forbidden");
    case "permission":
      return flatFail(
        403,
        "forbidden",
        "Insufficient permissions: the application role does not allow this request",
      );
    case "product":
      return flatFail(403, "forbidden", "The application is not subscribed to the SIEM product");
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date written `yyyy-MM-dd`, or undefined. */
function parseDate(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
    ? t
    : undefined;
}

/**
 * Public clients send the range as dates (`yyyy-MM-dd`) or leave it out; a strict server refuses
 * anything else (a full ISO timestamp included). Returns what is wrong, or undefined.
 */
export function dateRangeProblem(start: string | null, end: string | null): string | undefined {
  const s = start === null ? undefined : parseDate(start);
  const e = end === null ? undefined : parseDate(end);
  if (start !== null && s === undefined) return "dateRangeStartsAt must be a date in the form yyyy-MM-dd";
  if (end !== null && e === undefined) return "dateRangeEndsAt must be a date in the form yyyy-MM-dd";
  if (s !== undefined && e !== undefined && s > e)
    return "dateRangeStartsAt must not be after dateRangeEndsAt";
  return undefined;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

function randomAlnum(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");
}

export class SimulatedApi2 {
  /** Access token -> whom it was issued to. Never holds client secrets. */
  readonly tokens = new Map<string, Api2Token>();
  private page = 4554;

  constructor(private readonly now: () => Date) {}

  handle(req: ApiRequest): ApiReply {
    if (req.path === "/oauth/token") {
      if (req.method !== "POST") return flatFail(405, "method_not_allowed", "Use POST"); // assumption
      return this.token(req);
    }
    const batch = /^\/siem\/v1\/batch\/events\/(cg|ci)$/.exec(req.path);
    if (batch?.[1] === "cg" || batch?.[1] === "ci") {
      if (req.method !== "GET") return flatFail(405, "method_not_allowed", "Use GET"); // assumption
      return this.batch(req, batch[1]);
    }
    return flatFail(404, "not_found", `No such endpoint: ${req.path}`); // assumption
  }

  private token(req: ApiRequest): ApiReply {
    const type = req.headers["content-type"] ?? "";
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
      // assumption: Mimecast's exact answer to a non-form body is not public.
      return flatFail(400, "validation_error", "Content-Type must be application/x-www-form-urlencoded");
    }
    const form = new URLSearchParams(req.body);
    if (form.get("grant_type") !== "client_credentials") {
      return flatFail(400, "validation_error", "grant_type must be client_credentials"); // assumption
    }
    const clientId = form.get("client_id") ?? "";
    const clientSecret = form.get("client_secret") ?? "";
    const client = api2ClientFor(clientId);
    if (!client || !sameSecret(clientSecret, client.clientSecret)) {
      return flatFail(401, "unauthorized", "Invalid client credentials");
    }
    const accessToken = randomAlnum(28);
    this.tokens.set(accessToken, {
      clientId: client.clientId,
      host: req.host,
      expiresAt: this.now().getTime() + TOKEN_LIFETIME_S * 1000,
    });
    return reply(200, {
      access_token: accessToken,
      token_type: "Bearer",
      expires_in: TOKEN_LIFETIME_S,
      scope: "",
    });
  }

  private batch(req: ApiRequest, endpoint: Endpoint): ApiReply {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
    const token = match?.[1] ? this.tokens.get(match[1]) : undefined;
    if (!token) return flatFail(401, "unauthorized");
    if (token.expiresAt <= this.now().getTime()) {
      return flatFail(401, "token_expired", "The access token has expired");
    }
    const client = api2ClientFor(token.clientId);
    if (!client) return flatFail(401, "unauthorized");

    const query = new URLSearchParams(req.query ?? "");
    const type = query.get("type");
    const pageSize = query.get("pageSize");
    if (!type || !EVENT_TYPES.has(type)) {
      return flatFail(400, "validation_error", "type must be one of the SIEM event types");
    }
    const range = dateRangeProblem(query.get("dateRangeStartsAt"), query.get("dateRangeEndsAt"));
    if (range) return flatFail(400, "validation_error", range); // assumption: code and wording
    const size = pageSize === null ? 100 : Number(pageSize);
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      return flatFail(400, "validation_error", "pageSize must be between 1 and 100");
    }
    return this.probe(client, endpoint, type, size);
  }

  private probe(client: Api2Client, endpoint: Endpoint, type: string, pageSize: number): ApiReply {
    const b = client.probe;
    switch (b.kind) {
      case "hang":
        return { kind: "hang" };
      case "forbidden":
        // A Cloud Gateway application is refused on `ci` with the plain answer, whatever the reason.
        return endpoint === "ci" ? forbidden("unspecified") : forbidden(b.reason);
      case "cloud-integrated":
        if (endpoint === "cg") {
          return b.cgStatus === 404
            ? flatFail(404, "not_found", "Resource not found") // assumption
            : forbidden("unspecified");
        }
        return reply(200, {
          value: this.files(endpoint, type, pageSize),
          "@nextPage": this.nextPage(),
          isCaughtUp: false,
        });
      case "rate-limited":
        // assumption: the 429 body's code; the header is what clients read.
        return flatFail(429, "too_many_requests", "Too many requests", {
          "x-ratelimit-limit": "50",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(b.resetMs),
        });
      case "caught-up":
      case "ok":
        // Cloud Gateway accounts have no Cloud Integrated data. assumption: the status.
        if (endpoint === "ci") return forbidden("unspecified");
        if (b.kind === "caught-up") {
          return reply(200, { value: [], "@nextPage": this.nextPage(), isCaughtUp: true });
        }
        return reply(200, {
          value: this.files(endpoint, type, pageSize),
          "@nextPage": this.nextPage(),
          isCaughtUp: false,
        });
    }
  }

  private files(endpoint: Endpoint, type: string, pageSize: number) {
    const now = this.now();
    const expiry = new Date(now.getTime() + 15 * 60_000).toISOString();
    return Array.from({ length: Math.min(pageSize, 3) }, (_, i) => ({
      url: `https://siem-batch.${SANDBOX_DOMAIN}/${endpoint}/${encodeURIComponent(type)}/${now.getTime()}-${i + 1}.json.gz`,
      expiry,
      size: 354 + i * 101,
    }));
  }

  /** Opaque page tokens shaped like the sample's (base64 of a number). */
  private nextPage(): string {
    this.page += 1;
    return Buffer.from(String(this.page), "utf8").toString("base64");
  }
}

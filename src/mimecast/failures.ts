import type { ApiError } from "./schemas";

/** The popup form fields a failure can point at. */
export type FormField =
  | "email"
  | "password"
  | "appId"
  | "authType"
  | "region"
  | "appKey"
  | "accessKey"
  | "secretKey"
  | "clientId"
  | "clientSecret";

export type FailureKind =
  | "unknown-email"
  | "region-not-allowed"
  | "bad-credentials"
  | "app-id"
  | "validation"
  | "forbidden"
  | "binding-expired"
  | "rate-limited"
  | "server"
  | "not-json"
  | "empty"
  | "bad-shape"
  | "timeout"
  | "too-large"
  | "network"
  | "siem-permission"
  | "wrong-region"
  | "api2-bad-client"
  | "api2-forbidden"
  | "mimecast";

/**
 * Guide steps that advice can point at, by id (src/guide owns the steps and their titles; the
 * popup shows the title). Advice text never quotes a step title: titles change, ids do not.
 */
export type GuideStepId =
  | "api2-role"
  | "api2-new-application"
  | "api2-details"
  | "enhanced-logging"
  | "role"
  | "auth-profile";

/** Every way a call can fail, in words an administrator can act on. */
export interface Failure {
  readonly kind: FailureKind;
  /** One line: what went wrong. */
  readonly message: string;
  /** What to do next. */
  readonly action: string;
  /** The form field at fault, when there is one. */
  readonly field?: FormField;
  /** Mimecast's own error code and message, shown as text so support can search for them. */
  readonly code?: string;
  readonly mimecastMessage?: string;
  readonly httpStatus?: number;
  /** Epoch ms after which a retry makes sense (rate limiting). */
  readonly retryAt?: number;
  /** A region id to try instead (wrong region). */
  readonly suggestedRegion?: string;
  /** The guide step where the fix is made, when there is one. */
  readonly step?: GuideStepId;
}

export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(failure: Failure): Result<T> => ({ ok: false, failure });

export type Operation = "discover" | "login" | "verify";

const SWITCH_AUTH =
  "Check the password. If it is a Windows/Active Directory password, choose “Domain password” (or “Cloud password” for a Mimecast cloud password). Accounts with single sign-on enforced cannot log in with a password: use the service user created for this integration.";

const MIMECAST_FIELDS: Record<string, FormField> = {
  emailaddress: "email",
  email: "email",
  username: "email",
  password: "password",
  "x-mc-app-id": "appId",
  appid: "appId",
};

function fieldFromMimecast(field: string | undefined, op: Operation): FormField | undefined {
  if (!field) return undefined;
  return MIMECAST_FIELDS[field.toLowerCase()] ?? (op === "discover" ? "email" : undefined);
}

/** A failure named by Mimecast's error code. Unknown codes are shown as Mimecast's own text. */
export function failureFromCode(error: ApiError, op: Operation, httpStatus: number): Failure {
  const code = error.code ?? "";
  const base = {
    ...(code ? { code } : {}),
    ...(error.message ? { mimecastMessage: error.message } : {}),
    httpStatus,
  };
  switch (code) {
    case "err_developer_key":
      return {
        ...base,
        kind: "app-id",
        field: "appId",
        message: "Mimecast does not recognise this Application ID.",
        action:
          "Copy the Application ID again from Services › API and Platform Integrations › Your Application Integrations. A newly added application can take up to 30 minutes before Mimecast accepts it.",
      };
    case "err_validation_invalid_email_address":
      return {
        ...base,
        kind: "validation",
        field: "email",
        message: "Mimecast says this is not a valid email address.",
        action: "Enter the full address of the service user, for example siem-service@yourdomain.com.",
      };
    case "err_validation_blank":
    case "err_validation_null":
      return {
        ...base,
        kind: "validation",
        field: fieldFromMimecast(error.field, op) ?? "email",
        message: `Mimecast says a required value is missing${error.field ? ` (${error.field})` : ""}.`,
        action: "Fill in every field and try again.",
      };
    case "err_xdk_operation_forbidden_for_address":
      return {
        ...base,
        kind: "forbidden",
        field: "email",
        message: "Mimecast does not allow this user to log in through the API.",
        action:
          "Check that the user is in the profile group used by the application setting (Services › Applications › Application Settings), and that the setting uses the authentication profile you created.",
      };
    case "err_xdk_binding_expired":
      return {
        ...base,
        kind: "binding-expired",
        message: "Mimecast says the key binding has expired (AccessKey Has Expired).",
        action:
          "Generate new keys. To stop keys expiring, set the authentication profile's Authentication TTL to “Never Expires”.",
      };
    case "err_xdk_invalid_signature":
      return {
        ...base,
        kind: "bad-credentials",
        message: "Mimecast rejected the request signature (0004 Invalid Signature).",
        action:
          "One of three values is wrong: the Application key, the Secret key, or the Access key (unknown or revoked). Copy them again without spaces or line breaks.",
      };
    case "err_audit_log_incorrect_region":
      return {
        ...base,
        kind: "validation",
        field: "region",
        message: "Mimecast says this account lives in another region.",
        action: "Choose “Detect automatically” as the region, or pick your account's region from the list.",
      };
    default:
      if (httpStatus === 401 && op === "login") {
        return { ...base, ...badLogin(httpStatus) };
      }
      return {
        ...base,
        kind: "mimecast",
        message: `Mimecast answered with an error: ${code || "(no code)"}${error.message ? ` — ${error.message}` : ""}.`,
        action:
          "Check the values you entered. If the error persists, give this code and message to Mimecast support.",
      };
  }
}

function badLogin(httpStatus: number): Omit<Failure, "httpStatus"> & { httpStatus: number } {
  return {
    kind: "bad-credentials",
    field: "password",
    httpStatus,
    message: "Mimecast rejected the email address and password.",
    action: SWITCH_AUTH,
  };
}

/** A failure named only by the HTTP status (no usable `fail[]` entry). */
export function failureFromStatus(status: number, op: Operation, retryAt?: number): Failure {
  if (status === 401) {
    if (op === "login") return badLogin(status);
    return {
      kind: "app-id",
      field: "appId",
      httpStatus: status,
      message: "Mimecast refused the request (HTTP 401).",
      action: "Check the Application ID; it must belong to an application in this Mimecast account.",
    };
  }
  if (status === 400) {
    return {
      kind: "validation",
      field: op === "login" ? "password" : "email",
      httpStatus: status,
      message: "Mimecast says the request is missing credentials (HTTP 400).",
      action: "Fill in the email address, password and Application ID, then try again.",
    };
  }
  if (status === 403) {
    return {
      kind: "forbidden",
      field: "email",
      httpStatus: status,
      message: "Mimecast refused this user (HTTP 403).",
      action:
        "Check that the user has the Basic Administrator role, is in the profile group of the application setting, and that the account is not locked by too many key bindings.",
    };
  }
  if (status === 418) {
    return {
      kind: "binding-expired",
      httpStatus: status,
      message: "Mimecast says the key binding has expired (HTTP 418).",
      action:
        "Generate new keys. To stop keys expiring, set the authentication profile's Authentication TTL to “Never Expires”.",
    };
  }
  if (status === 429) {
    return {
      kind: "rate-limited",
      httpStatus: status,
      ...(retryAt === undefined ? {} : { retryAt }),
      message: "Mimecast's rate limit was reached (HTTP 429).",
      action: "Wait until the time shown, then try once more. Repeated attempts make the wait longer.",
    };
  }
  if (status >= 500) {
    return {
      kind: "server",
      httpStatus: status,
      message: `Mimecast's service had a problem (HTTP ${status}).`,
      action: "Try again in a few minutes. If it keeps failing, check Mimecast's service status page.",
    };
  }
  return {
    kind: "mimecast",
    httpStatus: status,
    message: `Mimecast answered with an unexpected HTTP status ${status}.`,
    action: "Try again. If it keeps failing, give this status to Mimecast support.",
  };
}

export function networkFailure(host: string): Failure {
  return {
    kind: "network",
    message: `Could not reach ${host}.`,
    action:
      "Check your internet connection, VPN or proxy. A proxy that inspects HTTPS must allow Mimecast's API hosts.",
  };
}

export function timeoutFailure(host: string, timeoutMs: number): Failure {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return {
    kind: "timeout",
    message: `${host} did not answer within ${seconds} second${seconds === 1 ? "" : "s"}.`,
    action: "Try again. If it keeps timing out, check your connection or Mimecast's service status page.",
  };
}

export function notJsonFailure(status: number, contentType: string): Failure {
  const message = /html/i.test(contentType)
    ? `Mimecast's address sent back a web page (HTTP ${status}) instead of an API answer.`
    : `Mimecast's address sent back something that is not an API answer (HTTP ${status}).`;
  return {
    kind: "not-json",
    httpStatus: status,
    message,
    action:
      "A proxy, firewall or captive portal may be intercepting the request. Try from another network, or ask your network team to allow Mimecast's API hosts.",
  };
}

export function emptyFailure(status: number): Failure {
  return {
    kind: "empty",
    httpStatus: status,
    message: `Mimecast sent back an empty answer (HTTP ${status}).`,
    action: "Try again in a minute. If it keeps happening, check Mimecast's service status page.",
  };
}

export function badShapeFailure(status: number, what: string): Failure {
  return {
    kind: "bad-shape",
    httpStatus: status,
    message: `Mimecast's answer did not have the expected form (${what}).`,
    action:
      "Try again. If it keeps happening, Mimecast may have changed its API: report it to the extension's maintainers.",
  };
}

/** `1 MB`, `64 KB`, `512 bytes`: binary units, as the caps are set. */
export function byteText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

/**
 * An answer larger than any Mimecast key, account, error or batch-list answer can be: the request
 * was stopped before the rest was read.
 */
export function tooLargeFailure(host: string, maxBytes: number, status: number): Failure {
  return {
    kind: "too-large",
    httpStatus: status,
    message: `Mimecast's answer from ${host} was larger than ${byteText(maxBytes)}, which no key or verification answer should be; the request was stopped.`,
    action: "Check that no proxy or security appliance rewrites Mimecast's answers, then try again.",
  };
}

/** Longest server text shown, in characters (code points). */
export const SERVER_TEXT_MAX = 300;

/**
 * Server text (Mimecast's error messages and codes, account names, file names) made safe to show:
 * format characters (bidi overrides, zero-width characters, BOM) and lone surrogates removed,
 * control characters and line breaks turned into spaces, whitespace collapsed, and the result cut
 * to `max` characters with an ellipsis. Never applied to keys or to values decisions are made on.
 */
export function cleanServerText(text: string, max: number = SERVER_TEXT_MAX): string {
  const clean = text
    .replace(/[\p{Cf}\p{Cs}]/gu, "")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, " ")
    .trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join("")
    .trimEnd()}…`;
}

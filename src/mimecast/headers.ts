import type { Failure, FormField } from "./failures";

/** Request metadata every Mimecast API 1.0 call carries. */

/** RFC 1123 date in the form Mimecast documents: `Tue, 24 Nov 2015 12:50:11 UTC`. */
export function mcDate(now: Date): string {
  // toUTCString() is specified (ECMA-262) as RFC 7231 IMF-fixdate, which ends in "GMT".
  return now.toUTCString().replace(/GMT$/, "UTC");
}

export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

export interface RequestMeta {
  readonly date: string;
  readonly requestId: string;
}

export function baseHeaders(appId: string, meta: RequestMeta): Record<string, string> {
  return {
    "x-mc-app-id": appId,
    "x-mc-req-id": meta.requestId,
    "x-mc-date": meta.date,
    "Content-Type": "application/json",
    Accept: "application/json",
  };
}

/** `Basic-Cloud` for a Mimecast cloud password, `Basic-AD` for a domain (Active Directory) password. */
export type AuthType = "cloud" | "domain";

export function basicAuthorization(authType: AuthType, email: string, password: string): string {
  const scheme = authType === "cloud" ? "Basic-Cloud" : "Basic-AD";
  return `${scheme} ${base64Utf8(`${email}:${password}`)}`;
}

export function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Fields whose values travel in request headers (or are sent as typed and must be plain ASCII). */
export type HeaderField = Extract<FormField, "appId" | "appKey" | "accessKey" | "clientId" | "clientSecret">;

const HEADER_FIELDS: Record<HeaderField, { readonly name: string; readonly where: string }> = {
  appId: {
    name: "Application ID",
    where: "Copy the Application ID again from the console, or type it in.",
  },
  appKey: {
    name: "Application key",
    where: "Copy the Application key again from the console, where it is shown next to the Application ID.",
  },
  accessKey: {
    name: "Access key",
    where: "Copy the Access key again from key generation, without spaces or line breaks.",
  },
  clientId: {
    name: "Client ID",
    where: "Copy the Client ID again from the console (the API 2.0 application's credentials).",
  },
  clientSecret: {
    name: "Client secret",
    where:
      "Copy the Client secret again, without spaces or line breaks. It is shown only once: if it is lost, generate new credentials for the application.",
  },
};

/** True when a value can be sent as an HTTP header value as it is: visible ASCII, no spaces. */
export function isHeaderSafe(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(value);
}

/**
 * Header values must be visible ASCII; a pasted value often carries a space, a line break or an
 * invisible character (U+200B, a BOM). A browser's fetch refuses such a header before sending,
 * which would read as "could not reach Mimecast": say which field is at fault instead.
 */
export function headerValueProblem(field: HeaderField, value: string): Failure | undefined {
  if (isHeaderSafe(value)) return undefined;
  const { name, where } = HEADER_FIELDS[field];
  return {
    kind: "validation",
    field,
    message: `The ${name} contains a space, line break or invisible character.`,
    action: where,
  };
}

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

/** True when a value can be sent as an HTTP header value as it is: visible ASCII, no spaces. */
export function isHeaderSafe(value: string): boolean {
  return /^[\x21-\x7e]+$/.test(value);
}

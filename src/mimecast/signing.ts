/**
 * API 1.0 request signing (WebCrypto, so the same code runs in the service worker and in Node):
 * `Authorization: MC {accessKey}:{base64(HMAC-SHA1(base64decode(secretKey), "{date}:{requestId}:{path}:{appKey}"))}`.
 */

export interface Api1Credentials {
  readonly appId: string;
  readonly appKey: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64.replace(/[ \t\r\n]+/g, ""));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: ArrayBuffer): string {
  let binary = "";
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * True when the secret key is valid base64 (Mimecast's secret keys always are). Line breaks and
 * spaces from a wrapped display are ignored; other whitespace (no-break space, BOM...) is not.
 */
export function isBase64(text: string): boolean {
  const t = text.replace(/[ \t\r\n]+/g, "");
  return t.length > 0 && t.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(t);
}

export async function signature(secretKey: string, data: string): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey(
    "raw",
    base64ToBytes(secretKey),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = await globalThis.crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data));
  return bytesToBase64(mac);
}

/** The headers of a signed API 1.0 call. */
export async function signedHeaders(
  c: Api1Credentials,
  path: string,
  meta: { readonly date: string; readonly requestId: string },
): Promise<Record<string, string>> {
  const sig = await signature(c.secretKey, `${meta.date}:${meta.requestId}:${path}:${c.appKey}`);
  return {
    Authorization: `MC ${c.accessKey}:${sig}`,
    "x-mc-app-id": c.appId,
    "x-mc-date": meta.date,
    "x-mc-req-id": meta.requestId,
    "Content-Type": "application/json",
    Accept: "application/json",
  };
}

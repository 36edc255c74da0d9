import * as z from "zod/mini";

/** A SHA-256 digest as 64 lowercase hex digits: what stands in for a copied secret. */
export const sha256HexSchema = z.string().check(z.regex(/^[0-9a-f]{64}$/));

/** SHA-256 of the text's UTF-8 bytes, as lowercase hex (Web Crypto: popup, worker and documents alike). */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

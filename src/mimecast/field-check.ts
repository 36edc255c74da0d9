import type { Failure, FormField } from "./failures";
import { isHeaderSafe } from "./headers";

/**
 * Checks of pasted values before they reach a header, a signature or a form body. A copied key
 * often carries a line break, a zero-width space, a byte-order mark or a bidi mark: fetch would
 * throw on some (reported as "network"), and Mimecast would reject the rest as wrong credentials.
 * Naming the field here is the only way the user learns what is wrong.
 */

/** Identifiers and keys Mimecast issues (application ID and key, access key, client ID and secret). */
type KeyField = "appId" | "appKey" | "accessKey" | "secretKey" | "clientId" | "clientSecret";

const LABELS: Record<KeyField, string> = {
  appId: "Application ID",
  appKey: "Application key",
  accessKey: "Access key",
  secretKey: "Secret key",
  clientId: "Client ID",
  clientSecret: "Client secret",
};

/** A value Mimecast issued: only visible ASCII (no space, control, invisible or non-ASCII character). */
export function keyFieldProblem(field: KeyField, value: string): Failure | undefined {
  // Mimecast's identifiers and keys are visible ASCII, what a header carries: anything else is a
  // copying accident. (An empty value is the caller's "missing field" check, not this one.)
  if (value === "" || isHeaderSafe(value)) return undefined;
  const label = LABELS[field];
  return {
    kind: "validation",
    field,
    message: `The ${label} contains a space, line break or invisible character.`,
    action: `Copy the ${label} again from the console, or type it in.`,
  };
}

/**
 * API 2.0 client credentials travel in a form body (URL-encoded), not in a header, so a Latin-1
 * letter is carried faithfully and stays allowed. Spaces are refused: the console's Client IDs and
 * secrets never contain one (surrounding whitespace is trimmed before this check), so an inner
 * space is a copy mistake, better named here than answered by Mimecast's "invalid client".
 * Controls and invisible characters (no-break space, soft hyphen, and everything outside Latin-1:
 * zero-width, bidi, BOM) are refused too.
 */
const PRINTABLE_LATIN1 = /^[\x21-\x7e\xa1-\xac\xae-\xff]*$/;

export function clientFieldProblem(field: "clientId" | "clientSecret", value: string): Failure | undefined {
  if (PRINTABLE_LATIN1.test(value)) return undefined;
  const label = LABELS[field];
  return {
    kind: "validation",
    field,
    message: `The ${label} contains a space, line break or invisible character.`,
    action: `Copy the ${label} again from the console.`,
  };
}

/**
 * The secret key is base64: line breaks and spaces from a wrapped display are ignored (they are
 * removed before decoding), anything else outside visible ASCII is refused.
 */
export function secretKeyProblem(value: string): Failure | undefined {
  return keyFieldProblem("secretKey", value.replace(/[ \t\r\n]+/g, ""));
}

/**
 * Controls, format characters (zero-width, bidi marks, BOM, soft hyphen) and any kind of space.
 * Letters outside Latin-1 stay allowed: an address may have them, and it only reaches a header
 * base64-encoded.
 */
const NOT_IN_AN_ADDRESS = /[\p{Cc}\p{Cf}\p{Z}]/u;

export function emailProblem(email: string): Failure | undefined {
  if (!NOT_IN_AN_ADDRESS.test(email)) return undefined;
  return {
    kind: "validation",
    field: "email" satisfies FormField,
    message: "The email address contains a space, line break or invisible character.",
    action: "Type the address again rather than pasting it.",
  };
}

import { discover } from "./client";
import { cleanServerText, type Failure, fail, ok, type Result } from "./failures";
import { keyFieldProblem, secretKeyProblem } from "./field-check";
import { mcDate } from "./headers";
import { baseUrlOf, type Region } from "./regions";
import { envelopeSchema } from "./schemas";
import { type Api1Credentials, isBase64, signedHeaders } from "./signing";
import {
  declaredLength,
  interpret,
  type RawResponse,
  type SendOptions,
  send,
  type Transport,
} from "./transport";

/** Proof that API 1.0 credentials work: one signed account call, then one SIEM log request. */

export interface AccountInfo {
  readonly accountName: string;
  readonly accountCode: string;
  readonly region: string;
}

export type SiemOutcome =
  | {
      readonly kind: "logs";
      readonly fileName: string;
      /** Bytes, from Content-Length; absent when not given. The file is never downloaded. */
      readonly size?: number;
    }
  | { readonly kind: "caught-up" };

export interface Verified {
  readonly account: AccountInfo;
  readonly siem: SiemOutcome;
}

const SUSPECTS =
  "Mimecast gives the same answer for three different mistakes: a wrong Application key, a wrong Secret key, or an Access key it does not know (revoked, or from another account). Copy all three again without spaces or line breaks.";

function credentialProblem(c: Api1Credentials): Failure | undefined {
  const field = (["appId", "appKey", "accessKey", "secretKey"] as const).find((k) => c[k].trim() === "");
  if (field) {
    return {
      kind: "validation",
      field,
      message: "Fill in every field to verify the keys.",
      action: "Copy the missing value from the console or from key generation.",
    };
  }
  // Header values and signed text: a pasted invisible character is named here, not by Mimecast.
  const pasted =
    keyFieldProblem("appId", c.appId) ??
    keyFieldProblem("appKey", c.appKey) ??
    keyFieldProblem("accessKey", c.accessKey) ??
    secretKeyProblem(c.secretKey);
  if (pasted) return pasted;
  if (!isBase64(c.secretKey)) {
    return {
      kind: "validation",
      field: "secretKey",
      message: "The Secret key is not valid: Mimecast secret keys are base64 text.",
      action: "Copy the Secret key again. A key copied from raw JSON may hold \\u003d where “=” belongs.",
    };
  }
  return undefined;
}

/** Verification-specific readings of Mimecast's answers; everything else keeps the login wording. */
function verifyFailure(f: Failure): Failure {
  switch (f.kind) {
    case "bad-credentials":
      return {
        ...f,
        field: "appKey",
        message: "Mimecast rejected the signature (0004 Invalid Signature).",
        action: SUSPECTS,
      };
    case "binding-expired":
      return {
        ...f,
        field: "accessKey",
        message: "These keys have expired (AccessKey Has Expired).",
        action:
          "Generate keys again. So that they stop expiring, set the authentication profile's Authentication TTL to “Never Expires”.",
        step: "auth-profile",
      };
    case "forbidden":
      return permissionFailure(f);
    default:
      return f;
  }
}

function permissionFailure(f: Failure): Failure {
  return {
    ...f,
    kind: "siem-permission",
    message: "The keys work, but Mimecast does not let this user read SIEM logs.",
    action:
      "Enable Enhanced Logging (Account › Account Settings › Enhanced Logging: Inbound, Outbound and Internal, then Save) and give the service user the Basic Administrator role; its Gateway tracking read permission is what get-siem-logs needs.",
    step: "enhanced-logging",
  };
}

async function signedPost(
  t: Transport,
  region: Region,
  c: Api1Credentials,
  path: string,
  body: unknown,
  options: SendOptions = {},
) {
  const meta = { date: mcDate(t.now()), requestId: t.requestId() };
  return send(
    t,
    `${baseUrlOf(region)}${path}`,
    {
      method: "POST",
      headers: await signedHeaders(c, path, meta),
      body: JSON.stringify(body),
    },
    options,
  );
}

export async function getAccount(
  t: Transport,
  region: Region,
  c: Api1Credentials,
): Promise<Result<AccountInfo>> {
  const sent = await signedPost(t, region, c, "/api/account/get-account", { data: [] });
  if (!sent.ok) return sent;
  const data = interpret(sent.value, "verify", t.now());
  if (!data.ok) return fail(verifyFailure(data.failure));
  const first = data.value[0] as Record<string, unknown> | undefined;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  if (!first || !str(first.accountCode)) {
    return fail({
      kind: "bad-shape",
      httpStatus: sent.value.status,
      message: "Mimecast's account answer did not have the expected form.",
      action:
        "Try again. If it keeps happening, Mimecast may have changed its API: report it to the extension's maintainers.",
    });
  }
  return ok({
    accountName: cleanServerText(str(first.accountName)),
    accountCode: cleanServerText(str(first.accountCode)),
    region: cleanServerText(str(first.region)),
  });
}

function safeDecode(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // a lone "%" is part of the name, not an escape
  }
}

const PERMISSION_CODES = /permission|forbidden|not_enabled|not_authori[sz]ed|enhanced_logging/i;

/** A get-siem-logs answer that is a download: 2xx, and not JSON, a web page or text. */
function isDownload(status: number, headers: Headers): boolean {
  const type = headers.get("content-type") ?? "";
  return status >= 200 && status < 300 && !/json|html|text\//i.test(type);
}

/** Content types a log file download may carry (a zip, as `compress: true` asks). */
const FILE_TYPES = /^(application\/(octet-stream|zip|x-zip-compressed|gzip|x-gzip))?\s*(;|$)/i;
/** Mimecast's 1.0 tokens are base64url text (of zlib-compressed JSON). */
const SIEM_TOKEN = /^[A-Za-z0-9_\-+/]+={0,2}$/;

function notLogFile(status: number, what: string): Failure {
  return {
    kind: "bad-shape",
    httpStatus: status,
    message: `Mimecast's answer to the SIEM log request did not look like a SIEM log file (${what}).`,
    action:
      "A proxy or security appliance may have replaced the answer. Try from another network, or ask your network team to let Mimecast's API answers through unchanged.",
  };
}

/**
 * A log file, judged from its headers alone (the body is never read). What a file answer carries:
 * the next token in `mc-siem-token` (DESIGN.md §4; shape as in shared/fixtures/mimecast/
 * api1-siem-token.txt: base64url of zlib-compressed JSON), a download content type
 * (octet-stream/zip), and usually `Content-Disposition: attachment` with the file name (the mock
 * behind api1-get-siem-logs-nologs.json, SOURCES.md, sets both headers). No recording of a real
 * file answer's headers is public (SOURCES.md, "Looked for, not found"), so only the token, which
 * nothing but Mimecast sends, is required; a proxy's download or block page lacks it.
 */
function readLogFile(raw: RawResponse): Result<SiemOutcome> {
  const { headers, status } = raw;
  const token = headers.get("mc-siem-token")?.trim() ?? "";
  if (!token) return fail(notLogFile(status, "no mc-siem-token header"));
  if (!SIEM_TOKEN.test(token)) return fail(notLogFile(status, "its mc-siem-token is not a Mimecast token"));
  const type = headers.get("content-type") ?? "";
  if (!FILE_TYPES.test(type.trim())) {
    return fail(notLogFile(status, `content type “${cleanServerText(type, 60)}”`));
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const fileName = name ? cleanServerText(safeDecode(name)) : "";
  // With a content coding (gzip), Content-Length is the size on the wire; for a zip, which gzip
  // cannot shrink, that is within a few bytes of the file's size.
  const length = declaredLength(headers);
  return ok({
    kind: "logs",
    fileName: fileName || "(unnamed file)",
    ...(length === undefined ? {} : { size: length }),
  });
}

function readSiem(raw: RawResponse, now: Date): Result<SiemOutcome> {
  if (!raw.bodyRead) return readLogFile(raw);
  const data = interpret(raw, "verify", now);
  if (!data.ok) {
    const f = data.failure;
    if (f.code === "err_audit_log_incorrect_region")
      return fail({ ...f, kind: "wrong-region", field: "region" });
    if (f.httpStatus === 403 || (f.code && PERMISSION_CODES.test(f.code))) return fail(permissionFailure(f));
    return fail(verifyFailure(f));
  }
  const parsed = envelopeSchema.safeParse(JSON.parse(raw.text));
  const meta = parsed.success ? (parsed.data.meta as Record<string, unknown> | undefined) : undefined;
  if (data.value.length === 0 || meta?.isLastToken === true) return ok({ kind: "caught-up" });
  // JSON log data (uncompressed): logs are there.
  return ok({ kind: "logs", fileName: "(JSON answer)", size: raw.size });
}

/**
 * get-siem-logs. A log file can be tens of MB: only its status and headers are read, then the body
 * is cancelled, so the timeout covers the headers alone and a big file on a slow link is not a
 * "timeout". JSON answers ("caught up", errors) are read, within the usual cap.
 */
export async function checkSiemLogs(
  t: Transport,
  region: Region,
  c: Api1Credentials,
): Promise<Result<SiemOutcome>> {
  const sent = await signedPost(
    t,
    region,
    c,
    "/api/audit/get-siem-logs",
    { data: [{ type: "MTA", fileFormat: "json", compress: true }] },
    { wantBody: (status, headers) => !isDownload(status, headers) },
  );
  if (!sent.ok) return sent;
  return readSiem(sent.value, t.now());
}

export interface VerifyApi1Input extends Api1Credentials {
  readonly region: Region;
  /** The service user's address, when known: used to find the right region if this one is wrong. */
  readonly email?: string;
}

/** One check per call, never retried: get-account, then get-siem-logs. */
export async function verifyApi1(t: Transport, input: VerifyApi1Input): Promise<Result<Verified>> {
  const problem = credentialProblem(input);
  if (problem) return fail(problem);
  const account = await getAccount(t, input.region, input);
  if (!account.ok) return account;
  const siem = await checkSiemLogs(t, input.region, input);
  if (!siem.ok) {
    if (siem.failure.kind === "wrong-region") return fail(await withRightRegion(t, input, siem.failure));
    return siem;
  }
  return ok({ account: account.value, siem: siem.value });
}

async function withRightRegion(t: Transport, input: VerifyApi1Input, f: Failure): Promise<Failure> {
  const base = {
    ...f,
    message: `Mimecast says this account's logs are not kept in ${input.region.name} (${input.region.host}).`,
  };
  if (input.email) {
    const found = await discover(t, input.appId, input.email);
    if (found.ok && found.value.region.id !== input.region.id) {
      const r = found.value.region;
      return {
        ...base,
        suggestedRegion: r.id,
        action: `Choose ${r.name} (${r.host}) as the region and verify again.`,
      };
    }
  }
  return { ...base, action: "Choose your account's region in the list and verify again." };
}

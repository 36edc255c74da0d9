import { z } from "zod";
import { type Api2Product, api2HostById, siemBatchPath } from "./api2-hosts";
import { cleanServerText, type Failure, fail, failureFromStatus, ok, type Result } from "./failures";
import { clientFieldProblem } from "./field-check";
import { isHeaderSafe } from "./headers";
import { retryAtFrom, send, type Transport } from "./transport";

/**
 * API 2.0 (OAuth 2 client credentials): a token from `/oauth/token`, then one cheap SIEM probe.
 * The token lives only in this call's memory.
 */

const tokenSchema = z.looseObject({
  // Sent back as `Authorization: Bearer …`: it must be a valid header value.
  access_token: z.string().min(1).refine(isHeaderSafe),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

/**
 * Mimecast's own error in an API 2.0 answer, in any of the shapes seen:
 * - Mimecast's `fail[]` list, flat (`{"fail":[{"code","message"}]}`, as recorded) or with the
 *   API 1.0 level `fail[].errors[]`;
 * - an `error` object (`{"error":{"code","message"}}`);
 * - an OAuth `error` string with `error_description`.
 * Each shape is checked on its own, so an odd member elsewhere does not hide the error.
 */
const codeSchema = z.union([z.string(), z.number().transform(String)]);
const errorEntrySchema = z.looseObject({
  code: codeSchema.optional(),
  message: z.string().optional(),
});
const failListSchema = z.looseObject({
  fail: z.array(
    z.looseObject({
      code: codeSchema.optional(),
      message: z.string().optional(),
      errors: z.array(errorEntrySchema).optional(),
    }),
  ),
});
const errorObjectSchema = z.looseObject({ error: errorEntrySchema });
const errorStringSchema = z.looseObject({
  error: z.string().min(1),
  error_description: z.string().optional(),
});

export interface Api2Error {
  readonly code?: string;
  readonly message?: string;
}

/** The one place API 2.0 error text enters: cleaned and capped for display (cleanServerText). */
function present(rawCode: string | undefined, rawMessage: string | undefined): Api2Error {
  const code = rawCode === undefined ? "" : cleanServerText(rawCode);
  const message = rawMessage === undefined ? "" : cleanServerText(rawMessage);
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}

/** Reads Mimecast's code and message from an API 2.0 error body; `{}` when there is none. */
export function api2ErrorOf(text: string): Api2Error {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {};
  }
  const list = failListSchema.safeParse(json);
  if (list.success) {
    for (const entry of list.data.fail) {
      if (entry.code || entry.message) return present(entry.code, entry.message);
      const nested = entry.errors?.find((e) => e.code || e.message);
      if (nested) return present(nested.code, nested.message);
    }
  }
  const object = errorObjectSchema.safeParse(json);
  if (object.success) return present(object.data.error.code, object.data.error.message);
  const oauth = errorStringSchema.safeParse(json);
  if (oauth.success) return present(oauth.data.error, oauth.data.error_description);
  return {};
}

/** Where each console generation creates an API 2.0 application (support article 34000360548755, 34000388238867). */
const WHERE_NEW_APPLICATION =
  "current console: Integrations › Integrations Hub › “Mimecast API 2.0” › “Configure New”; older consoles: Integrations (or Services) › API and Platform Integrations › “Generate Keys”; Cloud Integrated accounts: Integrations › API 2.0 Applications › “New Application”";

const NEW_APPLICATION = `Products cannot be changed after an application is saved: create a NEW API 2.0 application with the SIEM product selected (${WHERE_NEW_APPLICATION}), then verify its new Client ID and Client secret.`;

const ROLE_PERMISSION =
  "The application's role needs “Threat and Security Events (SIEM) | Read”: add it to the role in Account › Admin Roles (Application Permissions › Security Events and Data Retrieval), then verify again.";

/** Why a 403 came back, from Mimecast's code and message. Both texts are assumptions about wording. */
export type ForbiddenReason = "product" | "permission" | "unknown";

export function forbiddenReason(error: Api2Error): ForbiddenReason {
  const text = `${error.code ?? ""} ${error.message ?? ""}`.toLowerCase();
  if (/product|subscri|entitle|licen[cs]|not provisioned/.test(text)) return "product";
  if (/permission|role|privilege|scope|not[ _-]?authori[sz]ed|access[ _-]denied|insufficient/.test(text))
    return "permission";
  return "unknown";
}

function forbiddenFailure(
  own: Pick<Failure, "code" | "mimecastMessage" | "httpStatus">,
  error: Api2Error,
): Failure {
  const base = {
    ...own,
    kind: "api2-forbidden" as const,
    message: "The credentials work, but this application may not read SIEM data.",
  };
  switch (forbiddenReason(error)) {
    case "product":
      return {
        ...base,
        message: "The credentials work, but this application does not include the SIEM product.",
        action: NEW_APPLICATION,
        step: "api2-new-application",
      };
    case "permission":
      return {
        ...base,
        message: "The credentials work, but the application's role may not read SIEM data.",
        action: ROLE_PERMISSION,
        step: "api2-role",
      };
    case "unknown":
      return {
        ...base,
        action: `First check the role: ${ROLE_PERMISSION} If the role already has it, the application lacks the SIEM product. ${NEW_APPLICATION}`,
        step: "api2-role",
      };
  }
}

function api2Failure(
  status: number,
  text: string,
  headers: Headers,
  now: Date,
  stage: "token" | "probe",
): Failure {
  const error = api2ErrorOf(text);
  const { code, message } = error;
  const own = {
    ...(code ? { code } : {}),
    ...(message ? { mimecastMessage: message } : {}),
    httpStatus: status,
  };
  if (status === 400 && stage === "probe") {
    return {
      ...own,
      kind: "mimecast",
      message: `Mimecast refused the SIEM request (HTTP 400${code ? `, ${code}` : ""}).`,
      action:
        "The credentials were accepted. Report this to the extension's maintainers: Mimecast may have changed the SIEM API.",
    };
  }
  if (status === 401 || status === 400) {
    if (stage === "probe" && code === "token_expired") {
      return {
        ...own,
        kind: "api2-bad-client",
        message: "The access token expired during the check.",
        action: "Verify again: a new token is requested each time.",
      };
    }
    return {
      ...own,
      kind: "api2-bad-client",
      field: "clientSecret",
      message: "Mimecast rejected the Client ID and Client secret.",
      action:
        "Copy both again from the console. The client secret is shown only once: if it is lost, generate new credentials for the application (Manage API 2.0 credentials › Generate). If you chose the UK or US host, try Global: it serves every region.",
    };
  }
  if (status === 403) return forbiddenFailure(own, error);
  if (status === 404 && stage === "probe") {
    return {
      ...own,
      kind: "api2-forbidden",
      message:
        "The credentials work, but Mimecast has no SIEM data for this application on either the Cloud Gateway or the Cloud Integrated endpoint (HTTP 404).",
      action: `The application most likely lacks the SIEM product. ${NEW_APPLICATION}`,
      step: "api2-new-application",
    };
  }
  if (status === 429 || status >= 500) {
    // Same wording as API 1.0 rate limits and outages; Mimecast's own code is kept.
    return { ...failureFromStatus(status, "verify", retryAtFrom(headers, now)), ...own };
  }
  return {
    ...own,
    kind: "mimecast",
    message: `Mimecast answered HTTP ${status}${code ? ` (${code}${message ? `: ${message}` : ""})` : ""}.`,
    action: "Check the values you entered. If it persists, give this code and message to Mimecast support.",
  };
}

export interface Api2Input {
  readonly hostId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface Api2Verified {
  readonly host: string;
  /** Which endpoint answered: `cg` for Cloud Gateway, `ci` for Cloud Integrated. */
  readonly product: Api2Product;
  /** How many batch files the probe listed (0 when caught up). */
  readonly files: number;
  readonly caughtUp: boolean;
}

/** `yyyy-MM-dd` of a moment, in UTC. */
export function utcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The probe's date range: yesterday..today in UTC, as dates. Every public client of the batch
 * endpoint sends `dateRangeStartsAt`/`dateRangeEndsAt` as `yyyy-MM-dd` (or leaves them out):
 * elastic/integrations packages/mimecast/data_stream/siem_logs/agent/stream/cel.yml.hbs
 * (`start.format("2006-01-02")`), gravwell/gravwell's Mimecast ingester
 * (`mimecastMTADateTimeFormat = "2006-01-02"`), SEKOIA-IO/automation-library
 * Mimecast/mimecast_modules/connector_mimecast_siem.py (`strftime("%Y-%m-%d")`, start only), and
 * rapid7/insightconnect-plugins' mimecast_v2 tests (`dateRangeStartsAt=2000-01-06&dateRangeEndsAt=2000-01-06`).
 * Full ISO timestamps are refused by a strict server. Yesterday is included so that a check just
 * after midnight UTC still covers the last hours.
 */
export function siemDateRange(now: Date): { readonly start: string; readonly end: string } {
  return { start: utcDate(new Date(now.getTime() - 86_400_000)), end: utcDate(now) };
}

/**
 * A SIEM batch list, as recorded in shared/fixtures/mimecast/api2-siem-batch.json
 * (`{"value":[{"url","expiry","size"}],"@nextPage","isCaughtUp"}`) and
 * api2-siem-batch-caughtup-empty.json (`"value":[]`). `value` must be a list of files with a `url`:
 * a proxy's `{"error":"blocked"}` or any other 2xx JSON is not "SIEM access works". The content
 * type is not checked: the caught-up sample was served as application/octet-stream.
 */
const batchListSchema = z.looseObject({
  value: z.array(z.looseObject({ url: z.string().min(1) })),
  isCaughtUp: z.boolean().optional(),
});

function notBatchList(status: number, what: string): Failure {
  return {
    kind: what === "not JSON" ? "not-json" : "bad-shape",
    httpStatus: status,
    message: `Mimecast's answer did not look like a SIEM batch list (${what}).`,
    action:
      "A proxy or security appliance may be answering in Mimecast's place: try from another network, or ask your network team to let Mimecast's API answers through unchanged. If it keeps happening, report it to the extension's maintainers.",
  };
}

/** What is wrong with a 2xx probe answer that is JSON but no batch list. */
function batchListProblem(json: unknown): string {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not a JSON object";
  const value = (json as { value?: unknown }).value;
  if (value === undefined) return "no “value” list";
  if (!Array.isArray(value)) return "“value” is not a list";
  if (
    value.some((v) => typeof v !== "object" || v === null || typeof (v as { url?: unknown }).url !== "string")
  )
    return "a listed file has no “url”";
  return "unexpected field types";
}

type ProbeOutcome = { readonly files: number; readonly caughtUp: boolean };

async function probeSiem(
  t: Transport,
  host: string,
  token: string,
  product: Api2Product,
): Promise<Result<ProbeOutcome>> {
  const { start, end } = siemDateRange(t.now());
  const query = new URLSearchParams({
    type: "receipt",
    dateRangeStartsAt: start,
    dateRangeEndsAt: end,
    pageSize: "1",
  });
  const probe = await send(t, `https://${host}${siemBatchPath(product)}?${query}`, {
    method: "GET",
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
  if (!probe.ok) return probe;
  const pr = probe.value;
  if (pr.status < 200 || pr.status >= 300)
    return fail(api2Failure(pr.status, pr.text, pr.headers, t.now(), "probe"));
  let json: unknown;
  try {
    json = JSON.parse(pr.text);
  } catch {
    return fail(notBatchList(pr.status, "not JSON"));
  }
  const parsed = batchListSchema.safeParse(json);
  if (!parsed.success) {
    // A 2xx carrying Mimecast's own error: keep its code and message for support.
    const { code, message } = api2ErrorOf(pr.text);
    return fail({
      ...notBatchList(pr.status, batchListProblem(json)),
      ...(code ? { code } : {}),
      ...(message ? { mimecastMessage: message } : {}),
    });
  }
  return ok({ files: parsed.data.value.length, caughtUp: parsed.data.isCaughtUp === true });
}

/** 403 or 404 on the Cloud Gateway endpoint: the account may be on Cloud Integrated. */
const tryCloudIntegrated = (f: Failure) => f.httpStatus === 403 || f.httpStatus === 404;

/**
 * Both endpoints failed: show the more informative failure. A 403/404 from `ci` says nothing new
 * (a Cloud Gateway account is refused there too), so the `cg` failure stays unless `cg` only said
 * 404 and `ci` said 403. Anything else from `ci` (rate limit, outage, expired token…) means that
 * endpoint did answer this account, so it is the one to act on.
 */
function moreInformative(cg: Failure, ci: Failure): Failure {
  if (!tryCloudIntegrated(ci)) return ci;
  if (cg.httpStatus === 404 && ci.httpStatus === 403) return ci;
  return cg;
}

export async function verifyApi2(t: Transport, input: Api2Input): Promise<Result<Api2Verified>> {
  const host = api2HostById(input.hostId);
  if (!host)
    return fail({
      kind: "validation",
      message: "Unknown API 2.0 host.",
      action: "Choose a host from the list.",
    });
  const clientId = input.clientId.trim();
  const clientSecret = input.clientSecret.trim();
  if (!clientId || !clientSecret) {
    return fail({
      kind: "validation",
      field: clientId ? "clientSecret" : "clientId",
      message: "Enter the Client ID and the Client secret.",
      action: "Both are shown in the console when the API 2.0 credentials are generated.",
    });
  }
  const pasted = clientFieldProblem("clientId", clientId) ?? clientFieldProblem("clientSecret", clientSecret);
  if (pasted) return fail(pasted);
  const tokenSent = await send(t, `https://${host.host}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    }).toString(),
  });
  if (!tokenSent.ok) return tokenSent;
  const tr = tokenSent.value;
  if (tr.status < 200 || tr.status >= 300)
    return fail(api2Failure(tr.status, tr.text, tr.headers, t.now(), "token"));
  let token: string;
  try {
    const parsed = tokenSchema.safeParse(JSON.parse(tr.text));
    if (!parsed.success) throw new Error("shape");
    token = parsed.data.access_token;
  } catch {
    return fail({
      kind: "bad-shape",
      httpStatus: tr.status,
      message: "Mimecast's token answer did not have the expected form.",
      action: "Try again. If it keeps happening, report it to the extension's maintainers.",
    });
  }
  const cg = await probeSiem(t, host.host, token, "Cloud Gateway");
  if (cg.ok) return ok({ host: host.host, product: "Cloud Gateway", ...cg.value });
  if (!tryCloudIntegrated(cg.failure)) return cg;
  // Exactly one more request: the Cloud Integrated endpoint, with the same token.
  const ci = await probeSiem(t, host.host, token, "Cloud Integrated");
  if (ci.ok) return ok({ host: host.host, product: "Cloud Integrated", ...ci.value });
  return fail(moreInformative(cg.failure, ci.failure));
}

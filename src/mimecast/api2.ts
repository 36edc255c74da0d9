import { z } from "zod";
import { api2HostById } from "./api2-hosts";
import { type Failure, fail, failureFromStatus, ok, type Result } from "./failures";
import { retryAtFrom, send, type Transport } from "./transport";

/**
 * API 2.0 (OAuth 2 client credentials): a token from `/oauth/token`, then one cheap SIEM probe.
 * The token lives only in this call's memory.
 */

const tokenSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

/** API 2.0 errors are flat (`fail[].code`), OAuth errors use `error` / `error_description`. */
const api2ErrorSchema = z.looseObject({
  fail: z.array(z.looseObject({ code: z.string().optional(), message: z.string().optional() })).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

function mimecastError(text: string): { code?: string; message?: string } {
  try {
    const parsed = api2ErrorSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return {};
    const first = parsed.data.fail?.[0];
    const code = first?.code ?? parsed.data.error;
    const message = first?.message ?? parsed.data.error_description;
    return { ...(code ? { code } : {}), ...(message ? { mimecastMessage: message, message } : {}) };
  } catch {
    return {};
  }
}

function api2Failure(
  status: number,
  text: string,
  headers: Headers,
  now: Date,
  stage: "token" | "probe",
): Failure {
  const { code, message } = mimecastError(text);
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
        "Copy both again from the console. The client secret is shown only once: if it is lost, generate new credentials for the application (Manage API 2.0 credentials › Generate). Also check the host: credentials belong to one data-residency host.",
    };
  }
  if (status === 403) {
    return {
      ...own,
      kind: "api2-forbidden",
      message: "The credentials work, but this application may not read SIEM data.",
      action:
        "Give the application a role with “Threat and Security Events (SIEM) | Read” and include the SIEM product in its Products (Integrations › API and Platform Integrations › your application).",
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
  /** How many batch files the probe listed (0 when caught up). */
  readonly files: number;
  readonly caughtUp: boolean;
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
  const start = new Date(t.now().getTime() - 3_600_000).toISOString();
  const query = new URLSearchParams({ type: "receipt", dateRangeStartsAt: start, pageSize: "1" });
  const probe = await send(t, `https://${host.host}/siem/v1/batch/events/cg?${query}`, {
    method: "GET",
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
  });
  if (!probe.ok) return probe;
  const pr = probe.value;
  if (pr.status < 200 || pr.status >= 300)
    return fail(api2Failure(pr.status, pr.text, pr.headers, t.now(), "probe"));
  try {
    const body = JSON.parse(pr.text) as { value?: unknown[]; isCaughtUp?: boolean };
    const files = Array.isArray(body.value) ? body.value.length : 0;
    return ok({ host: host.host, files, caughtUp: body.isCaughtUp === true });
  } catch {
    return fail({
      kind: "not-json",
      httpStatus: pr.status,
      message: "Mimecast's SIEM answer was not JSON.",
      action: "A proxy may be intercepting the request. Try from another network.",
    });
  }
}

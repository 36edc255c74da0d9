import { badShapeFailure, cleanServerText, type Failure, fail, ok, type Result } from "./failures";
import { emailProblem, keyFieldProblem } from "./field-check";
import { type AuthType, baseHeaders, basicAuthorization, mcDate } from "./headers";
import { baseUrlOf, GLOBAL_API_HOST, type Region, regionById, regionForBaseUrl } from "./regions";
import { discoverDataSchema, loginDataSchema } from "./schemas";
import { interpret, send, type Transport } from "./transport";

export interface Discovered {
  readonly region: Region;
  /** Authentication types Mimecast allows for this address, as Mimecast names them. */
  readonly authenticate: readonly string[];
}

export interface Keys {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Key lifetime in ms as Mimecast reports it; undefined when not reported. */
  readonly durationMs?: number;
  readonly bindingType?: string;
}

function metaFor(t: Transport) {
  return { date: mcDate(t.now()), requestId: t.requestId() };
}

/** `POST https://api.mimecast.com/api/login/discover-authentication`: which region serves this address. */
export async function discover(t: Transport, appId: string, email: string): Promise<Result<Discovered>> {
  const problem = keyFieldProblem("appId", appId) ?? emailProblem(email);
  if (problem) return fail(problem);
  const url = `https://${GLOBAL_API_HOST}/api/login/discover-authentication`;
  const sent = await send(t, url, {
    method: "POST",
    headers: baseHeaders(appId, metaFor(t)),
    body: JSON.stringify({ data: [{ emailAddress: email }] }),
  });
  if (!sent.ok) return sent;
  const data = interpret(sent.value, "discover", t.now());
  if (!data.ok) return data;
  const first = discoverDataSchema.safeParse(data.value[0] ?? {});
  if (!first.success) return fail(badShapeFailure(sent.value.status, "discover data"));
  const regionInfo = first.data.region;
  if (!regionInfo) {
    return fail({
      kind: "unknown-email",
      field: "email",
      httpStatus: sent.value.status,
      message: "Mimecast does not know this email address.",
      action:
        "Use the service user's full address exactly as it appears in Directories › Internal Directories, or choose your region from the list.",
    });
  }
  const region = regionForBaseUrl(regionInfo.api);
  if (!region) {
    return fail(offListFailure(regionInfo.api));
  }
  return ok({ region, authenticate: first.data.authenticate ?? [] });
}

function offListFailure(api: string): Failure {
  let host = api;
  try {
    const url = new URL(api);
    // Name the scheme too when it is not HTTPS: "http://eu-api.mimecast.com" is refused for that.
    host = url.protocol === "https:" ? url.host : `${url.protocol}//${url.host}`;
  } catch {
    // keep the raw text: it is shown, never followed
  }
  return {
    kind: "region-not-allowed",
    field: "region",
    message: `Mimecast's discovery answer pointed to “${cleanServerText(host, 80)}”, which is not a Mimecast API host this assistant trusts. Your password was not sent.`,
    action: "Choose your account's region from the list instead of detecting it.",
  };
}

export interface LoginInput {
  readonly appId: string;
  readonly email: string;
  readonly password: string;
  readonly authType: AuthType;
}

/** `POST {region}/api/login/login` with Basic-Cloud or Basic-AD: returns the Access and Secret keys. */
export async function login(t: Transport, region: Region, input: LoginInput): Promise<Result<Keys>> {
  const problem = keyFieldProblem("appId", input.appId) ?? emailProblem(input.email);
  if (problem) return fail(problem);
  const url = `${baseUrlOf(region)}/api/login/login`;
  const sent = await send(t, url, {
    method: "POST",
    headers: {
      ...baseHeaders(input.appId, metaFor(t)),
      Authorization: basicAuthorization(input.authType, input.email, input.password),
    },
    body: JSON.stringify({ data: [{ userName: input.email }] }),
  });
  if (!sent.ok) return sent;
  const data = interpret(sent.value, "login", t.now());
  if (!data.ok) return data;
  const parsed = loginDataSchema.safeParse(data.value[0]);
  if (!parsed.success) return fail(badShapeFailure(sent.value.status, "no access key and secret key"));
  const { accessKey, secretKey, duration, bindingType } = parsed.data;
  return ok({
    accessKey,
    secretKey,
    ...(duration === undefined ? {} : { durationMs: duration }),
    ...(bindingType === undefined ? {} : { bindingType }),
  });
}

export interface GenerateInput extends LoginInput {
  /** A region id from the table, or "auto" to discover it. */
  readonly regionId: string;
}

export interface Generated {
  readonly region: Region;
  readonly keys: Keys;
}

/** Discover (unless a region is chosen) then log in. */
export async function generateKeys(t: Transport, input: GenerateInput): Promise<Result<Generated>> {
  let region: Region | undefined;
  if (input.regionId === "auto") {
    const found = await discover(t, input.appId, input.email);
    if (!found.ok) return found;
    region = found.value.region;
  } else {
    region = regionById(input.regionId);
    if (!region) {
      return fail({
        kind: "validation",
        field: "region",
        message: "Unknown region.",
        action: "Choose a region from the list.",
      });
    }
  }
  const keys = await login(t, region, input);
  if (!keys.ok) return keys;
  return ok({ region, keys: keys.value });
}

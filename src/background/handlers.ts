import type { ReplyFor, Request } from "../lib/messages";
import type { KeySession } from "../lib/schemas";
import { discover, generateKeys, regionById, type Transport, verifyApi1, verifyApi2 } from "../mimecast";

/** What the handlers need from the extension; injected so they are unit-testable. */
export interface HandlerDeps {
  readonly transport: Transport;
  readonly saveKeys: (keys: KeySession) => Promise<void>;
  /** "Forget": every secret the extension holds (src/background/secrets.ts `forgetSecrets`). */
  readonly forgetSecrets: () => Promise<void>;
  readonly onKeysGenerated: () => Promise<void>;
  readonly now: () => number;
  /**
   * Clears a copied secret later (`noteClipboardCopy` in ./clipboard); resolves to when. Optional
   * only until index.ts passes it: without it the popup is told nothing will be cleared.
   */
  readonly clipboardCopied: (digest: string) => Promise<number>;
}

type Handlers = {
  [K in Request["type"]]: (msg: Extract<Request, { type: K }>, deps: HandlerDeps) => Promise<ReplyFor[K]>;
};

export const handlers: Handlers = {
  async "popup/generate-keys"(msg, deps) {
    const result = await generateKeys(deps.transport, msg.input);
    if (!result.ok) return { ok: false, failure: result.failure };
    const { region, keys } = result.value;
    const session: KeySession = {
      accessKey: keys.accessKey,
      secretKey: keys.secretKey,
      ...(keys.durationMs === undefined ? {} : { durationMs: keys.durationMs }),
      regionId: region.id,
      email: msg.input.email,
      appId: msg.input.appId,
      createdAt: deps.now(),
    };
    // Kept in storage.session so the popup can close mid-request and still show the keys.
    await deps.saveKeys(session);
    await deps.onKeysGenerated().catch(() => undefined);
    return { ok: true, session };
  },
  async "popup/verify-api1"(msg, deps) {
    const { regionId, email, ...creds } = msg.input;
    let region = regionById(regionId);
    if (!region) {
      if (!email) {
        return {
          ok: false,
          failure: {
            kind: "validation",
            field: "region",
            message: "Choose the account's region to verify the keys.",
            action: "Or enter the service user's email address so the region can be detected.",
          },
        };
      }
      const found = await discover(deps.transport, creds.appId.trim(), email.trim());
      if (!found.ok) return { ok: false, failure: found.failure };
      region = found.value.region;
    }
    const trimmed = {
      appId: creds.appId.trim(),
      appKey: creds.appKey.trim(),
      accessKey: creds.accessKey.trim(),
      secretKey: creds.secretKey.trim(),
    };
    const result = await verifyApi1(deps.transport, {
      ...trimmed,
      region,
      ...(email ? { email: email.trim() } : {}),
    });
    if (!result.ok) return { ok: false, failure: result.failure };
    const { account, siem } = result.value;
    return {
      ok: true,
      result: {
        regionId: region.id,
        accountName: account.accountName,
        accountCode: account.accountCode,
        siem,
      },
    };
  },
  async "popup/verify-api2"(msg, deps) {
    // The token lives in verifyApi2's memory only; nothing of it is stored or returned.
    const result = await verifyApi2(deps.transport, msg.input);
    return result.ok ? { ok: true, result: result.value } : { ok: false, failure: result.failure };
  },
  async "popup/clipboard-copied"(msg, deps) {
    try {
      return { ok: true, clearAt: await deps.clipboardCopied(msg.digest) };
    } catch {
      return { ok: false };
    }
  },
  async "popup/forget-keys"(_msg, deps) {
    // Named for the button that sends it; it forgets every secret, not only the keys.
    await deps.forgetSecrets();
    return { ok: true };
  },
};

export async function dispatch(request: Request, deps: HandlerDeps): Promise<unknown> {
  // The mapped type guarantees each handler receives its own message type.
  const handler = handlers[request.type] as (msg: Request, deps: HandlerDeps) => Promise<unknown>;
  return handler(request, deps);
}

import type { ReplyFor, Request } from "../lib/messages";
import type { KeySession } from "../lib/schemas";
import { generateKeys, type Transport } from "../mimecast";

/** What the handlers need from the extension; injected so they are unit-testable. */
export interface HandlerDeps {
  readonly transport: Transport;
  readonly saveKeys: (keys: KeySession) => Promise<void>;
  readonly forgetKeys: () => Promise<void>;
  readonly onKeysGenerated: () => Promise<void>;
  readonly now: () => number;
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
  async "popup/forget-keys"(_msg, deps) {
    await deps.forgetKeys();
    return { ok: true };
  },
};

export async function dispatch(request: Request, deps: HandlerDeps): Promise<unknown> {
  // The mapped type guarantees each handler receives its own message type.
  const handler = handlers[request.type] as (msg: Request, deps: HandlerDeps) => Promise<unknown>;
  return handler(request, deps);
}

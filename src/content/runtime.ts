import type { ContentRequest } from "../lib/guide-messages";

/**
 * The few extension APIs the content script needs, without webextension-polyfill (size budget):
 * Chrome MV3 and Firefox both return promises from `runtime.sendMessage`.
 * Only TYPES come from `guide-messages.ts`: its zod schemas stay out of the content bundle.
 */
interface RuntimeLike {
  /** Undefined once the extension context is invalidated (extension reloaded, updated or removed). */
  readonly id?: string;
  sendMessage(message: ContentRequest): Promise<unknown>;
  onMessage: {
    addListener(cb: (message: unknown, sender: unknown, respond: (answer: unknown) => void) => void): void;
  };
  getManifest(): { version: string };
}

const g = globalThis as unknown as {
  browser?: { runtime?: RuntimeLike };
  chrome?: { runtime?: RuntimeLike };
};

export function runtime(): RuntimeLike | undefined {
  return g.browser?.runtime ?? g.chrome?.runtime;
}

/**
 * Whether this content script can still reach its extension. When the context is invalidated,
 * `runtime.id` becomes undefined and `sendMessage` throws "Extension context invalidated".
 */
export function contextAlive(): boolean {
  return !!runtime()?.id;
}

/** Sends to the service worker; a stopped or reloading extension is not an error for the page. */
export async function send(message: ContentRequest): Promise<unknown> {
  try {
    return await runtime()?.sendMessage(message);
  } catch {
    return undefined;
  }
}

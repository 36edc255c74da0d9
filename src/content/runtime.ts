/**
 * The few extension APIs the content script needs, without webextension-polyfill (size budget):
 * Chrome MV3 and Firefox both return promises from `runtime.sendMessage`.
 */
interface RuntimeLike {
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  getManifest(): { version: string };
}

const g = globalThis as unknown as {
  browser?: { runtime?: RuntimeLike };
  chrome?: { runtime?: RuntimeLike };
};

export function runtime(): RuntimeLike | undefined {
  return g.browser?.runtime ?? g.chrome?.runtime;
}

/** Sends to the service worker; a stopped or reloading extension is not an error for the page. */
export async function send(message: unknown): Promise<unknown> {
  try {
    return await runtime()?.sendMessage(message);
  } catch {
    return undefined;
  }
}

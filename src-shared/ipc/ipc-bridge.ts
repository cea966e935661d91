import type { ButterflyApi } from './ipc-contract.js';
import type { JobEvent } from './ipc-views.js';

/** The channel a bridge uses to reach main: Electron's ipcRenderer in the preload, a Playwright binding in the end-to-end tests. */
export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(listener: (event: JobEvent) => void): () => void;
}

/**
 * Builds the `window.butterfly` object from the method list: each method forwards its request
 * on its own channel and nothing else is reachable. The function is self-contained (no imports
 * used at run time), so the end-to-end tests can serialize it into a page as it is.
 */
export function createButterflyApi(methods: readonly string[], channelPrefix: string, transport: BridgeTransport): ButterflyApi {
  const api: Record<string, unknown> = {};
  for (const method of methods) {
    const channel = `${channelPrefix}${method}`;
    api[method] = (request: unknown) => transport.invoke(channel, request);
  }
  api['onJobEvent'] = (listener: (event: JobEvent) => void) => transport.subscribe(listener);
  return Object.freeze(api) as ButterflyApi;
}

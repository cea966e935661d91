import type { ButterflyApi } from '../src-shared/ipc/ipc-contract.js';

declare global {
  interface Window {
    /** The desktop API the preload exposes; absent when the page is opened outside the app. */
    readonly butterfly?: ButterflyApi;
  }
}

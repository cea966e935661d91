import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createButterflyApi } from '../../src-shared/ipc/ipc-bridge.js';
import { CHANNEL_PREFIX, IPC_METHODS, JOB_EVENT_CHANNEL } from '../../src-shared/ipc/ipc-channels.js';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';

/**
 * The preload of the app window, bundled into one CommonJS file because a sandboxed preload can
 * load only `electron`. It exposes the contract's methods on `window.butterfly` and nothing
 * else: neither ipcRenderer nor a generic invoke is reachable from the page.
 */
const api = createButterflyApi(IPC_METHODS, CHANNEL_PREFIX, {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, payload: JobEvent): void => listener(payload);
    ipcRenderer.on(JOB_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(JOB_EVENT_CHANNEL, forward);
    };
  },
});

contextBridge.exposeInMainWorld('butterfly', api);

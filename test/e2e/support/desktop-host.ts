import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { createButterflyApi } from '../../../src-shared/ipc/ipc-bridge.js';
import { CHANNEL_PREFIX, IPC_METHODS } from '../../../src-shared/ipc/ipc-channels.js';
import type { JobEvent } from '../../../src-shared/ipc/ipc-views.js';
import { createDesktopApp, type DesktopApp } from '../../../src-main/ipc/desktop-handlers.js';
import type { InvokeListener, IpcMainPort } from '../../../src-main/ipc/ipc-main-port.js';
import { registerIpcHandlers } from '../../../src-main/ipc/register-handlers.js';
import { silentLogger } from '../../../src-main/logging/logger.js';
import { openServices, type ButterflyServices } from '../../../src-main/services/butterfly-services.js';

/**
 * The main process of the desktop app without Electron: the real services on a vault in a temp
 * folder (secrets in the passphrase key file, as in the CLI tests, so no keychain is needed),
 * the real IPC handlers, and a Playwright binding standing in for ipcRenderer. The page gets
 * `window.butterfly` from the same createButterflyApi the preload uses. The Audit Pack's save
 * dialog is replaced by a function that always returns `auditPackPath`.
 */
export class DesktopHost {
  private constructor(
    readonly home: string,
    /** Where every Audit Pack export is saved, in place of the path a user picks in the save dialog. */
    readonly auditPackPath: string,
    readonly services: ButterflyServices,
    readonly desktop: DesktopApp,
    private readonly channels: Map<string, InvokeListener>,
    private readonly contexts: BrowserContext[],
  ) {}

  static async start(appOrigin: string): Promise<DesktopHost> {
    const home = await mkdtemp(join(tmpdir(), 'butterfly-e2e-'));
    const env = { BUTTERFLY_HOME: home, BUTTERFLY_SECRET_STORE: 'passphrase', BUTTERFLY_PASSPHRASE: 'correct horse battery staple' };
    const services = await openServices({ env, logger: silentLogger() });
    const contexts: BrowserContext[] = [];
    const exports = join(home, 'exports');
    await mkdir(exports);
    const auditPackPath = join(exports, 'audit-pack.pdf');
    const desktop = createDesktopApp({ services, logger: silentLogger(), emit: (event) => void deliver(contexts, event), chooseSavePath: async () => auditPackPath });
    const channels = new Map<string, InvokeListener>();
    const port: IpcMainPort = {
      handle: (channel, listener) => void channels.set(channel, listener),
      removeHandler: (channel) => void channels.delete(channel),
    };
    registerIpcHandlers(port, desktop.handlers, { appOrigin, logger: silentLogger() });
    return new DesktopHost(home, auditPackPath, services, desktop, channels, contexts);
  }

  /** Installs the bridge in every page of the context; the sender frame is the calling frame, as Electron reports it. */
  async attach(context: BrowserContext): Promise<void> {
    this.contexts.push(context);
    await context.exposeBinding('__butterflyInvoke', async (source, channel: unknown, request: unknown) => {
      const listener = typeof channel === 'string' ? this.channels.get(channel) : undefined;
      if (listener === undefined) return { ok: false, error: { code: 'INVALID_REQUEST', message: `No channel ${String(channel)}.` } };
      return listener({ senderFrame: { url: source.frame.url(), parent: source.frame.parentFrame() } }, request);
    });
    await context.addInitScript({ content: bridgeScript() });
  }

  async stop(): Promise<void> {
    await this.desktop.shutdown();
    this.services.close();
    await rm(this.home, { recursive: true, force: true });
  }
}

/** Builds the page-side half of the bridge: createButterflyApi over the binding, frozen on window like the preload's. */
function bridgeScript(): string {
  return `(() => {
    const createButterflyApi = ${createButterflyApi.toString()};
    const listeners = new Set();
    Object.defineProperty(window, '__butterflyDeliver', { value: (event) => { for (const listener of listeners) listener(event); } });
    const api = createButterflyApi(${JSON.stringify(IPC_METHODS)}, ${JSON.stringify(CHANNEL_PREFIX)}, {
      invoke: (channel, request) => window.__butterflyInvoke(channel, request),
      subscribe: (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    });
    Object.defineProperty(window, 'butterfly', { value: api });
  })();`;
}

async function deliver(contexts: BrowserContext[], event: JobEvent): Promise<void> {
  for (const context of contexts) {
    for (const page of context.pages()) {
      await page
        .evaluate((payload: unknown) => (globalThis as unknown as { __butterflyDeliver?: (event: unknown) => void }).__butterflyDeliver?.(payload), event as unknown)
        .catch(() => undefined);
    }
  }
}

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { JOB_EVENT_CHANNEL } from '../../src-shared/ipc/ipc-channels.js';
import { createDesktopApp, type DesktopApp } from '../ipc/desktop-handlers.js';
import { registerIpcHandlers } from '../ipc/register-handlers.js';
import { createLogger } from '../logging/logger.js';
import { openServices, type ButterflyServices } from '../services/butterfly-services.js';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './app-origin.js';
import { serveAppRequest } from './app-protocol.js';
import { pdfSaveDialog } from './save-dialog.js';
import { mainWindowOptions } from './window-options.js';
import { denyAllPermissions, guardWebContents } from './web-contents-guards.js';

/**
 * Entry point of the desktop app's main process. It only wires the services the CLI uses to a
 * hardened window; every decision lives in src-main/ipc and src-main/services.
 */
const here = dirname(fileURLToPath(import.meta.url));
/** The build folder (out/app): this module is out/app/src-main/electron/main.js. */
const appDir = join(here, '..', '..');
const rendererDir = join(appDir, 'renderer');
const preloadPath = join(appDir, 'preload', 'preload.cjs');
const development = !app.isPackaged;
const logger = createLogger({ level: process.env['BUTTERFLY_LOG_LEVEL'] ?? 'info' }).child({ subsystem: 'electron' });

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

let window: BrowserWindow | undefined;
let services: ButterflyServices | undefined;
let desktop: DesktopApp | undefined;

if (!app.requestSingleInstanceLock()) {
  // Another Butterfly owns the vault; it gets focus through its 'second-instance' event.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, (url) => void shell.openExternal(url)));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (desktop === undefined && services === undefined) return;
    event.preventDefault();
    void shutDown().finally(() => app.exit(0));
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));

  services = await openServices({ env: process.env, logger });
  const opened = services;
  desktop = createDesktopApp({
    services: opened,
    logger,
    emit: (event) => window?.webContents.send(JOB_EVENT_CHANNEL, event),
    chooseSavePath: pdfSaveDialog(() => window),
  });
  registerIpcHandlers(ipcMain, desktop.handlers, { appOrigin: APP_ORIGIN, logger });

  window = new BrowserWindow(mainWindowOptions(preloadPath, development));
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = undefined;
  });
  await window.loadURL(APP_ENTRY_URL);
  logger.info('app window loaded');
}

async function shutDown(): Promise<void> {
  const running = desktop;
  const opened = services;
  desktop = undefined;
  services = undefined;
  await running?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'stopping the sandbox org failed'));
  opened?.close();
}

/**
 * Shows a start-up failure (a locked vault, an unreachable keychain) in a dialog and quits. The
 * message names the problem and the fix, as the services' errors do.
 */
function fail(error: unknown): void {
  logger.fatal({ err: error }, 'Butterfly could not start');
  dialog.showErrorBox('Butterfly could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

process.on('unhandledRejection', (error) => logger.error({ err: error }, 'unhandled rejection in the main process'));

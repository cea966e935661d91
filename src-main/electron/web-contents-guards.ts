import { APP_ORIGIN } from './app-origin.js';
import { isAllowedExternalUrl } from './external-links.js';

/** The parts of Electron's WebContents that the guards use, so a test can pass a fake. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of Electron's Session that the permission guards use. */
export interface GuardedSession {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/**
 * Blocks every way out of the app's page: navigation and redirects away from the app origin,
 * web views, and new windows. A new-window request for an allow-listed https link is opened in
 * the OS browser instead; every other one is dropped.
 */
export function guardWebContents(contents: GuardedContents, openExternal: (url: string) => void): void {
  const stayInApp = (event: { preventDefault(): void; url: string }): void => {
    if (!event.url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Denies every permission the page may ask for (camera, notifications, USB, clipboard reads …); the app needs none. */
export function denyAllPermissions(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

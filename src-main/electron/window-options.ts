import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of the app window. The renderer runs sandboxed and context-isolated without Node,
 * reaches main only through the preload's `window.butterfly`, and cannot open web views, run
 * insecure content or turn web security off. Developer tools exist only in development builds.
 * The minimum size keeps the compare screen's side-by-side editor readable.
 */
export function mainWindowOptions(preloadPath: string, development: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Butterfly',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: development,
    },
  };
}

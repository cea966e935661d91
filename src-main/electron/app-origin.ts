/** The custom scheme the renderer is served from, registered as standard and secure so that `'self'` in the CSP means the app's own files. */
export const APP_SCHEME = 'app';

/** The one host of the app scheme; any other host is answered with 404. */
export const APP_HOST = 'butterfly';

/** The origin the IPC handlers accept calls from. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

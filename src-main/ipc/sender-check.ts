import type { InvokeEvent } from './ipc-main-port.js';

/**
 * Tells whether an IPC message comes from the app's own page: the sender must be a top frame
 * (no parent) whose URL has the app's scheme and host. `appOrigin` is `app://butterfly` in the
 * desktop app and the loopback server's origin in the end-to-end tests.
 *
 * Compares scheme and host rather than `URL.origin`, which is the string "null" for
 * non-special schemes such as `app:`.
 */
export function isTrustedSender(event: InvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  const expected = new URL(appOrigin);
  let actual: URL;
  try {
    actual = new URL(frame.url);
  } catch {
    return false;
  }
  return actual.protocol === expected.protocol && actual.host === expected.host && actual.username === '' && actual.password === '';
}

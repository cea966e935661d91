import type { InvokeEvent, InvokeListener, IpcMainPort } from '../../src-main/ipc/ipc-main-port.js';

/** An ipcMain stand-in that keeps the registered handlers so a test can call them as the renderer would. */
export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, InvokeListener>();

  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** Calls a channel's handler with the given sender frame and arguments. */
  async invoke(channel: string, senderFrame: InvokeEvent['senderFrame'], ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
    return listener({ senderFrame }, ...args);
  }
}

/** The sender frame of the app window's page. */
export const APP_FRAME = { url: 'app://butterfly/index.html', parent: null };

/** The error code of a failed result, or `ok`, so a test asserts one value. */
export function errorCodeOf(result: { ok: true } | { ok: false; error: { code: string } }): string {
  return result.ok ? 'ok' : result.error.code;
}

/**
 * The parts of Electron's ipcMain and its invoke event that the handlers use, so they run in
 * plain Node with a fake in tests and behind a Playwright binding in the end-to-end tests.
 */
export interface InvokeEvent {
  /** The frame that sent the message; null once it navigated away or was destroyed. */
  senderFrame: { url: string; parent: unknown } | null | undefined;
}

export type InvokeListener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

export interface IpcMainPort {
  handle(channel: string, listener: InvokeListener): void;
  removeHandler(channel: string): void;
}

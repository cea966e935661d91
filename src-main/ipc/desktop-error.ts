import type { IpcErrorCode } from '../../src-shared/ipc/ipc-result.js';

/** An error raised by the desktop handlers themselves, with the code the renderer receives. */
export class DesktopError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DesktopError';
  }
}

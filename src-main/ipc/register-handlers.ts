import type { z } from 'zod';
import { channelOf, IPC_METHODS } from '../../src-shared/ipc/ipc-channels.js';
import type { IpcResults } from '../../src-shared/ipc/ipc-contract.js';
import { REQUEST_SCHEMAS, type IpcMethod, type ValidRequest } from '../../src-shared/ipc/ipc-requests.js';
import type { IpcResult } from '../../src-shared/ipc/ipc-result.js';
import type { Logger } from '../logging/logger.js';
import type { InvokeEvent, IpcMainPort } from './ipc-main-port.js';
import { toIpcError } from './ipc-errors.js';
import { isTrustedSender } from './sender-check.js';

/** One function per method of the contract, taking the validated request. */
export type DesktopHandlers = { [M in IpcMethod]: (request: ValidRequest<M>) => Promise<IpcResults[M]> };

export interface RegisterOptions {
  /** The only origin allowed to call, such as `app://butterfly`. */
  appOrigin: string;
  logger: Logger;
}

/**
 * Registers every method of the contract on `ipcMain`. Each call is checked in this order: the
 * sender (the app's own top frame), the argument count, then the payload against the method's
 * schema. The result is always an IpcResult, so no thrown error crosses to the renderer.
 * Returns a function that removes the handlers again.
 */
export function registerIpcHandlers(ipcMain: IpcMainPort, handlers: DesktopHandlers, options: RegisterOptions): () => void {
  const logger = options.logger.child({ subsystem: 'ipc' });
  for (const method of IPC_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args) => handleCall(method, event, args, handlers, options.appOrigin, logger));
  }
  return () => {
    for (const method of IPC_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}

async function handleCall<M extends IpcMethod>(
  method: M,
  event: InvokeEvent,
  args: unknown[],
  handlers: DesktopHandlers,
  appOrigin: string,
  logger: Logger,
): Promise<IpcResult<IpcResults[M]>> {
  if (!isTrustedSender(event, appOrigin)) {
    logger.warn({ method, senderUrl: event.senderFrame?.url ?? null, topFrame: event.senderFrame?.parent === null }, 'IPC call rejected: sender is not the app window');
    return { ok: false, error: { code: 'SENDER_REJECTED', message: `The call to ${method} did not come from the Butterfly window, so it was rejected.` } };
  }
  if (args.length !== 1) {
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `${method} takes one request object; it received ${args.length} arguments.` } };
  }

  const schema: z.ZodType = REQUEST_SCHEMAS[method];
  const parsed = schema.safeParse(args[0]);
  if (!parsed.success) {
    logger.warn({ method, issues: parsed.error.issues.length }, 'IPC call rejected: invalid request');
    return { ok: false, error: { code: 'INVALID_REQUEST', message: `Invalid request to ${method}: ${describeIssues(parsed.error.issues)}.` } };
  }

  try {
    const handler = handlers[method] as (request: ValidRequest<M>) => Promise<IpcResults[M]>;
    return { ok: true, value: await handler(parsed.data as ValidRequest<M>) };
  } catch (error) {
    const ipcError = toIpcError(error);
    const level = ipcError.code === 'INTERNAL' ? 'error' : 'info';
    logger[level]({ method, code: ipcError.code, err: error }, 'IPC call failed');
    return { ok: false, error: ipcError };
  }
}

/** Names each invalid field and the rule it breaks; never echoes the value, which may be a token. */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

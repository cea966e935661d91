import type { IpcResults } from '../../src-shared/ipc/ipc-contract.js';
import type { IpcMethod, IpcRequest } from '../../src-shared/ipc/ipc-requests.js';
import type { IpcErrorCode, IpcResult } from '../../src-shared/ipc/ipc-result.js';

/** A failed call: the contract's stable code and main's message. */
export class ApiError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls one method of `window.butterfly` and returns its value, or throws an ApiError. */
export async function callApi<M extends IpcMethod>(method: M, request: IpcRequest<M>): Promise<IpcResults[M]> {
  const api = window.butterfly;
  if (api === undefined) {
    throw new ApiError('INTERNAL', 'The connection to the Butterfly main process is missing, because this page was opened outside the desktop app.');
  }
  const invoke = api[method] as (request: IpcRequest<M>) => Promise<IpcResult<IpcResults[M]>>;
  const result = await invoke(request);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value;
}

/** Turns anything caught in the renderer into an ApiError, so every error can be shown with a next step. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}

/**
 * Stable error codes of the desktop IPC contract. The renderer picks the next step to show from
 * the code, never from the message, so a code keeps its meaning once released.
 */
export const IPC_ERROR_CODES = [
  /** The payload does not match the channel's request schema. */
  'INVALID_REQUEST',
  /** The message came from a frame that is not the app's own top frame. */
  'SENDER_REJECTED',
  /** A connection, snapshot or drill named in the request does not exist. */
  'NOT_FOUND',
  /** A connection with that name exists and the request did not ask to replace it. */
  'ALREADY_EXISTS',
  /** The org rejected the credential, or the credential lacks a permission. */
  'CREDENTIAL_REJECTED',
  /** The connection's credential is not in the secret store any more. */
  'CREDENTIAL_MISSING',
  /** The org could not be reached or returned an error. */
  'ORG_REQUEST_FAILED',
  /** The OS keychain (or the passphrase key file) cannot be used. */
  'SECRET_STORE_UNAVAILABLE',
  /** The vault cannot be opened or read. */
  'VAULT_UNAVAILABLE',
  /** A drill or the demo connection needs the sandbox org, which is not running. */
  'SANDBOX_NOT_RUNNING',
  /** A drill stopped before it finished; the org may be partly changed. */
  'DRILL_FAILED',
  /** A restore scope names nothing in the snapshot or the target org, or is ambiguous. */
  'SCOPE_INVALID',
  /** The typed confirmation does not match the target org's domain; nothing was sent. */
  'CONFIRMATION_MISMATCH',
  /** The restore plan has blockers (such as an access loss above the threshold); nothing was sent. */
  'RESTORE_BLOCKED',
  /** A restore cannot be resumed: it already verified clean, or its connection is gone. */
  'RESTORE_REFUSED',
  /** The Audit Pack could not be written to the file the user chose; nothing is left there. */
  'FILE_NOT_WRITTEN',
  /** The user cancelled the job. */
  'CANCELLED',
  /** A job with that id is already running. */
  'BUSY',
  /** Any other failure; the main process log has the details. */
  'INTERNAL',
] as const;

export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

/** An error as the renderer receives it: a stable code and a message that names the value concerned. No secret is ever part of it. */
export interface IpcError {
  code: IpcErrorCode;
  message: string;
}

/** Every handler resolves to this; nothing is thrown across the IPC boundary. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

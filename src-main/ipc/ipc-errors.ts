import type { IpcError, IpcErrorCode } from '../../src-shared/ipc/ipc-result.js';
import { AuditPackCancelledError } from '../audit/audit-request.js';
import { OktaRequestError } from '../okta/okta-request-error.js';
import { DrillError, } from '../sandbox/drills/drill-types.js';
import { UnknownDrillError } from '../sandbox/drills/drill-catalog.js';
import { SecretStoreError } from '../secrets/secret-store-errors.js';
import { ConnectionExistsError, CredentialCheckError } from '../services/add-connection.js';
import { ServicesError } from '../services/butterfly-services.js';
import { CredentialMissingError } from '../services/connection-credentials.js';
import { CaptureCancelledError } from '../services/snapshot-job.js';
import { ConnectionNotFoundError } from '../services/take-snapshot.js';
import { VaultError, type VaultErrorCode } from '../vault/vault-errors.js';
import { ScopeError } from '../../src-shared/restore/scope-resolution.js';
import { RestoreCancelledError, RestoreRefusedError } from '../restore/run-restore.js';
import { DesktopError } from './desktop-error.js';

/**
 * Turns anything a handler threw into the error the renderer receives. The message is the
 * error's own, which by the services' contract names values but never a secret. Unknown errors
 * become INTERNAL.
 */
export function toIpcError(error: unknown): IpcError {
  const message = error instanceof Error ? error.message : String(error);
  return { code: codeOf(error), message };
}

function codeOf(error: unknown): IpcErrorCode {
  if (error instanceof DesktopError) return error.code;
  if (error instanceof CaptureCancelledError || error instanceof AuditPackCancelledError || error instanceof RestoreCancelledError) return 'CANCELLED';
  if (error instanceof ConnectionNotFoundError || error instanceof UnknownDrillError) return 'NOT_FOUND';
  if (error instanceof ConnectionExistsError) return 'ALREADY_EXISTS';
  if (error instanceof CredentialMissingError) return 'CREDENTIAL_MISSING';
  if (error instanceof CredentialCheckError) return 'CREDENTIAL_REJECTED';
  if (error instanceof DrillError) return 'DRILL_FAILED';
  if (error instanceof ScopeError) return 'SCOPE_INVALID';
  if (error instanceof RestoreRefusedError) return restoreRefusalCode(error);
  if (error instanceof VaultError) return vaultCode(error.code);
  if (error instanceof ServicesError) return 'VAULT_UNAVAILABLE';
  if (error instanceof SecretStoreError) return 'SECRET_STORE_UNAVAILABLE';

  const okta = oktaCause(error);
  if (okta !== undefined) return okta.status === 401 || okta.status === 403 ? 'CREDENTIAL_REJECTED' : 'ORG_REQUEST_FAILED';
  return 'INTERNAL';
}

function vaultCode(code: VaultErrorCode): IpcErrorCode {
  switch (code) {
    case 'snapshot-not-found':
    case 'connection-not-found':
    case 'restore-not-found':
      return 'NOT_FOUND';
    case 'connection-exists':
      return 'ALREADY_EXISTS';
    case 'invalid-snapshot-input':
    case 'invalid-connection-input':
    case 'invalid-restore-input':
      return 'INVALID_REQUEST';
    default:
      return 'VAULT_UNAVAILABLE';
  }
}

/**
 * Returns the error code of a rejected restore. A refusal that carries a plan is a blocked plan. Without one it is a resume that cannot run,
 * or a wrong confirmation that slipped past the handler's own check: the engine raises both
 * with the same class.
 */
function restoreRefusalCode(error: RestoreRefusedError): IpcErrorCode {
  if (error.plan !== undefined) return 'RESTORE_BLOCKED';
  return /confirmation/i.test(error.message) ? 'CONFIRMATION_MISMATCH' : 'RESTORE_REFUSED';
}

/** Finds an OktaRequestError in the error or its causes; captureConnection wraps 401 and 403 in a plain Error. */
function oktaCause(error: unknown): OktaRequestError | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof OktaRequestError) return current;
  }
  return undefined;
}

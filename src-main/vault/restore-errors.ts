import { VaultError } from './vault-errors.js';

/**
 * Reports a restore id that names no restore in the vault, including text that is not a restore
 * id at all. At most 40 characters of the id are shown, because it is whatever the user typed.
 */
export function restoreNotFound(restoreId: string): VaultError {
  const shortened = restoreId.length > 40 ? `${restoreId.slice(0, 40)}…` : restoreId;
  return new VaultError(
    'restore-not-found',
    `Restore ${JSON.stringify(shortened)} is not in the vault. Restore ids look like r12; run \`butterfly restores\` to list the restores and their ids.`,
  );
}

/** Reports a restore journal change rejected before anything was written; `problem` names the value and never repeats org data. */
export function invalidRestoreInput(problem: string, cause?: unknown): VaultError {
  return new VaultError('invalid-restore-input', `The restore journal was not changed because ${problem}.`, { cause });
}

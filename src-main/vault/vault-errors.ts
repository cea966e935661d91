/** Stable codes of the errors the vault throws; callers switch on `error.code`, never on the message. */
export type VaultErrorCode =
  | 'invalid-vault-key'
  | 'vault-locked'
  | 'vault-key-mismatch'
  | 'vault-too-new'
  | 'not-a-vault'
  | 'vault-corrupt'
  | 'vault-closed'
  | 'decrypt-failed'
  | 'invalid-row'
  | 'invalid-snapshot-input'
  | 'invalid-connection-input'
  | 'snapshot-not-found'
  | 'connection-exists'
  | 'connection-not-found'
  | 'connection-has-snapshots'
  | 'connection-has-restores'
  | 'restore-not-found'
  | 'invalid-restore-input';

/**
 * An error raised by the vault. Messages name the file, row or value and the next step. They
 * contain no secret and no org data (group names, org URLs, labels), except the connection name
 * that the user chose.
 */
export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'VaultError';
  }
}

/** Reports a vault key of the wrong length passed to `Vault.open`. */
export function invalidVaultKey(length: number): VaultError {
  return new VaultError(
    'invalid-vault-key',
    `The vault key is ${length} bytes long, but a vault key is 32 bytes. Pass the key stored in the keychain or the recovery kit.`,
  );
}

/** Reports that another process, or another connection in this one, has locked the vault file. */
export function vaultLocked(path: string, cause: unknown): VaultError {
  return new VaultError(
    'vault-locked',
    `Another Butterfly is using the vault at ${path}. Close the other Butterfly window or command, then try again.`,
    { cause },
  );
}

export function vaultKeyMismatch(path: string): VaultError {
  return new VaultError(
    'vault-key-mismatch',
    `The vault key does not match the vault at ${path}. Use the key this vault was created with (from the keychain or the recovery kit).`,
  );
}

export function vaultTooNew(path: string, fileVersion: number, supportedVersion: number): VaultError {
  return new VaultError(
    'vault-too-new',
    `The vault at ${path} has schema version ${fileVersion}, but this Butterfly supports up to version ${supportedVersion}. Update Butterfly to open it.`,
  );
}

export function notAVault(path: string, detail: string, cause?: unknown): VaultError {
  return new VaultError(
    'not-a-vault',
    `The file at ${path} is not a Butterfly vault (${detail}). Choose the vault file, or a path where no file exists yet.`,
    { cause },
  );
}

/** Reports a damaged vault file; `problem` describes what is wrong, such as the first problem of SQLite's integrity check. */
export function vaultCorrupt(path: string, problem: string, cause?: unknown): VaultError {
  return new VaultError(
    'vault-corrupt',
    `The vault at ${path} is damaged: ${problem}. Restore the vault file from a backup before using it.`,
    { cause },
  );
}

/**
 * SQLite result codes that mean the file's content or schema is not what Butterfly wrote:
 * SQLITE_ERROR covers "no such column", "table … already exists" and "foreign key mismatch".
 * I/O codes such as SQLITE_FULL and SQLITE_IOERR are left out, because the file is not at fault.
 */
const DAMAGED_FILE_CODES = new Set(['SQLITE_ERROR', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB', 'SQLITE_MISMATCH', 'SQLITE_SCHEMA']);

/** Returns whether `error` is an SQLite error that a damaged or outside-edited vault file causes. */
export function isDamagedFileError(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return false;
  return DAMAGED_FILE_CODES.has(String((error as { code?: unknown }).code));
}

/** Maps an SQLite error caused by a damaged file to `vault-corrupt`; returns other errors unchanged. */
export function translateSqliteError(error: unknown, path: string): unknown {
  if (!isDamagedFileError(error)) return error;
  return vaultCorrupt(path, `SQLite failed to read it (${(error as Error).message}), so it was changed outside Butterfly or damaged`, error);
}

export function vaultClosed(): VaultError {
  return new VaultError('vault-closed', 'The vault is closed. Open it again with Vault.open before using it.');
}

/**
 * A value read back from the vault failed to decrypt (`decrypt-failed`) or has the wrong type,
 * length or shape (`invalid-row`). `where` names the row and column, such as `snapshot 12 label`.
 */
export class StoredValueError extends VaultError {
  constructor(
    code: 'decrypt-failed' | 'invalid-row',
    readonly where: string,
    /** The problem with the value, without the advice that the message adds. */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(code, `The vault's ${where} is damaged: ${problem}. Run the vault verification to list every damaged value.`, options);
    this.name = 'StoredValueError';
  }
}

export function decryptFailed(where: string): StoredValueError {
  return new StoredValueError('decrypt-failed', where, 'it fails to decrypt, because its bytes were changed or it was moved from another row');
}

export function invalidRow(where: string, problem: string, cause?: unknown): StoredValueError {
  return new StoredValueError('invalid-row', where, problem, { cause });
}

export function invalidSnapshotInput(problem: string, cause?: unknown): VaultError {
  return new VaultError('invalid-snapshot-input', `The snapshot was not stored because ${problem}. Fix the capture result and store it again.`, { cause });
}

export function invalidConnectionInput(problem: string): VaultError {
  return new VaultError('invalid-connection-input', `The connection was not saved because ${problem}.`);
}

export function snapshotNotFound(id: number): VaultError {
  return new VaultError('snapshot-not-found', `Snapshot ${id} is not in the vault. List the snapshots to find its id.`);
}

export function connectionExists(name: string): VaultError {
  return new VaultError(
    'connection-exists',
    `A connection named "${name}" already exists. Choose another name, or pass --replace to overwrite it.`,
  );
}

/** `reference` is either `named "<name>"` or `with id <id>`. */
export function connectionNotFound(reference: string): VaultError {
  return new VaultError('connection-not-found', `No connection ${reference} is in the vault. List the connections to see their names.`);
}

export function connectionHasSnapshots(name: string, snapshotCount: number): VaultError {
  return new VaultError(
    'connection-has-snapshots',
    `The connection "${name}" has ${snapshotCount} snapshots, so it cannot be deleted: every snapshot is part of the vault's hash chain, and removing one would break the chain. Keep the connection, and save it again with --replace to change its org URL or sign-in settings.`,
  );
}

export function connectionHasRestores(name: string, restoreCount: number): VaultError {
  return new VaultError(
    'connection-has-restores',
    `The connection "${name}" has ${restoreCount} restores in its journal, so it cannot be deleted: restores are audit evidence. Keep the connection, and save it again with --replace to change its org URL or sign-in settings.`,
  );
}

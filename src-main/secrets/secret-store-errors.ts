/**
 * Errors of the secret stores and the vault key. Each class has a stable `code` that callers
 * and tests match on. Messages name accounts, files and settings, and never contain a secret.
 */
export abstract class SecretStoreError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The OS keychain cannot be reached, is locked, or rejected access. */
export class SecretStoreUnavailableError extends SecretStoreError {
  readonly code = 'SECRET_STORE_UNAVAILABLE';
}

/** The OS keychain was reachable but an operation on one entry failed. */
export class SecretStoreOperationError extends SecretStoreError {
  readonly code = 'SECRET_STORE_OPERATION_FAILED';
}

/** `BUTTERFLY_SECRET_STORE` has a value that names no store. */
export class UnknownSecretStoreError extends SecretStoreError {
  readonly code = 'SECRET_STORE_UNKNOWN';
}

/** The passphrase key file is in use but no passphrase source is available. */
export class PassphraseMissingError extends SecretStoreError {
  readonly code = 'PASSPHRASE_MISSING';
}

/** The passphrase given is empty, or too short for a new key file. */
export class PassphraseInvalidError extends SecretStoreError {
  readonly code = 'PASSPHRASE_INVALID';
}

/** AES-GCM authentication of the key file failed, because the passphrase is wrong or the file was modified. */
export class WrongPassphraseError extends SecretStoreError {
  readonly code = 'PASSPHRASE_WRONG';
}

/** A key file that Butterfly cannot read, because of bad JSON, an unknown version or invalid fields. */
export class KeyFileInvalidError extends SecretStoreError {
  readonly code = 'KEY_FILE_INVALID';
}

/** Reading or writing the key file failed at the file-system level. */
export class KeyFileAccessError extends SecretStoreError {
  readonly code = 'KEY_FILE_ACCESS_FAILED';
}

/** The vault key in the secret store is not a base64-encoded 256-bit key. */
export class VaultKeyInvalidError extends SecretStoreError {
  readonly code = 'VAULT_KEY_INVALID';
}

/** A new vault key was written but reading it back did not return the same key. */
export class VaultKeyNotStoredError extends SecretStoreError {
  readonly code = 'VAULT_KEY_NOT_STORED';
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomically } from './atomic-file.js';
import {
  DEFAULT_SCRYPT_PARAMETERS,
  MINIMUM_SCRYPT_PARAMETERS,
  SALT_BYTES,
  deriveFileKey,
  seal,
  unseal,
  type ScryptParameters,
} from './key-file-crypto.js';
import {
  keyFileAdditionalData,
  parseKeyFile,
  parseSecrets,
  serializeKeyFile,
  serializeSecrets,
  type KeyFile,
  type KeyFileKdf,
} from './key-file-format.js';
import type { SecretStore } from './secret-store.js';
import {
  KeyFileAccessError,
  PassphraseInvalidError,
  PassphraseMissingError,
  WrongPassphraseError,
} from './secret-store-errors.js';

/** File name of the key file inside the data folder. */
export const KEY_FILE_NAME = 'secrets.key';

/** Minimum length of the passphrase for a new key file, in characters, because it guards every secret against offline guessing. */
export const MINIMUM_NEW_PASSPHRASE_LENGTH = 12;

const KEY_FILE_MODE = 0o600;

export interface PassphraseRequest {
  keyFile: string;
  /** True when the passphrase will create the key file, so the prompt should ask for it twice. */
  creating: boolean;
}

/** Asks the user for the passphrase, for example on a terminal without echo. Rejects if the user cancels. */
export type PassphrasePrompt = (request: PassphraseRequest) => Promise<string>;

export interface PassphraseSecretStoreOptions {
  keyFile: string;
  /** Passphrase given up front, from BUTTERFLY_PASSPHRASE. It takes precedence over the prompt. */
  passphrase?: string;
  promptPassphrase?: PassphrasePrompt;
  /**
   * Test only: scrypt parameters for new files and the minimum accepted when reading. Real use
   * keeps the defaults, because weaker parameters make the passphrase cheaper to guess.
   */
  scryptParametersForTests?: ScryptParameters;
}

interface CachedKey {
  kdf: KeyFileKdf;
  key: Buffer;
}

/**
 * Secrets in one file, encrypted with AES-256-GCM under a key derived from a passphrase with
 * scrypt. The user opts in to it with BUTTERFLY_SECRET_STORE=passphrase when no OS keychain is
 * usable. The key is derived on first use and then kept in this object's memory only.
 *
 * Operations of one store run one at a time. NOTE: two processes writing the same file at once
 * can lose one of the writes, because the file is read, changed and replaced as a whole.
 */
export class PassphraseSecretStore implements SecretStore {
  readonly description: string;
  private readonly keyFile: string;
  private readonly passphrase: string | undefined;
  private readonly promptPassphrase: PassphrasePrompt | undefined;
  private readonly newFileParameters: ScryptParameters;
  private readonly minimumParameters: ScryptParameters;
  private cachedKey: CachedKey | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: PassphraseSecretStoreOptions) {
    this.keyFile = options.keyFile;
    this.passphrase = options.passphrase;
    this.promptPassphrase = options.promptPassphrase;
    this.newFileParameters = options.scryptParametersForTests ?? DEFAULT_SCRYPT_PARAMETERS;
    this.minimumParameters = options.scryptParametersForTests ?? MINIMUM_SCRYPT_PARAMETERS;
    this.description = `passphrase key file ${this.keyFile}`;
  }

  get(account: string): Promise<string | undefined> {
    return this.runExclusively(async () => {
      const secrets = await this.readSecrets();
      return secrets?.get(account);
    });
  }

  set(account: string, value: string): Promise<void> {
    return this.runExclusively(async () => {
      const secrets = (await this.readSecrets()) ?? new Map<string, string>();
      secrets.set(account, value);
      await this.writeSecrets(secrets);
    });
  }

  delete(account: string): Promise<void> {
    return this.runExclusively(async () => {
      const secrets = await this.readSecrets();
      if (secrets === undefined || !secrets.delete(account)) return;
      await this.writeSecrets(secrets);
    });
  }

  private runExclusively<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Reads and decrypts the file, or returns undefined when there is no file yet. */
  private async readSecrets(): Promise<Map<string, string> | undefined> {
    const text = await this.readKeyFileText();
    if (text === undefined) return undefined;

    const keyFile = parseKeyFile(text, this.keyFile, this.minimumParameters);
    const additionalData = keyFileAdditionalData(keyFile.kdf);

    if (this.cachedKey !== undefined && sameKdf(this.cachedKey.kdf, keyFile.kdf)) {
      return this.decrypt(keyFile, this.cachedKey.key, additionalData);
    }

    const passphrase = await this.obtainPassphrase(false);
    const key = await deriveFileKey(passphrase, keyFile.kdf.salt, keyFile.kdf);
    const secrets = this.decrypt(keyFile, key, additionalData);
    this.cachedKey = { kdf: keyFile.kdf, key };
    return secrets;
  }

  private decrypt(keyFile: KeyFile, key: Buffer, additionalData: Buffer): Map<string, string> {
    const plaintext = unseal(keyFile.sealed, key, additionalData);
    if (plaintext === undefined) {
      throw new WrongPassphraseError(
        `The passphrase does not decrypt the key file ${this.keyFile}, so it is wrong or the file was changed. ` +
          'Enter the passphrase that was used when the file was created.',
      );
    }
    return parseSecrets(plaintext, this.keyFile);
  }

  /** Encrypts all secrets under the cached key (creating one for a new file) and replaces the file. */
  private async writeSecrets(secrets: Map<string, string>): Promise<void> {
    const { kdf, key } = this.cachedKey ?? (await this.createKey());
    const sealed = seal(serializeSecrets(secrets), key, keyFileAdditionalData(kdf));
    const content = serializeKeyFile({ kdf, sealed });

    try {
      await mkdir(dirname(this.keyFile), { recursive: true, mode: 0o700 });
      await writeFileAtomically(this.keyFile, content, KEY_FILE_MODE);
    } catch (error) {
      throw new KeyFileAccessError(
        `Failed to write the key file ${this.keyFile} (${describeFileError(error)}). The previous file, if any, is unchanged. ` +
          'Check free space and the permissions of its folder, then retry.',
        { cause: error },
      );
    }
  }

  private async createKey(): Promise<CachedKey> {
    const passphrase = await this.obtainPassphrase(true);
    const characterCount = [...passphrase].length;
    if (characterCount < MINIMUM_NEW_PASSPHRASE_LENGTH) {
      throw new PassphraseInvalidError(
        `The passphrase for the new key file ${this.keyFile} is too short (${characterCount} characters). ` +
          `Choose one of at least ${MINIMUM_NEW_PASSPHRASE_LENGTH} characters.`,
      );
    }

    const kdf: KeyFileKdf = { algorithm: 'scrypt', ...this.newFileParameters, salt: randomBytes(SALT_BYTES) };
    const key = await deriveFileKey(passphrase, kdf.salt, kdf);
    this.cachedKey = { kdf, key };
    return this.cachedKey;
  }

  private async obtainPassphrase(creating: boolean): Promise<string> {
    let passphrase = this.passphrase;
    if (passphrase === undefined && this.promptPassphrase !== undefined) {
      passphrase = await this.promptPassphrase({ keyFile: this.keyFile, creating });
    }

    if (passphrase === undefined) {
      throw new PassphraseMissingError(
        `No passphrase for the key file ${this.keyFile}. Set BUTTERFLY_PASSPHRASE for scripts, or run Butterfly ` +
          'in a terminal so that it can prompt for the passphrase.',
      );
    }
    if (passphrase.length === 0) {
      throw new PassphraseInvalidError(`The passphrase for the key file ${this.keyFile} is empty. Enter the passphrase, or set BUTTERFLY_PASSPHRASE to it.`);
    }
    return passphrase;
  }

  private async readKeyFileText(): Promise<string | undefined> {
    try {
      return await readFile(this.keyFile, 'utf8');
    } catch (error) {
      if (isNodeError(error) && error.code === 'ENOENT') return undefined;
      throw new KeyFileAccessError(
        `Failed to read the key file ${this.keyFile} (${describeFileError(error)}). Check that the current user owns it and can read it.`,
        { cause: error },
      );
    }
  }
}

function sameKdf(left: KeyFileKdf, right: KeyFileKdf): boolean {
  return left.N === right.N && left.r === right.r && left.p === right.p && left.salt.equals(right.salt);
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && 'code' in error;
}

function describeFileError(error: unknown): string {
  if (isNodeError(error) && error.code !== undefined) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

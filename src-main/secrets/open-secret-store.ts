import { join } from 'node:path';
import { KeyringSecretStore } from './keyring-secret-store.js';
import { KEY_FILE_NAME, PassphraseSecretStore, type PassphrasePrompt } from './passphrase-secret-store.js';
import { VAULT_KEY_ACCOUNT, type SecretStore } from './secret-store.js';
import { UnknownSecretStoreError } from './secret-store-errors.js';

/** Values of BUTTERFLY_SECRET_STORE. Unset or empty means `keychain`. */
export const SECRET_STORE_CHOICES = ['keychain', 'passphrase'] as const;

export interface OpenSecretStoreOptions {
  /** The data folder (see resolveDataFolder), which contains the passphrase key file. */
  home: string;
  /** Environment to read BUTTERFLY_SECRET_STORE and BUTTERFLY_PASSPHRASE from, usually process.env. */
  env: NodeJS.ProcessEnv;
  /** Asks the user for the key file's passphrase when BUTTERFLY_PASSPHRASE is not set. */
  promptPassphrase?: PassphrasePrompt;
  /** Keychain service name; tests pass their own. Defaults to `butterfly`. */
  keyringService?: string;
}

/**
 * Opens the secret store that BUTTERFLY_SECRET_STORE selects, which is the OS keychain by
 * default, or the passphrase key file `<home>/secrets.key` when the user opts in with
 * `passphrase`. There is no silent fallback, so an unusable keychain is an error and never a
 * switch to another store.
 *
 * Throws UnknownSecretStoreError for any other value, and SecretStoreUnavailableError when the
 * keychain cannot be reached.
 */
export async function openSecretStore(options: OpenSecretStoreOptions): Promise<SecretStore> {
  const choice = options.env['BUTTERFLY_SECRET_STORE'];

  if (choice === undefined || choice === '' || choice === 'keychain') {
    return openKeychain(options.keyringService);
  }

  if (choice === 'passphrase') {
    return new PassphraseSecretStore({
      keyFile: join(options.home, KEY_FILE_NAME),
      passphrase: options.env['BUTTERFLY_PASSPHRASE'],
      promptPassphrase: options.promptPassphrase,
    });
  }

  throw new UnknownSecretStoreError(
    `BUTTERFLY_SECRET_STORE is ${JSON.stringify(choice)}, which names no secret store. ` +
      `Set it to one of ${SECRET_STORE_CHOICES.map((value) => `"${value}"`).join(', ')}, or unset it to use the OS keychain.`,
  );
}

/**
 * Opens the keychain and reads the vault key's entry once, so that an unreachable keychain fails
 * here with SecretStoreUnavailableError. The probe reads that entry because a locked Secret
 * Service collection returns "not found" for a missing entry. Only for an entry that exists
 * does it prompt the user to unlock, or fail where no prompt can be shown.
 *
 * NOTE: a locked collection without a vault key therefore passes the probe, and the error
 * comes from the first write instead.
 */
async function openKeychain(service: string | undefined): Promise<SecretStore> {
  const store = new KeyringSecretStore({ service });
  await store.get(VAULT_KEY_ACCOUNT);
  return store;
}

import { randomBytes } from 'node:crypto';
import { VAULT_KEY_ACCOUNT, type SecretStore } from './secret-store.js';
import { VaultKeyInvalidError, VaultKeyNotStoredError } from './secret-store-errors.js';

/** Length of the vault key in bytes: a 256-bit AES key. */
export const VAULT_KEY_BYTES = 32;

/** Base64 of exactly 32 bytes: 43 alphabet characters and one padding character. */
const VAULT_KEY_BASE64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** Returns the vault key from the secret store, or undefined when the store has none. */
export async function loadVaultKey(store: SecretStore, account = VAULT_KEY_ACCOUNT): Promise<Buffer | undefined> {
  const stored = await store.get(account);
  return stored === undefined ? undefined : decodeVaultKey(stored, store, account);
}

/**
 * Stores a new random vault key and returns the key that the store then holds. The key is read
 * back because a vault encrypted under a key that the store did not keep could never be opened
 * again. When another writer replaced the entry in between, its key is returned, so the vault
 * is created under the key that stays in the store.
 */
export async function createVaultKey(store: SecretStore, account = VAULT_KEY_ACCOUNT): Promise<Buffer> {
  const key = randomBytes(VAULT_KEY_BYTES);
  await store.set(account, key.toString('base64'));
  key.fill(0);

  const readBack = await store.get(account);
  if (readBack === undefined) {
    throw new VaultKeyNotStoredError(
      `The new vault key was written to the ${store.description} (account '${account}') but reading it back ` +
        'found no entry. Check that the store keeps entries, then retry; no vault was encrypted with this key.',
    );
  }
  return decodeVaultKey(readBack, store, account);
}

function decodeVaultKey(stored: string, store: SecretStore, account: string): Buffer {
  // The message describes the stored value's shape but never includes it.
  if (!VAULT_KEY_BASE64.test(stored)) {
    throw new VaultKeyInvalidError(
      `The vault key in the ${store.description} (account '${account}') is not a base64-encoded ` +
        `${VAULT_KEY_BYTES * 8}-bit key (${stored.length} characters). It was changed outside Butterfly: put the ` +
        'original key back, for example from the recovery kit, because the vault cannot be decrypted without it.',
    );
  }
  return Buffer.from(stored, 'base64');
}

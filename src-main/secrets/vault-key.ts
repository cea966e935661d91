import { randomBytes } from 'node:crypto';
import { VAULT_KEY_ACCOUNT, type SecretStore } from './secret-store.js';
import { VaultKeyInvalidError, VaultKeyNotStoredError } from './secret-store-errors.js';

/** Length of the vault key in bytes: a 256-bit AES key. */
export const VAULT_KEY_BYTES = 32;

/** Base64 of exactly 32 bytes: 43 alphabet characters and one padding character. */
const VAULT_KEY_BASE64 = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/**
 * Returns the vault key from the secret store, creating a random one on first use. A new key
 * is read back before it is returned, because a vault encrypted under a key that the store did
 * not keep could never be opened again.
 */
export async function loadOrCreateVaultKey(store: SecretStore): Promise<Buffer> {
  const stored = await store.get(VAULT_KEY_ACCOUNT);
  if (stored !== undefined) return decodeVaultKey(stored, store);

  const key = randomBytes(VAULT_KEY_BYTES);
  await store.set(VAULT_KEY_ACCOUNT, key.toString('base64'));

  const readBack = await store.get(VAULT_KEY_ACCOUNT);
  if (readBack === undefined || !decodeVaultKey(readBack, store).equals(key)) {
    throw new VaultKeyNotStoredError(
      `The new vault key was written to the ${store.description} (account '${VAULT_KEY_ACCOUNT}') but did not read back ` +
        'unchanged. Check that the store keeps entries, then retry; no vault was encrypted with this key.',
    );
  }
  return key;
}

function decodeVaultKey(stored: string, store: SecretStore): Buffer {
  // The message describes the stored value's shape but never includes it.
  if (!VAULT_KEY_BASE64.test(stored)) {
    throw new VaultKeyInvalidError(
      `The vault key in the ${store.description} (account '${VAULT_KEY_ACCOUNT}') is not a base64-encoded ` +
        `${VAULT_KEY_BYTES * 8}-bit key (${stored.length} characters). It was changed outside Butterfly: put the ` +
        'original key back, for example from the recovery kit, because the vault cannot be decrypted without it.',
    );
  }
  return Buffer.from(stored, 'base64');
}

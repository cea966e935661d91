import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Length of the vault key and of every derived subkey, in bytes. */
export const VAULT_KEY_BYTES = 32;

/** Length of the per-vault HKDF salt stored in the meta table, in bytes. */
export const KDF_SALT_BYTES = 32;

/** Length of every SHA-256 and HMAC-SHA256 value the vault stores, in bytes. */
export const DIGEST_BYTES = 32;

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** First byte of every sealed value. A later format gets a new byte, so old rows still open. */
const SEALED_FORMAT_V1 = 0x01;

/** The smallest sealed value: format byte, nonce and tag around an empty plaintext. */
export const MIN_SEALED_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

/**
 * Subkeys derived from the vault key, one per purpose, so a key used for HMAC never also
 * encrypts, and none of them can be turned back into the vault key.
 */
export interface VaultKeys {
  /** AES-256-GCM key for every sealed column. */
  encryption: Buffer;
  /** HMAC-SHA256 key that names resource blobs by their content. */
  contentAddress: Buffer;
  /** HMAC-SHA256 key for the connection-name index, so names are found without storing them. */
  nameIndex: Buffer;
  /** HMAC-SHA256 key for the key check value that detects a wrong vault key at open. */
  keyCheck: Buffer;
  /** HMAC-SHA256 key for the chain head value, which detects a re-chained or truncated history. */
  chainHead: Buffer;
}

/**
 * Derives the subkeys with HKDF-SHA256 from the 32-byte vault key and the vault's random salt.
 * The info string names the purpose and the format version of each subkey.
 */
export function deriveVaultKeys(vaultKey: Uint8Array, salt: Uint8Array): VaultKeys {
  const derive = (purpose: string): Buffer =>
    Buffer.from(hkdfSync('sha256', vaultKey, salt, `butterfly-vault/v1/${purpose}`, VAULT_KEY_BYTES));

  return {
    encryption: derive('aes-256-gcm'),
    contentAddress: derive('content-address'),
    nameIndex: derive('name-index'),
    keyCheck: derive('key-check'),
    chainHead: derive('chain-head'),
  };
}

/**
 * Encrypts a value with AES-256-GCM under a fresh random 96-bit nonce. `binding` names the row
 * and column the value belongs to (`snapshot:12:label`). It is authenticated as additional data,
 * so the sealed value opens only with the same binding. Layout: format byte, nonce, ciphertext, tag.
 */
export function sealValue(key: Buffer, plaintext: Uint8Array, binding: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.from([SEALED_FORMAT_V1]);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header, binding));

  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);

  return Buffer.concat([header, nonce, ciphertext, cipher.getAuthTag()]);
}

/**
 * Decrypts a value written by `sealValue` with the same binding. Returns undefined when the
 * value is too short, has an unknown format byte, or fails authentication (a changed byte, a
 * wrong key, or a value moved from another row). It never returns unauthenticated bytes.
 */
export function openSealedValue(key: Buffer, sealed: Uint8Array, binding: string): Buffer | undefined {
  if (sealed.length < MIN_SEALED_BYTES) return undefined;
  if (sealed[0] !== SEALED_FORMAT_V1) return undefined;

  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
  const header = bytes.subarray(0, 1);
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const ciphertext = bytes.subarray(1 + NONCE_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);

  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(header, binding));
  decipher.setAuthTag(tag);

  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    // GCM reports every authentication failure the same way, and the caller names the row.
    return undefined;
  }
}

function additionalData(header: Buffer, binding: string): Buffer {
  return Buffer.concat([header, Buffer.from(binding, 'utf8')]);
}

/** Computes HMAC-SHA256 of UTF-8 text or bytes. */
export function hmacSha256(key: Buffer, data: string | Uint8Array): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** Computes SHA-256 of UTF-8 text or bytes. */
export function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** Compares two digests in constant time. Digests of different lengths are unequal. */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Computes the key check value stored in a vault: an HMAC of a fixed text under the key-check subkey. */
export function computeKeyCheck(keys: VaultKeys): Buffer {
  return hmacSha256(keys.keyCheck, 'butterfly-vault/v1/key-check-value');
}

import type { Database } from 'better-sqlite3';
import { computeKeyCheck, deriveVaultKeys, digestsEqual, hmacSha256, KDF_SALT_BYTES, type VaultKeys } from './vault-crypto.js';
import { invalidRow, vaultCorrupt, vaultKeyMismatch } from './vault-errors.js';
import { GENESIS_CHAIN_HASH } from './snapshot-hashes.js';

type MetaKey = 'kdf-salt' | 'key-check' | 'chain-head';

export function readMeta(db: Database, key: MetaKey): Buffer | undefined {
  const value: unknown = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key);
  if (value === undefined) return undefined;
  if (!Buffer.isBuffer(value)) throw invalidRow(`meta ${key}`, 'the value is not bytes');
  return value;
}

function writeMeta(db: Database, key: MetaKey, value: Buffer): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * Derives the subkeys and checks them against the vault's key check value. A vault that has no
 * key check value yet (new, or interrupted before its first open finished) and contains no data
 * gets one for this key, together with the chain head of an empty chain. Throws
 * `vault-key-mismatch` for a wrong key and `vault-corrupt` when the salt or key check is missing
 * from a vault that contains data.
 */
export function unlockVault(db: Database, path: string, vaultKey: Uint8Array): VaultKeys {
  const salt = readMeta(db, 'kdf-salt');
  if (salt?.length !== KDF_SALT_BYTES) throw vaultCorrupt(path, 'the key derivation salt is missing or not 32 bytes');

  const keys = deriveVaultKeys(vaultKey, salt);
  const storedCheck = readMeta(db, 'key-check');

  if (storedCheck === undefined) {
    if (vaultHoldsData(db)) throw vaultCorrupt(path, 'the key check value is missing from a vault that contains data');
    db.transaction(() => {
      writeMeta(db, 'key-check', computeKeyCheck(keys));
      writeChainHead(db, keys, 0, GENESIS_CHAIN_HASH);
    }).immediate();
    return keys;
  }

  if (!digestsEqual(storedCheck, computeKeyCheck(keys))) throw vaultKeyMismatch(path);
  return keys;
}

function vaultHoldsData(db: Database): boolean {
  const found = db
    .prepare('SELECT EXISTS (SELECT 1 FROM connections) OR EXISTS (SELECT 1 FROM snapshots) OR EXISTS (SELECT 1 FROM blobs)')
    .pluck()
    .get();
  return found === 1;
}

/**
 * Computes the chain head value: an HMAC under the chain-head subkey of the snapshot count and
 * the last chain hash. The chain hashes themselves are plain SHA-256, so anyone who can write
 * the file could delete a snapshot and recompute every later hash. Without the vault key they
 * cannot also produce this value, so `verify` detects such a rewrite and a truncated tail.
 */
export function computeChainHead(keys: VaultKeys, snapshotCount: number, lastChainHash: Buffer): Buffer {
  return hmacSha256(keys.chainHead, `${snapshotCount}:${lastChainHash.toString('hex')}`);
}

/** Stores the chain head value. Call it inside the transaction that adds a snapshot. */
export function writeChainHead(db: Database, keys: VaultKeys, snapshotCount: number, lastChainHash: Buffer): void {
  writeMeta(db, 'chain-head', computeChainHead(keys, snapshotCount, lastChainHash));
}

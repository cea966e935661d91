import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import { Vault } from '../../src-main/vault/vault.js';
import { testKey } from './vault-test-data.js';

export { groupResource, groupResources, makeCapture, ORG_URL, saveTestConnection, testKey } from './vault-test-data.js';

/** Returns a fresh directory under the system temp directory, removed after the current test. */
export function useTempDir(): () => string {
  const directories: string[] = [];
  afterEach(() => {
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    const directory = mkdtempSync(join(tmpdir(), 'butterfly-vault-'));
    directories.push(directory);
    return directory;
  };
}

/** Opens a vault at `path` with the test key. */
export function openTestVault(path: string, key = testKey()): Vault {
  return Vault.open({ path, vaultKey: key });
}

/** Opens the vault file directly, bypassing the vault, to inspect or tamper with rows. The vault must be closed. */
export function openRawDatabase(path: string): Database {
  const db = new BetterSqlite3(path);
  db.pragma('foreign_keys = ON');
  return db;
}

/** Returns a copy of `bytes` with the byte at `position` inverted; a negative position counts from the end. */
export function flipByte(bytes: Buffer, position: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = position < 0 ? copy.length + position : position;
  copy[index] = (copy[index] ?? 0) ^ 0xff;
  return copy;
}

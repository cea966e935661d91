import { spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../src-main/vault/vault.js';
import { groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, testKey, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();
const openFixture = fileURLToPath(new URL('./fixtures/open-vault.ts', import.meta.url));

/** Opens the vault from a separate process and returns what it printed: `opened` or an error code. */
function openFromAnotherProcess(path: string): string {
  const result = spawnSync('npx', ['tsx', openFixture, path], {
    env: { ...process.env, BUTTERFLY_TEST_VAULT_KEY: testKey().toString('hex') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return `${result.stdout.trim()}${result.stderr.trim() === '' ? '' : ` (stderr: ${result.stderr.trim()})`}`;
}

function vaultWithSnapshot(): string {
  const path = join(tempDir(), 'vault.db');
  const vault = openTestVault(path);
  const connectionId = saveTestConnection(vault).id;
  vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(200)), trigger: 'manual' });
  vault.close();
  return path;
}

describe('vault open', () => {
  it('creates a new vault file', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);

    expect(existsSync(path)).toBe(true);
    expect(vault.listConnections()).toEqual([]);
    expect(vault.verify().problems).toEqual([]);
    vault.close();
  });

  it('rejects a wrong key', () => {
    const path = vaultWithSnapshot();

    expect(() => openTestVault(path, testKey('another key'))).toThrow(expect.objectContaining({ code: 'vault-key-mismatch' }));
    expect(() => openTestVault(path, testKey('another key'))).toThrow(/does not match/);
  });

  it('rejects a key of the wrong length', () => {
    const path = join(tempDir(), 'vault.db');

    expect(() => Vault.open({ path, vaultKey: Buffer.alloc(16) })).toThrow(expect.objectContaining({ code: 'invalid-vault-key' }));
    expect(existsSync(path)).toBe(false);
  });

  it('rejects a second writer in-process', () => {
    const path = vaultWithSnapshot();
    const first = openTestVault(path);

    expect(() => openTestVault(path)).toThrow(expect.objectContaining({ code: 'vault-locked' }));
    expect(() => openTestVault(path)).toThrow(/Another Butterfly is using the vault/);
    first.close();
    openTestVault(path).close();
  });

  it('rejects a second writer process', () => {
    const path = vaultWithSnapshot();
    const first = openTestVault(path);

    expect(openFromAnotherProcess(path)).toBe('vault-locked');
    first.close();
    expect(openFromAnotherProcess(path)).toBe('opened');
  });

  it('rejects a newer schema', () => {
    const path = vaultWithSnapshot();
    const raw = openRawDatabase(path);
    raw.pragma('user_version = 99');
    raw.close();

    expect(() => openTestVault(path)).toThrow(expect.objectContaining({ code: 'vault-too-new' }));
    expect(() => openTestVault(path)).toThrow(/schema version 99.*Update Butterfly/);
  });

  it('rejects a file that is not SQLite', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'These are not the droids you are looking for.\n'.repeat(100));

    expect(() => openTestVault(path)).toThrow(expect.objectContaining({ code: 'not-a-vault' }));
  });

  it('rejects another program database', () => {
    const path = join(tempDir(), 'other.db');
    const raw = openRawDatabase(path);
    raw.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, title TEXT)');
    raw.close();

    expect(() => openTestVault(path)).toThrow(expect.objectContaining({ code: 'not-a-vault' }));
    const after = openRawDatabase(path);
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete');
    after.close();
  });

  it('rejects a foreign application id', () => {
    const path = vaultWithSnapshot();
    const raw = openRawDatabase(path);
    raw.pragma('application_id = 1');
    raw.close();

    expect(() => openTestVault(path)).toThrow(expect.objectContaining({ code: 'not-a-vault' }));
  });

  it('rejects a file failing integrity check', () => {
    const path = vaultWithSnapshot();
    const raw = openRawDatabase(path);
    const rootPage = Number(raw.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'sqlite_autoindex_blobs_1'`).pluck().get());
    const pageSize = Number(raw.pragma('page_size', { simple: true }));
    raw.pragma('journal_mode = DELETE');
    raw.close();

    // Zero the second half of the blob key index's root page: the index no longer matches the table.
    const file = openSync(path, 'r+');
    writeSync(file, Buffer.alloc(pageSize / 2), 0, pageSize / 2, (rootPage - 1) * pageSize + pageSize / 2);
    closeSync(file);

    expect(() => openTestVault(path)).toThrow(expect.objectContaining({ code: 'vault-corrupt' }));
  });

  it('closed vault rejects calls', () => {
    const vault = openTestVault(join(tempDir(), 'vault.db'));
    vault.close();
    vault.close();

    expect(() => vault.listSnapshots()).toThrow(expect.objectContaining({ code: 'vault-closed' }));
  });
});

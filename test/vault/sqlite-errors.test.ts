import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../src-main/vault/vault-errors.js';
import { groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

function vaultWithSnapshot(): { path: string; connectionId: string } {
  const path = join(tempDir(), 'vault.db');
  const vault = openTestVault(path);
  const connectionId = saveTestConnection(vault).id;
  vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(3)), trigger: 'manual' });
  vault.close();
  return { path, connectionId };
}

function editRaw(path: string, sql: string): void {
  const db = openRawDatabase(path);
  db.pragma('foreign_keys = OFF');
  db.exec(sql);
  db.close();
}

/** Runs `action` and returns the VaultError it throws; fails the test for anything else. */
function vaultErrorOf(action: () => unknown): VaultError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    return error as VaultError;
  }
  throw new Error('the action did not throw');
}

describe('vault SQLite errors', () => {
  it.each([-5, -1])('rejects schema version %i', (version) => {
    const { path } = vaultWithSnapshot();
    editRaw(path, `PRAGMA user_version = ${version}`);

    const error = vaultErrorOf(() => openTestVault(path));

    expect(error.code).toBe('vault-corrupt');
    expect(error.message).toContain(path);
    expect(error.message).toContain(`is ${version}`);
    expect(error.message).toContain('Restore the vault file from a backup');
  });

  it('wraps a missing column on read', () => {
    const { path } = vaultWithSnapshot();
    editRaw(path, 'ALTER TABLE snapshot_resources RENAME COLUMN kind TO renamed_kind');
    const vault = openTestVault(path);

    const error = vaultErrorOf(() => vault.readSnapshot(1));
    const problems = vault.verify().problems;
    vault.close();

    expect(error.code).toBe('vault-corrupt');
    expect(error.message).toContain(path);
    expect(error.message).toContain('no such column: r.kind');
    expect(error.message).toContain('Restore the vault file from a backup');
    expect(problems.map((problem) => problem.code)).toContain('integrity-check');
  });

  it('wraps a foreign key mismatch on write', () => {
    const { path, connectionId } = vaultWithSnapshot();
    // A parent table without a unique key on the referenced column makes every foreign key
    // check on snapshots fail with "foreign key mismatch".
    editRaw(path, `
      CREATE TABLE connections_copy AS SELECT * FROM connections;
      DROP TABLE connections;
      ALTER TABLE connections_copy RENAME TO connections;
    `);
    const vault = openTestVault(path);

    const error = vaultErrorOf(() => vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(1)), trigger: 'manual' }));

    expect(error.code).toBe('vault-corrupt');
    expect(error.message).toContain('foreign key mismatch');
    expect(vault.verify().problems.map((problem) => problem.code)).toContain('integrity-check');
    vault.close();
  });
});

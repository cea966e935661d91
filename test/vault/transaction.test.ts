import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

function countRows(path: string, table: string): number {
  const db = openRawDatabase(path);
  const count = Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  db.close();
  return count;
}

describe('vault snapshot transaction', () => {
  it('failed write leaves nothing behind', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;
    const firstSnapshot = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(10)), trigger: 'manual' });
    vault.close();

    // A trigger makes the 300th index row of snapshot 2 fail, after its snapshot row, its
    // sections and many of its blobs are already written inside the transaction.
    const raw = openRawDatabase(path);
    raw.exec(`
      CREATE TRIGGER fail_half_way BEFORE INSERT ON snapshot_resources
      WHEN NEW.snapshot_id = 2 AND (SELECT count(*) FROM snapshot_resources WHERE snapshot_id = 2) >= 299
      BEGIN SELECT RAISE(ABORT, 'injected failure half way through the write'); END;
    `);
    raw.close();

    const reopened = openTestVault(path);
    const failedWrite = (): unknown => reopened.writeSnapshot({ connectionId, captured: makeCapture(groupResources(600, 1)), trigger: 'manual' });

    expect(failedWrite).toThrow(/injected failure/);
    expect(reopened.listSnapshots().map((summary) => summary.id)).toEqual([firstSnapshot.id]);
    expect(reopened.verify().problems).toEqual([]);
    reopened.close();

    expect(countRows(path, 'snapshot_resources')).toBe(10);
    expect(countRows(path, 'snapshot_sections WHERE snapshot_id = 2')).toBe(0);
    expect(countRows(path, 'blobs')).toBe(10);
  });

  it('next write after a failure succeeds', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;

    expect(() => vault.writeSnapshot({ connectionId: 'missing', captured: makeCapture(groupResources(3)), trigger: 'manual' })).toThrow();
    const written = vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(3)), trigger: 'manual' });

    expect(written.id).toBe(1);
    expect(written.previousChainHash).toBe('0'.repeat(64));
    expect(vault.verify().problems).toEqual([]);
    vault.close();
  });
});

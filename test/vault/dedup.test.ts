import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupResource, groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

/** Bytes the tables use inside the file, from SQLite's dbstat view: whole pages, so free space inside pages counts. */
function storedBytes(path: string): Record<'blobs' | 'index' | 'file', number> {
  const db = openRawDatabase(path);
  const pageBytes = (names: string[]): number =>
    Number(db.prepare(`SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN (${names.map(() => '?').join(',')})`).pluck().get(...names));

  const bytes = {
    blobs: pageBytes(['blobs', 'sqlite_autoindex_blobs_1']),
    index: pageBytes(['snapshot_resources']),
    file: Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true })),
  };
  db.close();
  return bytes;
}

function blobCount(path: string): number {
  const db = openRawDatabase(path);
  const count = Number(db.prepare('SELECT count(*) FROM blobs').pluck().get());
  db.close();
  return count;
}

describe('vault content addressing', () => {
  it('unchanged org adds no blobs', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;

    vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(1_000)), trigger: 'manual' });
    vault.close();
    const afterFirst = storedBytes(path);
    const blobsAfterFirst = blobCount(path);

    const reopened = openTestVault(path);
    reopened.writeSnapshot({ connectionId, captured: makeCapture(groupResources(1_000)), trigger: 'manual' });
    reopened.close();
    const afterSecond = storedBytes(path);

    // Printed for the record: the cost of an unchanged snapshot of 1,000 resources.
    console.info(
      `vault dedup, 1,000 group resources: first snapshot file ${afterFirst.file} B (blobs ${afterFirst.blobs} B, index ${afterFirst.index} B); ` +
        `second unchanged snapshot adds ${afterSecond.file - afterFirst.file} B to the file (index ${afterSecond.index - afterFirst.index} B, blobs ${afterSecond.blobs - afterFirst.blobs} B)`,
    );

    expect(blobsAfterFirst).toBe(1_000);
    expect(blobCount(path)).toBe(1_000);
    expect(afterSecond.blobs).toBe(afterFirst.blobs);
    expect(afterSecond.file - afterFirst.file).toBeLessThan(afterFirst.blobs / 10);
  });

  it('one changed resource adds one blob', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;
    const resources = groupResources(50);

    vault.writeSnapshot({ connectionId, captured: makeCapture(resources), trigger: 'manual' });
    resources[7] = groupResource(7, 1);
    const second = vault.writeSnapshot({ connectionId, captured: makeCapture(resources), trigger: 'manual' });

    expect(vault.readSnapshot(second.id).resources[7]).toEqual(groupResource(7, 1));
    vault.close();
    expect(blobCount(path)).toBe(51);
  });

  it('renamed resource gets its own blob', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;

    vault.writeSnapshot({ connectionId, captured: makeCapture([groupResource(1, 0, 'Jira Users')]), trigger: 'manual' });
    const renamed = vault.writeSnapshot({ connectionId, captured: makeCapture([groupResource(1, 0, 'Jira Agents')]), trigger: 'manual' });

    expect(vault.readSnapshot(renamed.id).resources[0]?.name).toBe('Jira Agents');
    vault.close();
    expect(blobCount(path)).toBe(2);
  });
});

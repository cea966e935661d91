import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { VerificationProblem } from '../../src-main/vault/vault-types.js';
import { flipByte, groupResource, groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

interface TamperedVault {
  path: string;
  connectionId: string;
}

/** Builds a closed vault with one connection and three snapshots, each with a label and a failed section. */
function buildVault(): TamperedVault {
  const path = join(tempDir(), 'vault.db');
  const vault = openTestVault(path);
  const connectionId = saveTestConnection(vault).id;

  for (let round = 1; round <= 3; round++) {
    const captured = makeCapture(groupResources(5, round), { 'group-rule': { status: 'failed', count: 0, error: `Timed out in round ${round}` } });
    vault.writeSnapshot({ connectionId, captured, trigger: 'scheduled', label: `Round ${round}` });
  }
  vault.close();
  return { path, connectionId };
}

function tamper(path: string, change: (db: Database) => void): void {
  const db = openRawDatabase(path);
  change(db);
  db.close();
}

function verifyProblems(path: string): VerificationProblem[] {
  const vault = openTestVault(path);
  const { problems } = vault.verify();
  vault.close();
  return problems;
}

function readColumn(db: Database, table: string, column: string, where: string): Buffer {
  return db.prepare(`SELECT ${column} FROM ${table} WHERE ${where}`).pluck().get() as Buffer;
}

function writeColumn(db: Database, table: string, column: string, where: string, value: unknown): void {
  db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(value);
}

function blobKeyPrefix(db: Database, blobId: number): string {
  return readColumn(db, 'blobs', 'key', `id = ${blobId}`).toString('hex').slice(0, 12);
}

/** Sealed columns: table, column, row filter, and how verify names the row (`<id>` is the connection id). */
const sealedColumns: Array<[string, string, string, string]> = [
  ['connections', 'name_sealed', '1 = 1', 'connection <id> name'],
  ['connections', 'org_url_sealed', '1 = 1', 'connection <id> org URL'],
  ['connections', 'auth_sealed', '1 = 1', 'connection <id> auth'],
  ['snapshots', 'org_url_sealed', 'id = 2', 'snapshot 2 org URL'],
  ['snapshots', 'label_sealed', 'id = 2', 'snapshot 2 label'],
  ['snapshot_sections', 'detail_sealed', `snapshot_id = 2 AND kind = 'group-rule'`, 'snapshot 2 section group-rule detail'],
  ['blobs', 'sealed', 'id = 3', 'blob <key>'],
];

/** Byte positions in a sealed value: format byte, nonce, first ciphertext byte, last tag byte. */
const positions: Array<[string, number]> = [['format byte', 0], ['nonce', 6], ['ciphertext', 13], ['tag', -1]];

const flipCases = sealedColumns.flatMap(([table, column, filter, where]) =>
  positions.map(([part, position]) => ({ table, column, filter, where, part, position })),
);

describe('vault verify', () => {
  it('clean vault has no problems', () => {
    const { path } = buildVault();
    const vault = openTestVault(path);
    const report = vault.verify();
    vault.close();

    expect(report.problems).toEqual([]);
    expect(report.snapshotsChecked).toBe(3);
    expect(report.blobsChecked).toBe(15);
    // 3 per connection, 2 per snapshot (org URL and label) and 1 per failed section, plus every blob.
    expect(report.valuesDecrypted).toBe(3 + 3 * 3 + 15);
  });

  it('reports progress per phase', () => {
    const { path } = buildVault();
    const vault = openTestVault(path);
    const phases: string[] = [];
    vault.verify((progress) => {
      if (progress.done === progress.total) phases.push(progress.phase);
    });
    vault.close();

    expect(phases).toEqual(['database', 'connections', 'blobs', 'snapshots']);
  });

  it.each(flipCases)('flipped $part in $table.$column', ({ table, column, filter, where, position }) => {
    const { path, connectionId } = buildVault();
    let expectedWhere = where.replace('<id>', connectionId);
    tamper(path, (db) => {
      expectedWhere = expectedWhere.replace('<key>', blobKeyPrefix(db, 3));
      writeColumn(db, table, column, filter, flipByte(readColumn(db, table, column, filter), position));
    });

    expect(verifyProblems(path)).toContainEqual(expect.objectContaining({ code: 'decrypt-failed', where: expectedWhere }));
  });

  it('reading a flipped blob throws', () => {
    const { path } = buildVault();
    tamper(path, (db) => writeColumn(db, 'blobs', 'sealed', 'id = 3', flipByte(readColumn(db, 'blobs', 'sealed', 'id = 3'), 20)));
    const vault = openTestVault(path);

    expect(() => vault.readSnapshot(1)).toThrow(expect.objectContaining({ code: 'decrypt-failed' }));
    vault.close();
  });

  const moves: Array<[string, (db: Database) => void, string]> = [
    ['label to another snapshot', (db) => writeColumn(db, 'snapshots', 'label_sealed', 'id = 2', readColumn(db, 'snapshots', 'label_sealed', 'id = 1')), 'snapshot 2 label'],
    ['org URL into the label', (db) => writeColumn(db, 'snapshots', 'label_sealed', 'id = 2', readColumn(db, 'snapshots', 'org_url_sealed', 'id = 2')), 'snapshot 2 label'],
    ['section detail to another snapshot', (db) => {
      const detail = readColumn(db, 'snapshot_sections', 'detail_sealed', `snapshot_id = 1 AND kind = 'group-rule'`);
      writeColumn(db, 'snapshot_sections', 'detail_sealed', `snapshot_id = 3 AND kind = 'group-rule'`, detail);
    }, 'snapshot 3 section group-rule detail'],
    ['blob to another blob', (db) => writeColumn(db, 'blobs', 'sealed', 'id = 2', readColumn(db, 'blobs', 'sealed', 'id = 1')), 'blob <key 2>'],
  ];

  it.each(moves)('moved ciphertext: %s', (_name, move, where) => {
    const { path } = buildVault();
    let expectedWhere = where;
    tamper(path, (db) => {
      expectedWhere = expectedWhere.replace('<key 2>', blobKeyPrefix(db, 2));
      move(db);
    });

    expect(verifyProblems(path)).toContainEqual(expect.objectContaining({ code: 'decrypt-failed', where: expectedWhere }));
  });

  it('moved connection name detected', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const first = saveTestConnection(vault, 'Acme Production');
    saveTestConnection(vault, 'Acme Sandbox');
    vault.close();
    tamper(path, (db) => writeColumn(db, 'connections', 'name_sealed', `id <> '${first.id}'`, readColumn(db, 'connections', 'name_sealed', `id = '${first.id}'`)));

    expect(verifyProblems(path)).toEqual([expect.objectContaining({ code: 'decrypt-failed', where: expect.stringMatching(/^connection .+ name$/) })]);
  });

  const plainEdits: Array<[string, (db: Database) => void, Array<[string, string]>]> = [
    ['edited chain hash', (db) => writeColumn(db, 'snapshots', 'chain_hash', 'id = 2', Buffer.alloc(32, 7)), [['chain-broken', 'snapshot 2'], ['chain-broken', 'snapshot 3']]],
    ['edited previous hash', (db) => writeColumn(db, 'snapshots', 'previous_chain_hash', 'id = 2', Buffer.alloc(32, 7)), [['chain-broken', 'snapshot 2'], ['chain-broken', 'snapshot 2']]],
    ['edited content hash', (db) => writeColumn(db, 'snapshots', 'content_hash', 'id = 1', Buffer.alloc(32, 7)), [['content-hash-mismatch', 'snapshot 1'], ['chain-broken', 'snapshot 1']]],
    ['edited finish time', (db) => writeColumn(db, 'snapshots', 'taken_at', 'id = 1', '2020-01-01T00:00:00.000Z'), [['chain-broken', 'snapshot 1']]],
    ['edited complete flag', (db) => writeColumn(db, 'snapshots', 'complete', 'id = 3', 1), [['chain-broken', 'snapshot 3']]],
    ['edited section count', (db) => writeColumn(db, 'snapshot_sections', 'count', `snapshot_id = 2 AND kind = 'group'`, 4), [['content-hash-mismatch', 'snapshot 2']]],
    ['edited resource count', (db) => writeColumn(db, 'snapshots', 'resource_count', 'id = 2', 4), [['count-mismatch', 'snapshot 2']]],
    ['deleted index row', (db) => db.prepare('DELETE FROM snapshot_resources WHERE snapshot_id = 2 AND blob_id = (SELECT min(blob_id) FROM snapshot_resources WHERE snapshot_id = 2)').run(),
      [['count-mismatch', 'snapshot 2'], ['content-hash-mismatch', 'snapshot 2']]],
    ['index row to another blob', (db) => db.prepare('UPDATE snapshot_resources SET blob_id = 15 WHERE snapshot_id = 1 AND blob_id = 1').run(),
      [['index-mismatch', 'snapshot 1 index'], ['content-hash-mismatch', 'snapshot 1']]],
    ['deleted middle snapshot', (db) => db.prepare('DELETE FROM snapshots WHERE id = 2').run(), [['chain-broken', 'snapshot 3'], ['chain-head-mismatch', 'meta chain-head']]],
    ['deleted last snapshot', (db) => db.prepare('DELETE FROM snapshots WHERE id = 3').run(), [['chain-head-mismatch', 'meta chain-head']]],
    ['deleted blob', (db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare('DELETE FROM blobs WHERE id = 1').run();
    }, [['missing-blob', 'snapshot 1 index'], ['integrity-check', 'snapshot_resources']]],
  ];

  it.each(plainEdits)('%s detected', (_name, edit, expected) => {
    const { path } = buildVault();
    tamper(path, edit);
    const problems = verifyProblems(path);

    for (const [code, where] of expected) {
      expect(problems).toContainEqual(expect.objectContaining({ code, where }));
    }
    expect(problems).toHaveLength(expected.length);
  });

  it('re-chained history detected', () => {
    const { path } = buildVault();
    // Someone without the vault key deletes snapshot 2 and recomputes every later chain hash,
    // which are plain SHA-256. Only the keyed chain head can tell.
    tamper(path, (db) => {
      db.prepare('DELETE FROM snapshots WHERE id = 2').run();
      const first = db.prepare('SELECT chain_hash FROM snapshots WHERE id = 1').pluck().get() as Buffer;
      const third = db.prepare('SELECT * FROM snapshots WHERE id = 3').get() as Record<string, unknown>;
      const chainHash = createHash('sha256').update(canonicalJson({
        format: 'butterfly-snapshot-chain/v1',
        previousChainHash: first.toString('hex'),
        contentHash: (third['content_hash'] as Buffer).toString('hex'),
        connectionId: third['connection_id'] as string,
        takenAt: third['taken_at'] as string,
        trigger: third['trigger'] as string,
        complete: third['complete'] === 1,
      })).digest();
      db.prepare('UPDATE snapshots SET previous_chain_hash = ?, chain_hash = ? WHERE id = 3').run(first, chainHash);
    });

    expect(verifyProblems(path)).toEqual([expect.objectContaining({ code: 'chain-head-mismatch' })]);
  });

  it('lists every problem at once', () => {
    const { path } = buildVault();
    tamper(path, (db) => {
      writeColumn(db, 'snapshots', 'label_sealed', 'id = 1', flipByte(readColumn(db, 'snapshots', 'label_sealed', 'id = 1'), 30));
      writeColumn(db, 'snapshots', 'org_url_sealed', 'id = 3', flipByte(readColumn(db, 'snapshots', 'org_url_sealed', 'id = 3'), 30));
      writeColumn(db, 'blobs', 'sealed', 'id = 9', flipByte(readColumn(db, 'blobs', 'sealed', 'id = 9'), 30));
    });

    expect(verifyProblems(path).map((problem) => problem.code)).toEqual(['decrypt-failed', 'decrypt-failed', 'decrypt-failed']);
  });

  it('fixture changes bodies per round', () => {
    // Guards the fixture: groupResources(5, round) must change every body per round, or the
    // blob ids used above would not be one per resource per snapshot.
    expect(groupResource(1, 1).body).not.toEqual(groupResource(1, 2).body);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src-main/vault/vault.js';
import type { VerificationProblem } from '../../src-main/vault/vault-types.js';
import { restoreInput, restoreProbes, setUpRestoreSources } from './restore-journal-data.js';
import { flipByte, openRawDatabase, openTestVault, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

const SECOND_APPROVER = 'Wally Wallaby-Approver';

/**
 * Writes two restores whose fixed plaintext columns are identical, so their sealed values differ
 * only in the row id of their bindings. r1 has four events, a failed status with a detail and a
 * verification. r2 has one event with the same step, type and time as the first event of r1.
 */
function writeRestores(vault: Vault): void {
  const setup = setUpRestoreSources(vault);
  const first = vault.createRestore(restoreInput(setup, 4));
  const second = vault.createRestore(restoreInput(setup, 4, { approvedBy: SECOND_APPROVER }));

  const events = [[1, 'started'], [1, 'succeeded'], [2, 'started'], [2, 'failed']] as const;
  events.forEach(([stepIndex, type], index) => {
    const detail = { request: { method: 'PUT', body: { profile: { name: restoreProbes.eventRequestBody } } }, position: index };
    vault.recordRestoreStep(first.id, { stepIndex, type, detail, at: `2025-04-01T10:0${index + 1}:00.000Z` });
  });
  vault.setRestoreStatus(first.id, 'failed', { step: 2, error: restoreProbes.statusDetail });
  vault.setRestoreVerification(first.id, { residuals: [restoreProbes.verification] });

  vault.recordRestoreStep(second.id, { stepIndex: 1, type: 'started', detail: { position: 'second' }, at: '2025-04-01T10:01:00.000Z' });
  vault.setRestoreStatus(second.id, 'failed', { step: 1, error: 'second restore failed' });
  vault.setRestoreVerification(second.id, { residuals: [] });
}

function buildVault(): string {
  const path = join(tempDir(), 'vault.db');
  const vault = openTestVault(path);
  writeRestores(vault);
  vault.close();
  return path;
}

/** Returns the vault file and its WAL, as they are on disk now. */
function fileBytes(path: string): Buffer {
  const parts = [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));
  return Buffer.concat(parts.map((file) => readFileSync(file)));
}

function tamper(path: string, change: (db: Database) => void): void {
  const db = openRawDatabase(path);
  change(db);
  db.close();
}

function readColumn(db: Database, table: string, column: string, where: string): Buffer {
  return db.prepare(`SELECT ${column} FROM ${table} WHERE ${where}`).pluck().get() as Buffer;
}

function writeColumn(db: Database, table: string, column: string, where: string, value: unknown): void {
  const result = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where}`).run(value);
  expect(result.changes).toBe(1);
}

function withVault<T>(path: string, use: (vault: Vault) => T): T {
  const vault = openTestVault(path);
  try {
    return use(vault);
  } finally {
    vault.close();
  }
}

function verifyProblems(path: string): VerificationProblem[] {
  return withVault(path, (vault) => vault.verify().problems);
}

/** Returns the error `read` throws on the tampered vault, or undefined when it does not throw. */
function readError(path: string, read: (vault: Vault) => unknown): unknown {
  return withVault(path, (vault) => {
    try {
      read(vault);
      return undefined;
    } catch (error) {
      return error;
    }
  });
}

describe('restore journal plaintext scan', () => {
  it.each(Object.entries(restoreProbes))('open vault hides %s', (_name, text) => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    writeRestores(vault);
    const bytes = fileBytes(path);
    vault.close();

    expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
  });

  it.each([...Object.entries(restoreProbes), ['second approver', SECOND_APPROVER]])('closed vault hides %s', (_name, text) => {
    const path = buildVault();

    expect(fileBytes(path).includes(Buffer.from(text, 'utf8'))).toBe(false);
  });

  it('scan finds plaintext columns', () => {
    // Proves the scan reads the journal: statuses and event types are plaintext by design.
    const path = buildVault();
    const bytes = fileBytes(path);

    expect(bytes.includes(Buffer.from('succeeded', 'utf8'))).toBe(true);
    expect(bytes.includes(Buffer.from('2025-04-01T10:04:00.000Z', 'utf8'))).toBe(true);
  });
});

describe('restore journal verify', () => {
  it('clean journal has no problems', () => {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    setUpRestoreSources(vault, 'Acme Other');
    const withoutRestores = vault.verify();
    writeRestores(vault);
    const withRestores = vault.verify();
    vault.close();

    expect(withRestores.problems).toEqual([]);
    // writeRestores adds a connection (name, org URL, auth) and two snapshots (an org URL each).
    // Their resources equal those of the other connection's snapshots, so they add no blobs.
    const connectionValues = 3;
    const snapshotValues = 2;
    // Per restore: plan, approver, status detail and verification, plus one per event (4 + 1).
    const restoreValues = 2 * 4 + 5;
    expect(withRestores.valuesDecrypted - withoutRestores.valuesDecrypted).toBe(connectionValues + snapshotValues + restoreValues);
  });

  const sealedColumns: Array<[string, string, string, string, (vault: Vault) => unknown]> = [
    ['restores', 'plan_sealed', 'id = 1', 'restore r1 plan', (vault) => vault.readRestore('r1')],
    ['restores', 'approved_by_sealed', 'id = 1', 'restore r1 approver', (vault) => vault.listRestores()],
    ['restores', 'status_detail_sealed', 'id = 1', 'restore r1 status detail', (vault) => vault.readRestore('r1')],
    ['restores', 'verification_sealed', 'id = 1', 'restore r1 verification', (vault) => vault.readRestore('r1')],
    ['restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 3', 'restore r1 event 3 detail', (vault) => vault.readRestore('r1')],
  ];

  const positions: Array<[string, number]> = [['format byte', 0], ['nonce', 6], ['ciphertext', 13], ['tag', -1]];
  const flipCases = sealedColumns.flatMap(([table, column, filter, where, read]) =>
    positions.map(([part, position]) => ({ table, column, filter, where, read, part, position })),
  );

  it.each(flipCases)('flipped $part of $where', ({ table, column, filter, where, read, position }) => {
    const path = buildVault();
    tamper(path, (db) => writeColumn(db, table, column, filter, flipByte(readColumn(db, table, column, filter), position)));

    expect(verifyProblems(path)).toEqual([expect.objectContaining({ code: 'decrypt-failed', where })]);
    expect(readError(path, read)).toEqual(expect.objectContaining({ code: 'decrypt-failed', where }));
  });

  const moves: Array<[string, (db: Database) => void, string, (vault: Vault) => unknown]> = [
    ['plan to another restore', (db) => writeColumn(db, 'restores', 'plan_sealed', 'id = 2', readColumn(db, 'restores', 'plan_sealed', 'id = 1')),
      'restore r2 plan', (vault) => vault.readRestore('r2')],
    ['approver to another restore', (db) => writeColumn(db, 'restores', 'approved_by_sealed', 'id = 2', readColumn(db, 'restores', 'approved_by_sealed', 'id = 1')),
      'restore r2 approver', (vault) => vault.listRestores()],
    ['status detail to another restore', (db) => writeColumn(db, 'restores', 'status_detail_sealed', 'id = 2', readColumn(db, 'restores', 'status_detail_sealed', 'id = 1')),
      'restore r2 status detail', (vault) => vault.readRestore('r2')],
    ['verification to another restore', (db) => writeColumn(db, 'restores', 'verification_sealed', 'id = 2', readColumn(db, 'restores', 'verification_sealed', 'id = 1')),
      'restore r2 verification', (vault) => vault.readRestore('r2')],
    ['verification into the status detail', (db) => writeColumn(db, 'restores', 'status_detail_sealed', 'id = 1', readColumn(db, 'restores', 'verification_sealed', 'id = 1')),
      'restore r1 status detail', (vault) => vault.readRestore('r1')],
    ['event to another restore', (db) => {
      const detail = readColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 1');
      writeColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 2 AND sequence = 1', detail);
    }, 'restore r2 event 1 detail', (vault) => vault.readRestore('r2')],
    ['event to another position', (db) => {
      const detail = readColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 1');
      writeColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 2', detail);
    }, 'restore r1 event 2 detail', (vault) => vault.readRestore('r1')],
  ];

  it.each(moves)('moved ciphertext: %s', (_name, move, where, read) => {
    const path = buildVault();
    tamper(path, move);

    expect(verifyProblems(path)).toEqual([expect.objectContaining({ code: 'decrypt-failed', where })]);
    expect(readError(path, read)).toEqual(expect.objectContaining({ code: 'decrypt-failed', where }));
  });

  const boundEdits: Array<[string, (db: Database) => void, string]> = [
    ['event type', (db) => writeColumn(db, 'restore_events', 'type', 'restore_id = 1 AND sequence = 4', 'succeeded'), 'restore r1 event 4 detail'],
    ['event step', (db) => writeColumn(db, 'restore_events', 'step_index', 'restore_id = 1 AND sequence = 3', 1), 'restore r1 event 3 detail'],
    ['event time', (db) => writeColumn(db, 'restore_events', 'at', 'restore_id = 1 AND sequence = 1', '2025-04-01T09:00:00.000Z'), 'restore r1 event 1 detail'],
    ['desired snapshot', (db) => writeColumn(db, 'restores', 'desired_snapshot_id', 'id = 1', 2), 'restore r1 plan'],
    ['pre-restore snapshot', (db) => writeColumn(db, 'restores', 'pre_restore_snapshot_id', 'id = 1', null), 'restore r1 plan'],
    ['step count', (db) => writeColumn(db, 'restores', 'step_count', 'id = 1', 5), 'restore r1 plan'],
    ['creation time', (db) => writeColumn(db, 'restores', 'created_at', 'id = 1', '2025-03-01T10:00:00.000Z'), 'restore r1 plan'],
    ['status with a detail', (db) => writeColumn(db, 'restores', 'status', 'id = 1', 'completed'), 'restore r1 status detail'],
  ];

  it.each(boundEdits)('edited %s detected', (_name, edit, where) => {
    const path = buildVault();
    tamper(path, edit);

    const problems = verifyProblems(path);

    expect(problems).toEqual([expect.objectContaining({ code: 'decrypt-failed', where })]);
    expect(problems[0]?.message).toContain('were changed, or it was moved from another row');
  });

  it('swapped events detected', () => {
    const path = buildVault();
    tamper(path, (db) => {
      writeColumn(db, 'restore_events', 'sequence', 'restore_id = 1 AND sequence = 1', 100);
      writeColumn(db, 'restore_events', 'sequence', 'restore_id = 1 AND sequence = 2', 1);
      writeColumn(db, 'restore_events', 'sequence', 'restore_id = 1 AND sequence = 100', 2);
    });

    expect(verifyProblems(path)).toEqual([
      expect.objectContaining({ code: 'decrypt-failed', where: 'restore r1 event 1 detail' }),
      expect.objectContaining({ code: 'decrypt-failed', where: 'restore r1 event 2 detail' }),
    ]);
  });

  const journalEdits: Array<[string, (db: Database) => void, string]> = [
    ['deleted middle event', (db) => db.prepare('DELETE FROM restore_events WHERE restore_id = 1 AND sequence = 2').run(), 'event 2 is missing'],
    ['deleted last event', (db) => db.prepare('DELETE FROM restore_events WHERE restore_id = 1 AND sequence = 4').run(), 'ends after event 3'],
    ['lowered event count', (db) => writeColumn(db, 'restores', 'event_count', 'id = 1', 3), 'contains 4'],
  ];

  it.each(journalEdits)('%s detected', (_name, edit, problem) => {
    const path = buildVault();
    tamper(path, edit);

    const problems = verifyProblems(path);

    expect(problems).toEqual([expect.objectContaining({ code: 'journal-mismatch', where: 'restore r1 journal' })]);
    expect(problems[0]?.message).toContain(problem);
    expect(readError(path, (vault) => vault.readRestore('r1'))).toEqual(expect.objectContaining({ code: 'invalid-row', where: 'restore r1 journal' }));
  });

  const plainEdits: Array<[string, (db: Database) => void, string]> = [
    ['restore status', (db) => writeColumn(db, 'restores', 'status', 'id = 2', 'paused'), 'restore r2 status'],
    ['update time', (db) => writeColumn(db, 'restores', 'updated_at', 'id = 2', 'yesterday'), 'restore r2 update time'],
    ['event type', (db) => writeColumn(db, 'restore_events', 'type', 'restore_id = 2 AND sequence = 1', 'retried'), 'restore r2 event 1 type'],
    ['event step', (db) => writeColumn(db, 'restore_events', 'step_index', 'restore_id = 2 AND sequence = 1', 9), 'restore r2 event 1 step index'],
  ];

  it.each(plainEdits)('damaged %s detected', (_name, edit, where) => {
    const path = buildVault();
    tamper(path, edit);

    expect(verifyProblems(path)).toEqual([expect.objectContaining({ code: 'invalid-row', where })]);
    expect(readError(path, (vault) => vault.readRestore('r2'))).toEqual(expect.objectContaining({ code: 'invalid-row', where }));
  });

  it('lists every problem at once', () => {
    const path = buildVault();
    tamper(path, (db) => {
      writeColumn(db, 'restores', 'plan_sealed', 'id = 1', flipByte(readColumn(db, 'restores', 'plan_sealed', 'id = 1'), 20));
      writeColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 2', flipByte(readColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 2'), 20));
      writeColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 4', flipByte(readColumn(db, 'restore_events', 'detail_sealed', 'restore_id = 1 AND sequence = 4'), 20));
      writeColumn(db, 'restores', 'verification_sealed', 'id = 2', flipByte(readColumn(db, 'restores', 'verification_sealed', 'id = 2'), 20));
    });

    expect(verifyProblems(path).map((problem) => problem.where)).toEqual([
      'restore r1 plan',
      'restore r1 event 2 detail',
      'restore r1 event 4 detail',
      'restore r2 verification',
    ]);
  });
});

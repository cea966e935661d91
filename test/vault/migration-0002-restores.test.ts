import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001Initial } from '../../src-main/vault/migrations/0001-initial.js';
import { migration0002Restores } from '../../src-main/vault/migrations/0002-restores.js';
import { readUserVersion, runMigrations } from '../../src-main/vault/migrations/run-migrations.js';
import { silentLogger } from '../../src-main/logging/logger.js';
import { restoreInput, setUpRestoreSources } from './restore-journal-data.js';
import { groupResources, makeCapture, openRawDatabase, openTestVault, saveTestConnection, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();

function migratedDatabase(migrations = [migration0001Initial, migration0002Restores]): Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, ':memory:', silentLogger(), migrations);
  return db;
}

function columns(db: Database, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[];
}

/** Lists the schema as SQLite stores it, without the internal sqlite_sequence table. */
function schema(db: Database): string[] {
  return db.prepare(`SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema WHERE name <> 'sqlite_sequence' ORDER BY name`).pluck().all() as string[];
}

const digest = (fill: number): Buffer => Buffer.alloc(32, fill);

/** Inserts a connection `c1`, snapshots 1 and 2, and restore 1 with one event, as raw rows. */
function insertRows(db: Database): void {
  db.prepare(`INSERT INTO connections VALUES ('c1', ?, x'00', 'okta', x'00', x'00', 't')`).run(digest(1));
  for (const id of [1, 2]) {
    db.prepare(
      `INSERT INTO snapshots (id, connection_id, started_at, taken_at, trigger, complete, resource_count, org_url_sealed, content_hash, previous_chain_hash, chain_hash)
       VALUES (?, 'c1', 't0', 't1', 'manual', 1, 0, x'00', ?, ?, ?)`,
    ).run(id, digest(1), digest(0), digest(id));
  }
  insertRestore(db, 1);
  db.prepare(`INSERT INTO restore_events VALUES (1, 1, 1, 'started', 't', x'00')`).run();
}

function insertRestore(db: Database, id: number | null): number {
  const result = db.prepare(
    `INSERT INTO restores (id, connection_id, desired_snapshot_id, pre_restore_snapshot_id, created_at, updated_at, status, step_count, event_count, plan_sealed)
     VALUES (?, 'c1', 1, 2, 't', 't', 'running', 3, 1, x'00')`,
  ).run(id);
  return Number(result.lastInsertRowid);
}

describe('migration 0002 restores', () => {
  it('sets version 2', () => {
    expect(readUserVersion(migratedDatabase())).toBe(2);
  });

  it('creates the journal tables', () => {
    const db = migratedDatabase();

    expect(columns(db, 'restores')).toEqual([
      'id', 'connection_id', 'desired_snapshot_id', 'pre_restore_snapshot_id', 'created_at', 'updated_at', 'status',
      'step_count', 'event_count', 'plan_sealed', 'approved_by_sealed', 'status_detail_sealed', 'verification_sealed',
    ]);
    expect(columns(db, 'restore_events')).toEqual(['restore_id', 'sequence', 'step_index', 'type', 'at', 'detail_sealed']);
  });

  it('leaves the version 1 tables as they were', () => {
    const before = schema(migratedDatabase([migration0001Initial]));
    const after = schema(migratedDatabase());

    expect(after.filter((entry) => !/ restore/.test(entry))).toEqual(before);
  });

  it('accepts a complete set of rows', () => {
    const db = migratedDatabase();
    insertRows(db);

    expect(db.prepare('SELECT count(*) FROM restore_events').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('restore ids are never reused', () => {
    const db = migratedDatabase();
    insertRows(db);
    db.prepare('DELETE FROM restore_events').run();
    db.prepare('DELETE FROM restores').run();

    expect(insertRestore(db, null)).toBe(2);
  });

  const rejected: Array<[string, (db: Database) => void]> = [
    ['negative step count', (db) => db.prepare('UPDATE restores SET step_count = -1').run()],
    ['negative event count', (db) => db.prepare('UPDATE restores SET event_count = -1').run()],
    ['text in a step count', (db) => db.prepare(`UPDATE restores SET step_count = 'three'`).run()],
    ['restore of unknown connection', (db) => db.prepare(`UPDATE restores SET connection_id = 'nobody'`).run()],
    ['unknown desired snapshot', (db) => db.prepare('UPDATE restores SET desired_snapshot_id = 99').run()],
    ['unknown pre-restore snapshot', (db) => db.prepare('UPDATE restores SET pre_restore_snapshot_id = 99').run()],
    ['deleting a restored snapshot', (db) => db.prepare('DELETE FROM snapshots WHERE id = 1').run()],
    ['deleting a connection with a restore', (db) => {
      // c2 has no snapshots, so only its restore keeps it.
      db.prepare(`INSERT INTO connections VALUES ('c2', ?, x'00', 'okta', x'00', x'00', 't')`).run(digest(2));
      db.prepare(`UPDATE restores SET connection_id = 'c2', pre_restore_snapshot_id = NULL`).run();
      db.prepare(`DELETE FROM connections WHERE id = 'c2'`).run();
    }],
    ['deleting a restore with events', (db) => db.prepare('DELETE FROM restores WHERE id = 1').run()],
    ['event of unknown restore', (db) => db.prepare(`INSERT INTO restore_events VALUES (9, 1, 1, 'started', 't', x'00')`).run()],
    ['repeated event number', (db) => db.prepare(`INSERT INTO restore_events VALUES (1, 1, 2, 'started', 't', x'00')`).run()],
    ['event number 0', (db) => db.prepare(`INSERT INTO restore_events VALUES (1, 0, 1, 'started', 't', x'00')`).run()],
    ['step index 0', (db) => db.prepare(`INSERT INTO restore_events VALUES (1, 2, 0, 'started', 't', x'00')`).run()],
    ['event without detail', (db) => db.prepare(`INSERT INTO restore_events VALUES (1, 2, 1, 'started', 't', NULL)`).run()],
  ];

  it.each(rejected)('rejects %s', (_name, change) => {
    const db = migratedDatabase();
    insertRows(db);

    expect(() => change(db)).toThrow(/constraint|cannot store/i);
  });
});

describe('vault upgrade from version 1', () => {
  /**
   * Builds a version 1 vault with a connection and labelled snapshots. The vault is written by
   * this build and then has the tables of migration 0002 dropped and its version set back to 1;
   * the test checks that its schema is then exactly what migration 0001 alone creates.
   */
  function versionOneVault(): { path: string; connectionId: string } {
    const path = join(tempDir(), 'vault.db');
    const vault = openTestVault(path);
    const connectionId = saveTestConnection(vault).id;
    for (let round = 1; round <= 3; round++) {
      vault.writeSnapshot({ connectionId, captured: makeCapture(groupResources(4, round)), trigger: 'scheduled', label: `Round ${round}` });
    }
    vault.close();

    const raw = openRawDatabase(path);
    raw.exec('DROP TABLE restore_events; DROP TABLE restores; PRAGMA user_version = 1;');
    expect(schema(raw)).toEqual(schema(migratedDatabase([migration0001Initial])));
    raw.close();
    return { path, connectionId };
  }

  it('keeps the snapshots and chain', () => {
    const { path } = versionOneVault();
    const before = openRawDatabase(path);
    const chainBefore = before.prepare('SELECT chain_hash FROM snapshots ORDER BY id').pluck().all();
    before.close();

    const vault = openTestVault(path);
    const summaries = vault.listSnapshots();
    const problems = vault.verify().problems;
    const resources = vault.readSnapshot(2).resources;
    vault.close();

    expect(problems).toEqual([]);
    expect(summaries.map((summary) => summary.label)).toEqual(['Round 1', 'Round 2', 'Round 3']);
    expect(summaries.map((summary) => Buffer.from(summary.chainHash, 'hex'))).toEqual(chainBefore);
    expect(resources).toEqual(groupResources(4, 2));
  });

  it('reaches version 2 with an empty journal', () => {
    const { path } = versionOneVault();

    const vault = openTestVault(path);
    const restores = vault.listRestores();
    vault.close();
    const raw = openRawDatabase(path);

    expect(readUserVersion(raw)).toBe(2);
    expect(schema(raw)).toEqual(schema(migratedDatabase()));
    expect(restores).toEqual([]);
    raw.close();
  });

  it('journals a restore of an old snapshot', () => {
    const { path } = versionOneVault();

    const vault = openTestVault(path);
    const setup = { ...setUpRestoreSources(vault), desiredSnapshotId: 1 };
    const record = vault.createRestore(restoreInput(setup, 2));
    vault.recordRestoreStep(record.id, { stepIndex: 1, type: 'succeeded', detail: { status: 200 }, at: '2025-04-01T10:01:00.000Z' });
    const problems = vault.verify().problems;
    vault.close();
    const reopened = openTestVault(path);
    const stored = reopened.readRestore(record.id);
    reopened.close();

    expect(record.id).toBe('r1');
    expect(problems).toEqual([]);
    expect(stored.record.desiredSnapshotId).toBe(1);
    expect(stored.events).toEqual([{ stepIndex: 1, type: 'succeeded', detail: { status: 200 }, at: '2025-04-01T10:01:00.000Z' }]);
  });
});

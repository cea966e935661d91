import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001Initial } from '../../src-main/vault/migrations/0001-initial.js';
import { VAULT_APPLICATION_ID } from '../../src-main/vault/migrations/migration.js';
import { runMigrations } from '../../src-main/vault/migrations/run-migrations.js';
import { silentLogger } from '../../src-main/logging/logger.js';

/** Version 0 is an empty file: there is nothing to carry over, so the test checks what 0001 creates. */
function migratedDatabase(): Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  runMigrations(db, ':memory:', silentLogger(), [migration0001Initial]);
  return db;
}

function columns(db: Database, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[];
}

const digest = (fill: number): Buffer => Buffer.alloc(32, fill);

function insertConnection(db: Database): void {
  db.prepare(`INSERT INTO connections VALUES ('c1', ?, x'00', 'okta', x'00', x'00', '2025-01-01T00:00:00.000Z')`).run(digest(1));
}

function insertSnapshot(db: Database, id: number): void {
  db.prepare(
    `INSERT INTO snapshots (id, connection_id, started_at, taken_at, trigger, complete, resource_count, org_url_sealed, content_hash, previous_chain_hash, chain_hash)
     VALUES (?, 'c1', 't0', 't1', 'manual', 1, 1, x'00', ?, ?, ?)`,
  ).run(id, digest(1), digest(0), digest(id));
}

describe('migration 0001 initial', () => {
  it('sets version and application id', () => {
    const db = migratedDatabase();

    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(VAULT_APPLICATION_ID);
  });

  it('creates the tables and columns', () => {
    const db = migratedDatabase();

    expect(columns(db, 'meta')).toEqual(['key', 'value']);
    expect(columns(db, 'connections')).toEqual(['id', 'name_hmac', 'name_sealed', 'provider', 'org_url_sealed', 'auth_sealed', 'created_at']);
    expect(columns(db, 'blobs')).toEqual(['id', 'key', 'sealed']);
    expect(columns(db, 'snapshots')).toEqual([
      'id', 'connection_id', 'started_at', 'taken_at', 'trigger', 'complete', 'resource_count',
      'org_url_sealed', 'label_sealed', 'content_hash', 'previous_chain_hash', 'chain_hash',
    ]);
    expect(columns(db, 'snapshot_sections')).toEqual(['snapshot_id', 'kind', 'status', 'count', 'detail_sealed']);
    expect(columns(db, 'snapshot_resources')).toEqual(['snapshot_id', 'blob_id', 'kind']);
  });

  it('stores a random salt', () => {
    const salts = [migratedDatabase(), migratedDatabase()].map((db) => db.prepare(`SELECT value FROM meta WHERE key = 'kdf-salt'`).pluck().get() as Buffer);

    expect(salts[0]).toHaveLength(32);
    expect(salts[0]?.equals(salts[1]!)).toBe(false);
  });

  it('accepts a complete set of rows', () => {
    const db = migratedDatabase();
    insertConnection(db);
    insertSnapshot(db, 1);
    db.prepare(`INSERT INTO blobs (key, sealed) VALUES (?, x'00')`).run(digest(9));
    db.prepare(`INSERT INTO snapshot_sections VALUES (1, 'group', 'complete', 1, NULL)`).run();
    db.prepare(`INSERT INTO snapshot_resources VALUES (1, 1, 'group')`).run();

    expect(db.prepare('SELECT count(*) FROM snapshot_resources').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('deleting a snapshot removes its rows', () => {
    const db = migratedDatabase();
    insertConnection(db);
    insertSnapshot(db, 1);
    db.prepare(`INSERT INTO blobs (key, sealed) VALUES (?, x'00')`).run(digest(9));
    db.prepare(`INSERT INTO snapshot_sections VALUES (1, 'group', 'complete', 1, NULL)`).run();
    db.prepare(`INSERT INTO snapshot_resources VALUES (1, 1, 'group')`).run();

    db.prepare('DELETE FROM snapshots WHERE id = 1').run();

    expect(db.prepare('SELECT count(*) FROM snapshot_sections').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM snapshot_resources').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(1);
  });

  it('snapshot ids are never reused', () => {
    const db = migratedDatabase();
    insertConnection(db);
    insertSnapshot(db, 1);
    db.prepare('DELETE FROM snapshots WHERE id = 1').run();

    const next = db.prepare(`INSERT INTO snapshots (connection_id, started_at, taken_at, trigger, complete, resource_count, org_url_sealed, content_hash, previous_chain_hash, chain_hash)
      VALUES ('c1', 't0', 't1', 'manual', 1, 0, x'00', ?, ?, ?)`).run(digest(1), digest(0), digest(5));

    expect(Number(next.lastInsertRowid)).toBe(2);
  });

  const rejected: Array<[string, (db: Database) => void]> = [
    ['short name hash', (db) => db.prepare(`INSERT INTO connections VALUES ('c2', x'01', x'00', 'okta', x'00', x'00', 't')`).run()],
    ['duplicate name hash', (db) => db.prepare(`INSERT INTO connections VALUES ('c2', ?, x'00', 'okta', x'00', x'00', 't')`).run(digest(1))],
    ['short blob key', (db) => db.prepare(`INSERT INTO blobs (key, sealed) VALUES (x'01', x'00')`).run()],
    ['text in a count', (db) => db.prepare(`UPDATE snapshots SET resource_count = 'many' WHERE id = 1`).run()],
    ['negative count', (db) => db.prepare(`UPDATE snapshots SET resource_count = -1 WHERE id = 1`).run()],
    ['complete flag of 2', (db) => db.prepare(`UPDATE snapshots SET complete = 2 WHERE id = 1`).run()],
    ['snapshot of unknown connection', (db) => db.prepare(`UPDATE snapshots SET connection_id = 'nobody' WHERE id = 1`).run()],
    ['deleting a connection in use', (db) => db.prepare(`DELETE FROM connections WHERE id = 'c1'`).run()],
    ['index row of unknown blob', (db) => db.prepare(`INSERT INTO snapshot_resources VALUES (1, 99, 'group')`).run()],
    ['repeated chain hash', (db) => insertSnapshotWithChainHash(db, 1)],
  ];

  function insertSnapshotWithChainHash(db: Database, fill: number): void {
    db.prepare(`INSERT INTO snapshots (connection_id, started_at, taken_at, trigger, complete, resource_count, org_url_sealed, content_hash, previous_chain_hash, chain_hash)
      VALUES ('c1', 't0', 't1', 'manual', 1, 0, x'00', ?, ?, ?)`).run(digest(1), digest(0), digest(fill));
  }

  it.each(rejected)('rejects %s', (_name, change) => {
    const db = migratedDatabase();
    insertConnection(db);
    insertSnapshot(db, 1);

    expect(() => change(db)).toThrow(/constraint|cannot store/i);
  });
});

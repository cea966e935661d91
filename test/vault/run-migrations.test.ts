import BetterSqlite3, { type Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../src-main/vault/migrations/migration.js';
import { LATEST_VAULT_VERSION, readUserVersion, runMigrations, VAULT_MIGRATIONS } from '../../src-main/vault/migrations/run-migrations.js';
import { silentLogger } from '../../src-main/logging/logger.js';

function tableMigration(version: number, table: string): Migration {
  return { version, name: `create-${table}`, up: (db) => db.exec(`CREATE TABLE ${table} (id INTEGER PRIMARY KEY)`) };
}

function tables(db: Database): string[] {
  return db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
}

const migrate = (db: Database, migrations: Migration[]): ReturnType<typeof runMigrations> => runMigrations(db, 'test.db', silentLogger(), migrations);

describe('vault migration runner', () => {
  it('applies pending migrations in order', () => {
    const db = new BetterSqlite3(':memory:');

    const result = migrate(db, [tableMigration(1, 'first'), tableMigration(2, 'second')]);

    expect(result).toEqual({ fromVersion: 0, toVersion: 2 });
    expect(tables(db)).toEqual(['first', 'second']);
  });

  it('skips migrations already applied', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, [tableMigration(1, 'first')]);

    const result = migrate(db, [tableMigration(1, 'first'), tableMigration(2, 'second')]);

    expect(result).toEqual({ fromVersion: 1, toVersion: 2 });
    expect(tables(db)).toEqual(['first', 'second']);
  });

  it('failed migration keeps previous version', () => {
    const db = new BetterSqlite3(':memory:');
    const failing: Migration = {
      version: 2,
      name: 'fails-half-way',
      up: (inner) => {
        inner.exec('CREATE TABLE half (id INTEGER)');
        throw new Error('injected migration failure');
      },
    };

    expect(() => migrate(db, [tableMigration(1, 'first'), failing])).toThrow('injected migration failure');
    expect(readUserVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['first']);
  });

  it('refuses a newer database', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('user_version = 3');

    expect(() => migrate(db, [tableMigration(1, 'first')])).toThrow(expect.objectContaining({ code: 'vault-too-new' }));
    expect(tables(db)).toEqual([]);
  });

  it('rejects a gap in versions', () => {
    const db = new BetterSqlite3(':memory:');

    expect(() => migrate(db, [tableMigration(1, 'first'), tableMigration(3, 'third')])).toThrow(/version 3.*needs 2/);
  });

  it('latest version matches the list', () => {
    expect(LATEST_VAULT_VERSION).toBe(VAULT_MIGRATIONS.length);
  });
});

import type { Database } from 'better-sqlite3';
import type { Logger } from '../../logging/logger.js';
import { vaultTooNew } from '../vault-errors.js';
import { migration0001Initial } from './0001-initial.js';
import { migration0002Restores } from './0002-restores.js';
import type { Migration } from './migration.js';

/** Every migration, in order. A new one is appended here and never inserted before an old one. */
export const VAULT_MIGRATIONS: readonly Migration[] = [migration0001Initial, migration0002Restores];

/** The schema version this build writes: the version of the last migration. */
export const LATEST_VAULT_VERSION = VAULT_MIGRATIONS[VAULT_MIGRATIONS.length - 1]?.version ?? 0;

/** Which versions a run moved the database between; equal when nothing was applied. */
export interface MigrationResult {
  fromVersion: number;
  toVersion: number;
}

/**
 * Brings the database to the last version in `migrations`. Each migration runs in its own
 * transaction together with the `user_version` update, so a failure leaves the database at the
 * previous version. Throws `vault-too-new` when the file is at a version this build does not know.
 */
export function runMigrations(
  db: Database,
  path: string,
  logger: Logger,
  migrations: readonly Migration[] = VAULT_MIGRATIONS,
): MigrationResult {
  checkMigrationOrder(migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const fromVersion = readUserVersion(db);

  if (fromVersion > latest) throw vaultTooNew(path, fromVersion, latest);

  for (const migration of migrations) {
    if (migration.version <= readUserVersion(db)) continue;

    const started = performance.now();
    const apply = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    apply.immediate();
    logger.info(
      { version: migration.version, migration: migration.name, durationMs: Math.round(performance.now() - started) },
      'vault migration applied',
    );
  }

  return { fromVersion, toVersion: readUserVersion(db) };
}

/** Reads `PRAGMA user_version`, the schema version of the vault file (0 for a new file). */
export function readUserVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new TypeError(`PRAGMA user_version returned ${typeof version}, not a number.`);
  return version;
}

function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Vault migration "${migration.name}" has version ${migration.version}, but its place in the list needs ${index + 1}.`);
    }
  });
}

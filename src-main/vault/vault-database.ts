import { closeSync, existsSync, openSync } from 'node:fs';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Logger } from '../logging/logger.js';
import { VAULT_APPLICATION_ID } from './migrations/migration.js';
import { readUserVersion } from './migrations/run-migrations.js';
import { notAVault, vaultCorrupt, vaultLocked } from './vault-errors.js';

/**
 * Time SQLite waits for a lock before giving up, in milliseconds. It is long enough for a
 * Butterfly that is closing to release the vault, and short enough that a second Butterfly
 * reports at once that the vault is in use.
 */
const BUSY_TIMEOUT_MS = 500;

/**
 * Opens the vault's SQLite file as its only user and checks it before anything reads it.
 *
 * Single writer: `locking_mode=EXCLUSIVE` before switching to WAL makes SQLite take an exclusive
 * OS lock on the database file (fcntl on POSIX, LockFileEx on Windows) and keep it until the
 * connection closes. Every other connection, in this process or another, then gets SQLITE_BUSY,
 * which this function reports as `vault-locked`. The operating system drops the lock when the
 * process dies, so a crash never leaves a stale lock behind, unlike a lock file holding a pid.
 * In this mode the WAL index lives in process memory, so no `-shm` file is created.
 *
 * Durability: `synchronous=FULL` syncs the WAL at every commit. With NORMAL a power cut could
 * lose the last snapshots after the app reported them stored. Snapshots are evidence, and a
 * commit happens once per capture, so one more sync per commit is cheap.
 *
 * Throws `vault-locked`, `not-a-vault` or `vault-corrupt`; closes the file before throwing.
 */
export function openVaultDatabase(path: string, logger: Logger): Database {
  const created = createEmptyFile(path);
  const db = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });

  try {
    takeLockAndCheckFile(db, path);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    checkIntegrity(db, path, logger);

    logger.info({ path, created }, 'vault file opened');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Creates a missing vault file with owner-only permissions (0600 on POSIX), so the file and the
 * WAL that SQLite later creates with the same mode are not readable by other local users.
 * Returns whether the file was created.
 */
function createEmptyFile(path: string): boolean {
  if (existsSync(path)) return false;

  try {
    closeSync(openSync(path, 'wx', 0o600));
    return true;
  } catch (error) {
    // Another process created it between the check and the open; SQLite opens it as it is.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Takes the lock with the first read, checks that the file is a vault or empty, and only then
 * switches it to WAL, so opening another program's database by mistake does not change its
 * journal mode.
 */
function takeLockAndCheckFile(db: Database, path: string): void {
  let journalMode: unknown;
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    checkApplicationId(db, path);
    journalMode = db.pragma('journal_mode = WAL', { simple: true });
  } catch (error) {
    throw translateOpenError(error, path);
  }

  if (journalMode !== 'wal') {
    throw notAVault(path, `SQLite could not switch it to WAL mode and reported journal mode ${String(journalMode)}`);
  }
}

function checkApplicationId(db: Database, path: string): void {
  const applicationId: unknown = db.pragma('application_id', { simple: true });
  const version = readUserVersion(db);

  if (version === 0) {
    const tableCount = db.prepare('SELECT count(*) AS count FROM sqlite_schema').pluck().get();
    if (tableCount !== 0) throw notAVault(path, 'it is an SQLite database with tables of another program');
    return;
  }

  if (applicationId !== VAULT_APPLICATION_ID) {
    throw notAVault(path, `its SQLite application id is ${String(applicationId)}, not Butterfly's ${VAULT_APPLICATION_ID}`);
  }
}

/** Runs `PRAGMA integrity_check` and throws `vault-corrupt` with the first problem SQLite lists. */
function checkIntegrity(db: Database, path: string, logger: Logger): void {
  const started = performance.now();
  let results: unknown[];
  try {
    results = db.prepare('PRAGMA integrity_check').pluck().all();
  } catch (error) {
    throw vaultCorrupt(path, `SQLite's integrity check failed to run (${(error as Error).message})`, error);
  }

  const durationMs = Math.round(performance.now() - started);
  if (results.length !== 1 || results[0] !== 'ok') {
    // SQLite puts a `*** in database main ***` heading before the problems it lists.
    const problems = results.map(String).filter((line) => !line.startsWith('***'));
    logger.error({ path, problemCount: problems.length, durationMs }, 'vault integrity check failed');
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    throw vaultCorrupt(path, `SQLite's integrity check reports ${problems[0] ?? String(results[0])}${more}`);
  }
  logger.debug({ path, durationMs }, 'vault integrity check passed');
}

/** Maps SQLite's errors at the first read of the file to the vault's typed errors; other errors pass unchanged. */
function translateOpenError(error: unknown, path: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return vaultLocked(path, error);
  if (code === 'SQLITE_NOTADB') return notAVault(path, 'it is not an SQLite database', error);
  if (code === 'SQLITE_CORRUPT') return vaultCorrupt(path, `SQLite reports ${(error as Error).message}`, error);
  return error;
}

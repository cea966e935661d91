import type { Database } from 'better-sqlite3';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { SaveConnectionInput } from './connection-input-checks.js';
import { deleteConnection, findConnection, listConnections, saveConnection } from './connections-table.js';
import { LATEST_VAULT_VERSION, readUserVersion, runMigrations } from './migrations/run-migrations.js';
import { createRestore, recordRestoreStep, setRestoreStatus, setRestoreVerification } from './restore-journal.js';
import { listRestores, readRestore } from './restore-reader.js';
import { setSnapshotLabel } from './snapshot-labels.js';
import { listSnapshots, readSnapshot, snapshotExists } from './snapshot-reader.js';
import { writeSnapshot } from './snapshot-writer.js';
import type { VaultContext } from './vault-context.js';
import { VAULT_KEY_BYTES, type VaultKeys } from './vault-crypto.js';
import { openVaultDatabase } from './vault-database.js';
import { invalidVaultKey, translateSqliteError, vaultClosed, vaultCorrupt, vaultTooNew } from './vault-errors.js';
import { unlockVault } from './vault-meta.js';
import { verifyVault } from './vault-verify.js';
import type { VerificationProgress } from './verify-report.js';
import type {
  ConnectionRecord,
  CreateRestoreInput,
  RecordRestoreStepInput,
  RestoreRecord,
  RestoreStatus,
  SnapshotSummary,
  StoredRestore,
  StoredSnapshot,
  VerificationReport,
  WriteSnapshotInput,
} from './vault-types.js';

export interface OpenVaultOptions {
  /** Path of the vault's SQLite file. A missing file is created; its directory must exist. */
  path: string;
  /** The 32-byte vault key from the secret store. The vault keeps only subkeys derived from it, in memory. */
  vaultKey: Uint8Array;
  /** Parent logger; the vault logs through a child with `subsystem: 'vault'`. */
  logger?: Logger;
}

/**
 * The encrypted local vault: connections, snapshots and the restore journal in one SQLite
 * file, every org-derived value sealed with AES-256-GCM under subkeys of the vault key. One
 * `Vault` is the only user of its file until `close`. Every method is synchronous, like
 * better-sqlite3 underneath. Problems with the file, the key, the input or stored rows throw
 * `VaultError`s with a stable `code`. SQLite errors that a damaged or outside-edited file
 * causes (a missing column, for example) become `vault-corrupt`. SQLite I/O failures, such as a full disk, pass through as
 * better-sqlite3's `SqliteError`.
 */
export class Vault {
  private context: VaultContext | undefined;

  private constructor(
    /** Path of the SQLite file, for messages. */
    readonly path: string,
    context: VaultContext,
  ) {
    this.context = context;
  }

  /**
   * Opens or creates the vault at `path`: takes the single-writer lock, runs the SQLite integrity
   * check, checks the key against the vault's key check value and applies pending migrations.
   * Throws `invalid-vault-key`, `vault-locked`, `not-a-vault`, `vault-corrupt`, `vault-too-new`
   * or `vault-key-mismatch`; the file is closed and unchanged by a failed open.
   */
  static open(options: OpenVaultOptions): Vault {
    if (options.vaultKey.length !== VAULT_KEY_BYTES) throw invalidVaultKey(options.vaultKey.length);

    const logger = (options.logger ?? silentLogger()).child({ subsystem: 'vault' });
    const db = openVaultDatabase(options.path, logger);
    try {
      const keys = migrateAndUnlock(db, options.path, options.vaultKey, logger);
      return new Vault(options.path, { db, keys, logger });
    } catch (error) {
      db.close();
      throw translateSqliteError(error, options.path);
    }
  }

  /** Closes the file and releases the lock. Calling it again does nothing. */
  close(): void {
    if (this.context === undefined) return;
    this.context.db.close();
    this.context.logger.info({ path: this.path }, 'vault closed');
    this.context = undefined;
  }

  /** Saves a connection; see `saveConnection` in connections-table.ts for `replace`. */
  saveConnection(input: SaveConnectionInput, options: { replace: boolean } = { replace: false }): ConnectionRecord {
    return this.run((context) => saveConnection(context, input, options));
  }

  /** Lists every connection, sorted by name. */
  listConnections(): ConnectionRecord[] {
    return this.run((context) => listConnections(context));
  }

  /** Returns the connection with this name, or undefined. */
  findConnection(name: string): ConnectionRecord | undefined {
    return this.run((context) => findConnection(context, name));
  }

  /** Deletes a connection without snapshots; throws `connection-has-snapshots` otherwise. */
  deleteConnection(name: string): void {
    this.run((context) => deleteConnection(context, name));
  }

  /** Stores a snapshot in one transaction and returns its summary, with its hashes. */
  writeSnapshot(input: WriteSnapshotInput): SnapshotSummary {
    return this.run((context) => writeSnapshot(context, input));
  }

  /** Lists snapshots oldest first, all or those of the connection with this name. */
  listSnapshots(connectionName?: string): SnapshotSummary[] {
    return this.run((context) => listSnapshots(context, connectionName));
  }

  /** Reads and decrypts a snapshot; throws `snapshot-not-found`. */
  readSnapshot(id: number): StoredSnapshot {
    return this.run((context) => readSnapshot(context, id));
  }

  snapshotExists(id: number): boolean {
    return this.run((context) => snapshotExists(context, id));
  }

  /** Sets or, with undefined, removes a snapshot's label. Labels are outside the hash chain. */
  setLabel(id: number, label: string | undefined): void {
    this.run((context) => setSnapshotLabel(context, id, label));
  }

  /**
   * Records a new restore with status `running`; see restore-journal.ts. The plan and approver
   * are sealed. Throws `invalid-restore-input`, `connection-not-found` or `snapshot-not-found`.
   */
  createRestore(input: CreateRestoreInput): RestoreRecord {
    return this.run((context) => createRestore(context, input));
  }

  /** Appends a step event to a restore's journal; it is on disk when this returns. Throws `restore-not-found` or `invalid-restore-input`. */
  recordRestoreStep(restoreId: string, event: RecordRestoreStepInput): void {
    this.run((context) => recordRestoreStep(context, restoreId, event));
  }

  /** Sets a restore's status and replaces its status detail. Throws `restore-not-found` or `invalid-restore-input`. */
  setRestoreStatus(restoreId: string, status: RestoreStatus, detail?: JsonValue): void {
    this.run((context) => setRestoreStatus(context, restoreId, status, detail));
  }

  /** Stores or replaces the verification result of a restore. Throws `restore-not-found` or `invalid-restore-input`. */
  setRestoreVerification(restoreId: string, verification: JsonValue): void {
    this.run((context) => setRestoreVerification(context, restoreId, verification));
  }

  /** Lists restores newest first, all or those into the connection with this id. */
  listRestores(connectionId?: string): RestoreRecord[] {
    return this.run((context) => listRestores(context, connectionId));
  }

  /** Reads and decrypts a restore with its plan and journal; throws `restore-not-found`. */
  readRestore(restoreId: string): StoredRestore {
    return this.run((context) => readRestore(context, restoreId));
  }

  /** Checks every stored value, hash and chain link, and reports problems instead of throwing them. */
  verify(onProgress?: (progress: VerificationProgress) => void): VerificationReport {
    return this.run((context) => verifyVault(context, onProgress));
  }

  /** Runs `operation` on the open vault, turning SQLite errors from a damaged file into `vault-corrupt`. */
  private run<T>(operation: (context: VaultContext) => T): T {
    const context = this.live();
    try {
      return operation(context);
    } catch (error) {
      throw translateSqliteError(error, this.path);
    }
  }

  private live(): VaultContext {
    if (this.context === undefined) throw vaultClosed();
    return this.context;
  }
}

/**
 * Checks the key before migrating an existing vault, so a wrong key leaves the file as it was.
 * A new file (version 0) has no key check value yet; it gets one after the first migration.
 */
function migrateAndUnlock(db: Database, path: string, vaultKey: Uint8Array, logger: Logger): VaultKeys {
  const version = readUserVersion(db);
  if (version < 0) throw vaultCorrupt(path, `its schema version (PRAGMA user_version) is ${version}, and no vault has a negative version`);
  if (version > LATEST_VAULT_VERSION) throw vaultTooNew(path, version, LATEST_VAULT_VERSION);

  // NOTE: this reads the meta table at the file's own version, so every migration must keep
  // the `kdf-salt` and `key-check` rows of the meta table readable as they are.
  const keysBeforeMigration = version > 0 ? unlockVault(db, path, vaultKey) : undefined;
  const { toVersion } = runMigrations(db, path, logger);
  const keys = keysBeforeMigration ?? unlockVault(db, path, vaultKey);

  logger.info({ path, schemaVersion: toVersion, migratedFrom: version }, 'vault opened');
  return keys;
}

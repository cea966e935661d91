import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.js';

/**
 * The restore journal: one row per restore and its step events, append-only. As in the first
 * schema, `*_sealed` columns hold AES-256-GCM values, and the other columns hold only ids,
 * counts, timestamps, statuses and step event types. Statuses and event types are checked in
 * code, so a new one needs no table rebuild. Restores are evidence for the Audit Pack, so no
 * foreign key cascades: a connection or snapshot that a restore names cannot be deleted.
 */
export const migration0002Restores: Migration = {
  version: 2,
  name: 'restores',
  up(db: Database): void {
    // AUTOINCREMENT keeps restore ids from ever being reused, so `r7` in an Audit Pack names one
    // restore for the life of the vault. event_count is the number of rows in restore_events,
    // updated in the transaction that adds one, so a removed event shows as a gap or a shortfall.
    db.exec(`
      CREATE TABLE restores (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        connection_id TEXT NOT NULL REFERENCES connections (id),
        desired_snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
        pre_restore_snapshot_id INTEGER REFERENCES snapshots (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL,
        step_count INTEGER NOT NULL CHECK (step_count >= 0),
        event_count INTEGER NOT NULL CHECK (event_count >= 0),
        plan_sealed BLOB NOT NULL,
        approved_by_sealed BLOB,
        status_detail_sealed BLOB,
        verification_sealed BLOB
      ) STRICT;
      CREATE INDEX restores_by_connection ON restores (connection_id, id);
    `);

    // One row per step event, numbered 1, 2, 3… within its restore in the order recorded.
    db.exec(`
      CREATE TABLE restore_events (
        restore_id INTEGER NOT NULL REFERENCES restores (id),
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        step_index INTEGER NOT NULL CHECK (step_index >= 1),
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        detail_sealed BLOB NOT NULL,
        PRIMARY KEY (restore_id, sequence)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

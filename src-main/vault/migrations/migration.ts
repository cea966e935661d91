import type { Database } from 'better-sqlite3';

/**
 * One schema change. `version` is the `user_version` the database has after `up` runs; versions
 * start at 1 and increase by one. `up` runs inside a transaction that the runner opens, and must
 * not need the vault key, because a migration runs before the key is checked.
 */
export interface Migration {
  version: number;
  /** Short name matching the file name, such as `initial` for `0001-initial.ts`. */
  name: string;
  up(db: Database): void;
}

/** `PRAGMA application_id` of every Butterfly vault: the ASCII bytes "BFLY" read as a big-endian integer. */
export const VAULT_APPLICATION_ID = 0x42464c59;

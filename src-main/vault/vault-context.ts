import type { Database } from 'better-sqlite3';
import type { Logger } from '../logging/logger.js';
import type { VaultKeys } from './vault-crypto.js';

/** The parts of an open vault that the table modules use: the database, the subkeys and the vault's logger. */
export interface VaultContext {
  db: Database;
  keys: VaultKeys;
  logger: Logger;
}

import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { KDF_SALT_BYTES } from '../vault-crypto.js';
import { VAULT_APPLICATION_ID, type Migration } from './migration.js';

/**
 * The first schema. Columns named `*_sealed` hold AES-256-GCM values (see vault-crypto.ts);
 * every other column holds only ids, counts, timestamps, flags, resource kinds and hashes.
 * Enumerations that will grow (resource kinds, triggers, providers, section states) are checked
 * in code rather than by CHECK constraints, so adding a value needs no table rebuild.
 */
export const migration0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database): void {
    db.pragma(`application_id = ${VAULT_APPLICATION_ID}`);

    // Vault-wide values: the HKDF salt (`kdf-salt`), the key check value (`key-check`) and the
    // MAC of the chain head (`chain-head`). The last two are written by the vault at open and
    // at every snapshot, because they need the vault key.
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY NOT NULL,
        value BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('kdf-salt', ?)`).run(randomBytes(KDF_SALT_BYTES));

    // name_hmac is HMAC-SHA256 of the NFC-normalised name under the name-index subkey, so a
    // name is found and kept unique without storing it in plaintext.
    db.exec(`
      CREATE TABLE connections (
        id TEXT PRIMARY KEY NOT NULL,
        name_hmac BLOB NOT NULL UNIQUE CHECK (length(name_hmac) = 32),
        name_sealed BLOB NOT NULL,
        provider TEXT NOT NULL,
        org_url_sealed BLOB NOT NULL,
        auth_sealed BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);

    // One row per distinct resource: `key` is HMAC-SHA256 of the canonical JSON of
    // {kind, id, name, body} under the content-address subkey, and `sealed` is that JSON,
    // deflated, then sealed. The key is an HMAC, not a plain hash, so that nobody without the
    // vault key can confirm a guessed resource by hashing it.
    db.exec(`
      CREATE TABLE blobs (
        id INTEGER PRIMARY KEY,
        key BLOB NOT NULL UNIQUE CHECK (length(key) = 32),
        sealed BLOB NOT NULL
      ) STRICT;
    `);

    // AUTOINCREMENT keeps snapshot ids from ever being reused, so an id printed in an Audit
    // Pack names one snapshot for the life of the vault.
    db.exec(`
      CREATE TABLE snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        connection_id TEXT NOT NULL REFERENCES connections (id),
        started_at TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        trigger TEXT NOT NULL,
        complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
        resource_count INTEGER NOT NULL CHECK (resource_count >= 0),
        org_url_sealed BLOB NOT NULL,
        label_sealed BLOB,
        content_hash BLOB NOT NULL CHECK (length(content_hash) = 32),
        previous_chain_hash BLOB NOT NULL CHECK (length(previous_chain_hash) = 32),
        chain_hash BLOB NOT NULL UNIQUE CHECK (length(chain_hash) = 32)
      ) STRICT;
      CREATE INDEX snapshots_by_connection ON snapshots (connection_id, id);
    `);

    // One row per section (resource kind) of a snapshot. count is null for a section that is
    // not configured; detail_sealed holds the error of a failed section or the reason of a
    // not-configured one, and is null for a complete section.
    db.exec(`
      CREATE TABLE snapshot_sections (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        count INTEGER CHECK (count >= 0),
        detail_sealed BLOB,
        PRIMARY KEY (snapshot_id, kind)
      ) STRICT, WITHOUT ROWID;
    `);

    // The index of a snapshot: which blobs it holds. An unchanged resource costs one such row.
    db.exec(`
      CREATE TABLE snapshot_resources (
        snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
        blob_id INTEGER NOT NULL REFERENCES blobs (id),
        kind TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, blob_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

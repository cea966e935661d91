import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { connectionAuthProblem, checkConnectionInput, type SaveConnectionInput } from './connection-input-checks.js';
import { asRow, decodeUtf8, parseJson, readDigest, readSealed, readText, readTimestamp, type Row } from './row-checks.js';
import { connectionBinding } from './value-bindings.js';
import { digestsEqual, hmacSha256, sealValue, type VaultKeys } from './vault-crypto.js';
import { connectionExists, connectionHasRestores, connectionHasSnapshots, connectionNotFound, invalidRow } from './vault-errors.js';
import type { VaultContext } from './vault-context.js';
import type { ConnectionAuth, ConnectionRecord } from './vault-types.js';

/**
 * Computes the lookup key of a connection name: HMAC-SHA256 under the name-index subkey of the
 * NFC form, so "Café" typed with a combining accent finds the same connection.
 */
export function connectionNameKey(keys: VaultKeys, name: string): Buffer {
  return hmacSha256(keys.nameIndex, name.normalize('NFC'));
}

/**
 * Saves a connection. A name already in the vault raises `connection-exists` unless `replace`
 * is set. Replacing changes the org URL and sign-in settings but keeps the id, creation time and
 * snapshots, so the credential stored under the id stays linked.
 */
export function saveConnection(context: VaultContext, input: SaveConnectionInput, options: { replace: boolean }): ConnectionRecord {
  const checked = checkConnectionInput(input);
  const nameKey = connectionNameKey(context.keys, checked.name);

  const save = context.db.transaction((): { record: ConnectionRecord; replaced: boolean } => {
    const existing = findConnectionRow(context.db, nameKey);
    if (existing !== undefined && !options.replace) throw connectionExists(checked.name);

    const id = existing === undefined ? randomUUID() : readText(existing, 'id', 'connection row');
    const createdAt = existing === undefined ? new Date().toISOString() : readText(existing, 'created_at', `connection ${id}`);
    const record: ConnectionRecord = { id, name: checked.name, provider: 'okta', orgUrl: checked.orgUrl, auth: checked.auth, createdAt };

    context.db
      .prepare(
        `INSERT INTO connections (id, name_hmac, name_sealed, provider, org_url_sealed, auth_sealed, created_at)
         VALUES (@id, @nameKey, @name, @provider, @orgUrl, @auth, @createdAt)
         ON CONFLICT (id) DO UPDATE SET
           name_sealed = excluded.name_sealed, org_url_sealed = excluded.org_url_sealed, auth_sealed = excluded.auth_sealed`,
      )
      .run({ ...sealConnection(context.keys, record), nameKey, provider: record.provider, id, createdAt });
    return { record, replaced: existing !== undefined };
  });

  const { record, replaced } = save.immediate();
  context.logger.info({ connectionId: record.id, replaced }, 'connection saved');
  return record;
}

/** Lists every connection, sorted by name (UTF-16 code units). */
export function listConnections(context: VaultContext): ConnectionRecord[] {
  const rows = context.db.prepare('SELECT * FROM connections').all();
  const records = rows.map((row) => decodeConnection(context.keys, asRow(row, 'connection row')));
  return records.sort(compareNames);
}

function compareNames(a: ConnectionRecord, b: ConnectionRecord): number {
  if (a.name === b.name) return 0;
  return a.name < b.name ? -1 : 1;
}

/** Returns the connection with this name, or undefined when there is none. */
export function findConnection(context: VaultContext, name: string): ConnectionRecord | undefined {
  const row = findConnectionRow(context.db, connectionNameKey(context.keys, name));
  return row === undefined ? undefined : decodeConnection(context.keys, row);
}

/** Returns the connection with this id, or undefined when there is none. */
export function findConnectionById(context: VaultContext, id: string): ConnectionRecord | undefined {
  const row: unknown = context.db.prepare('SELECT * FROM connections WHERE id = ?').get(id);
  return row === undefined ? undefined : decodeConnection(context.keys, asRow(row, `connection ${id}`));
}

/**
 * Deletes a connection that has no snapshots. A connection with snapshots is never deleted
 * (`connection-has-snapshots`): its snapshots are links of the vault's hash chain, and deleting
 * them would break the chain for every later snapshot. The credential in the secret store is
 * the caller's to delete. Throws `connection-not-found` for an unknown name.
 */
export function deleteConnection(context: VaultContext, name: string): void {
  const remove = context.db.transaction((): string => {
    const row = findConnectionRow(context.db, connectionNameKey(context.keys, name));
    if (row === undefined) throw connectionNotFound(`named "${name}"`);
    const id = readText(row, 'id', 'connection row');

    const snapshotCount = context.db.prepare('SELECT count(*) FROM snapshots WHERE connection_id = ?').pluck().get(id);
    if (typeof snapshotCount === 'number' && snapshotCount > 0) throw connectionHasSnapshots(name, snapshotCount);
    const restoreCount = context.db.prepare('SELECT count(*) FROM restores WHERE connection_id = ?').pluck().get(id);
    if (typeof restoreCount === 'number' && restoreCount > 0) throw connectionHasRestores(name, restoreCount);

    context.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    return id;
  });

  const connectionId = remove.immediate();
  context.logger.info({ connectionId }, 'connection deleted');
}

function findConnectionRow(db: Database, nameKey: Buffer): Row | undefined {
  const row: unknown = db.prepare('SELECT * FROM connections WHERE name_hmac = ?').get(nameKey);
  return row === undefined ? undefined : asRow(row, 'connection row');
}

function sealConnection(keys: VaultKeys, record: ConnectionRecord): { name: Buffer; orgUrl: Buffer; auth: Buffer } {
  const seal = (text: string, column: 'name' | 'org-url' | 'auth'): Buffer =>
    sealValue(keys.encryption, Buffer.from(text, 'utf8'), connectionBinding(record.id, column));

  return {
    name: seal(record.name, 'name'),
    orgUrl: seal(record.orgUrl, 'org-url'),
    auth: seal(JSON.stringify(record.auth), 'auth'),
  };
}

/**
 * Decrypts and checks a connection row. Throws `decrypt-failed` or `invalid-row` naming the
 * connection id and column; also checks that the name index matches the decrypted name.
 */
export function decodeConnection(keys: VaultKeys, row: Row): ConnectionRecord {
  const id = readText(row, 'id', 'connection row');
  const name = readConnectionName(keys, row, id);
  const orgUrl = readConnectionOrgUrl(keys, row, id);
  const auth = readConnectionAuth(keys, row, id);

  return { id, name, orgUrl, auth, ...readConnectionFields(row, id) };
}

/** Checks the plaintext columns of a connection besides its id. Throws `invalid-row` naming the column. */
export function readConnectionFields(row: Row, id: string): Pick<ConnectionRecord, 'provider' | 'createdAt'> {
  const provider = readText(row, 'provider', `connection ${id} provider`);
  if (provider !== 'okta') throw invalidRow(`connection ${id} provider`, `the provider "${provider}" is unknown to this Butterfly`);

  return { provider, createdAt: readTimestamp(row, 'created_at', `connection ${id} creation time`) };
}

/** Decrypts a connection's name and checks it against the name index. */
export function readConnectionName(keys: VaultKeys, row: Row, id: string): string {
  const where = `connection ${id} name`;
  const name = decodeUtf8(readSealed(keys.encryption, row, 'name_sealed', connectionBinding(id, 'name'), where), where);

  if (!digestsEqual(readDigest(row, 'name_hmac', `${where} index`), connectionNameKey(keys, name))) {
    throw invalidRow(`${where} index`, 'the name index does not match the decrypted name');
  }
  return name;
}

export function readConnectionOrgUrl(keys: VaultKeys, row: Row, id: string): string {
  const where = `connection ${id} org URL`;
  return decodeUtf8(readSealed(keys.encryption, row, 'org_url_sealed', connectionBinding(id, 'org-url'), where), where);
}

export function readConnectionAuth(keys: VaultKeys, row: Row, id: string): ConnectionAuth {
  const where = `connection ${id} auth`;
  const text = decodeUtf8(readSealed(keys.encryption, row, 'auth_sealed', connectionBinding(id, 'auth'), where), where);
  return toConnectionAuth(parseJson(text, where), where);
}

function toConnectionAuth(value: unknown, where: string): ConnectionAuth {
  const problem = connectionAuthProblem(value);
  if (problem !== undefined) throw invalidRow(where, problem);
  return value as ConnectionAuth;
}

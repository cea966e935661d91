import { RESOURCE_KINDS, type ResourceKind, type SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { connectionNameKey, findConnectionById } from './connections-table.js';
import { blobWhere, openResourceBlob } from './resource-blobs.js';
import { asRow, readBytes, readDigest, readText } from './row-checks.js';
import { decodeSnapshotRow, readStoredSections, selectSnapshotRow, withEverySection, type SnapshotRow } from './snapshot-rows.js';
import type { VaultContext } from './vault-context.js';
import { connectionNotFound, invalidRow, snapshotNotFound } from './vault-errors.js';
import type { SnapshotSummary, StoredSnapshot } from './vault-types.js';

/**
 * Lists snapshots oldest first, all of them or those of one connection. Throws
 * `connection-not-found` for an unknown name, and `decrypt-failed` or `invalid-row` for a
 * damaged row.
 */
export function listSnapshots(context: VaultContext, connectionName?: string): SnapshotSummary[] {
  const rows = connectionName === undefined
    ? context.db.prepare('SELECT * FROM snapshots ORDER BY id').all()
    : context.db.prepare('SELECT * FROM snapshots WHERE connection_id = ? ORDER BY id').all(connectionIdOf(context, connectionName));

  const connectionNames = new Map<string, string>();
  return rows.map((row) => summarize(context, decodeSnapshotRow(context.keys, asRow(row, 'snapshot row')), connectionNames));
}

/** Tells whether a snapshot with this id is in the vault. */
export function snapshotExists(context: VaultContext, id: number): boolean {
  return context.db.prepare('SELECT EXISTS (SELECT 1 FROM snapshots WHERE id = ?)').pluck().get(id) === 1;
}

/** Reads the summary of one snapshot. Throws `snapshot-not-found`. */
export function readSnapshotSummary(context: VaultContext, id: number): SnapshotSummary {
  const row = selectSnapshotRow(context.db, id);
  if (row === undefined) throw snapshotNotFound(id);
  return summarize(context, decodeSnapshotRow(context.keys, row), new Map());
}

/**
 * Reads and decrypts a whole snapshot. Resources come in the order of `RESOURCE_KINDS`, then by
 * id in UTF-16 code units. Throws `snapshot-not-found`, and `decrypt-failed` or `invalid-row`
 * naming the first damaged row.
 */
export function readSnapshot(context: VaultContext, id: number): StoredSnapshot {
  const summary = readSnapshotSummary(context, id);
  const resources = readResources(context, id);

  if (resources.length !== summary.resourceCount) {
    throw invalidRow(`snapshot ${id} resource count`, `the snapshot records ${summary.resourceCount} resources but its index lists ${resources.length}`);
  }
  return { summary, resources };
}

function readResources(context: VaultContext, snapshotId: number): SnapshotResource[] {
  const rows = context.db
    .prepare(
      `SELECT r.kind AS kind, r.blob_id AS blob_id, b.key AS key, b.sealed AS sealed
       FROM snapshot_resources r LEFT JOIN blobs b ON b.id = r.blob_id
       WHERE r.snapshot_id = ?`,
    )
    .all(snapshotId);

  const resources = rows.map((value) => {
    const row = asRow(value, `snapshot ${snapshotId} index`);
    if (row['key'] === null) throw invalidRow(`snapshot ${snapshotId} index`, `blob row ${String(row['blob_id'])} is missing`);

    const key = readDigest(row, 'key', `snapshot ${snapshotId} index`);
    const where = blobWhere(key);
    const { resource } = openResourceBlob(context.keys, key, readBytes(row, 'sealed', where), where);

    const indexKind = readText(row, 'kind', `snapshot ${snapshotId} index`);
    if (indexKind !== resource.kind) throw invalidRow(`snapshot ${snapshotId} index`, `the index lists kind ${indexKind} for a ${resource.kind} blob`);
    return resource;
  });

  return resources.sort(compareResources);
}

const KIND_ORDER = new Map<ResourceKind, number>(RESOURCE_KINDS.map((kind, index) => [kind, index]));

function compareResources(a: SnapshotResource, b: SnapshotResource): number {
  const byKind = (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0);
  if (byKind !== 0) return byKind;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

function summarize(context: VaultContext, row: SnapshotRow, connectionNames: Map<string, string>): SnapshotSummary {
  const sections = withEverySection(readStoredSections(context.db, context.keys, row.id));

  return {
    id: row.id,
    connectionId: row.connectionId,
    connectionName: connectionNameOf(context, row, connectionNames),
    orgUrl: row.orgUrl,
    startedAt: row.startedAt,
    takenAt: row.takenAt,
    label: row.label,
    trigger: row.trigger,
    complete: row.complete,
    resourceCount: row.resourceCount,
    sections,
    contentHash: row.contentHash.toString('hex'),
    previousChainHash: row.previousChainHash.toString('hex'),
    chainHash: row.chainHash.toString('hex'),
  };
}

/** Decrypts each connection's name once per listing. */
function connectionNameOf(context: VaultContext, row: SnapshotRow, cache: Map<string, string>): string {
  const cached = cache.get(row.connectionId);
  if (cached !== undefined) return cached;

  const connection = findConnectionById(context, row.connectionId);
  if (connection === undefined) throw invalidRow(`snapshot ${row.id} connection id`, 'the connection it names is missing');
  cache.set(row.connectionId, connection.name);
  return connection.name;
}

function connectionIdOf(context: VaultContext, name: string): string {
  const id: unknown = context.db.prepare('SELECT id FROM connections WHERE name_hmac = ?').pluck().get(connectionNameKey(context.keys, name));
  if (typeof id !== 'string') throw connectionNotFound(`named "${name}"`);
  return id;
}

import type { Database } from 'better-sqlite3';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { encodeResource, sealResourceBlob, type EncodedResource } from './resource-blobs.js';
import { computeChainHash, computeContentHash, GENESIS_CHAIN_HASH } from './snapshot-hashes.js';
import { checkWriteSnapshotInput, type CheckedSnapshotInput } from './snapshot-input-checks.js';
import { sealLabel } from './snapshot-labels.js';
import { readSnapshotSummary } from './snapshot-reader.js';
import { insertSections } from './snapshot-rows.js';
import { snapshotBinding } from './value-bindings.js';
import type { VaultContext } from './vault-context.js';
import { sealValue, type VaultKeys } from './vault-crypto.js';
import { connectionNotFound, invalidSnapshotInput } from './vault-errors.js';
import { writeChainHead } from './vault-meta.js';
import type { SnapshotSummary, WriteSnapshotInput } from './vault-types.js';

/**
 * Stores a captured snapshot in one transaction: the snapshot row, its section rows, any blob
 * not already in the vault, one index row per resource and the new chain head land together or
 * not at all. Input is checked and hashed before the transaction starts. Throws
 * `invalid-snapshot-input` or `connection-not-found`, and leaves the vault unchanged then.
 */
export function writeSnapshot(context: VaultContext, input: WriteSnapshotInput): SnapshotSummary {
  const checked = checkWriteSnapshotInput(input);
  const encoded = encodeResources(context.keys, checked.resources);
  const contentHash = computeContentHash(encoded.map(({ resource, digest }) => ({ kind: resource.kind, id: resource.id, digest })), checked.sections);

  const started = performance.now();
  const insert = context.db.transaction(() => insertSnapshot(context, checked, encoded, contentHash));
  const { snapshotId, newBlobCount } = insert.immediate();

  context.logger.info(
    { snapshotId, resourceCount: encoded.length, newBlobCount, durationMs: Math.round(performance.now() - started) },
    'snapshot stored',
  );
  return readSnapshotSummary(context, snapshotId);
}

function encodeResources(keys: VaultKeys, resources: readonly SnapshotResource[]): EncodedResource[] {
  return resources.map((resource, index) => {
    try {
      return encodeResource(keys, resource);
    } catch (error) {
      throw invalidSnapshotInput(`the body of resource ${index} (${resource.kind}) contains a value that JSON cannot represent: ${(error as Error).message}`, error);
    }
  });
}

function insertSnapshot(
  context: VaultContext,
  checked: CheckedSnapshotInput,
  encoded: readonly EncodedResource[],
  contentHash: Buffer,
): { snapshotId: number; newBlobCount: number } {
  const { db, keys } = context;
  requireConnection(db, checked.connectionId);

  const snapshotId = nextSnapshotId(db);
  const previousChainHash = lastChainHash(db);
  const chainHash = computeChainHash(previousChainHash, contentHash, checked);
  insertSnapshotRow(context, snapshotId, checked, { contentHash, previousChainHash, chainHash });

  const seal = (text: string, binding: string): Buffer => sealValue(keys.encryption, Buffer.from(text, 'utf8'), binding);
  insertSections(db, seal, snapshotId, checked.sections);
  const newBlobCount = insertResources(context, snapshotId, encoded);

  writeChainHead(db, keys, snapshotCount(db), chainHash);
  return { snapshotId, newBlobCount };
}

function requireConnection(db: Database, connectionId: string): void {
  const found = db.prepare('SELECT EXISTS (SELECT 1 FROM connections WHERE id = ?)').pluck().get(connectionId);
  if (found !== 1) throw connectionNotFound(`with id ${connectionId}`);
}

/**
 * Picks the id the next snapshot gets. The id is needed before the insert because the sealed
 * columns are bound to it; inside the write transaction no other writer can take it.
 */
function nextSnapshotId(db: Database): number {
  const sequence: unknown = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'snapshots'`).pluck().get();
  const highest: unknown = db.prepare('SELECT max(id) FROM snapshots').pluck().get();
  return Math.max(typeof sequence === 'number' ? sequence : 0, typeof highest === 'number' ? highest : 0) + 1;
}

function lastChainHash(db: Database): Buffer {
  const hash: unknown = db.prepare('SELECT chain_hash FROM snapshots ORDER BY id DESC LIMIT 1').pluck().get();
  return Buffer.isBuffer(hash) ? hash : GENESIS_CHAIN_HASH;
}

function snapshotCount(db: Database): number {
  const count: unknown = db.prepare('SELECT count(*) FROM snapshots').pluck().get();
  return typeof count === 'number' ? count : 0;
}

interface SnapshotHashes {
  contentHash: Buffer;
  previousChainHash: Buffer;
  chainHash: Buffer;
}

function insertSnapshotRow(context: VaultContext, snapshotId: number, checked: CheckedSnapshotInput, hashes: SnapshotHashes): void {
  const { db, keys } = context;
  const orgUrl = sealValue(keys.encryption, Buffer.from(checked.orgUrl, 'utf8'), snapshotBinding(snapshotId, 'org-url'));
  const label = checked.label === undefined ? null : sealLabel(keys, snapshotId, checked.label);

  db.prepare(
    `INSERT INTO snapshots (id, connection_id, started_at, taken_at, trigger, complete, resource_count,
                            org_url_sealed, label_sealed, content_hash, previous_chain_hash, chain_hash)
     VALUES (@id, @connectionId, @startedAt, @takenAt, @trigger, @complete, @resourceCount,
             @orgUrl, @label, @contentHash, @previousChainHash, @chainHash)`,
  ).run({
    id: snapshotId,
    connectionId: checked.connectionId,
    startedAt: checked.startedAt,
    takenAt: checked.takenAt,
    trigger: checked.trigger,
    complete: checked.complete ? 1 : 0,
    resourceCount: checked.resources.length,
    orgUrl,
    label,
    ...hashes,
  });
}

/** Adds an index row per resource and a blob row for each resource the vault does not hold yet. Returns the number of new blobs. */
function insertResources(context: VaultContext, snapshotId: number, encoded: readonly EncodedResource[]): number {
  const { db, keys } = context;
  const findBlob = db.prepare('SELECT id FROM blobs WHERE key = ?').pluck();
  const insertBlob = db.prepare('INSERT INTO blobs (key, sealed) VALUES (?, ?)');
  const insertIndexRow = db.prepare('INSERT INTO snapshot_resources (snapshot_id, blob_id, kind) VALUES (?, ?, ?)');

  let newBlobCount = 0;
  for (const resource of encoded) {
    let blobId: unknown = findBlob.get(resource.key);
    if (blobId === undefined) {
      blobId = insertBlob.run(resource.key, sealResourceBlob(keys, resource)).lastInsertRowid;
      newBlobCount++;
    }
    insertIndexRow.run(snapshotId, blobId, resource.resource.kind);
  }
  return newBlobCount;
}

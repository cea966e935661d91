import type { ResourceKind, SectionState } from '../../src-shared/snapshot/snapshot-model.js';
import { asRow, readInteger, readText } from './row-checks.js';
import { computeChainHash, computeContentHash, GENESIS_CHAIN_HASH, type ContentEntry } from './snapshot-hashes.js';
import { decodeSectionRow, readSnapshotFields, readSnapshotLabel, readSnapshotOrgUrl, type SnapshotFields } from './snapshot-rows.js';
import type { VaultContext } from './vault-context.js';
import type { ReportBuilder } from './verify-report.js';

/** A blob's identity and digest from the blob pass, or null for a damaged blob. */
export type BlobFacts = ContentEntry | null;

/** The last snapshot the chain pass saw: its stored chain hash, or undefined when unreadable. */
export interface ChainPosition {
  snapshotId: number | undefined;
  chainHash: Buffer | undefined;
}

/**
 * Checks every snapshot in id order: its columns decrypt, its index matches its blobs and
 * resource count, its content hash recomputes, and its chain hash follows the one before and
 * recomputes. Returns the chain position after the last snapshot, for the chain head check.
 */
export function verifySnapshots(context: VaultContext, builder: ReportBuilder, blobs: ReadonlyMap<number, BlobFacts>): ChainPosition {
  const rows = context.db.prepare('SELECT * FROM snapshots ORDER BY id').all();
  let position: ChainPosition = { snapshotId: undefined, chainHash: GENESIS_CHAIN_HASH };

  rows.forEach((value, index) => {
    const row = asRow(value, 'snapshot row');
    const fields = builder.check(() => readSnapshotFields(row));

    if (fields === undefined) {
      position = { snapshotId: undefined, chainHash: undefined };
    } else {
      builder.decrypt(() => readSnapshotOrgUrl(context.keys, row, fields.id));
      if (row['label_sealed'] !== null) builder.decrypt(() => readSnapshotLabel(context.keys, row, fields.id));
      verifyContent(context, builder, fields, blobs);
      verifyChainLink(builder, fields, position);
      position = { snapshotId: fields.id, chainHash: fields.chainHash };
    }

    builder.report.snapshotsChecked++;
    builder.progress('snapshots', index + 1, rows.length);
  });
  return position;
}

function verifyContent(context: VaultContext, builder: ReportBuilder, fields: SnapshotFields, blobs: ReadonlyMap<number, BlobFacts>): void {
  const sections = readSections(context, builder, fields.id);
  const entries = readIndex(context, builder, fields, blobs);
  if (sections === undefined || entries === undefined) return;

  const recomputed = computeContentHash(entries, sections);
  if (!recomputed.equals(fields.contentHash)) {
    builder.addProblem(
      'content-hash-mismatch',
      `snapshot ${fields.id}`,
      `the stored content hash ${fields.contentHash.toString('hex')} differs from ${recomputed.toString('hex')}, recomputed from its resources and sections`,
    );
  }
}

/** Decrypts every section row; returns undefined when any of them is damaged. */
function readSections(context: VaultContext, builder: ReportBuilder, snapshotId: number): Partial<Record<ResourceKind, SectionState>> | undefined {
  const rows = context.db.prepare('SELECT * FROM snapshot_sections WHERE snapshot_id = ?').all(snapshotId);
  const sections: Partial<Record<ResourceKind, SectionState>> = {};
  let intact = true;

  for (const value of rows) {
    const row = asRow(value, `snapshot ${snapshotId} section`);
    const section = row['detail_sealed'] === null
      ? builder.check(() => decodeSectionRow(context.keys, row, snapshotId))
      : builder.decrypt(() => decodeSectionRow(context.keys, row, snapshotId));
    if (section === undefined) intact = false;
    else sections[section.kind] = section.state;
  }
  return intact ? sections : undefined;
}

/**
 * Checks the index rows of a snapshot against the blobs and the resource count. Returns the
 * content entries, or undefined when a blob is missing or damaged (its problem is listed already).
 */
function readIndex(context: VaultContext, builder: ReportBuilder, fields: SnapshotFields, blobs: ReadonlyMap<number, BlobFacts>): ContentEntry[] | undefined {
  const where = `snapshot ${fields.id}`;
  const rows = context.db.prepare('SELECT blob_id, kind FROM snapshot_resources WHERE snapshot_id = ?').all(fields.id);
  const entries: ContentEntry[] = [];
  const identities = new Set<string>();
  let intact = true;

  for (const value of rows) {
    const row = asRow(value, `${where} index`);
    const blobId = builder.check(() => readInteger(row, 'blob_id', `${where} index`));
    const kind = builder.check(() => readText(row, 'kind', `${where} index`));
    const facts = blobId === undefined ? undefined : blobs.get(blobId);

    if (facts === undefined) {
      if (blobId !== undefined) builder.addProblem('missing-blob', `${where} index`, `blob row ${blobId} is not in the vault`);
      intact = false;
    } else if (facts === null) {
      intact = false;
    } else {
      if (kind !== facts.kind) builder.addProblem('index-mismatch', `${where} index`, `blob row ${blobId} holds a ${facts.kind} resource, but the index lists kind ${String(kind)}`);
      const identity = `${facts.kind}\u0000${facts.id}`;
      if (identities.has(identity)) builder.addProblem('index-mismatch', `${where} index`, `blob row ${blobId} repeats a ${facts.kind} resource already in the snapshot`);
      identities.add(identity);
      entries.push(facts);
    }
  }

  if (rows.length !== fields.resourceCount) {
    builder.addProblem('count-mismatch', where, `the snapshot records ${fields.resourceCount} resources, but its index has ${rows.length} rows`);
  }
  return intact ? entries : undefined;
}

function verifyChainLink(builder: ReportBuilder, fields: SnapshotFields, previous: ChainPosition): void {
  const where = `snapshot ${fields.id}`;

  if (previous.chainHash !== undefined && !fields.previousChainHash.equals(previous.chainHash)) {
    const before = previous.snapshotId === undefined ? 'the start of the chain (64 zeros)' : `snapshot ${previous.snapshotId}`;
    builder.addProblem(
      'chain-broken',
      where,
      `its previous chain hash ${fields.previousChainHash.toString('hex')} is not the chain hash of ${before}, ${previous.chainHash.toString('hex')}; a snapshot before it was removed or changed`,
    );
  }

  const recomputed = computeChainHash(fields.previousChainHash, fields.contentHash, fields);
  if (!recomputed.equals(fields.chainHash)) {
    builder.addProblem(
      'chain-broken',
      where,
      `its stored chain hash ${fields.chainHash.toString('hex')} differs from ${recomputed.toString('hex')}, recomputed from its hashes, connection, time, trigger and complete flag`,
    );
  }
}

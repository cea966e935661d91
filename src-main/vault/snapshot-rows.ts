import type { Database } from 'better-sqlite3';
import { isResourceKind, RESOURCE_KINDS, type ResourceKind, type SectionState, type SnapshotTrigger } from '../../src-shared/snapshot/snapshot-model.js';
import { isSnapshotTrigger } from './snapshot-input-checks.js';
import {
  asRow,
  decodeUtf8,
  readDigest,
  readFlag,
  readCount,
  readInteger,
  readOptionalCount,
  readOptionalSealed,
  readSealed,
  readText,
  readTimestamp,
  type Row,
} from './row-checks.js';
import { sectionDetailBinding, snapshotBinding } from './value-bindings.js';
import type { VaultKeys } from './vault-crypto.js';
import { invalidRow } from './vault-errors.js';

/** The plaintext columns of a `snapshots` row, checked. */
export interface SnapshotFields {
  id: number;
  connectionId: string;
  startedAt: string;
  takenAt: string;
  trigger: SnapshotTrigger;
  complete: boolean;
  resourceCount: number;
  contentHash: Buffer;
  previousChainHash: Buffer;
  chainHash: Buffer;
}

/** A `snapshots` row, checked and decrypted. */
export interface SnapshotRow extends SnapshotFields {
  orgUrl: string;
  label: string | undefined;
}

/** Checks the plaintext columns of a `snapshots` row. Throws `invalid-row` naming the snapshot and column. */
export function readSnapshotFields(row: Row): SnapshotFields {
  const id = readInteger(row, 'id', 'snapshot row');
  const where = (column: string): string => `snapshot ${id} ${column}`;

  const trigger = readText(row, 'trigger', where('trigger'));
  if (!isSnapshotTrigger(trigger)) throw invalidRow(where('trigger'), `the trigger "${trigger}" is unknown to this Butterfly`);

  return {
    id,
    connectionId: readText(row, 'connection_id', where('connection id')),
    startedAt: readTimestamp(row, 'started_at', where('start time')),
    takenAt: readTimestamp(row, 'taken_at', where('finish time')),
    trigger,
    complete: readFlag(row, 'complete', where('complete flag')),
    resourceCount: readCount(row, 'resource_count', where('resource count')),
    contentHash: readDigest(row, 'content_hash', where('content hash')),
    previousChainHash: readDigest(row, 'previous_chain_hash', where('previous chain hash')),
    chainHash: readDigest(row, 'chain_hash', where('chain hash')),
  };
}

/** Decrypts a snapshot's org URL. Throws `invalid-row` or `decrypt-failed`. */
export function readSnapshotOrgUrl(keys: VaultKeys, row: Row, snapshotId: number): string {
  const where = `snapshot ${snapshotId} org URL`;
  return decodeUtf8(readSealed(keys.encryption, row, 'org_url_sealed', snapshotBinding(snapshotId, 'org-url'), where), where);
}

/** Decrypts a snapshot's label, or returns undefined when it has none. Throws `invalid-row` or `decrypt-failed`. */
export function readSnapshotLabel(keys: VaultKeys, row: Row, snapshotId: number): string | undefined {
  const where = `snapshot ${snapshotId} label`;
  const label = readOptionalSealed(keys.encryption, row, 'label_sealed', snapshotBinding(snapshotId, 'label'), where);
  return label === undefined ? undefined : decodeUtf8(label, where);
}

/** Checks and decrypts a `snapshots` row. Throws `invalid-row` or `decrypt-failed` naming the snapshot and column. */
export function decodeSnapshotRow(keys: VaultKeys, row: Row): SnapshotRow {
  const fields = readSnapshotFields(row);
  return { ...fields, orgUrl: readSnapshotOrgUrl(keys, row, fields.id), label: readSnapshotLabel(keys, row, fields.id) };
}

/** Reads one `snapshots` row by id, or undefined when there is none. */
export function selectSnapshotRow(db: Database, id: number): Row | undefined {
  const row: unknown = db.prepare('SELECT * FROM snapshots WHERE id = ?').get(id);
  return row === undefined ? undefined : asRow(row, `snapshot ${id}`);
}

/**
 * Reads and decrypts the section states stored for a snapshot, exactly as stored: this is the
 * form the content hash covers. Throws `invalid-row` or `decrypt-failed` naming the section.
 */
export function readStoredSections(db: Database, keys: VaultKeys, snapshotId: number): Partial<Record<ResourceKind, SectionState>> {
  const rows = db.prepare('SELECT * FROM snapshot_sections WHERE snapshot_id = ?').all(snapshotId);
  const sections: Partial<Record<ResourceKind, SectionState>> = {};

  for (const value of rows) {
    const { kind, state } = decodeSectionRow(keys, asRow(value, `snapshot ${snapshotId} section`), snapshotId);
    sections[kind] = state;
  }
  return sections;
}

/** Checks and decrypts one `snapshot_sections` row. Throws `invalid-row` or `decrypt-failed` naming the section. */
export function decodeSectionRow(keys: VaultKeys, row: Row, snapshotId: number): { kind: ResourceKind; state: SectionState } {
  const kind = readText(row, 'kind', `snapshot ${snapshotId} section`);
  // NOTE: a kind this build does not know is rejected. A release that adds a resource kind
  // must therefore also add a migration, so that older builds refuse the file as too new.
  if (!isResourceKind(kind)) throw invalidRow(`snapshot ${snapshotId} section`, `the kind "${kind}" is unknown to this Butterfly`);

  const where = `snapshot ${snapshotId} section ${kind}`;
  const status = readText(row, 'status', where);
  const count = readOptionalCount(row, 'count', where);
  const detailBytes = readOptionalSealed(keys.encryption, row, 'detail_sealed', sectionDetailBinding(snapshotId, kind), `${where} detail`);
  const detail = detailBytes === undefined ? undefined : decodeUtf8(detailBytes, `${where} detail`);

  if (status === 'complete' && count !== undefined && detail === undefined) return { kind, state: { status, count } };
  if (status === 'failed' && count !== undefined && detail !== undefined) return { kind, state: { status, count, error: detail } };
  if (status === 'not-configured' && count === undefined && detail !== undefined) return { kind, state: { status, reason: detail } };
  throw invalidRow(where, `status "${status}" does not fit the stored count and detail`);
}

/**
 * Fills in the sections a snapshot has no row for. Every snapshot written by this build has a
 * row per kind; the filler covers kinds added to Butterfly after an older snapshot was taken.
 */
export function withEverySection(stored: Partial<Record<ResourceKind, SectionState>>): Record<ResourceKind, SectionState> {
  const sections = {} as Record<ResourceKind, SectionState>;
  for (const kind of RESOURCE_KINDS) {
    sections[kind] = stored[kind] ?? { status: 'not-configured', reason: 'Not captured: this snapshot is older than the support for this kind.' };
  }
  return sections;
}

/** Inserts the section rows of a new snapshot, sealing failure messages and reasons. */
export function insertSections(
  db: Database,
  seal: (plaintext: string, binding: string) => Buffer,
  snapshotId: number,
  sections: Record<ResourceKind, SectionState>,
): void {
  const insert = db.prepare(
    'INSERT INTO snapshot_sections (snapshot_id, kind, status, count, detail_sealed) VALUES (?, ?, ?, ?, ?)',
  );

  for (const kind of RESOURCE_KINDS) {
    const state = sections[kind];
    const binding = sectionDetailBinding(snapshotId, kind);
    if (state.status === 'complete') insert.run(snapshotId, kind, state.status, state.count, null);
    else if (state.status === 'failed') insert.run(snapshotId, kind, state.status, state.count, seal(state.error, binding));
    else insert.run(snapshotId, kind, state.status, null, seal(state.reason, binding));
  }
}

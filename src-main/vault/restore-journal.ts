import type { Database } from 'better-sqlite3';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import {
  restoreApproverBinding,
  restoreEventBinding,
  restorePlanBinding,
  restoreStatusDetailBinding,
  restoreVerificationBinding,
} from './restore-bindings.js';
import { invalidRestoreInput, restoreNotFound } from './restore-errors.js';
import { formatRestoreId, parseRestoreId } from './restore-ids.js';
import { checkCreateRestoreInput, checkRestoreStatus, checkStepEventInput, encodeJson, type CheckedCreateRestoreInput } from './restore-input-checks.js';
import { readRestoreRecord } from './restore-reader.js';
import { describePlanSteps } from './restore-rows.js';
import { asRow, readCount, readTimestamp } from './row-checks.js';
import type { VaultContext } from './vault-context.js';
import { sealValue, type VaultKeys } from './vault-crypto.js';
import { connectionNotFound, snapshotNotFound } from './vault-errors.js';
import type { CreateRestoreInput, RecordRestoreStepInput, RestoreRecord, RestoreStatus } from './vault-types.js';

/**
 * Writes to the restore journal. Each function is one IMMEDIATE transaction, and the vault
 * syncs the WAL at every commit (`synchronous=FULL`), so a change is on disk when the function
 * returns. Input is checked before the transaction starts, and a rejected change writes nothing.
 */

/**
 * Records a new restore with status `running` and an empty journal. Throws
 * `invalid-restore-input`, `connection-not-found`, or `snapshot-not-found` for a desired or
 * pre-restore snapshot that is not in the vault.
 */
export function createRestore(context: VaultContext, input: CreateRestoreInput): RestoreRecord {
  const checked = checkCreateRestoreInput(input);

  const rowId = context.db.transaction(() => insertRestore(context, checked)).immediate();

  context.logger.info(
    { restoreId: formatRestoreId(rowId), connectionId: checked.connectionId, desiredSnapshotId: checked.desiredSnapshotId, stepCount: checked.stepCount },
    'restore created',
  );
  return readRestoreRecord(context, rowId);
}

/**
 * Appends a step event to a restore's journal, numbered one past the last event. Throws
 * `restore-not-found`, or `invalid-restore-input` for a step index outside 1 to the step count.
 */
export function recordRestoreStep(context: VaultContext, restoreId: string, input: RecordRestoreStepInput): void {
  const rowId = restoreRowId(restoreId);
  const event = checkStepEventInput(input);

  const sequence = context.db.transaction((): number => {
    const current = readChangeableColumns(context.db, rowId, restoreId);
    if (event.stepIndex > current.stepCount) {
      throw invalidRestoreInput(`step ${event.stepIndex} is outside the plan of restore ${restoreId}, which has ${describePlanSteps(current.stepCount)}`);
    }

    const next = nextSequence(context.db, rowId);
    const detail = sealText(context.keys, event.detailJson, restoreEventBinding(rowId, next, event));
    context.db
      .prepare('INSERT INTO restore_events (restore_id, sequence, step_index, type, at, detail_sealed) VALUES (?, ?, ?, ?, ?, ?)')
      .run(rowId, next, event.stepIndex, event.type, event.at, detail);
    context.db
      .prepare('UPDATE restores SET event_count = ?, updated_at = ? WHERE id = ?')
      .run(next, laterTimestamp(current.updatedAt, event.at), rowId);
    return next;
  }).immediate();

  context.logger.info({ restoreId, sequence, stepIndex: event.stepIndex, type: event.type }, 'restore step recorded');
}

/**
 * Sets a restore's status and replaces its status detail. Without `detail`, the restore keeps no
 * detail. Throws `restore-not-found`, or `invalid-restore-input` for an unknown status.
 */
export function setRestoreStatus(context: VaultContext, restoreId: string, status: RestoreStatus, detail?: JsonValue): void {
  const rowId = restoreRowId(restoreId);
  const checkedStatus = checkRestoreStatus(status);
  const detailJson = detail === undefined ? undefined : encodeJson(detail, 'status detail');

  context.db.transaction(() => {
    const current = readChangeableColumns(context.db, rowId, restoreId);
    const sealed = detailJson === undefined ? null : sealText(context.keys, detailJson, restoreStatusDetailBinding(rowId, checkedStatus));
    context.db
      .prepare('UPDATE restores SET status = ?, status_detail_sealed = ?, updated_at = ? WHERE id = ?')
      .run(checkedStatus, sealed, laterTimestamp(current.updatedAt, new Date().toISOString()), rowId);
  }).immediate();

  context.logger.info({ restoreId, status: checkedStatus, withDetail: detailJson !== undefined }, 'restore status changed');
}

/** Stores, or replaces, the result of a restore's verification. Throws `restore-not-found` or `invalid-restore-input`. */
export function setRestoreVerification(context: VaultContext, restoreId: string, verification: JsonValue): void {
  const rowId = restoreRowId(restoreId);
  const verificationJson = encodeJson(verification, 'verification');

  context.db.transaction(() => {
    const current = readChangeableColumns(context.db, rowId, restoreId);
    const sealed = sealText(context.keys, verificationJson, restoreVerificationBinding(rowId));
    context.db
      .prepare('UPDATE restores SET verification_sealed = ?, updated_at = ? WHERE id = ?')
      .run(sealed, laterTimestamp(current.updatedAt, new Date().toISOString()), rowId);
  }).immediate();

  context.logger.info({ restoreId }, 'restore verification stored');
}

/** Returns the row id of a public restore id, or throws `restore-not-found` for text that is not one. */
export function restoreRowId(restoreId: string): number {
  const rowId = parseRestoreId(restoreId);
  if (rowId === undefined) throw restoreNotFound(String(restoreId));
  return rowId;
}

function insertRestore(context: VaultContext, checked: CheckedCreateRestoreInput): number {
  const { db, keys } = context;
  requireConnection(db, checked.connectionId);
  requireSnapshot(db, checked.desiredSnapshotId);
  if (checked.preRestoreSnapshotId !== undefined) requirePreRestoreSnapshot(db, checked.preRestoreSnapshotId, checked.connectionId);

  const rowId = nextRestoreRowId(db);
  const approvedBy = checked.approvedBy === undefined ? null : sealText(keys, checked.approvedBy, restoreApproverBinding(rowId));

  db.prepare(
    `INSERT INTO restores (id, connection_id, desired_snapshot_id, pre_restore_snapshot_id, created_at, updated_at, status,
                           step_count, event_count, plan_sealed, approved_by_sealed)
     VALUES (@id, @connectionId, @desiredSnapshotId, @preRestoreSnapshotId, @createdAt, @createdAt, 'running',
             @stepCount, 0, @plan, @approvedBy)`,
  ).run({
    id: rowId,
    connectionId: checked.connectionId,
    desiredSnapshotId: checked.desiredSnapshotId,
    preRestoreSnapshotId: checked.preRestoreSnapshotId ?? null,
    createdAt: checked.createdAt,
    stepCount: checked.stepCount,
    plan: sealText(keys, checked.planJson, restorePlanBinding(rowId, checked)),
    approvedBy,
  });
  return rowId;
}

function requireConnection(db: Database, connectionId: string): void {
  const found = db.prepare('SELECT EXISTS (SELECT 1 FROM connections WHERE id = ?)').pluck().get(connectionId);
  if (found !== 1) throw connectionNotFound(`with id ${connectionId}`);
}

function requireSnapshot(db: Database, snapshotId: number): void {
  const found = db.prepare('SELECT EXISTS (SELECT 1 FROM snapshots WHERE id = ?)').pluck().get(snapshotId);
  if (found !== 1) throw snapshotNotFound(snapshotId);
}

/** The pre-restore snapshot is a capture of the org restored into, so it must belong to the restore's connection. */
function requirePreRestoreSnapshot(db: Database, snapshotId: number, connectionId: string): void {
  const owner: unknown = db.prepare('SELECT connection_id FROM snapshots WHERE id = ?').pluck().get(snapshotId);
  if (owner === undefined) throw snapshotNotFound(snapshotId);
  if (owner !== connectionId) {
    throw invalidRestoreInput(`pre-restore snapshot ${snapshotId} is a capture of another connection. Pass the snapshot taken of the org being restored`);
  }
}

/**
 * Picks the row id of the next restore. The id is needed before the insert because the sealed
 * columns are bound to it. Inside the write transaction, no other writer can take it.
 */
function nextRestoreRowId(db: Database): number {
  const sequence: unknown = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'restores'`).pluck().get();
  const highest: unknown = db.prepare('SELECT max(id) FROM restores').pluck().get();
  return Math.max(typeof sequence === 'number' ? sequence : 0, typeof highest === 'number' ? highest : 0) + 1;
}

/**
 * Returns the number of the next event. It follows the highest stored event rather than the
 * event count, so a count edited outside Butterfly cannot make an insert collide.
 */
function nextSequence(db: Database, rowId: number): number {
  const highest: unknown = db.prepare('SELECT max(sequence) FROM restore_events WHERE restore_id = ?').pluck().get(rowId);
  return (typeof highest === 'number' ? highest : 0) + 1;
}

/** Reads the columns a journal change needs from a restore row. Throws `restore-not-found` when there is none. */
function readChangeableColumns(db: Database, rowId: number, restoreId: string): { stepCount: number; updatedAt: string } {
  const value: unknown = db.prepare('SELECT step_count, updated_at FROM restores WHERE id = ?').get(rowId);
  if (value === undefined) throw restoreNotFound(restoreId);

  const row = asRow(value, `restore ${restoreId}`);
  return {
    stepCount: readCount(row, 'step_count', `restore ${restoreId} step count`),
    updatedAt: readTimestamp(row, 'updated_at', `restore ${restoreId} update time`),
  };
}

function sealText(keys: VaultKeys, text: string, binding: string): Buffer {
  return sealValue(keys.encryption, Buffer.from(text, 'utf8'), binding);
}

/** Returns the later of two ISO 8601 timestamps, so the update time never goes back when an event carries an earlier time. */
function laterTimestamp(current: string, candidate: string): string {
  return Date.parse(candidate) > Date.parse(current) ? candidate : current;
}

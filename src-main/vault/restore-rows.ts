import type { JsonValue } from '../../src-shared/json/json-types.js';
import {
  restoreApproverBinding,
  restoreEventBinding,
  restorePlanBinding,
  restoreStatusDetailBinding,
  restoreVerificationBinding,
  type RestoreFixedFacts,
  type StepEventFacts,
} from './restore-bindings.js';
import { formatRestoreId } from './restore-ids.js';
import { isRestoreStatus, isRestoreStepEventType } from './restore-input-checks.js';
import { decodeUtf8, parseJson, readCount, readInteger, readOptionalInteger, readSealed, readText, readTimestamp, type Row } from './row-checks.js';
import type { VaultKeys } from './vault-crypto.js';
import { invalidRow, StoredValueError } from './vault-errors.js';
import type { RestoreStatus, RestoreStepEvent } from './vault-types.js';

/** The plaintext columns of a `restores` row, checked. */
export interface RestoreFields extends RestoreFixedFacts {
  rowId: number;
  /** The public id, such as `r7`. */
  restoreId: string;
  updatedAt: string;
  status: RestoreStatus;
  eventCount: number;
}

/** A step event with its position in the journal. */
export interface JournalEvent extends RestoreStepEvent {
  sequence: number;
}

/** Checks the plaintext columns of a `restores` row. Throws `invalid-row` naming the restore and column. */
export function readRestoreFields(row: Row): RestoreFields {
  const rowId = readInteger(row, 'id', 'restore row');
  const restoreId = formatRestoreId(rowId);
  const where = (column: string): string => `restore ${restoreId} ${column}`;

  const status = readText(row, 'status', where('status'));
  if (!isRestoreStatus(status)) throw invalidRow(where('status'), `the status "${status}" is unknown to this Butterfly`);

  return {
    rowId,
    restoreId,
    connectionId: readText(row, 'connection_id', where('connection id')),
    desiredSnapshotId: readInteger(row, 'desired_snapshot_id', where('desired snapshot id')),
    preRestoreSnapshotId: readOptionalInteger(row, 'pre_restore_snapshot_id', where('pre-restore snapshot id')),
    createdAt: readTimestamp(row, 'created_at', where('creation time')),
    updatedAt: readTimestamp(row, 'updated_at', where('update time')),
    status,
    stepCount: readCount(row, 'step_count', where('step count')),
    eventCount: readCount(row, 'event_count', where('event count')),
  };
}

/**
 * Decrypts a restore's plan. Its binding covers the restore's fixed plaintext columns, so an
 * edit of any of them also makes this throw `decrypt-failed`.
 */
export function readRestorePlan(keys: VaultKeys, row: Row, fields: RestoreFields): JsonValue {
  const where = `restore ${fields.restoreId} plan`;
  const bytes = readBoundSealed(keys, row, 'plan_sealed', restorePlanBinding(fields.rowId, fields), where, 'the connection, snapshot ids, step count or creation time of the restore');
  return parseSealedJson(bytes, where);
}

/** Decrypts the name of the restore's approver, or returns undefined when no approver is recorded. */
export function readRestoreApprover(keys: VaultKeys, row: Row, fields: RestoreFields): string | undefined {
  if (row['approved_by_sealed'] === null) return undefined;
  const where = `restore ${fields.restoreId} approver`;
  return decodeUtf8(readSealed(keys.encryption, row, 'approved_by_sealed', restoreApproverBinding(fields.rowId), where), where);
}

/** Decrypts the detail stored with the restore's current status. Its binding also covers the status. */
export function readRestoreStatusDetail(keys: VaultKeys, row: Row, fields: RestoreFields): JsonValue | undefined {
  if (row['status_detail_sealed'] === null) return undefined;
  const where = `restore ${fields.restoreId} status detail`;
  const bytes = readBoundSealed(keys, row, 'status_detail_sealed', restoreStatusDetailBinding(fields.rowId, fields.status), where, 'the status of the restore');
  return parseSealedJson(bytes, where);
}

export function readRestoreVerification(keys: VaultKeys, row: Row, fields: RestoreFields): JsonValue | undefined {
  if (row['verification_sealed'] === null) return undefined;
  const where = `restore ${fields.restoreId} verification`;
  return parseSealedJson(readSealed(keys.encryption, row, 'verification_sealed', restoreVerificationBinding(fields.rowId), where), where);
}

/** Checks the plaintext columns of a `restore_events` row, including that its step is in the plan. */
export function readEventFields(row: Row, restore: RestoreFields): StepEventFacts & { sequence: number } {
  const sequence = readInteger(row, 'sequence', `restore ${restore.restoreId} event`);
  const where = `restore ${restore.restoreId} event ${sequence}`;

  const stepIndex = readInteger(row, 'step_index', where);
  if (stepIndex < 1 || stepIndex > restore.stepCount) {
    throw invalidRow(`${where} step index`, `step ${stepIndex} is outside the plan, which has ${describePlanSteps(restore.stepCount)}`);
  }

  const type = readText(row, 'type', where);
  if (!isRestoreStepEventType(type)) throw invalidRow(`${where} type`, `the event type "${type}" is unknown to this Butterfly`);

  return { sequence, stepIndex, type, at: readTimestamp(row, 'at', `${where} time`) };
}

/**
 * Checks and decrypts one `restore_events` row. The detail's binding covers the event's
 * sequence, step, type and time, so an edit of any of them throws `decrypt-failed`.
 */
export function decodeEventRow(keys: VaultKeys, row: Row, restore: RestoreFields): JournalEvent {
  const facts = readEventFields(row, restore);
  const where = `restore ${restore.restoreId} event ${facts.sequence} detail`;
  const binding = restoreEventBinding(restore.rowId, facts.sequence, facts);
  const detail = parseSealedJson(readBoundSealed(keys, row, 'detail_sealed', binding, where, "the event's step, type or time"), where);

  return { sequence: facts.sequence, stepIndex: facts.stepIndex, type: facts.type, at: facts.at, detail };
}

/**
 * Describes how the event numbers of a journal differ from 1 to `eventCount`, or returns
 * undefined when they match. `sequences` must be in ascending order, as the primary key returns them.
 */
export function journalProblem(sequences: readonly number[], eventCount: number): string | undefined {
  const firstWrong = sequences.findIndex((sequence, index) => sequence !== index + 1);
  if (firstWrong !== -1) return `event ${firstWrong + 1} is missing from the journal, which goes on with event ${String(sequences[firstWrong])}`;

  if (sequences.length < eventCount) return `the restore records ${eventCount} events, but the journal ends after event ${sequences.length}`;
  if (sequences.length > eventCount) return `the restore records ${eventCount} events, but the journal contains ${sequences.length}`;
  return undefined;
}

/** Counts the distinct steps that have a `succeeded` event. */
export function countStepsSucceeded(events: readonly RestoreStepEvent[]): number {
  return new Set(events.filter((event) => event.type === 'succeeded').map((event) => event.stepIndex)).size;
}

/** Describes the valid step indexes of a plan with `stepCount` steps, for messages. */
export function describePlanSteps(stepCount: number): string {
  if (stepCount === 0) return 'no steps';
  return stepCount === 1 ? 'step 1 only' : `steps 1 to ${stepCount}`;
}

/**
 * Decrypts a column whose binding also covers plaintext columns, and names those columns in the
 * problem when the value fails to decrypt.
 */
function readBoundSealed(keys: VaultKeys, row: Row, column: string, binding: string, where: string, boundColumns: string): Buffer {
  try {
    return readSealed(keys.encryption, row, column, binding, where);
  } catch (error) {
    if (!(error instanceof StoredValueError) || error.code !== 'decrypt-failed') throw error;
    throw new StoredValueError('decrypt-failed', where, `it fails to decrypt, because its bytes or ${boundColumns} were changed, or it was moved from another row`);
  }
}

function parseSealedJson(bytes: Buffer, where: string): JsonValue {
  return parseJson(decodeUtf8(bytes, where), where) as JsonValue;
}

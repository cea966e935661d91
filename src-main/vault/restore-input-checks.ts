import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import { invalidRestoreInput } from './restore-errors.js';
import { isIsoUtcTimestamp } from './row-checks.js';
import type { CreateRestoreInput, RecordRestoreStepInput, RestoreStatus, RestoreStepEventType } from './vault-types.js';

const STATUSES: Record<RestoreStatus, true> = {
  running: true,
  failed: true,
  completed: true,
  verified: true,
  'verified-with-residuals': true,
  'verification-failed': true,
};

const EVENT_TYPES: Record<RestoreStepEventType, true> = { started: true, succeeded: true, failed: true, skipped: true };

/** Maximum length of the approver's name, in UTF-16 code units. */
export const MAX_APPROVER_LENGTH = 200;

export function isRestoreStatus(value: string): value is RestoreStatus {
  return Object.hasOwn(STATUSES, value);
}

export function isRestoreStepEventType(value: string): value is RestoreStepEventType {
  return Object.hasOwn(EVENT_TYPES, value);
}

/** A `createRestore` input after its checks, with the plan as canonical JSON text. */
export interface CheckedCreateRestoreInput {
  connectionId: string;
  desiredSnapshotId: number;
  preRestoreSnapshotId: number | undefined;
  planJson: string;
  stepCount: number;
  approvedBy: string | undefined;
  createdAt: string;
}

/**
 * Checks what `createRestore` stores before the transaction starts. Whether the connection and
 * snapshots exist is checked inside it. Throws `invalid-restore-input` naming the field.
 */
export function checkCreateRestoreInput(input: CreateRestoreInput): CheckedCreateRestoreInput {
  if (typeof input.connectionId !== 'string' || input.connectionId === '') throw invalidRestoreInput('the connection id is empty');

  return {
    connectionId: input.connectionId,
    desiredSnapshotId: checkSnapshotId(input.desiredSnapshotId, 'desired snapshot id'),
    preRestoreSnapshotId: input.preRestoreSnapshotId === undefined ? undefined : checkSnapshotId(input.preRestoreSnapshotId, 'pre-restore snapshot id'),
    planJson: encodeJson(input.plan, 'plan'),
    stepCount: checkStepCount(input.stepCount),
    approvedBy: input.approvedBy === undefined ? undefined : checkApprover(input.approvedBy),
    createdAt: input.createdAt === undefined ? new Date().toISOString() : checkTimestamp(input.createdAt, 'the creation time'),
  };
}

/** A step event after its checks, with the detail as canonical JSON text. */
export interface CheckedStepEvent {
  stepIndex: number;
  type: RestoreStepEventType;
  detailJson: string;
  at: string;
}

/**
 * Checks a step event before the transaction starts. The upper bound of the step index, the
 * restore's step count, is checked inside it. Throws `invalid-restore-input`.
 */
export function checkStepEventInput(input: RecordRestoreStepInput): CheckedStepEvent {
  const stepIndex: unknown = input.stepIndex;
  if (typeof stepIndex !== 'number' || !Number.isSafeInteger(stepIndex) || stepIndex < 1) {
    throw invalidRestoreInput(`the step index ${String(stepIndex)} is not a whole number from 1 to the plan's step count`);
  }

  return {
    stepIndex,
    type: checkEventType(input.type),
    detailJson: encodeJson(input.detail, 'step event detail'),
    at: input.at === undefined ? new Date().toISOString() : checkTimestamp(input.at, 'the event time'),
  };
}

export function checkRestoreStatus(status: unknown): RestoreStatus {
  if (typeof status !== 'string' || !isRestoreStatus(status)) {
    throw invalidRestoreInput(`the status ${JSON.stringify(status)} is not one of ${Object.keys(STATUSES).join(', ')}`);
  }
  return status;
}

/**
 * Writes a value as canonical JSON for sealing. Throws `invalid-restore-input` naming `field`
 * when the value is missing or contains something JSON cannot represent, such as NaN.
 */
export function encodeJson(value: JsonValue | undefined, field: string): string {
  if (value === undefined) throw invalidRestoreInput(`the ${field} is missing`);
  try {
    return canonicalJson(value);
  } catch (error) {
    throw invalidRestoreInput(`the ${field} contains a value that JSON cannot represent: ${(error as Error).message}`, error);
  }
}

function checkEventType(type: unknown): RestoreStepEventType {
  if (typeof type !== 'string' || !isRestoreStepEventType(type)) {
    throw invalidRestoreInput(`the step event type ${JSON.stringify(type)} is not one of ${Object.keys(EVENT_TYPES).join(', ')}`);
  }
  return type;
}

function checkSnapshotId(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidRestoreInput(`the ${field} ${String(value)} is not a whole number of 1 or more`);
  }
  return value;
}

function checkStepCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidRestoreInput(`the step count ${String(value)} is not a whole number of 0 or more`);
  }
  return value;
}

/** Checks the approver's name. Messages never repeat it, because it is a person's name or login. */
function checkApprover(value: unknown): string {
  if (typeof value !== 'string') throw invalidRestoreInput(`the approver is a ${typeof value}, not text`);
  if (value.trim() === '') throw invalidRestoreInput('the approver is empty. Leave it out when nobody confirmed the execution');
  if (value.length > MAX_APPROVER_LENGTH) {
    throw invalidRestoreInput(`the approver is ${value.length} characters long, more than the maximum of ${MAX_APPROVER_LENGTH}`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalidRestoreInput('the approver contains a control character such as a line break');
  return value;
}

function checkTimestamp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isIsoUtcTimestamp(value)) {
    throw invalidRestoreInput(`${field} is not an ISO 8601 UTC timestamp such as 2025-01-31T09:30:00.000Z`);
  }
  return value;
}

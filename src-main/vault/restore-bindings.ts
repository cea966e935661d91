import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { RestoreStatus, RestoreStepEventType } from './vault-types.js';

/**
 * The bindings (additional authenticated data) of the restore journal's sealed columns. Like the
 * bindings in value-bindings.ts they name the row and the column, so a ciphertext copied to
 * another row or column fails to decrypt. They also cover the plaintext columns written
 * together with the value and never changed after it. An edit of such a column outside
 * Butterfly (an event type turned from `failed` into `succeeded`, another desired snapshot)
 * therefore makes the value fail to decrypt as well. The restore's status and update time
 * change over its life, so only the status detail, written with each status, covers the status.
 */

/** The plaintext columns of a `restores` row that are fixed when the restore is created. */
export interface RestoreFixedFacts {
  connectionId: string;
  desiredSnapshotId: number;
  preRestoreSnapshotId: number | undefined;
  stepCount: number;
  createdAt: string;
}

/** The plaintext columns of a `restore_events` row besides its position. */
export interface StepEventFacts {
  stepIndex: number;
  type: RestoreStepEventType;
  at: string;
}

/** Returns the binding of a restore's plan, which also covers the restore's fixed plaintext columns. */
export function restorePlanBinding(rowId: number, facts: RestoreFixedFacts): string {
  const covered = [facts.connectionId, facts.desiredSnapshotId, facts.preRestoreSnapshotId ?? null, facts.stepCount, facts.createdAt];
  return `restore:${rowId}:plan:${canonicalJson(covered)}`;
}

export function restoreApproverBinding(rowId: number): string {
  return `restore:${rowId}:approved-by`;
}

export function restoreVerificationBinding(rowId: number): string {
  return `restore:${rowId}:verification`;
}

/** Returns the binding of the detail stored with a status, which also covers that status. */
export function restoreStatusDetailBinding(rowId: number, status: RestoreStatus): string {
  return `restore:${rowId}:status-detail:${status}`;
}

/** Returns the binding of a step event's detail, which also covers the event's step, type and time. */
export function restoreEventBinding(rowId: number, sequence: number, facts: StepEventFacts): string {
  return `restore:${rowId}:event:${sequence}:detail:${canonicalJson([facts.stepIndex, facts.type, facts.at])}`;
}

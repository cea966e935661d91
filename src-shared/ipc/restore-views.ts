import type { ChangeType } from '../diff/diff-types.js';
import type { JsonValue } from '../json/json-types.js';
import type { PlannedRequest, RestorePlan } from '../restore/restore-plan.js';
import type { ScopeEntry } from '../restore/restore-scope.js';
import type { ResourceKind } from '../snapshot/snapshot-model.js';

/** An app of a snapshot, for the wizard's "whole app" choice. */
export interface SnapshotAppView {
  id: string;
  /** The app's label in the admin console. */
  name: string;
}

/**
 * The dry run of a restore: the plan, with every secret in request bodies and expected
 * read-back values replaced by `[redacted]`, and the text the user must type to execute it.
 */
export interface RestorePlanView {
  plan: RestorePlan;
  /** The target org's host (with its port, if any), such as `acme.okta.com`. */
  confirmation: string;
}

/** A restore in the journal, without the internal connection id. */
export interface RestoreRecordView {
  /** `r` and a number, such as `r7`. */
  id: string;
  connectionName: string;
  desiredSnapshotId: number;
  /** The capture taken just before the restore: the snapshot an undo restores. */
  preRestoreSnapshotId: number | null;
  /** ISO 8601 in UTC. */
  createdAt: string;
  updatedAt: string;
  status: 'running' | 'failed' | 'completed' | 'verified' | 'verified-with-residuals' | 'verification-failed';
  /** The OS user main ran as when the execution was confirmed. */
  approvedBy: string | null;
  stepCount: number;
  stepsSucceeded: number;
}

/** A step as restore progress events name it. */
export interface RestoreStepSummary {
  /** 1-based position in the plan. */
  index: number;
  key: string;
  description: string;
  /** Steps in the plan. */
  total: number;
}

/** One progress event of a running restore; requests have placeholders filled and secrets redacted. */
export type RestoreStepEventView =
  | { type: 'step-started'; step: RestoreStepSummary; request: PlannedRequest; resumed: boolean }
  | { type: 'step-lookup'; step: RestoreStepSummary; path: string }
  | { type: 'step-succeeded'; step: RestoreStepSummary; outcome: string; status: number | null; createdId: string | null }
  | { type: 'step-failed'; step: RestoreStepSummary; message: string; status: number | null }
  | { type: 'step-skipped'; step: RestoreStepSummary; reason: string }
  | { type: 'rate-limit-wait'; step: RestoreStepSummary; path: string; waitMs: number };

/** A resource that still differs from the snapshot after a restore. */
export interface ResidualView {
  kind: string;
  id: string;
  name: string;
  change: ChangeType;
  changedPaths: string[];
}

/** The read-back of the org after a restore, against the snapshot, for the resources the plan covers. */
export interface VerificationView {
  checked: number;
  clean: boolean;
  residuals: ResidualView[];
  /** Manual steps still to do before the org can match. */
  pendingManualSteps: string[];
  leftInPlace: { kind: ResourceKind; id: string; reason: string }[];
}

/** The end of an execution or a resume. */
export interface RestoreOutcomeView {
  restore: RestoreRecordView;
  plan: RestorePlan;
  /** `succeeded` when every step has succeeded, in this run or an earlier one. */
  status: 'succeeded' | 'failed' | 'cancelled';
  steps: { index: number; key: string; state: 'succeeded' | 'succeeded-earlier' | 'failed' | 'not-run' }[];
  /** The step that stopped the restore and why, in Okta's words where it gave any. */
  failure: { index: number; description: string; message: string } | null;
  /** Null when the execution did not finish, so nothing was verified. */
  verification: VerificationView | null;
  /** What the undo restores: the pre-restore snapshot into the same connection, with the same scope. */
  undo: { connectionName: string; snapshotId: number; scope: ScopeEntry[] } | null;
}

/** One plan step of a journal with its last recorded event. */
export interface JournalStepView {
  index: number;
  description: string;
  /** The last event's type, or `not-run` when the journal has none for the step. */
  state: 'not-run' | 'started' | 'succeeded' | 'failed' | 'skipped';
  /** When the last event was recorded, ISO 8601 in UTC; null for `not-run`. */
  at: string | null;
  /** The failure in Okta's words, or what a `started` without an end means. */
  detail: string | null;
}

/** A restore read back from the journal, as `butterfly restores <id>` prints it. */
export interface RestoreJournalView {
  restore: RestoreRecordView;
  plan: RestorePlan;
  steps: JournalStepView[];
  /** Every journal event in recorded order, secrets redacted. */
  events: { stepIndex: number; type: string; at: string; detail: JsonValue }[];
  verification: VerificationView | null;
}

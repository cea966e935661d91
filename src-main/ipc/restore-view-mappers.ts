import type { RestoreVerification } from '../../src-shared/restore/verify-restore.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { PlanStep, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type {
  JournalStepView,
  RestoreJournalView,
  RestoreOutcomeView,
  RestoreRecordView,
  RestoreStepEventView,
  VerificationView,
} from '../../src-shared/ipc/restore-views.js';
import { failureText } from '../cli/restore-outcome-view.js';
import type { ExecutionEvent } from '../restore/execution-types.js';
import { isSecretPointer, REDACTED, redactSecrets } from '../restore/redact-secrets.js';
import type { FailedDetail } from '../restore/restore-journal.js';
import type { RestoreOutcome } from '../restore/run-restore.js';
import type { RestoreRecord, StoredRestore } from '../vault/vault-types.js';

/**
 * Returns a copy of a plan that is safe to show: request bodies pass through redactSecrets, and
 * a read-back's expected value at a secret pointer (a SCIM token, an app password) becomes
 * `[redacted]`. The plan that executes is never this copy.
 */
export function redactPlan(plan: RestorePlan): RestorePlan {
  return { ...plan, steps: plan.steps.map(redactStep) };
}

function redactStep(step: PlanStep): PlanStep {
  const request = step.request.body === undefined ? { ...step.request } : { ...step.request, body: redactSecrets(step.request.body) };
  if (step.check === undefined) return { ...step, request };
  const fields = step.check.fields.map((field) => (isSecretPointer(field.pointer) && field.value !== undefined ? { ...field, value: REDACTED } : field));
  return { ...step, request, check: { ...step.check, fields } };
}

export function restoreRecordView(record: RestoreRecord): RestoreRecordView {
  return {
    id: record.id,
    connectionName: record.connectionName,
    desiredSnapshotId: record.desiredSnapshotId,
    preRestoreSnapshotId: record.preRestoreSnapshotId ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    status: record.status,
    approvedBy: record.approvedBy ?? null,
    stepCount: record.stepCount,
    stepsSucceeded: record.stepsSucceeded,
  };
}

/** Copies one executor event field by field, so nothing the view does not declare crosses to the renderer. */
export function stepEventView(event: ExecutionEvent): RestoreStepEventView {
  const step = { index: event.step.index, key: event.step.key, description: event.step.description, total: event.step.total };
  switch (event.type) {
    case 'step-started': {
      const { method, path, body } = event.request;
      return { type: event.type, step, request: body === undefined ? { method, path } : { method, path, body: redactSecrets(body) }, resumed: event.resumed };
    }
    case 'step-lookup':
      return { type: event.type, step, path: event.path };
    case 'step-succeeded':
      return { type: event.type, step, outcome: event.outcome, status: event.status ?? null, createdId: event.createdId ?? null };
    case 'step-failed':
      return { type: event.type, step, message: event.message, status: event.status ?? null };
    case 'step-skipped':
      return { type: event.type, step, reason: event.reason };
    case 'rate-limit-wait':
      return { type: event.type, step, path: event.path, waitMs: event.waitMs };
  }
}

export function verificationView(verification: RestoreVerification): VerificationView {
  return {
    checked: verification.checked,
    clean: verification.clean,
    residuals: verification.residuals.map(({ kind, id, name, change, changedPaths }) => ({ kind, id, name, change, changedPaths })),
    pendingManualSteps: verification.pendingManualSteps,
    leftInPlace: verification.leftInPlace,
  };
}

export function restoreOutcomeView(outcome: RestoreOutcome): RestoreOutcomeView {
  const { record, plan, execution, verification } = outcome;
  const failure = execution.failure;
  return {
    restore: restoreRecordView(record),
    plan: redactPlan(plan),
    status: execution.status,
    steps: execution.steps.map(({ index, key, state }) => ({ index, key, state })),
    failure: failure === undefined ? null : { index: failure.step.index, description: failure.step.description, message: failureText(failure.detail) },
    verification: verification === undefined ? null : verificationView(verification),
    undo: record.preRestoreSnapshotId === undefined ? null : { connectionName: record.connectionName, snapshotId: record.preRestoreSnapshotId, scope: plan.scope },
  };
}

/** The journal of one restore: each plan step with its last event, as `butterfly restores <id>` prints it. */
export function restoreJournalView(stored: StoredRestore): RestoreJournalView {
  const plan = stored.plan as unknown as RestorePlan;
  const events = stored.events.map((event) => ({ stepIndex: event.stepIndex, type: event.type, at: event.at, detail: redactSecrets(event.detail) }));
  const steps = plan.steps.map((step): JournalStepView => {
    const last = events.filter((event) => event.stepIndex === step.index).at(-1);
    if (last === undefined) return { index: step.index, description: step.description, state: 'not-run', at: null, detail: null };
    return { index: step.index, description: step.description, state: last.type, at: last.at, detail: journalDetail(last.type, last.detail) };
  });
  const verification = stored.verification as unknown as RestoreVerification | undefined;
  return {
    restore: restoreRecordView(stored.record),
    plan: redactPlan(plan),
    steps,
    events,
    verification: verification === undefined ? null : verificationView(verification),
  };
}

function journalDetail(type: string, detail: JsonValue): string | null {
  if (type === 'failed') return failureText(detail as unknown as FailedDetail);
  if (type === 'started') return 'Started, outcome unknown: the run was interrupted. Resume the restore to find out and finish it.';
  return null;
}

import { planRestore } from '../../src-shared/restore/plan-restore.js';
import { compareResources } from '../../src-shared/diff/compare-resources.js';
import type { PlanStep, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { verifyRestore, type RestoreVerification } from '../../src-shared/restore/verify-restore.js';
import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { Client } from '@okta/okta-sdk-nodejs';
import { createOktaClient } from '../okta/okta-client.js';
import { OktaTransport } from '../okta/okta-transport.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { loadOktaCredential } from '../services/connection-credentials.js';
import { requireConnection } from '../services/take-snapshot.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import type { ConnectionRecord, RestoreRecord, RestoreStatus, SnapshotSummary, StoredRestore } from '../vault/vault-types.js';
import type { ExecutionEvent, ExecutionResult } from './execution-types.js';
import { executePlan } from './execute-plan.js';
import { planFingerprint } from './plan-fingerprint.js';
import { confirmationFor, desiredSide, liveSide, sameOrg } from './restore-inputs.js';
import { captureTarget, storePreRestoreSnapshot, type RestoreRequest } from './restore-service.js';

/** The user cancelled a restore before its first step; nothing was stored or sent. */
export class RestoreCancelledError extends Error {
  constructor() {
    super('The restore was cancelled before its first step: nothing was stored or sent.');
    this.name = 'RestoreCancelledError';
  }
}

/** Throws `RestoreCancelledError` when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RestoreCancelledError();
}

/** A restore that must not start: a wrong confirmation, or a plan with blockers. Nothing was sent. */
export class RestoreRefusedError extends Error {
  constructor(
    message: string,
    /** The plan that was rejected, when one was computed. */
    readonly plan?: RestorePlan,
  ) {
    super(message);
    this.name = 'RestoreRefusedError';
  }
}

export interface ExecuteRequest extends RestoreRequest {
  /** Confirmation the user typed, which must equal the target org's host. */
  confirm: string;
  /** Name of the person who approved the execution, for the journal and the Audit Pack. */
  approvedBy: string;
  onEvent?: (event: ExecutionEvent) => void;
  signal?: AbortSignal;
  /** Sees the SDK client that sends the restore's requests before it sends any; tests record them. */
  observeClient?: (client: Client) => void;
  /** Receives the plan about to run, computed from the fresh capture, before the first step. */
  onPlan?: (plan: RestorePlan) => void;
  /**
   * The fingerprint of the plan the user reviewed in a dry run. When the plan computed now
   * differs (the org changed in between), nothing is stored or sent.
   */
  expectedPlan?: string;
}

/** The end of a restore run: the journal record, what ran, and the read-back against the snapshot. */
export interface RestoreOutcome {
  record: RestoreRecord;
  plan: RestorePlan;
  preRestoreSnapshot: SnapshotSummary | undefined;
  execution: ExecutionResult;
  /** Undefined when the execution did not finish, so there was nothing to verify. */
  verification: RestoreVerification | undefined;
}

/**
 * Runs a restore: checks the confirmation, stores the target org as a pre-restore snapshot,
 * plans against it, rejects a blocked plan, then journals and executes every step and verifies
 * the result by capturing the org again.
 */
export async function executeRestore(services: ButterflyServices, request: ExecuteRequest): Promise<RestoreOutcome> {
  const desired = services.vault.readSnapshot(request.snapshotId);
  const connection = requireConnection(services, request.connectionName);
  checkConfirmation(connection, request.confirm);

  const captured = await captureTarget(services, desired, connection, request.listener);
  throwIfCancelled(request.signal);
  const planned = planRestore({ desired: desiredSide(desired), live: liveSide(captured, 'live'), scope: request.scope, options: request.options ?? {} });
  if (planned.blockers.length > 0) throw new RestoreRefusedError(`The restore plan is blocked, so nothing was stored or sent:\n${planned.blockers.map((blocker) => `  - ${blocker}`).join('\n')}`, planned);
  if (request.expectedPlan !== undefined && planFingerprint(planned) !== request.expectedPlan) {
    throw new RestoreRefusedError(
      `The plan computed now (fingerprint ${planFingerprint(planned)}) differs from the reviewed one (${request.expectedPlan}): the org changed since the dry run. Nothing was stored or sent. Review the new plan with --dry-run.`,
      planned,
    );
  }

  // The capture the plan was computed from becomes the undo point only once the plan may run.
  const preRestore = storePreRestoreSnapshot(services, connection, captured, desired.summary.id);
  const plan: RestorePlan = { ...planned, live: { ...planned.live, label: String(preRestore.id) } };
  request.onPlan?.(plan);

  const record = services.vault.createRestore({
    connectionId: connection.id,
    desiredSnapshotId: desired.summary.id,
    preRestoreSnapshotId: preRestore.id,
    plan: plan as unknown as JsonValue,
    stepCount: plan.steps.length,
    approvedBy: request.approvedBy,
  });
  return runAndVerify(services, connection, record, plan, request);
}

/**
 * Resumes a restore that stopped (a crash, a lost network, a failed step now fixed) from its
 * journal. It is rejected when the connection now points at another org, or when an object a
 * remaining step changes was changed by someone else since the plan was made: replaying the
 * planned request would overwrite that change.
 */
export async function resumeRestore(services: ButterflyServices, restoreId: string, options: Pick<ExecuteRequest, 'onEvent' | 'signal' | 'observeClient' | 'listener'> = {}): Promise<RestoreOutcome> {
  const stored = services.vault.readRestore(restoreId);
  const connection = services.vault.listConnections().find((candidate) => candidate.id === stored.record.connectionId);
  if (connection === undefined) throw new RestoreRefusedError(`The connection of restore ${restoreId} is no longer saved; save it again with 'butterfly connect'.`);
  if (stored.record.status === 'verified') throw new RestoreRefusedError(`Restore ${restoreId} already finished and verified clean; there is nothing to resume.`);
  const plan = stored.plan as unknown as RestorePlan;
  if (!sameOrg(connection.orgUrl, plan.live.orgUrl)) {
    throw new RestoreRefusedError(`Restore ${restoreId} was planned for ${plan.live.orgUrl}, but connection '${connection.name}' now points at ${connection.orgUrl}. Nothing was sent. Plan a new restore for that org with --dry-run.`);
  }

  await checkNoDrift(services, connection, stored, plan, options.listener);
  throwIfCancelled(options.signal);
  return runAndVerify(services, connection, stored.record, plan, { snapshotId: stored.record.desiredSnapshotId, ...options });
}

/**
 * Compares, for every step still to run whose object no finished step has touched, the object
 * in the pre-restore snapshot with the org now, and rejects the resume when one differs.
 */
async function checkNoDrift(services: ButterflyServices, connection: ConnectionRecord, stored: StoredRestore, plan: RestorePlan, listener: CaptureListener | undefined): Promise<void> {
  if (stored.record.preRestoreSnapshotId === undefined) return;
  const succeeded = new Set(stored.events.filter((event) => event.type === 'succeeded').map((event) => event.stepIndex));
  const touched = new Set(plan.steps.filter((step) => succeeded.has(step.index)).map((step) => `${step.kind}:${step.resourceId}`));
  const remaining = plan.steps.filter((step) => !succeeded.has(step.index) && !touched.has(`${step.kind}:${step.resourceId}`));
  if (remaining.length === 0) return;

  const desired = services.vault.readSnapshot(stored.record.desiredSnapshotId);
  const before = services.vault.readSnapshot(stored.record.preRestoreSnapshotId);
  const now = await captureTarget(services, desired, connection, listener, createdIdsOf(stored));
  const drifted = driftedObjects(remaining, plan, before.resources, now.resources);
  if (drifted.length > 0) {
    throw new RestoreRefusedError(
      `The org changed since restore ${stored.record.id} was planned, so resuming would overwrite or miss those changes: ${drifted.join('; ')}. ` +
        `Nothing was sent. Plan a new restore from snapshot ${stored.record.desiredSnapshotId} with --dry-run.`,
    );
  }
}

/** Names the objects of the remaining steps that differ between the pre-restore snapshot and the org now. */
function driftedObjects(remaining: readonly PlanStep[], plan: RestorePlan, before: readonly SnapshotResource[], now: readonly SnapshotResource[]): string[] {
  const drifted = new Map<string, string>();
  for (const step of remaining) {
    const liveId = plan.idMatches[`${step.kind}:${step.resourceId}`] ?? step.resourceId;
    const then = before.find((resource) => resource.kind === step.kind && resource.id === liveId);
    const current = now.find((resource) => resource.kind === step.kind && resource.id === liveId);
    if (then === undefined && current === undefined) continue;
    const changes = compareResources(then ? [then] : [], current ? [current] : []).changes;
    const change = changes[0];
    if (change !== undefined) drifted.set(`${step.kind}:${liveId}`, `${step.kind} '${change.name}' ${change.change}${change.changedPaths.length > 0 ? ` (${change.changedPaths.slice(0, 3).join(', ')})` : ''}`);
  }
  return [...drifted.values()];
}

/** Returns the ids that create steps of earlier runs got, `kind:desiredId` to the new id, from the journal. */
function createdIdsOf(stored: StoredRestore): Record<string, string> {
  const created: Record<string, string> = {};
  for (const event of stored.events) {
    const detail = event.detail as { created?: { kind: string; desiredId: string; id: string } } | null;
    if (event.type === 'succeeded' && detail?.created) created[`${detail.created.kind}:${detail.created.desiredId}`] = detail.created.id;
  }
  return created;
}

async function runAndVerify(
  services: ButterflyServices,
  connection: ConnectionRecord,
  record: RestoreRecord,
  plan: RestorePlan,
  request: { snapshotId: number } & Pick<ExecuteRequest, 'onEvent' | 'signal' | 'observeClient'>,
): Promise<RestoreOutcome> {
  const logger = services.logger.child({ subsystem: 'restore', restore: record.id });
  const credential = await loadOktaCredential(services.secrets, connection);
  const client = createOktaClient(connection.orgUrl, credential);
  request.observeClient?.(client);
  const transport = new OktaTransport(client, { logger });
  services.vault.setRestoreStatus(record.id, 'running');

  const execution = await executePlan({ plan, restoreId: record.id, journal: services.vault, transport, logger, ...(request.onEvent ? { listener: request.onEvent } : {}), ...(request.signal ? { signal: request.signal } : {}) });
  const preRestore = record.preRestoreSnapshotId === undefined ? undefined : services.vault.listSnapshots().find((summary) => summary.id === record.preRestoreSnapshotId);
  if (execution.status !== 'succeeded') {
    services.vault.setRestoreStatus(record.id, 'failed', { status: execution.status, failure: (execution.failure ?? null) as unknown as JsonValue });
    return { record: services.vault.readRestore(record.id).record, plan, preRestoreSnapshot: preRestore, execution, verification: undefined };
  }

  services.vault.setRestoreStatus(record.id, 'completed');
  const verification = await verifyAgainstOrg(services, connection, record, plan, execution);
  services.vault.setRestoreVerification(record.id, verification as unknown as JsonValue);
  services.vault.setRestoreStatus(record.id, statusOf(verification));
  return { record: services.vault.readRestore(record.id).record, plan, preRestoreSnapshot: preRestore, execution, verification };
}

/** Returns the final status: clean, residual differences, or a verification that could not compare everything. */
function statusOf(verification: RestoreVerification): RestoreStatus {
  if (verification.unchecked.length > 0) return 'verification-failed';
  return verification.clean ? 'verified' : 'verified-with-residuals';
}

/**
 * Captures the target org again, stores that capture as the post-restore snapshot (the restored
 * state, which later diffs and the Audit Pack start from) and compares the plan's resources
 * with the snapshot.
 */
async function verifyAgainstOrg(services: ButterflyServices, connection: ConnectionRecord, record: RestoreRecord, plan: RestorePlan, execution: ExecutionResult): Promise<RestoreVerification> {
  const desired = services.vault.readSnapshot(record.desiredSnapshotId);
  const after = await captureTarget(services, desired, connection, undefined, execution.createdIds);
  services.vault.writeSnapshot({ connectionId: connection.id, captured: after, label: `after restore ${record.id}`, trigger: 'post-restore' });
  return verifyRestore(plan, desired.resources, after, new Map(Object.entries(execution.createdIds)));
}

function checkConfirmation(connection: ConnectionRecord, confirm: string): void {
  const expected = confirmationFor(connection.orgUrl);
  if (confirm.trim().toLowerCase() !== expected.toLowerCase()) {
    throw new RestoreRefusedError(`The confirmation '${confirm}' does not match the org of connection '${connection.name}'. Type its domain exactly: --confirm ${expected}`);
  }
}

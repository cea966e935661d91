import { planRestore } from '../../src-shared/restore/plan-restore.js';
import type { PlanOptions, RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import type { CapturedSnapshot } from '../../src-shared/snapshot/snapshot-model.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { captureConnection, requireConnection } from '../services/take-snapshot.js';
import type { ConnectionRecord, SnapshotSummary, StoredSnapshot } from '../vault/vault-types.js';
import { appsToCapture, desiredSide, followFor, liveSide, sameOrg } from './restore-inputs.js';

export interface RestoreRequest {
  /** The snapshot to restore from. */
  snapshotId: number;
  /** The connection of the org to restore into. */
  connectionName: string;
  scope: ScopeEntry[];
  options?: Partial<PlanOptions>;
  listener?: CaptureListener;
  /** Cancels between the capture and the plan; a capture under way finishes first. */
  signal?: AbortSignal;
}

/** A plan with what it was computed from. */
export interface PreparedRestore {
  plan: RestorePlan;
  desired: StoredSnapshot;
  connection: ConnectionRecord;
  /** The capture of the target org the plan was computed against. */
  live: CapturedSnapshot;
}

/**
 * Captures the target org now and plans the restore against it without storing or sending
 * anything: the dry run. Throws `ScopeError` for a scope that names nothing in the snapshot.
 */
export async function prepareRestore(services: ButterflyServices, request: RestoreRequest): Promise<PreparedRestore> {
  const desired = services.vault.readSnapshot(request.snapshotId);
  const connection = requireConnection(services, request.connectionName);
  const live = await captureTarget(services, desired, connection, request.listener);
  if (request.signal?.aborted) throw new Error('The dry run was cancelled; nothing was sent.');
  const plan = planRestore({ desired: desiredSide(desired), live: liveSide(live, 'live'), scope: request.scope, options: request.options ?? {} });
  return { plan, desired, connection, live };
}

/**
 * Captures the target org with everything the desired snapshot needs to be compared against,
 * including the objects a restore recreated (`kind:desiredId` to new id), which nothing else may reach.
 */
export async function captureTarget(
  services: ButterflyServices,
  desired: StoredSnapshot,
  connection: ConnectionRecord,
  listener?: CaptureListener,
  createdIds: Readonly<Record<string, string>> = {},
): Promise<CapturedSnapshot> {
  const same = sameOrg(desired.summary.orgUrl, connection.orgUrl);
  const { captured } = await captureConnection(services, connection, appsToCapture(desired, same), listener, followFor(desired, same, createdIds));
  return captured;
}

/** Stores a capture of the target org as the pre-restore snapshot, the state an undo goes back to. */
export function storePreRestoreSnapshot(services: ButterflyServices, connection: ConnectionRecord, captured: CapturedSnapshot, desiredId: number): SnapshotSummary {
  return services.vault.writeSnapshot({
    connectionId: connection.id,
    captured,
    label: `before restoring snapshot ${desiredId}`,
    trigger: 'pre-restore',
  });
}

import { userInfo } from 'node:os';
import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import type { PlanOptions } from '../../src-shared/restore/restore-plan.js';
import { stringAt } from '../../src-shared/diff/findings/json-pointer.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import { confirmationFor } from '../restore/restore-inputs.js';
import { prepareRestore } from '../restore/restore-service.js';
import { executeRestore, RestoreCancelledError, resumeRestore } from '../restore/run-restore.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { CaptureCancelledError } from '../services/snapshot-job.js';
import { requireConnection } from '../services/take-snapshot.js';
import type { ConnectionRecord } from '../vault/vault-types.js';
import { CaptureProgressTracker } from './capture-progress-tracker.js';
import { DesktopError } from './desktop-error.js';
import type { JobRegistry } from './job-registry.js';
import type { DesktopHandlers } from './register-handlers.js';
import { redactPlan, restoreJournalView, restoreOutcomeView, restoreRecordView, stepEventView } from './restore-view-mappers.js';

type RestoreMethods = 'listSnapshotApps' | 'planRestore' | 'executeRestore' | 'resumeRestore' | 'listRestores' | 'showRestore';

export interface RestoreHandlerContext {
  services: ButterflyServices;
  jobs: JobRegistry;
  emit(event: JobEvent): void;
  /** The OS user recorded as the approver of an execution; the renderer never supplies it. */
  approver?: () => string;
}

/**
 * Handlers of the restore wizard and the restore journal, on the engine the CLI's `restore`
 * and `restores` commands use. A dry run captures the org and plans; an execution captures,
 * plans, stores the pre-restore snapshot and runs the steps, each sending `restore-step`
 * events. A cancel during either capture ends the job with CANCELLED before anything is stored
 * or sent (the engine checks the signal right after the capture, so a capture cut short is
 * never planned from); a cancel during the steps stops before the next one, and the restore
 * ends with status `cancelled`.
 */
export function createRestoreHandlers(context: RestoreHandlerContext): Pick<DesktopHandlers, RestoreMethods> {
  const { services, jobs, emit } = context;
  const approver = context.approver ?? osUserName;
  const cancellableListener = (jobId: string, signal: AbortSignal, connectionName: string): { listener: CaptureListener; flush: () => void } => {
    const tracker = new CaptureProgressTracker((progress) => emit({ jobId, type: 'capture-progress', progress }));
    const listener: CaptureListener = (event) => {
      if (signal.aborted && event.type === 'request') throw new CaptureCancelledError(connectionName);
      tracker.handle(event);
    };
    return { listener, flush: () => tracker.flush() };
  };
  const stepEmitter = (jobId: string) => (event: Parameters<typeof stepEventView>[0]) => emit({ jobId, type: 'restore-step', event: stepEventView(event) });

  return {
    listSnapshotApps: async ({ snapshotId }) =>
      services.vault
        .readSnapshot(snapshotId)
        .resources.filter((resource) => resource.kind === 'app')
        .map((app) => ({ id: app.id, name: stringAt(app.body, '/label') ?? app.name })),

    planRestore: async ({ jobId, connectionName, snapshotId, scope, options }) => {
      const connection = requireConnection(services, connectionName);
      const prepared = await jobs.run(jobId, async (signal) => {
        const capture = cancellableListener(jobId, signal, connectionName);
        try {
          const plan = await prepareRestore(services, { snapshotId, connectionName, scope, options: definedOptions(options), listener: capture.listener });
          // The capture may end with failed sections instead of raising the cancellation.
          if (signal.aborted) throw new CaptureCancelledError(connectionName);
          return plan;
        } catch (error) {
          throw signal.aborted ? new CaptureCancelledError(connectionName) : error;
        } finally {
          capture.flush();
        }
      });
      return { plan: redactPlan(prepared.plan), confirmation: confirmationFor(connection.orgUrl) };
    },

    executeRestore: async ({ jobId, connectionName, snapshotId, scope, options, confirm }) => {
      checkConfirmation(requireConnection(services, connectionName), confirm);
      const outcome = await jobs.run(jobId, async (signal) => {
        const capture = cancellableListener(jobId, signal, connectionName);
        try {
          return await executeRestore(services, {
            snapshotId,
            connectionName,
            scope,
            options: definedOptions(options),
            confirm,
            approvedBy: approver(),
            listener: capture.listener,
            onEvent: stepEmitter(jobId),
            signal,
          });
        } catch (error) {
          throw signal.aborted && !(error instanceof RestoreCancelledError) ? new CaptureCancelledError(connectionName) : error;
        } finally {
          capture.flush();
        }
      });
      return restoreOutcomeView(outcome);
    },

    resumeRestore: async ({ jobId, restoreId }) => restoreOutcomeView(await jobs.run(jobId, (signal) => resumeRestore(services, restoreId, { onEvent: stepEmitter(jobId), signal }))),

    listRestores: async ({ connectionName }) => {
      const connectionId = connectionName === undefined ? undefined : requireConnection(services, connectionName).id;
      return services.vault.listRestores(connectionId).map(restoreRecordView);
    },

    showRestore: async ({ restoreId }) => restoreJournalView(services.vault.readRestore(restoreId)),
  };
}

/**
 * Checks the typed confirmation before anything is captured, with its own error code;
 * executeRestore checks it again, so the rule stays enforced even if this check is removed.
 */
function checkConfirmation(connection: ConnectionRecord, confirm: string): void {
  const expected = confirmationFor(connection.orgUrl);
  if (confirm.trim().toLowerCase() !== expected.toLowerCase()) {
    throw new DesktopError('CONFIRMATION_MISMATCH', `The confirmation does not match the org of connection '${connection.name}'. Type its domain exactly: ${expected}`);
  }
}

/** Drops options the renderer left out, so the planner's defaults apply to them. */
function definedOptions(options: { [K in keyof PlanOptions]?: PlanOptions[K] | undefined }): Partial<PlanOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<PlanOptions>;
}

/** The OS account main runs as, recorded as the approver like the CLI does. */
function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}

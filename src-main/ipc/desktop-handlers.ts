import type { JobEvent } from '../../src-shared/ipc/ipc-views.js';
import type { Logger } from '../logging/logger.js';
import { applyDrillToSandbox } from '../sandbox/drills/apply-drill.js';
import { DRILLS, drillByName } from '../sandbox/drills/drill-catalog.js';
import { addConnection } from '../services/add-connection.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { checkConnection } from '../services/check-connection.js';
import { compareSnapshots } from '../services/compare-snapshots.js';
import { takeSnapshotUnlessCancelled } from '../services/snapshot-job.js';
import { requireConnection } from '../services/take-snapshot.js';
import { createAuditPackHandlers } from './audit-pack-handlers.js';
import { CaptureProgressTracker } from './capture-progress-tracker.js';
import type { ChooseSavePath } from './chosen-save-path.js';
import { DesktopError } from './desktop-error.js';
import { JobRegistry } from './job-registry.js';
import { createRestoreHandlers } from './restore-handlers.js';
import type { DesktopHandlers } from './register-handlers.js';
import { SandboxHost } from './sandbox-host.js';
import { connectionView, snapshotDetailView, snapshotView } from './view-mappers.js';

export interface DesktopContext {
  services: ButterflyServices;
  /** Sends a job event to the app window. */
  emit(event: JobEvent): void;
  logger: Logger;
  /** The approver recorded for restores; the OS user main runs as when left out. */
  approver?: () => string;
  /** The save dialog of Audit Pack exports; exports fail with INTERNAL when left out. */
  chooseSavePath?: ChooseSavePath;
}

/** The handlers and what must be stopped when the app quits. */
export interface DesktopApp {
  handlers: DesktopHandlers;
  sandbox: SandboxHost;
  jobs: JobRegistry;
  /** Cancels running jobs and stops the sandbox org. */
  shutdown(): Promise<void>;
}

/**
 * Builds the handler of every IPC method on the services the CLI uses. Handlers receive
 * requests already validated against the contract and return plain data; whatever they throw
 * is turned into an IpcError by registerIpcHandlers.
 */
export function createDesktopApp(context: DesktopContext): DesktopApp {
  const { services } = context;
  const logger = context.logger.child({ subsystem: 'desktop' });
  const jobs = new JobRegistry();
  const sandbox = new SandboxHost(services, logger);
  const tracker = (jobId: string): CaptureProgressTracker =>
    new CaptureProgressTracker((progress) => context.emit({ jobId, type: 'capture-progress', progress }));

  const snapshotCount = (name: string): number => services.vault.listSnapshots(name).length;

  const handlers: DesktopHandlers = {
    listConnections: async () => services.vault.listConnections().map((record) => connectionView(record, snapshotCount(record.name))),

    addConnection: async (request) => connectionView(await addConnection(services, request), snapshotCount(request.name)),

    testConnection: async ({ name }) => {
      const connection = requireConnection(services, name);
      const check = await checkConnection(services, connection);
      return { connectionName: connection.name, orgUrl: connection.orgUrl, ...check };
    },

    listSnapshots: async ({ connectionName }) => {
      if (connectionName !== undefined) requireConnection(services, connectionName);
      return services.vault.listSnapshots(connectionName).map(snapshotView);
    },

    showSnapshot: async ({ snapshotId }) => snapshotDetailView(services.vault.readSnapshot(snapshotId).summary),

    takeSnapshot: async ({ jobId, connectionName, label }) => {
      const progress = tracker(jobId);
      const label_ = label === undefined || label.trim() === '' ? undefined : label.trim();
      const taken = await jobs.run(jobId, (signal) =>
        takeSnapshotUnlessCancelled(services, { connectionName, label: label_, signal, listener: (event) => progress.handle(event) }).finally(() => progress.flush()),
      );
      return snapshotView(taken.summary);
    },

    setSnapshotLabel: async ({ snapshotId, label }) => {
      const trimmed = label === null || label.trim() === '' ? undefined : label.trim();
      services.vault.setLabel(snapshotId, trimmed);
      return snapshotView(services.vault.readSnapshot(snapshotId).summary);
    },

    verifyVault: async () => services.vault.verify(),

    compareSnapshots: async ({ jobId, beforeId, after }) => {
      const progress = tracker(jobId);
      return jobs.run(jobId, (signal) => compareSnapshots(services, { beforeId, after, signal, listener: (event) => progress.handle(event) }));
    },

    cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),

    listDrills: async () => DRILLS.map((drill) => ({ name: drill.name, title: drill.title, description: drill.description })),

    sandboxStatus: async () => sandbox.view(),

    startSandbox: async () => sandbox.start(),

    stopSandbox: async () => sandbox.stop(),

    applyDrill: async ({ name }) => {
      const drill = drillByName(name);
      const org = sandbox.org;
      if (org === undefined) throw new DesktopError('SANDBOX_NOT_RUNNING', `Drill '${drill.name}' runs only against the sandbox org, which is not running. Start it first.`);
      const report = await applyDrillToSandbox(org, drill.name, logger);
      return {
        drill: report.drill,
        requestCount: report.requests.length,
        touched: report.touched.map(({ kind, id, name: touchedName, change, detail }) => ({ kind, id, name: touchedName, change, detail })),
      };
    },

    ...createRestoreHandlers({ services, jobs, emit: context.emit, ...(context.approver ? { approver: context.approver } : {}) }),

    ...createAuditPackHandlers({ services, jobs, emit: context.emit, ...(context.chooseSavePath ? { chooseSavePath: context.chooseSavePath } : {}) }),
  };

  return {
    handlers,
    sandbox,
    jobs,
    shutdown: async () => {
      jobs.cancelAll();
      await sandbox.stop();
    },
  };
}

import type { IpcMethod, IpcRequest } from './ipc-requests.js';
import type { IpcResult } from './ipc-result.js';
import type {
  CompareView,
  ConnectionCheckView,
  ConnectionView,
  DrillRunView,
  DrillView,
  JobEvent,
  SandboxView,
  SnapshotDetailView,
  SnapshotView,
  VaultCheckView,
} from './ipc-views.js';
import type { IPC_METHODS } from './ipc-channels.js';
import type { AuditPackExportView } from './audit-pack-views.js';
import type { RestoreJournalView, RestoreOutcomeView, RestorePlanView, RestoreRecordView, SnapshotAppView } from './restore-views.js';

/** The result type of each method, the third part of the contract beside the channel and the request schema. */
export interface IpcResults {
  listConnections: ConnectionView[];
  addConnection: ConnectionView;
  testConnection: ConnectionCheckView;
  listSnapshots: SnapshotView[];
  showSnapshot: SnapshotDetailView;
  takeSnapshot: SnapshotView;
  setSnapshotLabel: SnapshotView;
  verifyVault: VaultCheckView;
  compareSnapshots: CompareView;
  cancelJob: { cancelled: boolean };
  listDrills: DrillView[];
  sandboxStatus: SandboxView;
  startSandbox: SandboxView;
  stopSandbox: SandboxView;
  applyDrill: DrillRunView;
  listSnapshotApps: SnapshotAppView[];
  planRestore: RestorePlanView;
  executeRestore: RestoreOutcomeView;
  resumeRestore: RestoreOutcomeView;
  listRestores: RestoreRecordView[];
  showRestore: RestoreJournalView;
  exportAuditPack: AuditPackExportView;
}

/** The object the preload puts on `window.butterfly`: one function per method, and a subscription to job events. */
export type ButterflyApi = {
  readonly [M in IpcMethod]: (request: IpcRequest<M>) => Promise<IpcResult<IpcResults[M]>>;
} & {
  /** Calls the listener for every job event until the returned function is called. */
  readonly onJobEvent: (listener: (event: JobEvent) => void) => () => void;
};

// Compile-time checks that the three lists name the same methods.
type MethodList = (typeof IPC_METHODS)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CONTRACT_METHODS_AGREE: Same<MethodList, IpcMethod> & Same<keyof IpcResults, IpcMethod> = true;

/**
 * Channel names of the desktop API. Kept apart from the request schemas so that the preload,
 * which is bundled on its own, pulls in no validation library.
 *
 * Adding a method is three edits: its name here, its request schema in ipc-requests.ts and its
 * result type in ipc-contract.ts. The type check fails until all three agree.
 */
export const IPC_METHODS = [
  'listConnections',
  'addConnection',
  'testConnection',
  'listSnapshots',
  'showSnapshot',
  'takeSnapshot',
  'setSnapshotLabel',
  'verifyVault',
  'compareSnapshots',
  'cancelJob',
  'listDrills',
  'sandboxStatus',
  'startSandbox',
  'stopSandbox',
  'applyDrill',
  'listSnapshotApps',
  'planRestore',
  'executeRestore',
  'resumeRestore',
  'listRestores',
  'showRestore',
  'exportAuditPack',
] as const;

/** Prefix of every invoke channel; main rejects any other channel name. */
export const CHANNEL_PREFIX = 'butterfly:';

/** The channel that main sends job events (capture, restore and Audit Pack progress) on. */
export const JOB_EVENT_CHANNEL = 'butterfly-event:job';

/** Returns the invoke channel of a method. */
export function channelOf(method: (typeof IPC_METHODS)[number]): string {
  return `${CHANNEL_PREFIX}${method}`;
}

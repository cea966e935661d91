import { diffSnapshots } from '../../src-shared/diff/diff-snapshots.js';
import type { DiffResult, DiffSide } from '../../src-shared/diff/diff-types.js';
import type { CaptureListener } from '../okta/capture-progress.js';
import { VaultError } from '../vault/vault-errors.js';
import type { ButterflyServices } from './butterfly-services.js';
import { captureUnlessCancelled } from './snapshot-job.js';

export interface CompareOptions {
  beforeId: number;
  /** A snapshot id, or `live` for the org as it is now, captured and not stored. */
  after: number | 'live';
  signal: AbortSignal;
  listener?: CaptureListener;
}

/**
 * Compares a stored snapshot with another, or with the live org captured through the first
 * snapshot's connection from the same apps, as `butterfly diff` does.
 */
export async function compareSnapshots(services: ButterflyServices, options: CompareOptions): Promise<DiffResult> {
  const before = readSide(services, options.beforeId);
  const after = options.after === 'live' ? await captureLiveSide(services, options) : readSide(services, options.after);
  return diffSnapshots(before, after);
}

/** Reads a stored snapshot as one side of a comparison; throws `snapshot-not-found` naming the id. */
export function readSide(services: ButterflyServices, id: number): DiffSide {
  if (!services.vault.snapshotExists(id)) {
    throw new VaultError('snapshot-not-found', `No snapshot ${id} in the vault. Pick one from the snapshot list.`);
  }
  const snapshot = services.vault.readSnapshot(id);
  return { label: String(id), takenAt: snapshot.summary.takenAt, complete: snapshot.summary.complete, resources: snapshot.resources };
}

async function captureLiveSide(services: ButterflyServices, options: CompareOptions): Promise<DiffSide> {
  const before = services.vault.readSnapshot(options.beforeId);
  const connection = services.vault.listConnections().find((candidate) => candidate.id === before.summary.connectionId);
  if (!connection) {
    throw new VaultError('connection-not-found', `The connection of snapshot ${options.beforeId} is no longer saved, so the live org cannot be reached.`);
  }
  const apps = before.resources.filter((resource) => resource.kind === 'app').map((resource) => resource.id);
  const { captured } = await captureUnlessCancelled(services, connection, apps, options.signal, options.listener);
  const complete = Object.values(captured.sections).every((section) => section.status !== 'failed');
  return { label: 'live', takenAt: captured.finishedAt, complete, resources: captured.resources };
}

import type { ConnectionView, SnapshotDetailView, SnapshotView } from '../../src-shared/ipc/ipc-views.js';
import { RESOURCE_KINDS } from '../../src-shared/snapshot/snapshot-model.js';
import type { ConnectionRecord, SnapshotSummary } from '../vault/vault-types.js';

/** Builds the renderer's view of a connection from its public settings; the credential stays in the secret store. */
export function connectionView(record: ConnectionRecord, snapshotCount: number): ConnectionView {
  return { name: record.name, orgUrl: record.orgUrl, auth: record.auth, createdAt: record.createdAt, snapshotCount };
}

export function snapshotView(summary: SnapshotSummary): SnapshotView {
  return {
    id: summary.id,
    connectionName: summary.connectionName,
    orgUrl: summary.orgUrl,
    takenAt: summary.takenAt,
    label: summary.label ?? null,
    trigger: summary.trigger,
    resourceCount: summary.resourceCount,
    complete: summary.complete,
    failedSections: RESOURCE_KINDS.filter((kind) => summary.sections[kind].status === 'failed'),
  };
}

export function snapshotDetailView(summary: SnapshotSummary): SnapshotDetailView {
  return {
    ...snapshotView(summary),
    sections: RESOURCE_KINDS.map((kind) => ({ kind, state: summary.sections[kind] })),
    contentHash: summary.contentHash,
    chainHash: summary.chainHash,
  };
}

import { describeGroupRules } from '../../src-shared/audit/group-rule-evidence.js';
import { describePolicies } from '../../src-shared/audit/policy-evidence.js';
import { describeProductAccess } from '../../src-shared/audit/product-access-evidence.js';
import { describeProvisioning } from '../../src-shared/audit/provisioning-evidence.js';
import { compareCodeUnits } from '../../src-shared/json/canonical-json.js';
import { RESOURCE_KINDS, type SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import type { ConnectionRecord, SnapshotSummary } from '../vault/vault-types.js';
import type { AuditPackRequest } from './audit-request.js';
import { snapshotAttachment } from './attachment-files.js';
import { compareLoaded, type LoadedSnapshot } from './collect-changes.js';
import { yieldToEventLoop } from './event-loop.js';
import type { ConnectionEvidence } from './pack-data.js';
import type { RestoreJournalSource } from './restore-journal-source.js';

/** The vault reads the collection needs; a `Vault` fits. */
export interface SnapshotStore {
  readSnapshot(id: number): { summary: SnapshotSummary; resources: SnapshotResource[] };
  /**
   * Reads a snapshot as `readSnapshot` does, but takes each resource whose blob key (hex) is in
   * `known` from there instead of decrypting and parsing its blob again. Returns the snapshot's
   * own resources by blob key as `blobs`, for the next call. Optional: the walk uses it when the
   * store has it, and it saves most of the reading when consecutive snapshots share blobs.
   */
  readSnapshotReusing?(id: number, known: ReadonlyMap<string, SnapshotResource>): { summary: SnapshotSummary; resources: SnapshotResource[]; blobs: Map<string, SnapshotResource> };
}

/**
 * Gathers the evidence of one connection by walking its complete snapshots from the start of
 * the period to its end, one at a time. Consecutive snapshots with the same content hash are
 * identical, so only snapshots whose content changed are read and compared with the one
 * before. At most two snapshots, with their impact sides, are held at a time. A snapshot that
 * cannot be read (a damaged row) is listed as skipped, never thrown.
 * `onSnapshot` is called once per snapshot walked, and the walk then yields to the event loop,
 * so a cancel can arrive between snapshots.
 */
export async function collectConnection(
  store: SnapshotStore,
  restores: RestoreJournalSource,
  connection: ConnectionRecord,
  snapshots: readonly SnapshotSummary[],
  request: AuditPackRequest,
  onSnapshot: (summary: SnapshotSummary) => void,
): Promise<ConnectionEvidence> {
  const evidence = emptyEvidence(connection);
  const from = Date.parse(request.from);
  const to = Date.parse(request.to);
  const { start, end } = chooseEnds(snapshots, from, to, evidence.notes);
  evidence.start = start;
  evidence.end = end;
  evidence.inventory = snapshots.filter((summary) => inPeriod(summary, from, to) || summary.id === start?.id);
  evidence.restores = readRestores(restores, connection, from, to, evidence.notes);
  if (start === undefined || end === undefined) return evidence;

  let previous: LoadedSnapshot | undefined;
  for (const summary of snapshots.filter((candidate) => candidate.id >= start.id && candidate.id <= end.id)) {
    onSnapshot(summary);
    await yieldToEventLoop();
    if (!summary.complete) {
      evidence.skipped.push({ id: summary.id, reason: `incomplete capture (failed sections: ${failedSections(summary).join(', ')})` });
      continue;
    }
    if (previous !== undefined && summary.contentHash === previous.summary.contentHash) {
      previous = { ...previous, summary };
      evidence.comparedSnapshots++;
      continue;
    }

    const loaded = readOrSkip(store, summary, previous, evidence);
    if (loaded === undefined) continue;
    if (summary.id === start.id) recordStart(evidence, loaded, request);
    if (previous !== undefined) recordChanges(evidence, previous, loaded, request);
    previous = loaded;
    evidence.comparedSnapshots++;
  }

  if (previous !== undefined) recordEnd(evidence, previous, request);
  return evidence;
}

/**
 * Picks the start (the last complete snapshot at or before the period's start, else the first
 * complete one in the period) and the end (the last complete snapshot at or before the period's
 * end), and explains the choice in `notes`.
 */
function chooseEnds(snapshots: readonly SnapshotSummary[], from: number, to: number, notes: string[]): { start: SnapshotSummary | undefined; end: SnapshotSummary | undefined } {
  const complete = snapshots.filter((summary) => summary.complete);
  const before = complete.filter((summary) => Date.parse(summary.takenAt) <= from);
  const during = complete.filter((summary) => inPeriod(summary, from, to));
  const start = before[before.length - 1] ?? during[0];
  const end = during[during.length - 1] ?? before[before.length - 1];

  if (start === undefined || end === undefined) {
    notes.push('No complete snapshot of this connection was taken before or during the period, so the pack holds no configuration evidence for it.');
    return { start: undefined, end: undefined };
  }
  if (before.length === 0) notes.push(`No complete snapshot was taken at or before the start of the period; the state at the start is that of snapshot ${start.id}, the first one in the period (${start.takenAt}).`);
  else notes.push(`The state at the start of the period is snapshot ${start.id}, taken ${start.takenAt}.`);
  notes.push(`The state at the end of the period is snapshot ${end.id}, taken ${end.takenAt}.`);
  return { start, end };
}

/** Reads a snapshot, reusing the resources it shares with `previous` when the store can. */
function readOrSkip(store: SnapshotStore, summary: SnapshotSummary, previous: LoadedSnapshot | undefined, evidence: ConnectionEvidence): LoadedSnapshot | undefined {
  try {
    if (store.readSnapshotReusing !== undefined) {
      const { resources, blobs } = store.readSnapshotReusing(summary.id, previous?.blobs ?? new Map());
      return { summary, resources, blobs };
    }
    const { resources } = store.readSnapshot(summary.id);
    return { summary, resources };
  } catch (error) {
    evidence.skipped.push({ id: summary.id, reason: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
    return undefined;
  }
}

function recordStart(evidence: ConnectionEvidence, loaded: LoadedSnapshot, request: AuditPackRequest): void {
  evidence.accessAtStart = describeProductAccess(loaded.resources, request.impact);
  evidence.attachments.push(snapshotAttachment(loaded.summary, loaded.resources));
}

function recordChanges(evidence: ConnectionEvidence, before: LoadedSnapshot, after: LoadedSnapshot, request: AuditPackRequest): void {
  const changes = compareLoaded(before, after, request.impact);
  if (changes !== undefined) evidence.changes.push(changes);
}

/** Reads the end evidence from the last snapshot walked; an unreadable end falls back to it with a note. */
function recordEnd(evidence: ConnectionEvidence, last: LoadedSnapshot, request: AuditPackRequest): void {
  if (last.summary.id !== evidence.end?.id) {
    evidence.notes.push(`Snapshot ${evidence.end?.id ?? '?'} could not be used, so the end-of-period evidence comes from snapshot ${last.summary.id}, taken ${last.summary.takenAt}.`);
  }
  evidence.policies = describePolicies(last.resources);
  evidence.provisioning = describeProvisioning(last.resources);
  evidence.groupRules = describeGroupRules(last.resources);
  evidence.accessAtEnd = describeProductAccess(last.resources, request.impact);
  if (last.summary.id !== evidence.start?.id) evidence.attachments.push(snapshotAttachment(last.summary, last.resources));
}

function readRestores(source: RestoreJournalSource, connection: ConnectionRecord, from: number, to: number, notes: string[]) {
  if (!source.available) {
    notes.push('This vault keeps no restore journal, so restores performed during the period cannot be listed from it.');
    return [];
  }
  return source
    .listRestores(connection.id)
    .filter((record) => Date.parse(record.createdAt) >= from && Date.parse(record.createdAt) <= to)
    .sort((a, b) => compareCodeUnits(a.createdAt, b.createdAt))
    .map((record) => source.readRestore(record.id));
}

function inPeriod(summary: SnapshotSummary, from: number, to: number): boolean {
  const takenAt = Date.parse(summary.takenAt);
  return takenAt >= from && takenAt <= to;
}

function failedSections(summary: SnapshotSummary): string[] {
  return RESOURCE_KINDS.filter((kind) => summary.sections[kind].status === 'failed');
}

function emptyEvidence(connection: ConnectionRecord): ConnectionEvidence {
  return {
    connection,
    start: undefined,
    end: undefined,
    notes: [],
    inventory: [],
    policies: [],
    provisioning: [],
    groupRules: [],
    accessAtStart: undefined,
    accessAtEnd: undefined,
    changes: [],
    comparedSnapshots: 0,
    skipped: [],
    restores: [],
    attachments: [],
  };
}

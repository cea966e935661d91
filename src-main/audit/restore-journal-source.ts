import { isJsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import type { Vault } from '../vault/vault.js';

/** One journaled restore as the Audit Pack reads it. */
export interface AuditRestoreRecord {
  id: string;
  connectionId: string;
  connectionName: string;
  desiredSnapshotId: number;
  preRestoreSnapshotId: number | null;
  createdAt: string;
  updatedAt: string;
  status: string;
  approvedBy: string | null;
  stepCount: number;
  stepsSucceeded: number;
}

/** The parts of a restore plan the pack prints; a `RestorePlan` from src-shared/restore fits it. */
export interface AuditRestorePlan {
  desired: { label: string; orgUrl: string; takenAt: string };
  live: { label: string; orgUrl: string; takenAt: string };
  steps: Array<{ index: number; action: string; kind: string; name: string; description: string }>;
  manualSteps: Array<{ title: string; where: string }>;
  warnings: Array<{ message: string }>;
  blockers: string[];
}

/** One journal entry: a step started, succeeded, failed or was skipped. */
export interface AuditRestoreEvent {
  stepIndex: number;
  type: 'started' | 'succeeded' | 'failed' | 'skipped';
  at: string;
  /**
   * The detail the restore executor recorded (the shapes in src-main/restore/restore-journal.ts:
   * outcome, HTTP status, Okta's error), as stored; null when none was recorded.
   */
  detail: JsonValue | null;
}

/** A restore with its plan, journal and verification result. */
export interface AuditRestoreJournal {
  record: AuditRestoreRecord;
  plan: AuditRestorePlan;
  events: AuditRestoreEvent[];
  /** The detail stored with the current status: for a stopped restore, `{ status, failure }`. */
  statusDetail: JsonValue | null;
  /** The read-back after the restore, in words: whether it matched and what still differs. */
  verification: RestoreVerificationSummary;
}

export interface RestoreVerificationSummary {
  outcome: 'passed' | 'failed' | 'not run';
  /** Differences the read-back still found, one sentence each. */
  differences: string[];
}

/** The source of restores for the pack: the vault's restore journal, or a fake in tests. */
export interface RestoreJournalSource {
  /** False for a source without a restore journal; the pack then states it instead of listing no restore. */
  readonly available: boolean;
  listRestores(connectionId: string): AuditRestoreRecord[];
  readRestore(id: string): AuditRestoreJournal;
}

/**
 * Reads restores from the vault's restore journal. The plan, event details and verification
 * are stored as JSON, so they are read field by field and a field of another shape is shown as
 * missing instead of failing the pack.
 */
export function vaultRestoreSource(vault: Pick<Vault, 'listRestores' | 'readRestore'>): RestoreJournalSource {
  return {
    available: true,
    listRestores: (connectionId) => vault.listRestores(connectionId).map((record) => toRecord(record)),
    readRestore: (id) => toJournal(vault.readRestore(id)),
  };
}

function toJournal(value: unknown): AuditRestoreJournal {
  const journal = objectOf(value);
  return {
    record: toRecord(journal['record']),
    plan: toPlan(journal['plan']),
    events: arrayOf(journal['events']).map((event) => {
      const entry = objectOf(event);
      const type = String(entry['type']);
      return {
        stepIndex: Number(entry['stepIndex']),
        type: (['started', 'succeeded', 'failed', 'skipped'].includes(type) ? type : 'failed') as AuditRestoreEvent['type'],
        at: String(entry['at'] ?? ''),
        detail: (entry['detail'] ?? null) as JsonValue | null,
      };
    }),
    statusDetail: (journal['statusDetail'] ?? null) as JsonValue | null,
    verification: summarizeVerification(journal['verification']),
  };
}

function toRecord(value: unknown): AuditRestoreRecord {
  const record = objectOf(value);
  return {
    id: String(record['id']),
    connectionId: String(record['connectionId'] ?? ''),
    connectionName: String(record['connectionName'] ?? ''),
    desiredSnapshotId: Number(record['desiredSnapshotId']),
    preRestoreSnapshotId: typeof record['preRestoreSnapshotId'] === 'number' ? record['preRestoreSnapshotId'] : null,
    createdAt: String(record['createdAt'] ?? ''),
    updatedAt: String(record['updatedAt'] ?? ''),
    status: String(record['status'] ?? 'unknown'),
    approvedBy: typeof record['approvedBy'] === 'string' ? record['approvedBy'] : null,
    stepCount: Number(record['stepCount'] ?? 0),
    stepsSucceeded: Number(record['stepsSucceeded'] ?? 0),
  };
}

function toPlan(value: unknown): AuditRestorePlan {
  const plan = objectOf(value);
  const side = (raw: unknown) => {
    const entry = objectOf(raw);
    return { label: String(entry['label'] ?? ''), orgUrl: String(entry['orgUrl'] ?? ''), takenAt: String(entry['takenAt'] ?? '') };
  };
  return {
    desired: side(plan['desired']),
    live: side(plan['live']),
    steps: arrayOf(plan['steps']).map((raw) => {
      const step = objectOf(raw);
      return { index: Number(step['index']), action: String(step['action'] ?? ''), kind: String(step['kind'] ?? ''), name: String(step['name'] ?? ''), description: String(step['description'] ?? '') };
    }),
    manualSteps: arrayOf(plan['manualSteps']).map((raw) => ({ title: String(objectOf(raw)['title'] ?? ''), where: String(objectOf(raw)['where'] ?? '') })),
    warnings: arrayOf(plan['warnings']).map((raw) => ({ message: String(objectOf(raw)['message'] ?? '') })),
    blockers: arrayOf(plan['blockers']).map(String),
  };
}

/**
 * Reads the stored verification of a restore: `clean` gives the outcome, and each residual
 * difference (`{ change, kind, name }`), pending manual step and kind that could not be compared
 * (`unchecked`) becomes one sentence.
 */
export function summarizeVerification(value: unknown): RestoreVerificationSummary {
  if (!isJsonObject(value)) return { outcome: 'not run', differences: [] };

  const residuals = arrayOf(value['residuals']).map((item) => {
    const residual = objectOf(item);
    return `${String(residual['kind'] ?? 'resource')} '${String(residual['name'] ?? residual['id'] ?? '?')}' ${residualVerb(residual['change'])} the snapshot`;
  });
  const pending = arrayOf(value['pendingManualSteps']).map((step) => `manual step pending: ${String(step)}`);
  const unchecked = arrayOf(value['unchecked']).map((item) => {
    const entry = objectOf(item);
    return `${String(entry['kind'] ?? 'resource')} not compared, because its capture after the restore failed: ${String(entry['error'] ?? 'no error recorded')}`;
  });
  const differences = [...residuals, ...pending, ...unchecked];

  if (value['clean'] === true) return { outcome: 'passed', differences };
  if (value['clean'] === false || differences.length > 0) return { outcome: 'failed', differences };
  return { outcome: 'not run', differences };
}

function residualVerb(change: unknown): string {
  if (change === 'added') return 'exists in the org but not in';
  if (change === 'removed') return 'is missing from the org but present in';
  return 'still differs from';
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

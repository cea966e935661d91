import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { CapturedSnapshot, ResourceKind, SectionState, SnapshotResource, SnapshotTrigger } from '../../src-shared/snapshot/snapshot-model.js';

/** The sign-in method of a connection. The secret itself lives in the secret store, never in the vault. */
export type ConnectionAuth =
  | { type: 'api-token' }
  | { type: 'private-key'; clientId: string; scopes: string[]; keyId?: string };

/** A saved connection to an Okta org. */
export interface ConnectionRecord {
  /** Random id, also the key of the connection's credential in the secret store. */
  id: string;
  /** The name the user gave the connection; unique in the vault. */
  name: string;
  provider: 'okta';
  orgUrl: string;
  auth: ConnectionAuth;
  createdAt: string;
}

/** The vault's record of a snapshot, besides its resources. */
export interface SnapshotSummary {
  id: number;
  connectionId: string;
  connectionName: string;
  orgUrl: string;
  /** When the capture started, ISO 8601 in UTC. */
  startedAt: string;
  /** When the capture finished, ISO 8601 in UTC. */
  takenAt: string;
  label: string | undefined;
  trigger: SnapshotTrigger;
  /** False when any section failed; such a snapshot is never presented as complete. */
  complete: boolean;
  resourceCount: number;
  sections: Record<ResourceKind, SectionState>;
  /** SHA-256 (hex) of the snapshot's canonical content. */
  contentHash: string;
  /** The chain hash of the snapshot before it in the vault, or 64 zeros for the first one. */
  previousChainHash: string;
  /** SHA-256 (hex) over the previous chain hash, this snapshot's content hash and its metadata. */
  chainHash: string;
}

/** A snapshot read back from the vault, decrypted. */
export interface StoredSnapshot {
  summary: SnapshotSummary;
  resources: SnapshotResource[];
}

export interface WriteSnapshotInput {
  connectionId: string;
  captured: CapturedSnapshot;
  label?: string;
  trigger: SnapshotTrigger;
}

/** Kinds of problem that `verify` reports. */
export type VerificationProblemCode =
  /** A sealed value fails to decrypt: changed bytes, or a ciphertext moved from another row. */
  | 'decrypt-failed'
  /** A row or decrypted value has the wrong type, length or shape. */
  | 'invalid-row'
  /** A blob's decrypted content no longer has the HMAC that is its key. */
  | 'blob-hash-mismatch'
  /** A snapshot's index names a blob row that does not exist. */
  | 'missing-blob'
  /** A snapshot's index disagrees with its blobs: another kind, or the same resource twice. */
  | 'index-mismatch'
  /** A snapshot's resource count differs from the rows of its index. */
  | 'count-mismatch'
  /** A snapshot's content hash does not recompute from its resources and sections. */
  | 'content-hash-mismatch'
  /** A chain hash does not recompute, or does not follow the snapshot before it. */
  | 'chain-broken'
  /** The keyed chain head value does not match the stored chain: a rewrite or a lost tail. */
  | 'chain-head-mismatch'
  /** SQLite's integrity check or foreign key check reports a problem. */
  | 'integrity-check'
  /** A restore's step events are not numbered 1 to its event count: an event was removed or added outside Butterfly. */
  | 'journal-mismatch';

/** One problem `verify` found, with where it is. */
export interface VerificationProblem {
  code: VerificationProblemCode;
  /** The row concerned: `snapshot 12`, `blob 3f2a…`, `connection 5c1e…`. */
  where: string;
  message: string;
}

export interface VerificationReport {
  snapshotsChecked: number;
  blobsChecked: number;
  valuesDecrypted: number;
  problems: VerificationProblem[];
}

/**
 * The state of a restore: `running` until the executor stops, then `failed` or `completed`.
 * After the re-capture and diff, it is one of the three verification outcomes. A resumed
 * restore goes from `failed` back to `running`. The vault stores each status the executor sets
 * and does not enforce an order.
 */
export type RestoreStatus = 'running' | 'failed' | 'completed' | 'verified' | 'verified-with-residuals' | 'verification-failed';

/** The journal's record of one restore, without its plan and events. */
export interface RestoreRecord {
  /** `r` and a number, such as `r7`; never reused in the vault. */
  id: string;
  /** The connection restored into. */
  connectionId: string;
  connectionName: string;
  /** The snapshot whose state the restore puts back. */
  desiredSnapshotId: number;
  /** The capture of the target org taken just before the restore, if it was stored. */
  preRestoreSnapshotId: number | undefined;
  /** ISO 8601 in UTC. */
  createdAt: string;
  /** The time of the last change to the restore or its journal, ISO 8601 in UTC. */
  updatedAt: string;
  status: RestoreStatus;
  /** The name of the person who confirmed the execution. */
  approvedBy: string | undefined;
  /** Steps in the plan; step events carry indexes from 1 to this number. */
  stepCount: number;
  /** Distinct steps with a `succeeded` event. */
  stepsSucceeded: number;
}

export type RestoreStepEventType = 'started' | 'succeeded' | 'failed' | 'skipped';

/** One entry of a restore's journal. */
export interface RestoreStepEvent {
  /** 1-based index of the plan step. */
  stepIndex: number;
  type: RestoreStepEventType;
  /** ISO 8601 in UTC. */
  at: string;
  detail: JsonValue;
}

export interface CreateRestoreInput {
  connectionId: string;
  desiredSnapshotId: number;
  preRestoreSnapshotId?: number;
  plan: JsonValue;
  stepCount: number;
  approvedBy?: string;
  /** ISO 8601 in UTC; the current time when left out. */
  createdAt?: string;
}

export interface RecordRestoreStepInput {
  stepIndex: number;
  type: RestoreStepEventType;
  detail: JsonValue;
  /** ISO 8601 in UTC; the current time when left out. */
  at?: string;
}

/** A restore read back whole: its record, plan and journal, decrypted. */
export interface StoredRestore {
  record: RestoreRecord;
  plan: JsonValue;
  /** In the order they were recorded. */
  events: RestoreStepEvent[];
  /** The detail given with the last status change, if any. */
  statusDetail: JsonValue | undefined;
  verification: JsonValue | undefined;
}

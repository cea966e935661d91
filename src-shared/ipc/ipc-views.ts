import type { DiffResult } from '../diff/diff-types.js';
import type { ResourceKind, SectionState, SnapshotTrigger } from '../snapshot/snapshot-model.js';
import type { AuditPackProgressView } from './audit-pack-views.js';
import type { RestoreStepEventView } from './restore-views.js';

/** A saved connection as the renderer receives it: public settings only, never the credential. */
export interface ConnectionView {
  name: string;
  orgUrl: string;
  /** Sign-in method of the connection; a service app shows its client id and scopes. */
  auth: { type: 'api-token' } | { type: 'private-key'; clientId: string; scopes: string[]; keyId?: string };
  createdAt: string;
  snapshotCount: number;
}

/** One permission the connection was checked for. */
export interface PermissionCheck {
  /** The Okta OAuth 2.0 scope that grants it, such as `okta.groups.read`. */
  scope: string;
  /** `granted`: a request needing it succeeded or the scope is configured; `missing`: Okta refused it; `unknown`: it cannot be checked without a write. */
  status: 'granted' | 'missing' | 'unknown';
  /** Reason for the status, in a sentence. */
  detail: string;
}

/** The result of testing a connection against its org. */
export interface ConnectionCheckView {
  connectionName: string;
  orgUrl: string;
  /** Whether the org responded at all to this credential. */
  reachable: boolean;
  /** Permissions a snapshot needs. */
  capture: PermissionCheck[];
  /** Permissions a restore needs. */
  restore: PermissionCheck[];
}

/** A stored snapshot in a connection's timeline. */
export interface SnapshotView {
  id: number;
  connectionName: string;
  orgUrl: string;
  /** When the capture finished, ISO 8601 in UTC. */
  takenAt: string;
  label: string | null;
  trigger: SnapshotTrigger;
  resourceCount: number;
  complete: boolean;
  /** Kinds whose section failed; empty for a complete snapshot. */
  failedSections: ResourceKind[];
}

/** A snapshot with the state of every section and its hashes, as `butterfly show` prints it. */
export interface SnapshotDetailView extends SnapshotView {
  sections: { kind: ResourceKind; state: SectionState }[];
  contentHash: string;
  chainHash: string;
}

/** The outcome of checking every value, hash and the hash chain of the vault. */
export interface VaultCheckView {
  snapshotsChecked: number;
  blobsChecked: number;
  valuesDecrypted: number;
  problems: { code: string; where: string; message: string }[];
}

/** A scripted incident the sandbox can apply. */
export interface DrillView {
  name: string;
  title: string;
  description: string;
}

/** Changes a drill made in the sandbox org. */
export interface DrillRunView {
  drill: string;
  requestCount: number;
  touched: { kind: ResourceKind; id: string; name: string; change: 'created' | 'updated' | 'deleted'; detail: string }[];
}

/** The sandbox org run by the main process for drill mode and the demo connection. */
export type SandboxView =
  | { running: false }
  | {
      running: true;
      orgUrl: string;
      connectionName: string;
      seed: string;
      /** When the sandbox started, ISO 8601 in UTC; snapshots taken before it show another org state. */
      startedAt: string;
    };

/** A comparison of two snapshots, or of a snapshot and the live org. */
export type CompareView = DiffResult;

/** Progress of a running capture, sent as an event while the job runs. */
export interface CaptureProgressView {
  /** Sections finished (complete, failed or not configured) out of every section. */
  sectionsDone: number;
  sectionsTotal: number;
  /** The section being read most recently, if any. */
  currentSection: ResourceKind | null;
  /** Requests sent so far, retries included. */
  requests: number;
  /** A wait or a retry in progress, in a sentence; null while requests flow normally. */
  notice: string | null;
}

/** An event that main sends to the renderer while a job runs: capture progress, one restore step's progress, or Audit Pack progress. */
export type JobEvent =
  | { jobId: string; type: 'capture-progress'; progress: CaptureProgressView }
  | { jobId: string; type: 'restore-step'; event: RestoreStepEventView }
  | { jobId: string; type: 'audit-pack-progress'; progress: AuditPackProgressView };

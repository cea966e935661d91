import type { CapturedSnapshot, ResourceKind, SectionState, SnapshotResource, SnapshotTrigger } from '../../src-shared/snapshot/snapshot-model.js';

/** How a connection signs in to Okta. The secret itself lives in the secret store, never in the vault. */
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

/** What the vault stores about a snapshot besides its resources. */
export interface SnapshotSummary {
  id: number;
  connectionId: string;
  connectionName: string;
  orgUrl: string;
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

/** One problem `verify` found, with where it is. */
export interface VerificationProblem {
  /** What is wrong: `decrypt-failed`, `content-hash-mismatch`, `chain-broken`, `blob-hash-mismatch`, `missing-blob`, `integrity-check`. */
  code: string;
  /** Which row: `snapshot 12`, `blob 3f2a…`, `connection 5c1e…`. */
  where: string;
  message: string;
}

export interface VerificationReport {
  snapshotsChecked: number;
  blobsChecked: number;
  valuesDecrypted: number;
  problems: VerificationProblem[];
}

import type { AuditFramework, EvidenceKind } from '../../src-shared/audit/framework-catalog.js';
import type { GroupRuleEvidence } from '../../src-shared/audit/group-rule-evidence.js';
import type { PolicyEvidence } from '../../src-shared/audit/policy-evidence.js';
import type { ProductAccessEvidence } from '../../src-shared/audit/product-access-evidence.js';
import type { AppProvisioningEvidence } from '../../src-shared/audit/provisioning-evidence.js';
import type { Finding } from '../../src-shared/diff/diff-types.js';
import type { ConnectionRecord, SnapshotSummary, VerificationReport } from '../vault/vault-types.js';
import type { AuditPackRequest } from './audit-request.js';
import type { AuditRestoreJournal } from './restore-journal-source.js';

/** A file attached inside the PDF. */
export interface PackAttachment {
  fileName: string;
  mimeType: string;
  description: string;
  bytes: Uint8Array;
  /** SHA-256 (hex) of `bytes`, printed in the pack so the file can be checked after extraction. */
  sha256: string;
}

/** The changes between two consecutive complete snapshots that differ. */
export interface ChangeSet {
  before: SnapshotSummary;
  after: SnapshotSummary;
  findings: Finding[];
  /** The access impact in sentences, most severe first. */
  headline: string[];
  counts: { added: number; removed: number; changed: number };
}

/** A snapshot that the change history could not use, with the reason. */
export interface SkippedSnapshot {
  id: number;
  reason: string;
}

/** Everything the pack shows about one connection. */
export interface ConnectionEvidence {
  connection: ConnectionRecord;
  /** The snapshot the period starts from and the one it ends with; undefined when there is none. */
  start: SnapshotSummary | undefined;
  end: SnapshotSummary | undefined;
  /** Sentences on how start and end were chosen, or why there is no evidence. */
  notes: string[];
  /** The start snapshot (when taken before the period) and every snapshot taken in the period, oldest first. */
  inventory: SnapshotSummary[];
  /** Evidence read from the end snapshot. */
  policies: PolicyEvidence[];
  provisioning: AppProvisioningEvidence[];
  groupRules: GroupRuleEvidence[];
  accessAtStart: ProductAccessEvidence | undefined;
  accessAtEnd: ProductAccessEvidence | undefined;
  changes: ChangeSet[];
  /** Snapshots compared (complete and readable), including the start. */
  comparedSnapshots: number;
  skipped: SkippedSnapshot[];
  restores: AuditRestoreJournal[];
  attachments: PackAttachment[];
}

/** Everything the pack shows, gathered before layout. */
export interface AuditPackData {
  request: AuditPackRequest;
  frameworks: AuditFramework[];
  evidence: EvidenceKind[];
  connections: ConnectionEvidence[];
  verification: VerificationReport;
  /** The chain hash of the vault's newest snapshot, covering every snapshot before it. */
  chainHead: string | undefined;
  vaultSnapshotCount: number;
  /** Set when the vault's snapshot list could not be read at all (a damaged row). */
  listingError: string | undefined;
  restoreJournalAvailable: boolean;
  /** Files attached beside the per-connection ones, such as the verification report. */
  attachments: PackAttachment[];
}

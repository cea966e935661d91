import type { FrameworkId } from '../audit/framework-catalog.js';

/**
 * The stage of an Audit Pack export: waiting for the user to choose the file, verifying the
 * vault, reading snapshots, laying out pages, producing the PDF bytes, then writing the file.
 */
export type AuditPackStage = 'choose-file' | 'verify' | 'snapshots' | 'layout' | 'save' | 'write';

/** Progress of an export, sent as a job event: `done` of `total` steps of the current stage. */
export interface AuditPackProgressView {
  stage: AuditPackStage;
  done: number;
  total: number;
  /** The item being worked on, such as `snapshot 12 of prod`. */
  detail: string;
}

/** A written Audit Pack, with what a user records to check the file later. */
export interface AuditPackExportView {
  /** Absolute path of the PDF, as the user chose it in the save dialog. */
  path: string;
  sizeBytes: number;
  pageCount: number;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
  connectionNames: string[];
  /** The period as ISO 8601 instants in UTC, both included. */
  from: string;
  to: string;
  frameworks: FrameworkId[];
  generatedAt: string;
  /**
   * Problems found when the vault was verified again, also printed in the pack. Zero means
   * every hash and chain link matched.
   */
  verificationProblems: number;
}

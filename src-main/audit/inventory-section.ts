import type { SnapshotSummary, VerificationProblem } from '../vault/vault-types.js';
import type { ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Snapshots listed in the body when the period has more; start, end and flagged ones are always listed. */
const ROWS_SHOWN = 40;

/**
 * Draws the snapshots of the period with their content and chain hashes and the verification
 * result of each. A long period lists the start, the end, and every snapshot that is incomplete or
 * has a problem, then the first ones up to the limit; the inventory CSV lists them all.
 */
export function drawInventory(writer: PackWriter, evidence: ConnectionEvidence, problems: readonly VerificationProblem[], csvName: string | undefined): void {
  const flagged = (summary: SnapshotSummary) => !summary.complete || problemsOf(problems, summary.id).length > 0;
  const keep = new Set<number>();
  for (const summary of evidence.inventory) {
    if (summary.id === evidence.start?.id || summary.id === evidence.end?.id || flagged(summary)) keep.add(summary.id);
  }
  for (const summary of evidence.inventory) if (keep.size < ROWS_SHOWN) keep.add(summary.id);
  const shown = evidence.inventory.filter((summary) => keep.has(summary.id));

  writer.paragraph(
    [
      `${evidence.inventory.length} snapshot(s): the start snapshot and every snapshot taken in the period.`,
      shown.length < evidence.inventory.length ? `${shown.length} of them are listed here: the start, the end, every incomplete or damaged one, then the earliest.` : '',
      csvName === undefined ? '' : `The attachment ${csvName} lists every one with both hashes.`,
    ].filter((sentence) => sentence !== '').join(' '),
    { tone: 'muted' },
  );

  for (const summary of shown) {
    const own = problemsOf(problems, summary.id);
    const role = roleOf(summary, evidence);
    writer.paragraph(`Snapshot ${summary.id}${role}: ${summary.takenAt}, ${summary.trigger}, ${summary.resourceCount} resources, ${summary.complete ? 'complete' : 'INCOMPLETE'}`, { bold: true, size: 9 });
    writer.fields([
      ['Content hash', summary.contentHash],
      ['Chain hash', summary.chainHash],
      ['Previous chain hash', summary.previousChainHash],
      ['Verification', own.length === 0 ? 'no problem found' : own.map((problem) => `${problem.code}: ${problem.message}`).join('; ')],
    ], { size: 7.5, labelWidth: 100, indent: 10, tone: own.length === 0 ? 'ink' : 'alert' });
  }
}

/** Builds the CSV rows of the inventory, one per snapshot. */
export function inventoryRows(evidence: ConnectionEvidence, problems: readonly VerificationProblem[]): string[][] {
  return evidence.inventory.map((summary) => [
    String(summary.id), summary.connectionName, summary.takenAt, summary.trigger, summary.complete ? 'complete' : 'incomplete', String(summary.resourceCount),
    summary.contentHash, summary.previousChainHash, summary.chainHash,
    problemsOf(problems, summary.id).map((problem) => problem.code).join(' ') || 'ok',
  ]);
}

function roleOf(summary: SnapshotSummary, evidence: ConnectionEvidence): string {
  if (summary.id === evidence.start?.id) return ' (start)';
  if (summary.id === evidence.end?.id) return ' (end)';
  return '';
}

/** Returns the problems located in this snapshot, its index or its sections. */
export function problemsOf(problems: readonly VerificationProblem[], snapshotId: number): VerificationProblem[] {
  const prefix = `snapshot ${snapshotId}`;
  return problems.filter((problem) => problem.where === prefix || problem.where.startsWith(`${prefix} `));
}

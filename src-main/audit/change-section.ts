import { SEVERITY_ORDER, type Finding } from '../../src-shared/diff/diff-types.js';
import type { ChangeSet, ConnectionEvidence } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Change sets listed in the summary table before the rest is left to the CSV. */
const CHANGE_ROWS_SHOWN = 120;
/** Findings drawn in the body at most; above it only critical and high ones are drawn. */
const FINDINGS_SHOWN = 300;

/**
 * Draws the change history: a table of the changes between consecutive snapshots with their
 * findings by severity, then the findings themselves in plain words. In a long period the body
 * keeps the critical and high findings and the changes CSV attachment has every one.
 */
export function drawChanges(writer: PackWriter, evidence: ConnectionEvidence, csvName: string | undefined): void {
  const findings = evidence.changes.flatMap((change) => change.findings);
  writer.paragraph(
    `${evidence.comparedSnapshots} complete snapshot(s) were compared in order, each with the one before; ${evidence.changes.length} of those comparisons found changes.${csvName === undefined ? '' : ` Every finding is listed in the attachment ${csvName}.`}`,
    { tone: 'muted' },
  );
  for (const skipped of evidence.skipped) writer.paragraph(`Snapshot ${skipped.id} was left out of the comparison: ${skipped.reason}`, { tone: 'alert', size: 9 });
  if (evidence.changes.length === 0) {
    writer.paragraph('No configuration change was captured during the period.');
    return;
  }

  writer.heading('Changes by snapshot');
  writer.table(
    [{ header: 'Snapshots', width: 0.1 }, { header: 'Taken (UTC)', width: 0.25 }, { header: 'Resources', width: 0.11 }, { header: 'Findings', width: 0.16 }, { header: 'Access impact', width: 0.38 }],
    evidence.changes.slice(0, CHANGE_ROWS_SHOWN).map((change) => [
      `${change.before.id} → ${change.after.id}`,
      change.after.takenAt,
      `+${change.counts.added} −${change.counts.removed} ~${change.counts.changed}`,
      severityCounts(change.findings),
      change.headline[0] ?? '',
    ]),
  );
  if (evidence.changes.length > CHANGE_ROWS_SHOWN) writer.paragraph(`and ${evidence.changes.length - CHANGE_ROWS_SHOWN} more changes, listed in the attachment.`, { tone: 'muted' });

  const detailed = findings.length <= FINDINGS_SHOWN ? undefined : new Set(['critical', 'high']);
  writer.heading(detailed === undefined ? 'Findings' : 'Critical and high findings');
  let drawn = 0;
  for (const change of evidence.changes) {
    const shown = sortBySeverity(change.findings.filter((finding) => detailed === undefined || detailed.has(finding.severity)));
    if (shown.length === 0 || drawn >= FINDINGS_SHOWN) continue;
    writer.paragraph(`Snapshot ${change.before.id} → ${change.after.id}, taken ${change.after.takenAt}`, { bold: true, size: 9 });
    writer.bullets(change.headline.slice(1), { size: 8.5, tone: 'muted' });
    const rows = shown.slice(0, FINDINGS_SHOWN - drawn).map((finding) => [finding.severity, finding.kind, finding.sentence]);
    drawn += rows.length;
    writer.table([{ header: 'Severity', width: 0.1 }, { header: 'Kind', width: 0.22 }, { header: 'Finding', width: 0.68 }], rows);
  }
  if (drawn < findings.length) writer.paragraph(`${findings.length - drawn} more finding(s) are in the attachment.`, { tone: 'muted' });
}

function severityCounts(findings: readonly Finding[]): string {
  return SEVERITY_ORDER.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ') || 'none';
}

function sortBySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** Builds the CSV rows of every finding: snapshots, time, severity, kind, code and sentence. */
export function changeRows(changes: readonly ChangeSet[]): string[][] {
  return changes.flatMap((change) => change.findings.map((finding) => [
    String(change.before.id), String(change.after.id), change.after.takenAt, finding.severity, finding.kind, finding.code, finding.sentence,
  ]));
}

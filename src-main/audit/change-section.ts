import { SEVERITY_ORDER, type Finding } from '../../src-shared/diff/diff-types.js';
import type { ChangeSet, ConnectionEvidence } from './pack-data.js';
import { formatPackTime } from './pack-time.js';
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
    ['Snapshots', 'Taken (UTC)', 'Resources', 'Findings', 'Access impact'],
    evidence.changes.slice(0, CHANGE_ROWS_SHOWN).map((change) => [
      `${change.before.id} → ${change.after.id}`,
      formatPackTime(change.after.takenAt),
      `+${change.counts.added} −${change.counts.removed} ~${change.counts.changed}`,
      severityCounts(change.findings),
      change.headline[0] ?? '',
    ]),
  );
  if (evidence.changes.length > CHANGE_ROWS_SHOWN) writer.paragraph(`and ${evidence.changes.length - CHANGE_ROWS_SHOWN} more changes, listed in the attachment.`, { tone: 'muted' });

  const detailed = findings.length <= FINDINGS_SHOWN ? undefined : new Set(['critical', 'high']);
  writer.heading(detailed === undefined ? 'Findings' : 'Critical and high findings');
  const sections = findingSections(evidence.changes, detailed);
  const allRows = sections.flatMap((section) => section.rows);
  for (const { change, rows } of sections) {
    writer.paragraph(`Snapshot ${change.before.id} → ${change.after.id}, taken ${formatPackTime(change.after.takenAt)}`, { bold: true, size: 9 });
    writer.bullets(change.headline.slice(1), { size: 8.5, tone: 'muted' });
    writer.table(['Severity', 'Kind', 'Finding'], rows, {}, allRows);
  }
  const drawn = allRows.length;
  if (drawn < findings.length) writer.paragraph(`${findings.length - drawn} more finding(s) are in the attachment.`, { tone: 'muted' });
}

/** Selects the findings drawn under each change, most severe first, up to FINDINGS_SHOWN in all. */
function findingSections(changes: readonly ChangeSet[], detailed: ReadonlySet<string> | undefined): Array<{ change: ChangeSet; rows: string[][] }> {
  const sections: Array<{ change: ChangeSet; rows: string[][] }> = [];
  let drawn = 0;
  for (const change of changes) {
    const shown = sortBySeverity(change.findings.filter((finding) => detailed === undefined || detailed.has(finding.severity)));
    if (shown.length === 0 || drawn >= FINDINGS_SHOWN) continue;
    const rows = shown.slice(0, FINDINGS_SHOWN - drawn).map((finding) => [finding.severity, finding.kind, finding.sentence]);
    drawn += rows.length;
    sections.push({ change, rows });
  }
  return sections;
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

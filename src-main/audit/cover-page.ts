import type { AuditPackData } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/**
 * Draws the cover: organisation, connections, period, frameworks, preparer, generation time,
 * the verification outcome, the vault's chain head and each connection's start and end hashes.
 */
export function drawCover(writer: PackWriter, data: AuditPackData): void {
  const { request } = data;
  writer.newPage();
  writer.space(40);
  writer.paragraph('Butterfly Audit Pack', { size: 24, bold: true, tone: 'accent' });
  writer.paragraph('Okta access configuration of the Atlassian Cloud stack: verifiable evidence', { size: 12, tone: 'muted' });
  writer.space(18);

  writer.fields([
    ['Organisation', organisationOf(data)],
    ['Connections', data.connections.map((evidence) => `${evidence.connection.name} (${evidence.connection.orgUrl})`).join('; ')],
    ['Period', `${request.from} to ${request.to} (UTC, both included)`],
    ['Frameworks', data.frameworks.map((framework) => framework.name).join('; ')],
    ['Prepared by', request.preparedBy],
    ['Generated', request.generatedAt],
  ], { size: 10.5, labelWidth: 120 });

  writer.space(8);
  const failed = data.verification.problems.length > 0 || data.listingError !== undefined;
  writer.paragraph(
    failed
      ? `VAULT VERIFICATION FAILED: ${data.verification.problems.length} problem(s). The evidence below may have been altered; see "Integrity of the evidence".`
      : `Vault verification passed: ${data.verification.snapshotsChecked} snapshots and ${data.verification.blobsChecked} stored resources re-checked, hash chain unbroken.`,
    { size: 10.5, bold: true, tone: failed ? 'alert' : 'ink' },
  );

  writer.heading('Hashes');
  writer.fields([['Vault chain head', data.chainHead ?? 'none (no snapshot could be listed)']], { size: 8.5, labelWidth: 120 });
  for (const evidence of data.connections) {
    const rows: Array<[string, string]> = [];
    if (evidence.start) rows.push([`${evidence.connection.name} start`, `snapshot ${evidence.start.id}, content ${evidence.start.contentHash}`]);
    if (evidence.end) rows.push([`${evidence.connection.name} end`, `snapshot ${evidence.end.id}, content ${evidence.end.contentHash}`]);
    if (rows.length > 0) writer.fields(rows, { size: 8.5, labelWidth: 120 });
  }
}

/** The organisation named on the cover: the request's, or the distinct org URLs of the connections. */
export function organisationOf(data: AuditPackData): string {
  if (data.request.organisation !== undefined && data.request.organisation.trim() !== '') return data.request.organisation;
  return [...new Set(data.connections.map((evidence) => evidence.connection.orgUrl))].join(', ');
}

import { EVIDENCE_TITLES, evidenceNumber, keyFigure, vaultFigure } from './evidence-figures.js';
import type { AuditPackData } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/**
 * Draws one section per chosen framework: each control with Butterfly's short description of
 * it, then each evidence section that supports it with its key figures per connection. The
 * control ids are the frameworks'; the descriptions are Butterfly's, not the frameworks' text.
 */
export function drawControlSections(writer: PackWriter, data: AuditPackData): void {
  for (const framework of data.frameworks) {
    writer.section(`${framework.name}: controls and evidence`);
    writer.paragraph('Each control below names the evidence sections that support it. The descriptions are short summaries written for this pack, not the text of the framework.', { tone: 'muted' });

    for (const control of framework.controls) {
      writer.subsection(`${control.id} ${control.title}`);
      writer.paragraph(control.summary);
      for (const kind of control.evidence) {
        writer.paragraph(`${evidenceNumber(data, kind)} ${EVIDENCE_TITLES[kind]}`, { bold: true, indent: 8 });
        const figures = kind === 'vault-integrity' || kind === 'not-captured'
          ? [vaultFigure(kind, data)]
          : data.connections.map((evidence) => `${evidence.connection.name}: ${keyFigure(kind, data, evidence)}`);
        writer.bullets(figures, { indent: 8, size: 9 });
      }
    }
  }
}

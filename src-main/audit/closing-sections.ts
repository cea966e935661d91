import { formatCodePoint, REPLACEMENT_MARK, type MissingGlyphTally } from '../../src-shared/audit/glyph-fallback.js';
import { organisationOf } from './cover-page.js';
import type { AuditPackData, PackAttachment } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Draws the opening section: what the pack covers, how start and end were chosen, and how to check it. */
export function drawAboutSection(writer: PackWriter, data: AuditPackData): void {
  writer.section('About this pack');
  writer.paragraph(`This pack shows how access to the Atlassian Cloud stack of ${organisationOf(data)} was configured in Okta from ${data.request.from} to ${data.request.to}, as recorded in Butterfly's encrypted, hash-chained snapshots. It was generated from the vault without contacting Okta.`);
  for (const evidence of data.connections) {
    writer.heading(`${evidence.connection.name} (${evidence.connection.orgUrl})`);
    writer.bullets(evidence.notes, { size: 9 });
  }
  writer.heading('Checking this pack');
  writer.bullets([
    'Regenerating the pack from the same vault, with the same options and generation time, gives a byte-identical file.',
    'Each attached file is listed at the end with its SHA-256, and each attached snapshot lets the printed hashes be recomputed without Butterfly.',
    `Characters the embedded font cannot draw are shown as ${REPLACEMENT_MARK} and listed in the last section.`,
  ], { size: 9 });
}

/** Draws the list of attached files with their SHA-256 and how to extract them. */
export function drawAttachmentList(writer: PackWriter, attachments: readonly PackAttachment[]): void {
  writer.section('Attached files');
  writer.paragraph('These files are embedded in this PDF. Open the attachments panel of the PDF reader, or extract them all with `pdfdetach -saveall` from poppler-utils, and compare each with its SHA-256 below.', { tone: 'muted' });
  for (const attachment of attachments) {
    writer.paragraph(attachment.fileName, { bold: true, size: 9 });
    writer.fields([['Contents', attachment.description], ['Size', `${attachment.bytes.length} bytes`], ['SHA-256', attachment.sha256]], { size: 8, indent: 10, labelWidth: 60 });
  }
}

/** Draws the characters that were replaced because the font has no glyph for them. */
export function drawMissingGlyphs(writer: PackWriter, tally: MissingGlyphTally): void {
  writer.section('Characters replaced in this pack');
  const missing = tally.list();
  if (missing.length === 0) {
    writer.paragraph('None: the embedded font (DejaVu Sans) drew every character of every name and value in this pack.');
    return;
  }
  writer.paragraph(`The embedded font (DejaVu Sans) has no glyph for the characters below, so each was drawn as ${REPLACEMENT_MARK}. The attached snapshot files keep the original text.`);
  writer.table(
    ['Character', 'Times', 'First seen in (as drawn)'],
    missing.map((glyph) => [formatCodePoint(glyph.codePoint), String(glyph.count), glyph.firstSeenIn]),
  );
}

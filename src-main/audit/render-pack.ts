import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { MissingGlyphTally } from '../../src-shared/audit/glyph-fallback.js';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { AuditPackProgress } from './audit-request.js';
import { drawAboutSection, drawAttachmentList, drawMissingGlyphs } from './closing-sections.js';
import { contentsPageCount, drawContents } from './contents-pages.js';
import { drawControlSections } from './control-sections.js';
import { drawCover, organisationOf } from './cover-page.js';
import { drawEvidenceSections } from './evidence-sections.js';
import { connectionFiles, type ConnectionFiles } from './pack-attachments.js';
import type { AuditPackData, PackAttachment } from './pack-data.js';
import { embedPackFonts, type PackFonts } from './pack-fonts.js';
import { CONTENT_WIDTH, drawSingleLine, MARGIN, PackWriter, PAGE_HEIGHT, PAGE_WIDTH } from './pack-writer.js';

const PAGE_SIZE: [number, number] = [PAGE_WIDTH, PAGE_HEIGHT];

/**
 * Lays out the pack and returns the PDF bytes. Nothing here reads a clock or a random source:
 * the dates are the request's generation time and the file ID is a hash of the request and the
 * vault's chain head, so the same data gives the same bytes.
 */
export async function renderPack(data: AuditPackData, onProgress: (progress: AuditPackProgress) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  setMetadata(doc, data);
  const fonts = await embedPackFonts(doc);
  const tally = new MissingGlyphTally();
  const files = new Map<string, ConnectionFiles>(data.connections.map((evidence) => [evidence.connection.id, connectionFiles(data, evidence)]));
  const attachments = allAttachments(data, files);

  onProgress({ phase: 'layout', done: 0, total: 1, detail: 'laying out pages' });
  drawCover(new PackWriter(fonts, tally, () => doc.addPage(PAGE_SIZE)), data);
  const body = new PackWriter(fonts, tally, () => doc.addPage(PAGE_SIZE));
  drawAboutSection(body, data);
  drawControlSections(body, data);
  drawEvidenceSections(body, data, files);
  drawAttachmentList(body, attachments);
  drawMissingGlyphs(body, tally);

  const contentsPages = contentsPageCount(body.contents.length);
  drawContents(body.contents, 2 + contentsPages, fonts, tally, (index) => doc.insertPage(1 + index, PAGE_SIZE));
  drawFooters(doc, fonts, tally, data);
  onProgress({ phase: 'layout', done: 1, total: 1, detail: `${doc.getPageCount()} pages` });

  for (const attachment of attachments) {
    const date = new Date(data.request.generatedAt);
    await doc.attach(attachment.bytes, attachment.fileName, { mimeType: attachment.mimeType, description: attachment.description, creationDate: date, modificationDate: date });
  }
  onProgress({ phase: 'save', done: 0, total: 1, detail: 'writing the PDF' });
  const bytes = await doc.save({ useObjectStreams: true });
  onProgress({ phase: 'save', done: 1, total: 1, detail: `${bytes.length} bytes` });
  return bytes;
}

function allAttachments(data: AuditPackData, files: ReadonlyMap<string, ConnectionFiles>): PackAttachment[] {
  const list: PackAttachment[] = [];
  for (const evidence of data.connections) {
    list.push(...evidence.attachments);
    const own = files.get(evidence.connection.id);
    for (const file of [own?.inventory, own?.changes, own?.productAccess]) if (file !== undefined) list.push(file);
  }
  list.push(...data.attachments);
  return list;
}

function setMetadata(doc: PDFDocument, data: AuditPackData): void {
  const { request } = data;
  const date = new Date(request.generatedAt);
  doc.setTitle(`Butterfly Audit Pack: ${organisationOf(data)}, ${request.from} to ${request.to}`);
  doc.setAuthor(request.preparedBy);
  doc.setSubject(`Access configuration evidence for ${data.frameworks.map((framework) => framework.name).join(', ')}`);
  doc.setKeywords(['audit', 'Okta', 'Atlassian', ...request.frameworks]);
  doc.setCreator('Butterfly');
  doc.setProducer('Butterfly with pdf-lib');
  doc.setCreationDate(date);
  doc.setModificationDate(date);

  const fingerprint = createHash('sha256')
    .update(canonicalJson({ request: request as unknown as JsonObject, chainHead: data.chainHead ?? null }))
    .digest('hex')
    .slice(0, 32);
  const id = PDFHexString.of(fingerprint);
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}

/** Writes the footer of every page: the pack, the organisation and the generation time, then the page number. */
function drawFooters(doc: PDFDocument, fonts: PackFonts, tally: MissingGlyphTally, data: AuditPackData): void {
  const pages = doc.getPages();
  const label = `Butterfly Audit Pack · ${organisationOf(data)} · generated ${data.request.generatedAt}`;
  pages.forEach((page, index) => {
    const pageLabel = `Page ${index + 1} of ${pages.length}`;
    const numberWidth = fonts.regular.widthOfTextAtSize(pageLabel, 7.5);
    drawSingleLine(page, fonts, tally, label, { x: MARGIN, y: 24, maxWidth: CONTENT_WIDTH - numberWidth - 20 }, { size: 7.5, tone: 'muted' });
    page.drawText(pageLabel, { x: MARGIN + CONTENT_WIDTH - numberWidth, y: 24, size: 7.5, font: fonts.regular });
  });
}

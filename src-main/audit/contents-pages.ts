import type { PDFPage } from 'pdf-lib';
import type { MissingGlyphTally } from '../../src-shared/audit/glyph-fallback.js';
import type { PackFonts } from './pack-fonts.js';
import { CONTENT_WIDTH, drawSingleLine, MARGIN, PAGE_HEIGHT, type ContentsEntry } from './pack-writer.js';

const LINE_HEIGHT = 14;
const TITLE_SPACE = 34;
const USABLE_HEIGHT = PAGE_HEIGHT - 2 * MARGIN - 20;

/** Pages the contents need for this many entries: one line per entry, the title on the first page. */
export function contentsPageCount(entries: number): number {
  const firstPage = Math.floor((USABLE_HEIGHT - TITLE_SPACE) / LINE_HEIGHT);
  const otherPages = Math.floor(USABLE_HEIGHT / LINE_HEIGHT);
  return entries <= firstPage ? 1 : 1 + Math.ceil((entries - firstPage) / otherPages);
}

/**
 * Draws the contents on pages from `addPage`, one line per entry with its page number. Body
 * page numbers are shifted by `firstBodyPage - 1`, the pages before the body.
 */
export function drawContents(entries: readonly ContentsEntry[], firstBodyPage: number, fonts: PackFonts, tally: MissingGlyphTally, addPage: (index: number) => PDFPage): void {
  let pageIndex = 0;
  let page = addPage(pageIndex);
  let y = PAGE_HEIGHT - MARGIN - 16;
  drawSingleLine(page, fonts, tally, 'Contents', { x: MARGIN, y, maxWidth: CONTENT_WIDTH }, { size: 16, bold: true, tone: 'accent' });
  y -= TITLE_SPACE;

  for (const entry of entries) {
    if (y < MARGIN + 20) {
      pageIndex++;
      page = addPage(pageIndex);
      y = PAGE_HEIGHT - MARGIN - 10;
    }
    const indent = entry.level === 1 ? 0 : 16;
    const pageNumber = String(entry.bodyPage + firstBodyPage - 1);
    const size = entry.level === 1 ? 10 : 9;
    drawSingleLine(page, fonts, tally, entry.title, { x: MARGIN + indent, y, maxWidth: CONTENT_WIDTH - indent - 40 }, { size, bold: entry.level === 1 });
    const numberWidth = fonts.regular.widthOfTextAtSize(pageNumber, size);
    page.drawText(pageNumber, { x: MARGIN + CONTENT_WIDTH - numberWidth, y, size, font: fonts.regular });
    y -= LINE_HEIGHT;
  }
}

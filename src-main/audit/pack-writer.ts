import { rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { MissingGlyphTally, replaceMissingGlyphs } from '../../src-shared/audit/glyph-fallback.js';
import { wrapText } from '../../src-shared/audit/text-wrap.js';
import type { PackFonts } from './pack-fonts.js';
import { CELL_PADDING, columnWidths } from './table-layout.js';

/** A4 in points (1/72 inch). */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 56;
/** Space kept free at the bottom for the footer. */
const FOOTER_SPACE = 28;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);
const ACCENT = rgb(0.08, 0.24, 0.45);
const ALERT = rgb(0.7, 0.1, 0.08);

/** The size, weight, indent and colour of a run of text. */
export interface TextStyle {
  size?: number;
  bold?: boolean;
  /** Left indent in points from the margin. */
  indent?: number;
  tone?: 'ink' | 'muted' | 'accent' | 'alert';
}

/** A heading that goes into the contents, with the page it starts on (1-based, body pages). */
export interface ContentsEntry {
  title: string;
  level: 1 | 2;
  bodyPage: number;
}

/**
 * Lays out text on A4 pages from top to bottom: headings, paragraphs, labelled fields, lists
 * and tables, starting a new page when the next block does not fit. Every string passes
 * through the glyph check, so characters the font lacks are drawn as a replacement mark and
 * counted in `tally`. Pages come from `addPage`, so the same writer can fill pages inserted
 * anywhere in the document.
 */
export class PackWriter {
  readonly contents: ContentsEntry[] = [];
  private page: PDFPage | undefined;
  private y = 0;
  private pageCount = 0;

  constructor(
    private readonly fonts: PackFonts,
    readonly tally: MissingGlyphTally,
    private readonly addPage: (index: number) => PDFPage,
  ) {}

  /** Pages this writer has filled so far. */
  get pagesUsed(): number {
    return this.pageCount;
  }

  /** Starts a new page and moves to its top. */
  newPage(): void {
    this.page = this.addPage(this.pageCount);
    this.pageCount++;
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Starts a top-level section on a new page and records it in the contents. */
  section(title: string): void {
    this.newPage();
    this.contents.push({ title: this.clean(title), level: 1, bodyPage: this.pageCount });
    this.drawLines(this.wrap(title, { size: 16, bold: true }), { size: 16, bold: true, tone: 'accent' }, 22);
    this.space(6);
  }

  /** Draws a second-level heading, recorded in the contents, kept with at least three lines after it. */
  subsection(title: string): void {
    this.ensureSpace(60);
    this.space(6);
    this.contents.push({ title: this.clean(title), level: 2, bodyPage: this.pageCount });
    this.drawLines(this.wrap(title, { size: 12.5, bold: true }), { size: 12.5, bold: true, tone: 'accent' }, 17);
    this.space(3);
  }

  /** Draws a third-level heading, not recorded in the contents. */
  heading(text: string): void {
    this.ensureSpace(40);
    this.space(4);
    this.drawLines(this.wrap(text, { size: 10.5, bold: true }), { size: 10.5, bold: true }, 14);
    this.space(1);
  }

  /** Draws a wrapped paragraph. */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 9.5;
    this.drawLines(this.wrap(text, style), style, lineHeightOf(size));
    this.space(3);
  }

  /** Labelled values, the label in bold on the left and the value wrapped beside it. */
  fields(rows: ReadonlyArray<readonly [string, string]>, style: TextStyle & { labelWidth?: number } = {}): void {
    const size = style.size ?? 9.5;
    const indent = style.indent ?? 0;
    const labelWidth = style.labelWidth ?? 110;
    const lineHeight = lineHeightOf(size);

    for (const [label, value] of rows) {
      const lines = this.wrapTo(value, CONTENT_WIDTH - indent - labelWidth, this.fonts.regular, size);
      const labelLines = this.wrapTo(label, labelWidth - 6, this.fonts.bold, size);
      const height = Math.max(lines.length, labelLines.length) * lineHeight;
      this.ensureSpace(Math.min(height, lineHeight * 4));
      const top = this.y;
      this.drawLines(labelLines, { ...style, bold: true, indent }, lineHeight);
      const afterLabel = this.y;
      this.y = top;
      this.drawLines(lines, { ...style, bold: false, indent: indent + labelWidth }, lineHeight);
      this.y = Math.min(this.y, afterLabel);
    }
    this.space(3);
  }

  /** Draws a bulleted list. */
  bullets(items: readonly string[], style: TextStyle = {}): void {
    const size = style.size ?? 9.5;
    const indent = (style.indent ?? 0) + 12;
    for (const item of items) {
      const lines = this.wrapTo(item, CONTENT_WIDTH - indent, style.bold ? this.fonts.bold : this.fonts.regular, size);
      this.ensureSpace(lineHeightOf(size));
      this.drawText('•', indent - 10, size, style);
      this.drawLines(lines, { ...style, indent }, lineHeightOf(size));
    }
    this.space(3);
  }

  /**
   * Draws a table with wrapped cells, its column widths sized to the content (see
   * `columnWidths`), or to `sizeRows` when given, so that tables drawn one after another with the
   * same columns line up. A row splits across pages only when it is taller than a page. The
   * header is repeated at the top of every page the table continues on.
   */
  table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, style: TextStyle = {}, sizeRows?: ReadonlyArray<readonly string[]>): void {
    const size = style.size ?? 8.5;
    const lineHeight = lineHeightOf(size);
    const cleanHeaders = headers.map((header) => this.clean(header));
    const cleanRows = rows.map((row) => row.map((cell) => this.clean(cell)));
    const widths = columnWidths(cleanHeaders, sizeRows?.map((row) => row.map((cell) => this.cleanQuietly(cell))) ?? cleanRows, CONTENT_WIDTH, {
      header: (text) => this.fonts.bold.widthOfTextAtSize(text, size),
      cell: (text) => this.fonts.regular.widthOfTextAtSize(text, size),
    });
    const drawHeader = (): void => {
      this.drawRow(cleanHeaders, widths, { ...style, size, bold: true }, lineHeight);
      this.rule();
    };

    this.ensureSpace(lineHeight * 3);
    drawHeader();
    for (const row of cleanRows) {
      const cells = row.map((cell, index) => this.wrapTo(cell, (widths[index] ?? 0) - CELL_PADDING, this.fonts.regular, size));
      const height = Math.max(...cells.map((lines) => lines.length)) * lineHeight;
      if (!this.fits(height) && height < this.usableHeight()) {
        this.newPage();
        drawHeader();
      }
      this.drawRow(row, widths, { ...style, size }, lineHeight, cells);
    }
    this.space(4);
  }

  /** Leaves vertical space, in points. */
  space(points: number): void {
    this.y -= points;
  }

  /** Draws a thin horizontal line across the content width. */
  rule(): void {
    this.requirePage().drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: PAGE_WIDTH - MARGIN, y: this.y + 2 }, thickness: 0.4, color: MUTED });
    this.space(3);
  }

  /** Starts a new page when fewer than `points` remain on this one. */
  ensureSpace(points: number): void {
    if (this.page === undefined || !this.fits(points)) this.newPage();
  }

  /** Replaces characters the font lacks, as every drawn string is. */
  clean(text: string): string {
    return replaceMissingGlyphs(text, (codePoint) => this.fonts.hasGlyph(codePoint), this.tally);
  }

  /** Replaces characters the font lacks without counting them, for text that is measured but not drawn. */
  private cleanQuietly(text: string): string {
    return replaceMissingGlyphs(text, (codePoint) => this.fonts.hasGlyph(codePoint), new MissingGlyphTally());
  }

  /** The current vertical position, in points from the bottom of the page. */
  get cursor(): number {
    return this.y;
  }

  private drawRow(row: readonly string[], widths: readonly number[], style: TextStyle, lineHeight: number, wrapped?: string[][]): void {
    const size = style.size ?? 8.5;
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    const cells = wrapped ?? row.map((cell, index) => this.wrapTo(cell, (widths[index] ?? 0) - CELL_PADDING, font, size));
    const lineCount = Math.max(...cells.map((lines) => lines.length));
    let x = MARGIN + (style.indent ?? 0);

    for (let line = 0; line < lineCount; line++) {
      if (!this.fits(lineHeight)) this.newPage();
      x = MARGIN + (style.indent ?? 0);
      cells.forEach((lines, index) => {
        const text = lines[line];
        if (text !== undefined && text !== '') this.drawText(text, x - MARGIN, size, style, true);
        x += widths[index] ?? 0;
      });
      this.y -= lineHeight;
    }
    this.y -= 1.5;
  }

  private drawLines(lines: readonly string[], style: TextStyle, lineHeight: number): void {
    for (const line of lines) {
      if (!this.fits(lineHeight)) this.newPage();
      this.drawText(line, style.indent ?? 0, style.size ?? 9.5, style, true);
      this.y -= lineHeight;
    }
  }

  /** Draws text at an indent on the current baseline; `cleaned` means the text has been through the glyph check. */
  private drawText(text: string, indent: number, size: number, style: TextStyle, cleaned = false): void {
    const font = style.bold ? this.fonts.bold : this.fonts.regular;
    this.requirePage().drawText(cleaned ? text : this.clean(text), { x: MARGIN + indent, y: this.y - size, size, font, color: toneOf(style.tone) });
  }

  private wrap(text: string, style: TextStyle): string[] {
    return this.wrapTo(text, CONTENT_WIDTH - (style.indent ?? 0), style.bold ? this.fonts.bold : this.fonts.regular, style.size ?? 9.5);
  }

  private wrapTo(text: string, width: number, font: PDFFont, size: number): string[] {
    return wrapText(this.clean(text), width, (candidate) => font.widthOfTextAtSize(candidate, size));
  }

  private fits(points: number): boolean {
    return this.y - points >= MARGIN + FOOTER_SPACE - MARGIN / 2;
  }

  private usableHeight(): number {
    return PAGE_HEIGHT - MARGIN - (MARGIN / 2 + FOOTER_SPACE);
  }

  private requirePage(): PDFPage {
    if (this.page === undefined) this.newPage();
    return this.page as PDFPage;
  }
}

/**
 * Draws one line without wrapping on a given page, after the glyph check, cut with an ellipsis
 * to `maxWidth`. The contents and the footers use it because they sit at fixed positions.
 */
export function drawSingleLine(page: PDFPage, fonts: PackFonts, tally: MissingGlyphTally, text: string, position: { x: number; y: number; maxWidth: number }, style: TextStyle = {}): void {
  const size = style.size ?? 9.5;
  const font = style.bold ? fonts.bold : fonts.regular;
  let line = replaceMissingGlyphs(text, (codePoint) => fonts.hasGlyph(codePoint), tally);
  while (line.length > 1 && font.widthOfTextAtSize(line, size) > position.maxWidth) line = `${[...line].slice(0, -2).join('')}…`;
  page.drawText(line, { x: position.x, y: position.y, size, font, color: toneOf(style.tone) });
}

function lineHeightOf(size: number): number {
  return Math.round(size * 1.38 * 10) / 10;
}

function toneOf(tone: TextStyle['tone']): RGB {
  switch (tone) {
    case 'muted':
      return MUTED;
    case 'accent':
      return ACCENT;
    case 'alert':
      return ALERT;
    default:
      return INK;
  }
}

/** Space between columns, in points: each cell wraps to its column width minus this. */
export const CELL_PADDING = 8;

/** A cell at most this share of the table width is kept on one line (a time, a count, a status). */
const KEEP_WHOLE_SHARE = 0.25;
/** A long word keeps a column at most this share of the table width wide. A wider word is broken. */
const WORD_CAP_SHARE = 0.3;

/** Text measures of a table, in points: headers in bold, cells in the regular font. */
export interface TableMeasure {
  header(text: string): number;
  cell(text: string): number;
}

/** The narrowest and the widest useful width of a column, padding included. */
interface ColumnRange {
  /** The widest header word: below it a header word would break. */
  header: number;
  min: number;
  max: number;
}

/**
 * Sizes the columns of a table to their content, in points summing to `tableWidth`. Every column
 * is at least as wide as its widest header word, so headers break only at spaces. Beyond that a
 * column gets room to keep its short cells on one line and its longest word whole (up to
 * WORD_CAP_SHARE of the table), and space left over goes to the columns whose cells are longest.
 * When even the header words do not fit, the columns shrink in proportion and headers break.
 */
export function columnWidths(headers: readonly string[], rows: ReadonlyArray<readonly string[]>, tableWidth: number, measure: TableMeasure): number[] {
  const ranges = headers.map((header, index) => columnRange(header, rows.map((row) => row[index] ?? ''), tableWidth, measure));
  const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
  const maxTotal = sum(ranges.map((range) => range.max));
  const minTotal = sum(ranges.map((range) => range.min));
  const headerTotal = sum(ranges.map((range) => range.header));

  if (maxTotal <= tableWidth) return ranges.map((range) => range.max + ((tableWidth - maxTotal) * range.max) / maxTotal);
  if (minTotal <= tableWidth) return spread(ranges.map((range) => [range.min, range.max - range.min] as const), tableWidth - minTotal);
  if (headerTotal <= tableWidth) return spread(ranges.map((range) => [range.header, range.min - range.header] as const), tableWidth - headerTotal);
  return ranges.map((range) => (range.header * tableWidth) / headerTotal);
}

/** Gives each column its base width plus a share of `extra` in proportion to its wish. */
function spread(columns: ReadonlyArray<readonly [base: number, wish: number]>, extra: number): number[] {
  const wishes = columns.reduce((total, [, wish]) => total + wish, 0);
  return columns.map(([base, wish]) => base + (wishes === 0 ? extra / columns.length : (extra * wish) / wishes));
}

function columnRange(header: string, cells: readonly string[], tableWidth: number, measure: TableMeasure): ColumnRange {
  const headerWord = widestWord(header, measure.header);
  let min = headerWord;
  let max = measure.header(header);

  for (const cell of cells) {
    const full = measure.cell(cell);
    max = Math.max(max, full);
    min = Math.max(min, full <= tableWidth * KEEP_WHOLE_SHARE ? full : Math.min(widestWord(cell, measure.cell), tableWidth * WORD_CAP_SHARE));
  }
  // The half point absorbs rounding, so a word measured to exactly the column width still fits.
  const pad = CELL_PADDING + 0.5;
  return { header: headerWord + pad, min: min + pad, max: Math.max(min, max) + pad };
}

function widestWord(text: string, measure: (text: string) => number): number {
  return Math.max(0, ...text.split(' ').map((word) => measure(word)));
}

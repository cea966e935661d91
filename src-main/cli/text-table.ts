import { printableCell } from './printable-text.js';

/** Lays rows out in columns separated by two spaces, each as wide as its widest cell. */
export function textTable(header: string[], rawRows: string[][]): string[] {
  const rows = rawRows.map((row) => row.map(printableCell));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [format(header), ...rows.map(format)];
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs poppler-utils on a PDF in a scratch folder that is removed afterwards. */
function withPdfFile<T>(bytes: Uint8Array, run: (path: string, folder: string) => T): T {
  const folder = mkdtempSync(join(tmpdir(), 'butterfly-pack-'));
  try {
    const path = join(folder, 'pack.pdf');
    writeFileSync(path, bytes);
    return run(path, folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Extracts the text of a PDF with `pdftotext -layout`, which keeps a label and its value on
 * one line, then collapses runs of white space to one space.
 */
export function pdfText(bytes: Uint8Array): string {
  return withPdfFile(bytes, (path) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' '));
}

/**
 * Extracts the text of a PDF with `pdftotext -layout` as it is, one string per printed line,
 * so tests can check how cells and lines were broken. Pages are separated by a form feed.
 */
export function pdfLayoutLines(bytes: Uint8Array): string[] {
  return withPdfFile(bytes, (path) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n'));
}

/** Returns the page count that pdfinfo reports. */
export function pdfPageCount(bytes: Uint8Array): number {
  return withPdfFile(bytes, (path) => {
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? '0');
  });
}

/** Height in pixels, at 40 dpi, of an A4 page above its footer (the bottom 50 points). */
const BODY_HEIGHT_PIXELS = Math.floor(((841.89 - 50) / 72) * 40);

/**
 * Renders every page above its footer to grey levels with pdftoppm at 40 dpi and returns, per
 * page, the share of pixels with ink (darker than light grey). A page with drawn text is well
 * above zero; a blank page, or one with only its footer, is zero.
 */
export function inkPerPage(bytes: Uint8Array): number[] {
  return withPdfFile(bytes, (path, folder) => {
    execFileSync('pdftoppm', ['-r', '40', '-gray', '-x', '0', '-y', '0', '-W', '331', '-H', String(BODY_HEIGHT_PIXELS), path, join(folder, 'page')]);
    return readdirSync(folder)
      .filter((name) => name.endsWith('.pgm'))
      .sort()
      .map((name) => darkShare(readFileSync(join(folder, name))));
  });
}

/** Extracts every attached file with pdfdetach; returns file name to contents. */
export function pdfAttachments(bytes: Uint8Array): Map<string, Buffer> {
  return withPdfFile(bytes, (path, folder) => {
    const out = join(folder, 'files');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('pdfdetach', ['-saveall', '-o', out, path]);
    return new Map(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
  });
}

/** Reads a binary PGM (P5, 8-bit) and returns the share of pixels below 200 of 255. */
function darkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (header === null) throw new Error('pdftoppm did not write a binary PGM file.');
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const value of pixels) if (value < 200) dark++;
  return dark / pixels.length;
}

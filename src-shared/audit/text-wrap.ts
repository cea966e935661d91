/**
 * Breaks text into lines no wider than `maxWidth`, measured by `measure` (in the caller's unit,
 * points for the PDF). Lines break at spaces; a word wider than a whole line (a hash, a URL, an
 * expression) is broken between characters instead of overflowing. Runs of spaces collapse to
 * one. Returns at least one line, empty for empty text.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const words = text.split(' ').filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';

  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (measure(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);

    if (measure(word) <= maxWidth) {
      line = word;
      continue;
    }
    const pieces = breakWord(word, maxWidth, measure);
    lines.push(...pieces.slice(0, -1));
    line = pieces[pieces.length - 1] ?? '';
  }

  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Splits one word into pieces that each fit, keeping at least one character per piece. */
function breakWord(word: string, maxWidth: number, measure: (text: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const character of word) {
    if (piece !== '' && measure(piece + character) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += character;
  }
  pieces.push(piece);
  return pieces;
}

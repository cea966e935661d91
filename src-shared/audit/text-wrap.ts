/**
 * Breaks text into lines no wider than `maxWidth`, measured by `measure` (in the caller's unit,
 * points for the PDF). Lines break at spaces. A word wider than a whole line (an e-mail address,
 * a URL, a hash) is broken by `breakWord`. Runs of spaces collapse to one. Returns at least one
 * line, empty for empty text.
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

/** Characters after which a long word may break: the separators of addresses, paths, URLs and expressions. */
const BREAK_AFTER = new Set(['@', '.', '/', '\\', '-', '_', '?', '&', '=', ',', ';', ':', '+', '|', '(', '[', '{']);

/** Trailing punctuation of up to this many characters stays on the line before, past `maxWidth`. */
const MAX_HANGING = 2;

/** A tail shorter than this many characters is filled up from the piece before it, so no line contains a lone letter. */
const MIN_TAIL = 3;

/**
 * Splits one word into pieces that each fit. Each piece ends after the last separator (such as
 * `@` or `.` in an address) that fits, and between characters only when no separator fits. No
 * piece after the first is punctuation alone: up to MAX_HANGING trailing marks (the comma after
 * an address) stay on the line before, even when that makes the line wider than `maxWidth` by
 * those marks. A piece keeps at least one character, so a line narrower than one character
 * still makes progress.
 */
function breakWord(word: string, maxWidth: number, measure: (text: string) => number): string[] {
  const characters = [...word];
  const pieces: string[] = [];
  let start = 0;

  while (start < characters.length) {
    if (measure(characters.slice(start).join('')) <= maxWidth) {
      pieces.push(characters.slice(start).join(''));
      break;
    }
    const end = breakPoint(characters, start, maxWidth, measure);
    pieces.push(characters.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

/**
 * Returns the index at which the piece starting at `start` ends. That is the end of the word when
 * only trailing punctuation would be left over. Else it is after the last separator that fits
 * with no punctuation-only piece on either side, preferring one that leaves more than MIN_TAIL
 * letters and digits after it. Else it is after the last character that fits, moved back so the
 * rest keeps MIN_TAIL characters when the piece can spare them.
 */
function breakPoint(characters: readonly string[], start: number, maxWidth: number, measure: (text: string) => number): number {
  let fits = start + 1;
  while (fits < characters.length && measure(characters.slice(start, fits + 1).join('')) <= maxWidth) fits++;

  const rest = characters.slice(fits);
  if (rest.length <= MAX_HANGING && punctuationOnly(rest)) return characters.length;

  const separator = (end: number): boolean => BREAK_AFTER.has(characters[end - 1] ?? '') && !punctuationOnly(characters.slice(start, end)) && !punctuationOnly(characters.slice(end));
  // A break that leaves a short tail (`com,` after `northwindquanta.`) is taken only when no other separator fits.
  for (let end = fits; end > start; end--) if (separator(end) && lettersAndDigits(characters.slice(end)) > MIN_TAIL) return end;
  for (let end = fits; end > start; end--) if (separator(end)) return end;

  const tail = characters.length - fits;
  if (tail < MIN_TAIL && fits - start > MIN_TAIL) return Math.max(start + 1, characters.length - MIN_TAIL);
  return fits;
}

function lettersAndDigits(characters: readonly string[]): number {
  return characters.filter((character) => /[\p{L}\p{N}]/u.test(character)).length;
}

function punctuationOnly(characters: readonly string[]): boolean {
  return characters.every((character) => /\p{P}/u.test(character));
}

/**
 * Text from the org can hold characters the embedded font has no glyph for (a name in a script
 * the font does not cover, an emoji, a control character). Such characters are drawn as a
 * visible replacement mark and counted, so the pack can list them; drawing never throws.
 */

/** The mark drawn in place of a character the font lacks: U+FFFD REPLACEMENT CHARACTER. */
export const REPLACEMENT_MARK = '\uFFFD';

/** One character the font could not draw, with how often it appeared and where first. */
export interface MissingGlyph {
  codePoint: number;
  count: number;
  /** The first text it appeared in, as drawn (with replacement marks), cut to 80 characters. */
  firstSeenIn: string;
}

/** Collects the characters replaced while the pack is drawn. */
export class MissingGlyphTally {
  private readonly entries = new Map<number, MissingGlyph>();

  record(codePoint: number, drawnText: string): void {
    const entry = this.entries.get(codePoint);
    if (entry !== undefined) {
      entry.count++;
      return;
    }
    this.entries.set(codePoint, { codePoint, count: 1, firstSeenIn: cutText(drawnText, 80) });
  }

  /** Returns the missing characters ordered by code point. */
  list(): MissingGlyph[] {
    return [...this.entries.values()].sort((a, b) => a.codePoint - b.codePoint);
  }
}

/**
 * Returns `text` with every character the font cannot draw replaced by the replacement mark,
 * and records each replaced character in `tally`. Tabs and line breaks become spaces first,
 * since a drawn line has no use for them; other control characters count as missing.
 * `hasGlyph` returns whether the font has a glyph for a code point.
 */
export function replaceMissingGlyphs(text: string, hasGlyph: (codePoint: number) => boolean, tally: MissingGlyphTally): string {
  const spaced = text.replace(/[\t\r\n]/g, ' ');
  const missing: number[] = [];
  let drawn = '';

  for (const character of spaced) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (isControl(codePoint) || !hasGlyph(codePoint)) {
      missing.push(codePoint);
      drawn += REPLACEMENT_MARK;
    } else {
      drawn += character;
    }
  }

  for (const codePoint of missing) tally.record(codePoint, drawn);
  return drawn;
}

/** Writes a code point as `U+XXXX`, four hex digits at least. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isControl(codePoint: number): boolean {
  return codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
}

function cutText(text: string, maxLength: number): string {
  const characters = [...text];
  return characters.length <= maxLength ? text : `${characters.slice(0, maxLength - 1).join('')}…`;
}

import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/** Folder of the fonts shipped with Butterfly (DejaVu Sans, under the licence in that folder). */
export const FONTS_DIRECTORY = fileURLToPath(new URL('../../resources/fonts/', import.meta.url));

/** The embedded fonts of a pack and the coverage check every drawn string goes through. */
export interface PackFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Tells whether both faces have a glyph for the code point. */
  hasGlyph(codePoint: number): boolean;
}

/**
 * Embeds DejaVu Sans and DejaVu Sans Bold as subsets (only the glyphs drawn are stored). The
 * fonts get fixed names, because pdf-lib would otherwise add a suffix from its own random
 * sequence; with fixed names the same pack gives the same bytes.
 */
export async function embedPackFonts(doc: PDFDocument): Promise<PackFonts> {
  const [regularBytes, boldBytes] = await Promise.all([
    readFile(`${FONTS_DIRECTORY}DejaVuSans.ttf`),
    readFile(`${FONTS_DIRECTORY}DejaVuSans-Bold.ttf`),
  ]);
  doc.registerFontkit(fontkit);

  const regular = await doc.embedFont(regularBytes, { subset: true, customName: 'DejaVuSans' });
  const bold = await doc.embedFont(boldBytes, { subset: true, customName: 'DejaVuSans-Bold' });
  const regularFace = fontkit.create(regularBytes);
  const boldFace = fontkit.create(boldBytes);
  const coverage = new Map<number, boolean>();

  return {
    regular,
    bold,
    hasGlyph(codePoint) {
      let known = coverage.get(codePoint);
      if (known === undefined) {
        known = regularFace.hasGlyphForCodePoint(codePoint) && boldFace.hasGlyphForCodePoint(codePoint);
        coverage.set(codePoint, known);
      }
      return known;
    },
  };
}

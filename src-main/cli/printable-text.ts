/**
 * Makes text from the org safe to print on a terminal: control characters other than line
 * breaks and tabs (escape sequences among them, which could recolour or rewrite the screen)
 * are shown as `\u{…}` escapes instead of being sent as they are.
 */
export function printableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this replaces
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (character) => `\\u{${character.charCodeAt(0).toString(16)}}`);
}

/** Like printableText, and also turns line breaks and tabs into spaces, for one table cell. */
export function printableCell(text: string): string {
  return printableText(text.replace(/[\r\n\t]/g, ' '));
}

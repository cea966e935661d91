/** Escapes the characters that have a meaning in a regular expression, so that `text` matches only itself. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

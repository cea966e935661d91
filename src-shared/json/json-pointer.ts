/** Escapes one reference token of a JSON pointer (RFC 6901): `~` becomes `~0` and `/` becomes `~1`. */
export function escapePointerSegment(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

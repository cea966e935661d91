import type { JsonValue } from './json-types.js';

/**
 * Writes a JSON value in canonical form: object keys sorted by UTF-16 code unit, no whitespace,
 * numbers as JavaScript writes them (so `1.0` and `1` are the same text). Canonical JSON is what
 * Butterfly hashes, stores and diffs, so two captures of an unchanged object give the same bytes.
 * Throws on values JSON cannot carry (undefined, functions, non-finite numbers).
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write a non-finite number (${value}) as JSON.`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodeUnits);
    const members: string[] = [];
    for (const key of keys) {
      const member = value[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
    }
    return `{${members.join(',')}}`;
  }
  throw new Error(`Cannot write a value of type ${typeof value} as JSON.`);
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

import { isJsonObject, type JsonObject, type JsonValue } from './json-types.js';

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

/**
 * Writes a JSON value as canonical JSON (keys sorted the same way, numbers written the same way)
 * but indented by two spaces, one member or element a line, for people to read and for
 * side-by-side views. Empty arrays and objects stay on one line. Throws like `canonicalJson`.
 */
export function prettyCanonicalJson(value: JsonValue): string {
  const sorted = copyWithSortedKeys(value);
  if (sorted !== undefined) return JSON.stringify(sorted, null, 2);
  const parts: string[] = [];
  writeIndented(value, '\n', parts);
  return parts.join('');
}

/**
 * Returns a copy whose objects hold their keys in canonical order, so that the native
 * `JSON.stringify` writes them in that order. Returns undefined when a key is an array index
 * ("0", "17"): JavaScript lists those before all other keys, in numeric order, whatever the
 * order they were added in.
 */
function copyWithSortedKeys(value: JsonValue): JsonValue | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Cannot write a non-finite number (${value}) as JSON.`);
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const copy = copyWithSortedKeys(item);
      if (copy === undefined) return undefined;
      items.push(copy);
    }
    return items;
  }
  if (!isJsonObject(value)) return value;

  const copy: JsonObject = {};
  for (const key of Object.keys(value).sort(compareCodeUnits)) {
    const member = value[key];
    if (member === undefined) continue;
    if (ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1) return undefined;
    const memberCopy = copyWithSortedKeys(member);
    if (memberCopy === undefined) return undefined;
    // Plain assignment to `__proto__` would set the prototype instead of a member.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: memberCopy, enumerable: true, writable: true, configurable: true });
    else copy[key] = memberCopy;
  }
  return copy;
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Appends the text of `value` to `parts`. `newline` is a line break followed by the current indent. */
function writeIndented(value: JsonValue, newline: string, parts: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      parts.push('[]');
      return;
    }
    const inner = `${newline}  `;
    parts.push('[');
    value.forEach((item, index) => {
      parts.push(index === 0 ? inner : `,${inner}`);
      writeIndented(item, inner, parts);
    });
    parts.push(newline, ']');
    return;
  }
  if (!isJsonObject(value)) {
    parts.push(canonicalJson(value));
    return;
  }

  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort(compareCodeUnits);
  if (keys.length === 0) {
    parts.push('{}');
    return;
  }
  const inner = `${newline}  `;
  parts.push('{');
  keys.forEach((key, index) => {
    parts.push(index === 0 ? inner : `,${inner}`, JSON.stringify(key), ': ');
    writeIndented(value[key] as JsonValue, inner, parts);
  });
  parts.push(newline, '}');
}

/** Orders two strings by UTF-16 code unit, the order canonical JSON sorts keys in. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

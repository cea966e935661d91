import type { JsonValue } from './json-types.js';

/**
 * Tells whether two JSON values would have the same canonical JSON: object members in any order,
 * members whose value is undefined left out, numbers compared by value. Faster than comparing
 * canonical text, because it builds no strings and stops at the first difference.
 */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;

  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!jsonEqual(a[index], b[index])) return false;
    return true;
  }

  let definedInA = 0;
  for (const key of Object.keys(a)) {
    const member = a[key];
    if (member === undefined) continue;
    definedInA++;
    if (!Object.hasOwn(b, key) || !jsonEqual(member, b[key])) return false;
  }
  let definedInB = 0;
  for (const key of Object.keys(b)) if (b[key] !== undefined) definedInB++;
  return definedInA === definedInB;
}

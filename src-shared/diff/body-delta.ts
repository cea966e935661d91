import { create, type Delta } from 'jsondiffpatch';
import { canonicalJson, compareCodeUnits } from '../json/canonical-json.js';
import { jsonEqual } from '../json/json-equal.js';
import { escapePointerSegment } from '../json/json-pointer.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json/json-types.js';

/**
 * Matches array elements by identity, never by position. An element is known by its `id`, else
 * its `kid` (a signing key), else its `name` (an app feature, a SAML attribute statement), else
 * its whole canonical JSON. So an element without a key that changed shows as one removed and
 * one added, and identical elements always match.
 */
function elementIdentity(item: object): string {
  if (item === null || Array.isArray(item)) return canonicalJson(item as JsonValue);
  const record = item as JsonObject;
  const id = record['id'];
  if (typeof id === 'string' || typeof id === 'number') return `id ${id}`;
  if (typeof record['kid'] === 'string') return `kid ${record['kid']}`;
  if (typeof record['name'] === 'string') return `name ${record['name']}`;
  return canonicalJson(record);
}

// Without `textDiff`, jsondiffpatch 0.7 reports a changed string as its old and new value.
const bodyDiffPatcher = create({ objectHash: elementIdentity, arrays: { detectMove: true } });

/** The jsondiffpatch delta between two normalized bodies and the JSON pointers it touches. */
export interface BodyDelta {
  delta: JsonValue;
  changedPaths: string[];
}

/** Compares two normalized bodies; returns undefined when jsondiffpatch finds them equal. */
export function diffBodies(before: JsonValue, after: JsonValue): BodyDelta | undefined {
  const delta = bodyDiffPatcher.diff(...withoutEqualMembers(before, after));
  if (delta === undefined) return undefined;
  const paths = new Set<string>();
  collectChangedPaths(delta, '', paths);
  // A delta holds only JSON values from the two bodies, the `_t` marker and small numbers.
  return { delta: delta as JsonValue, changedPaths: [...paths].sort(comparePointers) };
}

/**
 * Leaves out the top-level members that are equal on both sides. jsondiffpatch records nothing
 * for them anyway, but it would walk each one: for a group of 20,000 members keyed by id, that
 * walk is most of the cost of the diff.
 */
function withoutEqualMembers(before: JsonValue, after: JsonValue): [JsonValue, JsonValue] {
  if (!isJsonObject(before) || !isJsonObject(after)) return [before, after];
  const keptBefore: Array<[string, JsonValue]> = [];
  const keptAfter: Array<[string, JsonValue]> = [];
  for (const [key, value] of Object.entries(before)) {
    if (!Object.hasOwn(after, key) || !jsonEqual(value, after[key])) keptBefore.push([key, value]);
  }
  for (const [key, value] of Object.entries(after)) {
    if (!Object.hasOwn(before, key) || !jsonEqual(before[key], value)) keptAfter.push([key, value]);
  }
  return [Object.fromEntries(keptBefore) as JsonObject, Object.fromEntries(keptAfter) as JsonObject];
}

/**
 * Adds the JSON pointer of every node where the delta records a difference. A change anywhere
 * inside an array is reported at the array's pointer: an element's index differs between the two
 * sides, so an index would name a different element on each side.
 */
function collectChangedPaths(delta: Delta, pointer: string, paths: Set<string>): void {
  if (delta === undefined) return;
  if (Array.isArray(delta) || delta['_t'] === 'a') {
    paths.add(pointer);
    return;
  }
  for (const [key, child] of Object.entries(delta)) collectChangedPaths(child as Delta, `${pointer}/${escapePointerSegment(key)}`, paths);
}

/** Orders pointers segment by segment, so `/a/b` sorts right after `/a` and before `/a-b`. */
function comparePointers(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const order = compareCodeUnits(left[index] ?? '', right[index] ?? '');
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

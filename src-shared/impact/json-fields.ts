import { isJsonObject, type JsonObject, type JsonValue } from '../json/json-types.js';

/** Reads the object at a path of keys, or undefined when any step is missing or not an object. */
export function objectAt(value: JsonValue | undefined, ...keys: string[]): JsonObject | undefined {
  let current = value;
  for (const key of keys) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return isJsonObject(current) ? current : undefined;
}

/** Reads a string field of an object, or undefined when it is missing or not a string. */
export function stringField(value: JsonValue | undefined, key: string): string | undefined {
  const field = isJsonObject(value) ? value[key] : undefined;
  return typeof field === 'string' ? field : undefined;
}

/** Reads a number field of an object, or undefined when it is missing or not a number. */
export function numberField(value: JsonValue | undefined, key: string): number | undefined {
  const field = isJsonObject(value) ? value[key] : undefined;
  return typeof field === 'number' ? field : undefined;
}

/** Reads the strings of an array field; a missing field or non-string items count as none. */
export function stringsField(value: JsonValue | undefined, key: string): string[] {
  const field = isJsonObject(value) ? value[key] : undefined;
  return Array.isArray(field) ? field.filter((item): item is string => typeof item === 'string') : [];
}

/** Orders by a numeric priority, lowest first, with a missing priority last and ties by id. */
export function byPriority(a: JsonObject, b: JsonObject): number {
  const left = numberField(a, 'priority') ?? Number.POSITIVE_INFINITY;
  const right = numberField(b, 'priority') ?? Number.POSITIVE_INFINITY;
  if (left !== right) return left < right ? -1 : 1;
  return compareText(String(a['id'] ?? ''), String(b['id'] ?? ''));
}

/** Compares strings by UTF-16 code units, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

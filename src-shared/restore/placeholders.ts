import type { JsonValue } from '../json/json-types.js';
import type { ResourceKind } from '../snapshot/snapshot-model.js';

/**
 * Returns the placeholder that a planned request uses in place of the id Okta gives an object
 * that an earlier step recreates: `{{new:<kind>:<id in the desired snapshot>}}`. Okta ids never
 * contain braces, so a placeholder cannot be mistaken for part of a real value.
 */
export function placeholderFor(kind: ResourceKind, desiredId: string): string {
  return `{{new:${kind}:${desiredId}}}`;
}

const PLACEHOLDER = /\{\{new:([a-z-]+):([^{}]+)\}\}/g;

/** Lists the `kind:id` keys of the placeholders in a string or a JSON value, each once. */
export function placeholdersIn(value: JsonValue | string): string[] {
  const found = new Set<string>();
  visitStrings(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) found.add(`${match[1]}:${match[2]}`);
  });
  return [...found];
}

/**
 * Replaces every placeholder with the id `resolve` returns for its `kind:id` key. Throws when
 * `resolve` returns no id for one, because the step that creates it has not run.
 */
export function fillPlaceholders<T extends JsonValue | string>(value: T, resolve: (key: string) => string | undefined): T {
  return mapStrings(value, (text) =>
    text.replace(PLACEHOLDER, (_whole, kind: string, id: string) => {
      const key = `${kind}:${id}`;
      const resolved = resolve(key);
      if (resolved === undefined) throw new Error(`No id is known yet for the recreated ${kind} ${id}: the step that creates it has not run.`);
      return resolved;
    }),
  ) as T;
}

/** Applies `map` to every string inside a JSON value (keys included) and returns the new value. */
export function mapStrings(value: JsonValue | string, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) result[map(key)] = mapStrings(item, map);
    return result;
  }
  return value;
}

function visitStrings(value: JsonValue | string, visit: (text: string) => void): void {
  mapStrings(value, (text) => {
    visit(text);
    return text;
  });
}

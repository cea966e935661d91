import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';

/** Keywords whose value is one subschema. */
const SINGLE_SCHEMA_KEYWORDS = ['additionalProperties', 'items', 'not', 'if', 'then', 'else'] as const;
/** Keywords whose value is an array of subschemas. */
const SCHEMA_ARRAY_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;
/** Keywords whose value maps names to subschemas. */
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties'] as const;

/**
 * Calls `visit` on a schema and then on every subschema below it, depth first, parents before
 * children. `visit` may rewrite the node in place, and the walk then descends into the rewritten
 * keywords. `$ref` targets are not followed.
 */
export function walkSchema(schema: JsonValue, pointer: string, visit: (node: JsonObject, pointer: string) => void): void {
  if (!isJsonObject(schema)) return;
  visit(schema, pointer);

  for (const keyword of SINGLE_SCHEMA_KEYWORDS) {
    const child = schema[keyword];
    if (Array.isArray(child)) {
      child.forEach((item, index) => walkSchema(item, `${pointer}/${keyword}/${index}`, visit));
    } else if (child !== undefined) {
      walkSchema(child, `${pointer}/${keyword}`, visit);
    }
  }
  for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
    const children = schema[keyword];
    if (Array.isArray(children)) {
      children.forEach((child, index) => walkSchema(child, `${pointer}/${keyword}/${index}`, visit));
    }
  }
  for (const keyword of SCHEMA_MAP_KEYWORDS) {
    const children = schema[keyword];
    if (isJsonObject(children)) {
      for (const [name, child] of Object.entries(children)) {
        walkSchema(child, `${pointer}/${keyword}/${escapePointerToken(name)}`, visit);
      }
    }
  }
}

/**
 * Lists the subschemas that apply to the same instance as `schema` itself: `$ref` targets
 * excluded, the members of allOf/anyOf/oneOf, and not/if/then/else.
 */
export function sameInstanceSubschemas(schema: JsonObject): JsonValue[] {
  const children: JsonValue[] = [];
  for (const keyword of SCHEMA_ARRAY_KEYWORDS) {
    const members = schema[keyword];
    if (Array.isArray(members)) children.push(...members);
  }
  for (const keyword of ['not', 'if', 'then', 'else'] as const) {
    const child = schema[keyword];
    if (child !== undefined) children.push(child);
  }
  return children;
}

/** Escapes one JSON pointer reference token (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Reads the value at a JSON pointer inside a document, or undefined when the path is absent. */
export function readPointer(document: JsonValue, pointer: string): JsonValue | undefined {
  if (pointer === '' || pointer === '#') return document;
  const tokens = pointer.replace(/^#/, '').split('/').slice(1).map(unescapePointerToken);

  let current: JsonValue | undefined = document;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      current = current[Number(token)];
    } else if (isJsonObject(current)) {
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * OpenAPI 3.0 `readOnly` and `writeOnly` for one direction of traffic.
 *
 * JSON Schema treats both keywords as annotations, so Ajv ignores them. In OpenAPI 3.0.3 a
 * required `readOnly` property is required only in responses, and a required `writeOnly`
 * property only in requests. A `readOnly` property SHOULD NOT be sent in a request, and a
 * `writeOnly` property SHOULD NOT be sent in a response.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { readPointer, walkSchema } from './schema-walk.js';

/**
 * Keyword that the harness puts in place of a property that must be absent. Its value is the
 * reason given in the validation error.
 */
export const FORBIDDEN_PROPERTY_KEYWORD = 'x-butterfly-forbidden-property';

/**
 * The direction a schema variant validates:
 * - `response`: writeOnly properties are not required and must be absent.
 * - `request`: readOnly properties are not required and may be present, because restore sends
 *   captured bodies back and Okta ignores read-only fields in them.
 * - `request-rejecting-read-only`: as `request`, but readOnly properties must be absent.
 */
export type SchemaDirection = 'response' | 'request' | 'request-rejecting-read-only';

/**
 * Rewrites `required` and `properties` of every schema under `roots` for one direction, in
 * place. `document` is the root that `$ref` pointers resolve against.
 */
export function applyReadWriteOnly(document: JsonObject, roots: Array<{ schema: JsonValue; pointer: string }>, direction: SchemaDirection): void {
  const dropFlag = direction === 'response' ? 'writeOnly' : 'readOnly';
  const forbidden = forbiddenReason(direction);

  // Required lists are settled before any property is replaced, because the lookup of a
  // property's flags may pass through schemas that the second walk rewrites.
  const relaxRequired = (node: JsonObject): void => {
    const required = node['required'];
    if (!Array.isArray(required)) return;
    node['required'] = required.filter((name) => {
      if (typeof name !== 'string') return true;
      const property = findPropertySchema(document, node, name, new Set());
      return property === undefined || !hasFlag(document, property, dropFlag, 0);
    });
  };
  for (const root of roots) walkSchema(root.schema, root.pointer, relaxRequired);

  if (forbidden === undefined) return;
  const forbidProperties = (node: JsonObject): void => {
    const properties = node['properties'];
    if (!isJsonObject(properties)) return;
    for (const [name, property] of Object.entries(properties)) {
      if (hasFlag(document, property, forbidden.flag, 0)) {
        properties[name] = { [FORBIDDEN_PROPERTY_KEYWORD]: forbidden.reason };
      }
    }
  };
  for (const root of roots) walkSchema(root.schema, root.pointer, forbidProperties);
}

function forbiddenReason(direction: SchemaDirection): { flag: 'readOnly' | 'writeOnly'; reason: string } | undefined {
  switch (direction) {
    case 'response':
      return { flag: 'writeOnly', reason: 'is writeOnly in the spec, so a response must not contain it' };
    case 'request-rejecting-read-only':
      return { flag: 'readOnly', reason: 'is readOnly in the spec, so this request must not contain it' };
    case 'request':
      return undefined;
  }
}

/**
 * Finds the schema of property `name` of an object schema: in its own `properties`, else in
 * the members of its `allOf`, following `$ref`.
 */
function findPropertySchema(document: JsonObject, schema: JsonObject, name: string, visited: Set<JsonObject>): JsonValue | undefined {
  if (visited.has(schema)) return undefined;
  visited.add(schema);

  const properties = schema['properties'];
  if (isJsonObject(properties) && properties[name] !== undefined) return properties[name];

  const members = schema['allOf'];
  if (!Array.isArray(members)) return undefined;
  for (const member of members) {
    const resolved = resolveRefs(document, member, 0);
    if (!isJsonObject(resolved)) continue;
    const found = findPropertySchema(document, resolved, name, visited);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Tells whether a schema, or a schema its `$ref` chain leads to, sets `flag` to true. */
function hasFlag(document: JsonObject, schema: JsonValue, flag: 'readOnly' | 'writeOnly', depth: number): boolean {
  if (!isJsonObject(schema) || depth > MAX_REF_HOPS) return false;
  if (schema[flag] === true) return true;
  const ref = schema['$ref'];
  return typeof ref === 'string' && hasFlag(document, readPointer(document, ref) ?? null, flag, depth + 1);
}

const MAX_REF_HOPS = 8;

function resolveRefs(document: JsonObject, schema: JsonValue, depth: number): JsonValue | undefined {
  if (!isJsonObject(schema) || depth > MAX_REF_HOPS) return schema;
  const ref = schema['$ref'];
  return typeof ref === 'string' ? resolveRefs(document, readPointer(document, ref) ?? null, depth + 1) : schema;
}

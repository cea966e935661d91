import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { malformedBody, notFound, validationFailed } from './sandbox-error.js';

/** Returns the request body as an object, or throws Okta's 400 for a missing or non-object body. */
export function requireObjectBody(body: unknown): JsonObject {
  if (body === undefined) throw malformedBody('The request has no body; a JSON object is required.');
  if (!isJsonObject(body)) throw malformedBody('The request body must be a JSON object.');
  return body;
}

/** Returns a non-empty string field, or throws Okta's validation error naming the field. */
export function requireString(body: JsonObject, field: string, what: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationFailed(what, [`${field}: The field cannot be left blank`]);
  }
  return value;
}

/** Returns the stored object with this id, or throws Okta's 404 naming it. */
export function findOrThrow<T>(map: Map<string, T>, id: string, what: string): T {
  const found = map.get(id);
  if (found === undefined) throw notFound(`${id} (${what})`);
  return found;
}

/** Returns a copy of `body` without the fields Okta ignores on write (read-only fields). */
export function withoutFields(body: JsonObject, fields: string[]): JsonObject {
  const copy = structuredClone(body);
  for (const field of fields) delete copy[field];
  return copy;
}

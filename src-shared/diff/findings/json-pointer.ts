import { isJsonObject, type JsonObject, type JsonValue } from '../../json/json-types.js';

/** Splits a JSON pointer (RFC 6901) into its reference tokens; the empty pointer gives none. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a JSON pointer from reference tokens. */
export function pointerOf(...tokens: string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** Tells whether a pointer is `prefix` itself or lies inside it; the empty prefix contains every pointer. */
export function isUnder(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/** Returns the value a pointer designates, or undefined when a step is missing. Array steps are indexes. */
export function valueAt(value: JsonValue | undefined, pointer: string): JsonValue | undefined {
  let current = value;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isJsonObject(current)) current = current[token];
    else return undefined;
  }
  return current;
}

/** Returns the object a pointer designates, or an empty object. */
export function objectAt(value: JsonValue | undefined, pointer: string): JsonObject {
  const found = valueAt(value, pointer);
  return isJsonObject(found) ? found : {};
}

/** Returns the string a pointer designates, or undefined. */
export function stringAt(value: JsonValue | undefined, pointer: string): string | undefined {
  const found = valueAt(value, pointer);
  return typeof found === 'string' ? found : undefined;
}

/** Returns the strings of the array a pointer designates; other items and a missing array give none. */
export function stringsAt(value: JsonValue | undefined, pointer: string): string[] {
  const found = valueAt(value, pointer);
  return Array.isArray(found) ? found.filter((item): item is string => typeof item === 'string') : [];
}

/** Returns the objects of the array a pointer designates; other items and a missing array give none. */
export function objectsAt(value: JsonValue | undefined, pointer: string): JsonObject[] {
  const found = valueAt(value, pointer);
  return Array.isArray(found) ? found.filter(isJsonObject) : [];
}

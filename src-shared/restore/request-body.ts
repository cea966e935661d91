import { pointerTokens, valueAt } from '../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../json/json-types.js';


/** Returns a copy of an object without the named top-level keys. */
export function omitKeys(body: JsonValue | undefined, keys: readonly string[]): JsonObject {
  const result: JsonObject = {};
  if (!isJsonObject(body)) return result;
  for (const [key, value] of Object.entries(body)) if (!keys.includes(key)) result[key] = value;
  return result;
}

/** Returns a copy of a value without the fields the pointers designate; missing fields are skipped. */
export function omitPointers(body: JsonValue, pointers: readonly string[]): JsonValue {
  let result = cloneJson(body);
  for (const pointer of pointers) result = removeAt(result, pointerTokens(pointer));
  return result;
}

/**
 * Returns a copy of `body` with the value at `pointer` replaced by `value`, creating missing
 * objects along the way; `undefined` removes the field.
 */
export function withValueAt(body: JsonValue, pointer: string, value: JsonValue | undefined): JsonValue {
  const tokens = pointerTokens(pointer);
  if (tokens.length === 0) return value === undefined ? {} : cloneJson(value);
  if (value === undefined) return removeAt(cloneJson(body), tokens);

  const result = cloneJson(body);
  let current: JsonValue = result;
  for (const [index, token] of tokens.entries()) {
    const last = index === tokens.length - 1;
    if (Array.isArray(current)) {
      const position = Number(token);
      if (last) current[position] = cloneJson(value);
      else current = current[position] ?? (current[position] = {});
    } else if (isJsonObject(current)) {
      if (last) current[token] = cloneJson(value);
      else current = isJsonObject(current[token]) || Array.isArray(current[token]) ? (current[token] as JsonValue) : (current[token] = {});
    } else {
      break;
    }
  }
  return result;
}

/** Copies the values `pointers` designate in `from` onto a copy of `onto`; a field absent in `from` is removed. */
export function copyPointers(onto: JsonValue, from: JsonValue, pointers: readonly string[]): JsonValue {
  let result = onto;
  for (const pointer of pointers) result = withValueAt(result, pointer, valueAt(from, pointer));
  return result;
}

function removeAt(value: JsonValue, tokens: string[]): JsonValue {
  const [head, ...rest] = tokens;
  if (head === undefined) return value;
  if (Array.isArray(value)) {
    const position = Number(head);
    if (!Number.isInteger(position)) return value;
    if (rest.length === 0) value.splice(position, 1);
    else if (value[position] !== undefined) value[position] = removeAt(value[position], rest);
  } else if (isJsonObject(value) && head in value) {
    if (rest.length === 0) delete value[head];
    else value[head] = removeAt(value[head] as JsonValue, rest);
  }
  return value;
}

/** Deep copy of a JSON value (src-shared has no structuredClone: it runs without DOM and Node typings). */
export function cloneJson<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

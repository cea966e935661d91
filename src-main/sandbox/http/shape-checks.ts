import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { validationFailed } from './sandbox-error.js';

/**
 * The allowed form of a JSON request value, a small subset of a JSON schema: objects with
 * known fields (none required, for partial updates), arrays, string enums, booleans, whole
 * numbers and strings. A string pattern comes with a description of it for the message.
 */
export type Shape =
  | { kind: 'object'; fields: Record<string, Shape> }
  | { kind: 'array'; items: Shape; minItems?: number; maxItems?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'integer'; minimum: number; maximum: number }
  | { kind: 'string'; minLength?: number; maxLength?: number; pattern?: { regex: RegExp; description: string } };

export function objectShape(fields: Record<string, Shape>): Shape {
  return { kind: 'object', fields };
}

export function enumShape(...values: string[]): Shape {
  return { kind: 'enum', values };
}

export function arrayShape(items: Shape, minItems?: number, maxItems?: number): Shape {
  return { kind: 'array', items, minItems, maxItems };
}

export const BOOLEAN_SHAPE: Shape = { kind: 'boolean' };

/**
 * Throws Okta's 400 `E0000001` naming the first field of `value` that does not fit `shape`: an
 * unknown field, a value of the wrong type or out of range, or a string outside its enum or
 * pattern. `path` names `value` in the message. It recurses once per level of `shape`, never
 * deeper.
 */
export function checkShape(value: JsonValue | undefined, shape: Shape, path: string): void {
  const problem = shapeProblem(value, shape);
  if (problem !== undefined) throw validationFailed(path, [`${path}: ${problem}`]);
  if (shape.kind === 'array' && Array.isArray(value)) {
    value.forEach((item, index) => checkShape(item, shape.items, `${path}[${index}]`));
  }
  if (shape.kind === 'object' && isJsonObject(value)) checkFields(value, shape.fields, path);
}

function checkFields(value: JsonObject, fields: Record<string, Shape>, path: string): void {
  for (const [name, fieldValue] of Object.entries(value)) {
    const fieldShape = Object.hasOwn(fields, name) ? fields[name] : undefined;
    const fieldPath = `${path}.${name}`;
    if (fieldShape === undefined) throw validationFailed(fieldPath, [`${fieldPath}: The field is not allowed here. Allowed fields: ${Object.keys(fields).join(', ')}.`]);
    checkShape(fieldValue, fieldShape, fieldPath);
  }
}

/** Describes why the value itself (not its fields) does not fit the shape, or returns undefined. */
function shapeProblem(value: JsonValue | undefined, shape: Shape): string | undefined {
  const shown = JSON.stringify(value ?? null).slice(0, 100);
  switch (shape.kind) {
    case 'object':
      return isJsonObject(value) ? undefined : `The value must be an object, not ${shown}.`;
    case 'array':
      return arrayProblem(value, shape.minItems ?? 0, shape.maxItems ?? Number.MAX_SAFE_INTEGER, shown);
    case 'integer':
      return Number.isInteger(value) && Number(value) >= shape.minimum && Number(value) <= shape.maximum
        ? undefined
        : `The value must be a whole number from ${shape.minimum} to ${shape.maximum}, not ${shown}.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `The value must be true or false, not ${shown}.`;
    case 'enum':
      return typeof value === 'string' && shape.values.includes(value) ? undefined : `${shown} is not valid. Use ${shape.values.join(' or ')}.`;
    case 'string':
      return stringProblem(value, shape, shown);
  }
}

function arrayProblem(value: JsonValue | undefined, minItems: number, maxItems: number, shown: string): string | undefined {
  if (!Array.isArray(value)) return `The value must be a list, not ${shown}.`;
  if (value.length < minItems || value.length > maxItems) return `The list must have ${minItems} to ${maxItems} items, not ${value.length}.`;
  return undefined;
}

function stringProblem(value: JsonValue | undefined, shape: Extract<Shape, { kind: 'string' }>, shown: string): string | undefined {
  if (typeof value !== 'string') return `The value must be a string, not ${shown}.`;
  const minLength = shape.minLength ?? 0;
  const maxLength = shape.maxLength ?? Number.MAX_SAFE_INTEGER;
  if (value.length < minLength || value.length > maxLength) return `The value must be ${minLength} to ${maxLength} characters long.`;
  if (shape.pattern && !shape.pattern.regex.test(value)) return `${shown} is not ${shape.pattern.description}.`;
  return undefined;
}

import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { DrillError } from './drill-types.js';

/** Returns the object at `key`, or an empty object when the value is absent or not an object. */
export function objectAt(value: JsonValue | undefined, key: string): JsonObject {
  const child = isJsonObject(value) ? value[key] : undefined;
  return isJsonObject(child) ? child : {};
}

/** Returns the strings of the array at `key`, or an empty list. */
export function stringsAt(value: JsonObject, key: string): string[] {
  const child = value[key];
  return Array.isArray(child) ? child.filter((item): item is string => typeof item === 'string') : [];
}

/** Returns the object's `id`, or throws when an API response has none. */
export function idOf(object: JsonObject, description: string): string {
  const id = object['id'];
  if (typeof id !== 'string' || id === '') throw new DrillError(`The org returned ${description} without an id.`);
  return id;
}

/** Returns `profile.name` of a group, or an empty string. */
export function groupNameOf(group: JsonObject): string {
  const name = objectAt(group, 'profile')['name'];
  return typeof name === 'string' ? name : '';
}

/** Returns `actions.assignUserToGroups.groupIds` of a group rule. */
export function ruleTargetIds(rule: JsonObject): string[] {
  return stringsAt(objectAt(objectAt(rule, 'actions'), 'assignUserToGroups'), 'groupIds');
}

/** Returns `conditions.expression.value` of a group rule, or throws naming the rule. */
export function ruleExpressionOf(rule: JsonObject): string {
  const value = objectAt(objectAt(rule, 'conditions'), 'expression')['value'];
  if (typeof value !== 'string') throw new DrillError(`The group rule '${String(rule['name'])}' (${String(rule['id'])}) has no expression.`);
  return value;
}

/** Returns an API response body that must be a JSON object, or throws naming the expected object. */
export function requireObject(value: JsonValue | undefined, description: string): JsonObject {
  if (!isJsonObject(value)) throw new DrillError(`The org returned no JSON object for ${description}.`);
  return value;
}

import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { validationFailed } from '../http/sandbox-error.js';

/** Property types a custom app user attribute may have. */
const PROPERTY_TYPES: ReadonlySet<string> = new Set(['string', 'boolean', 'number', 'integer', 'array']);

/** Okta attribute names start with a letter or underscore and hold only letters, digits and underscores. */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Returns a copy of `schema` with a partial update applied, as `POST .../default` does:
 * - each property under `definitions.custom.properties` replaces the property of that name,
 *   or adds it, and a property set to `null` is removed;
 * - `definitions.custom.required`, when given, replaces the list of required custom properties;
 * - a base property may change only its `required` flag;
 * - `title`, when given, replaces the title.
 * Throws Okta's 400 `E0000001` naming the property that cannot be applied.
 */
export function updatedAppUserSchema(schema: JsonObject, update: JsonObject): JsonObject {
  const result = structuredClone(schema);
  const definitions = objectField(result, 'definitions');
  const requested = isJsonObject(update['definitions']) ? update['definitions'] : {};

  const base = objectField(definitions, 'base');
  const custom = objectField(definitions, 'custom');
  applyBaseChanges(base, requested['base']);
  applyCustomChanges(custom, requested['custom'], objectField(base, 'properties'));

  if (typeof update['title'] === 'string' && update['title'].trim() !== '') result['title'] = update['title'];
  return result;
}

function applyCustomChanges(custom: JsonObject, requested: JsonValue | undefined, baseProperties: JsonObject): void {
  if (!isJsonObject(requested)) return;
  const properties = objectField(custom, 'properties');
  const changes = isJsonObject(requested['properties']) ? requested['properties'] : {};

  for (const [name, definition] of Object.entries(changes)) {
    if (definition === null) {
      delete properties[name];
      continue;
    }
    properties[name] = checkedCustomProperty(name, definition, baseProperties);
  }

  const required = requested['required'];
  if (required !== undefined) custom['required'] = checkedRequiredList(required, properties);
  else if (Array.isArray(custom['required'])) custom['required'] = custom['required'].filter((name) => typeof name === 'string' && name in properties);
}

function checkedCustomProperty(name: string, definition: JsonValue, baseProperties: JsonObject): JsonObject {
  const field = `definitions.custom.properties.${name}`;
  if (!PROPERTY_NAME.test(name)) throw validationFailed(field, [`${field}: '${name}' is not a valid attribute name.`]);
  if (name in baseProperties) throw validationFailed(field, [`${field}: A base property named '${name}' already exists.`]);
  if (!isJsonObject(definition)) throw validationFailed(field, [`${field}: The property must be an object or null.`]);

  const title = definition['title'];
  if (typeof title !== 'string' || title.trim() === '') throw validationFailed(field, [`${field}.title: The field cannot be left blank`]);
  const type = definition['type'];
  if (typeof type !== 'string' || !PROPERTY_TYPES.has(type)) {
    throw validationFailed(field, [`${field}.type: '${String(type)}' is not one of ${[...PROPERTY_TYPES].join(', ')}.`]);
  }
  return { ...structuredClone(definition), scope: definition['scope'] ?? 'NONE' };
}

function checkedRequiredList(required: JsonValue, properties: JsonObject): string[] {
  const field = 'definitions.custom.required';
  if (!Array.isArray(required)) throw validationFailed(field, [`${field}: The value must be a list of property names.`]);
  const unknown = required.filter((name) => typeof name !== 'string' || !(name in properties));
  if (unknown.length > 0) throw validationFailed(field, [`${field}: ${unknown.map(String).join(', ')} are not custom properties.`]);
  return required as string[];
}

function applyBaseChanges(base: JsonObject, requested: JsonValue | undefined): void {
  const changes = isJsonObject(requested) && isJsonObject(requested['properties']) ? requested['properties'] : {};
  const properties = objectField(base, 'properties');

  for (const [name, change] of Object.entries(changes)) {
    const field = `definitions.base.properties.${name}`;
    const current = properties[name];
    if (!isJsonObject(current)) throw validationFailed(field, [`${field}: The app user schema has no base property named '${name}'.`]);
    if (!isJsonObject(change)) throw validationFailed(field, [`${field}: Base properties cannot be removed.`]);

    const changedKeys = Object.keys(change).filter((key) => key !== 'required' && JSON.stringify(change[key]) !== JSON.stringify(current[key]));
    if (changedKeys.length > 0) throw validationFailed(field, [`${field}: Only 'required' can change on a base property, not ${changedKeys.join(', ')}.`]);
    if (typeof change['required'] === 'boolean') setBaseRequired(base, current, name, change['required']);
  }
}

function setBaseRequired(base: JsonObject, property: JsonObject, name: string, required: boolean): void {
  property['required'] = required;
  const list = Array.isArray(base['required']) ? base['required'].filter((item) => item !== name) : [];
  base['required'] = required ? [...list, name] : list;
}

/** Returns `owner[key]` as an object, creating an empty one when it is missing. */
function objectField(owner: JsonObject, key: string): JsonObject {
  const value = owner[key];
  if (isJsonObject(value)) return value;
  const created: JsonObject = {};
  owner[key] = created;
  return created;
}

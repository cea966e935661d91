/**
 * Rewrites OpenAPI 3.0 `discriminator` objects into plain JSON Schema that Ajv can run.
 *
 * Ajv's own `discriminator` option accepts only `oneOf` without `mapping`, but the Okta spec
 * mostly uses the inheritance form: a base schema (`Application`, `Policy`, `PolicyRule`,
 * `NetworkZone`, ...) names the subtypes in `discriminator.mapping`, and each subtype is
 * `allOf: [base, extension]`. Without this rewrite a `SamlApplication` body would be checked
 * against `Application` alone and the SAML settings would never be validated.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { escapePointerToken, walkSchema } from './schema-walk.js';

const COMPONENT_PREFIX = '#/components/schemas/';
/** Where the rewrite keeps a copy of each inheritance base without its dispatch. */
const DISCRIMINATOR_BASES_POINTER = '#/components/discriminatorBases/';

/**
 * Replaces every schema that carries a `discriminator` with a dispatch on the discriminator
 * property, in place:
 *
 * - A body whose property value is in `mapping` is validated against the mapped schema alone,
 *   which in the inheritance form includes the base through its `allOf`.
 * - In the inheritance form, a body whose value is missing or not in `mapping` is validated
 *   against the base alone, because the spec declares no subtype for it.
 * - With `oneOf` or `anyOf`, a body whose value is not in `mapping` is validated against the
 *   original `oneOf`/`anyOf`.
 *
 * Subtypes refer to their base through `allOf`. Every `allOf` reference to an inheritance base
 * is redirected to a copy of the base under `components.discriminatorBases`, so that
 * validating a subtype does not dispatch again. Throws when a discriminator has no `mapping`
 * or maps to a missing schema.
 */
export function rewriteDiscriminators(components: JsonObject, operationSchemas: JsonValue[]): void {
  const schemas = asObject(components['schemas'], '#/components/schemas');
  const bases: JsonObject = {};
  components['discriminatorBases'] = bases;

  for (const [name, schema] of Object.entries(schemas)) {
    if (isJsonObject(schema) && isInheritanceBase(schema)) bases[name] = withoutDiscriminator(schema);
  }
  const redirect = (node: JsonObject): void => redirectAllOfToBases(node, bases);
  for (const schema of [...Object.values(schemas), ...Object.values(bases), ...operationSchemas]) {
    walkSchema(schema, '', redirect);
  }

  const rewrite = (node: JsonObject, pointer: string): void => {
    if (node['discriminator'] === undefined) return;
    const discriminator = discriminatorOf(node, pointer);
    checkMappingTargets(schemas, discriminator, pointer);
    replaceWithDispatch(node, discriminator, pointer);
  };
  for (const [name, schema] of Object.entries(schemas)) {
    walkSchema(schema, `${COMPONENT_PREFIX}${escapePointerToken(name)}`, rewrite);
  }
  for (const [name, base] of Object.entries(bases)) {
    walkSchema(base, `${DISCRIMINATOR_BASES_POINTER}${escapePointerToken(name)}`, rewrite);
  }
  for (const schema of operationSchemas) {
    walkSchema(schema, '#/operations', rewrite);
  }
}

interface Discriminator {
  propertyName: string;
  /** Discriminator value to the `$ref` of the schema it selects. */
  mapping: Record<string, string>;
}

function isInheritanceBase(schema: JsonObject): boolean {
  return schema['discriminator'] !== undefined && schema['oneOf'] === undefined && schema['anyOf'] === undefined;
}

function discriminatorOf(node: JsonObject, pointer: string): Discriminator {
  const discriminator = asObject(node['discriminator'], `${pointer}/discriminator`);
  const propertyName = discriminator['propertyName'];
  const mapping = discriminator['mapping'];
  if (typeof propertyName !== 'string' || !isJsonObject(mapping)) {
    throw new Error(
      `Unsupported discriminator at ${pointer}: the harness needs a propertyName and an explicit mapping. ` +
        'Extend test/support/okta-spec/discriminators.ts to handle implicit mappings.',
    );
  }

  const refs: Record<string, string> = {};
  for (const [value, ref] of Object.entries(mapping)) {
    if (typeof ref !== 'string') throw new Error(`Invalid discriminator mapping at ${pointer}: '${value}' must map to a $ref string.`);
    refs[value] = ref;
  }
  return { propertyName, mapping: refs };
}

function checkMappingTargets(schemas: JsonObject, discriminator: Discriminator, pointer: string): void {
  for (const [value, ref] of Object.entries(discriminator.mapping)) {
    const name = componentName(ref);
    if (name === undefined || !isJsonObject(schemas[name])) {
      throw new Error(`Discriminator at ${pointer} maps '${value}' to ${ref}, which is not a schema in components.schemas.`);
    }
  }
}

/**
 * Points `allOf` references to an inheritance base at the base's copy without dispatch.
 * `allOf: [Base, extension]` means "has the properties of Base", and a dispatch there would
 * lead from a subtype back to itself.
 */
function redirectAllOfToBases(node: JsonObject, bases: JsonObject): void {
  const members = node['allOf'];
  if (!Array.isArray(members)) return;
  for (const member of members) {
    const name = isJsonObject(member) && typeof member['$ref'] === 'string' ? componentName(member['$ref']) : undefined;
    if (name !== undefined && bases[name] !== undefined && isJsonObject(member)) {
      member['$ref'] = `${DISCRIMINATOR_BASES_POINTER}${name}`;
    }
  }
}

function replaceWithDispatch(node: JsonObject, discriminator: Discriminator, pointer: string): void {
  let alternatives: 'oneOf' | 'anyOf' | undefined;
  if (node['oneOf'] !== undefined) alternatives = 'oneOf';
  else if (node['anyOf'] !== undefined) alternatives = 'anyOf';
  const baseName = alternatives === undefined ? componentName(pointer) : undefined;
  if (alternatives === undefined && baseName === undefined) {
    throw new Error(`Unsupported discriminator at ${pointer}: inheritance (no oneOf/anyOf) is only supported on components.schemas.`);
  }
  const baseRef = baseName === undefined ? undefined : `${DISCRIMINATOR_BASES_POINTER}${baseName}`;

  // A base may map a value to itself (UserFactorPushTransaction maps SUCCESS to itself):
  // that value selects the base alone.
  const dispatch: JsonValue[] = Object.entries(discriminator.mapping).map(([value, ref]) => ({
    if: discriminatorValueIs(discriminator.propertyName, { const: value }),
    then: { $ref: baseRef !== undefined && ref === `${COMPONENT_PREFIX}${baseName}` ? baseRef : ref },
  }));

  let fallback: JsonValue;
  if (baseRef !== undefined) {
    fallback = { $ref: baseRef };
    for (const key of Object.keys(node)) delete node[key];
  } else {
    fallback = { [alternatives ?? 'oneOf']: node[alternatives ?? 'oneOf'] ?? [] };
    delete node[alternatives ?? 'oneOf'];
    delete node['discriminator'];
  }

  const mappedValues = Object.keys(discriminator.mapping);
  dispatch.push({ if: discriminatorValueIs(discriminator.propertyName, { enum: mappedValues }), else: fallback });
  const existing = node['allOf'];
  node['allOf'] = Array.isArray(existing) ? [...existing, ...dispatch] : dispatch;
}

function discriminatorValueIs(propertyName: string, condition: JsonObject): JsonObject {
  return { type: 'object', required: [propertyName], properties: { [propertyName]: condition } };
}

function withoutDiscriminator(schema: JsonObject): JsonObject {
  const copy = structuredClone(schema);
  delete copy['discriminator'];
  return copy;
}

/** Returns the schema name of a `#/components/schemas/<name>` reference, or undefined for any other pointer. */
function componentName(ref: string): string | undefined {
  if (!ref.startsWith(COMPONENT_PREFIX)) return undefined;
  const name = ref.slice(COMPONENT_PREFIX.length);
  return name.includes('/') ? undefined : name;
}

function asObject(value: JsonValue | undefined, pointer: string): JsonObject {
  if (!isJsonObject(value)) throw new Error(`Invalid OpenAPI document: ${pointer} must be an object.`);
  return value;
}

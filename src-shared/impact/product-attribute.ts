import type { AtlassianProduct } from '../diff/diff-types.js';
import type { JsonObject, JsonValue } from '../json/json-types.js';
import { ExpressionError, evaluateExpression, parseExpression, type ExpressionNode } from '../okta/expression-language.js';
import type { AppHolder } from './app-assignment.js';
import { objectAt, stringField } from './json-fields.js';
import { productOfAttributeKey } from './product-names.js';
import { isMember, type SnapshotIndex } from './snapshot-index.js';

/** Sources of one app's product attribute value, worked out once per app. */
export interface AttributeSource {
  attribute: string;
  /** The Okta → app mapping's expression for the attribute, parsed; an error when it does not parse; undefined when unmapped. */
  mapping: ExpressionNode | ExpressionError | undefined;
  /** The app user schema sets "combine values across groups" (`union: ENABLE`) on the attribute. */
  combineGroupValues: boolean;
}

/** The products a user's attribute grants, or why they cannot be known. */
export type AttributeProducts = { products: Set<AtlassianProduct> } | { unknown: string };

/** Finds the mapping expression and the group-value rule for an app's product attribute. */
export function attributeSourceOf(index: SnapshotIndex, appId: string, attribute: string): AttributeSource {
  const expression = mappingExpression(index.profileMappings, appId, attribute);
  let mapping: AttributeSource['mapping'];
  if (expression !== undefined) {
    try {
      mapping = parseExpression(expression);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      mapping = error;
    }
  }
  return { attribute, mapping, combineGroupValues: schemaCombinesGroupValues(index.appUserSchemas.get(appId), attribute) };
}

/**
 * Works out the products a user's app profile attribute lists. The value comes from the Okta →
 * app mapping when it maps the attribute, because Okta does not let an assignment set a mapped
 * attribute. Otherwise it comes from the user's direct assignment, and otherwise from the
 * highest-priority assigned group (every assigned group when the schema combines values).
 */
export function attributeProducts(index: SnapshotIndex, source: AttributeSource, holder: AppHolder): AttributeProducts {
  if (source.mapping instanceof ExpressionError) return { unknown: source.mapping.message };
  if (source.mapping !== undefined) return productsOfMappedValue(index, source.mapping, holder);

  if (holder.directAssignment) return productsOfValue(objectAt(holder.directAssignment, 'profile')?.[source.attribute] ?? null);
  if (source.combineGroupValues) {
    const values = holder.groupAssignments.map((assignment) => assignment.profile[source.attribute] ?? null);
    return productsOfValue(values.flat());
  }
  return productsOfValue(holder.groupAssignments[0]?.profile[source.attribute] ?? null);
}

function productsOfMappedValue(index: SnapshotIndex, mapping: ExpressionNode, holder: AppHolder): AttributeProducts {
  try {
    const value = evaluateExpression(mapping, {
      user: holder.user.profile,
      isMemberOfGroup: (groupId) => isMember(index, holder.user.id, groupId),
    });
    return productsOfValue(value);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { unknown: error.message };
  }
}

/** Reads product keys from an attribute value: a list of keys, one key, or null for none. Keys not tracked are ignored. */
function productsOfValue(value: JsonValue): AttributeProducts {
  const keys = Array.isArray(value) ? value : [value];
  const products = new Set<AtlassianProduct>();
  for (const key of keys) {
    if (key === null) continue;
    if (typeof key !== 'string') return { unknown: `the value ${JSON.stringify(value)} is not a list of product keys` };
    const product = productOfAttributeKey(key);
    if (product) products.add(product);
  }
  return { products };
}

function mappingExpression(mappings: readonly JsonObject[], appId: string, attribute: string): string | undefined {
  for (const mapping of mappings) {
    const sourceType = stringField(objectAt(mapping, 'source'), 'type');
    const targetId = stringField(objectAt(mapping, 'target'), 'id');
    if (sourceType !== 'user' || targetId !== appId) continue;
    const expression = stringField(objectAt(mapping, 'properties', attribute), 'expression');
    if (expression !== undefined && expression.trim() !== '') return expression;
  }
  return undefined;
}

function schemaCombinesGroupValues(schema: JsonObject | undefined, attribute: string): boolean {
  for (const definition of ['custom', 'base']) {
    const property = objectAt(schema, 'definitions', definition, 'properties', attribute);
    if (property) return property['union'] === 'ENABLE';
  }
  return false;
}

import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { DrillApi } from './drill-api.js';
import { idOf, objectAt } from './drill-json.js';
import { DrillError, type Drill } from './drill-types.js';
import { findAppByLabel, PRODUCTION_APP_LABEL, targetMissing } from './org-lookups.js';

const PRODUCTS_ATTRIBUTE = 'atlassianProducts';
const DEPARTMENT = 'Engineering';
const DROPPED_PRODUCT = 'confluence';

export const scimMappingTierChange: Drill = {
  name: 'scim-mapping-tier-change',
  title: 'Engineering moves to a product tier without Confluence',
  description:
    `The Okta-to-app profile mapping of the production app sends '${PRODUCTS_ATTRIBUTE}' through SCIM. ` +
    `Its expression is edited so that users whose department is '${DEPARTMENT}' get their current product ` +
    `set minus '${DROPPED_PRODUCT}', so every engineer loses Confluence at the next push.`,

  async apply(api) {
    const app = await findAppByLabel(api, PRODUCTION_APP_LABEL);
    const mapping = await userToAppMapping(api, idOf(app, 'an app'));
    const mappingId = idOf(mapping, 'a profile mapping');
    const property = objectAt(objectAt(mapping, 'properties'), PRODUCTS_ATTRIBUTE);
    const expression = property['expression'];
    if (typeof expression !== 'string') throw targetMissing(api, `'${PRODUCTS_ATTRIBUTE}' property in the profile mapping ${mappingId}`);

    const edited = withoutProductForDepartment(expression, DEPARTMENT, DROPPED_PRODUCT);
    await api.post(`/api/v1/mappings/${mappingId}`, { properties: { [PRODUCTS_ATTRIBUTE]: { expression: edited, pushStatus: property['pushStatus'] ?? 'PUSH' } } });

    api.touch({
      kind: 'profile-mapping',
      id: mappingId,
      name: `user → ${String(app['label'])}`,
      change: 'updated',
      cause: 'request',
      detail: `${PRODUCTS_ATTRIBUTE} no longer gives '${DROPPED_PRODUCT}' to department '${DEPARTMENT}': ${edited}`,
    });
    return api.report(this.name);
  },
};

/** Reads, with its properties, the mapping from the default Okta user type (named `user`) to the app user. */
async function userToAppMapping(api: DrillApi, appId: string): Promise<JsonObject> {
  const summaries = await api.list(`/api/v1/mappings?${new URLSearchParams({ targetId: appId, limit: '200' })}`);
  const summary = summaries.find((mapping) => objectAt(mapping, 'source')['type'] === 'user' && objectAt(mapping, 'source')['name'] === 'user');
  if (summary === undefined) throw targetMissing(api, `profile mapping from the Okta user type 'user' to the app ${appId}`);
  return api.get(`/api/v1/mappings/${idOf(summary, 'a profile mapping')}`);
}

/**
 * Removes a product from the set literal of the department's branch in an expression such as
 * `user.department=="Engineering" ? {"jira-software","confluence"} : …`. Throws when the
 * expression has no such branch or the branch lacks the product.
 */
export function withoutProductForDepartment(expression: string, department: string, product: string): string {
  const branch = new RegExp(`(user\\.department\\s*==\\s*"${department}"\\s*\\?\\s*)\\{([^{}]*)\\}`);
  const match = branch.exec(expression);
  if (match === null) {
    throw new DrillError(`The mapping expression has no branch of the form user.department=="${department}" ? {…}, so the drill cannot edit it: ${expression}`);
  }

  const products = (match[2] ?? '').split(',').map((item) => item.trim());
  const remaining = products.filter((item) => item !== `"${product}"`);
  if (remaining.length === products.length) throw new DrillError(`The mapping already gives department '${department}' no '${product}': ${expression}`);
  return expression.replace(branch, (_whole, prefix: string) => `${prefix}{${remaining.join(',')}}`);
}

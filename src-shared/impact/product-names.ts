import type { AtlassianProduct } from '../diff/diff-types.js';

/**
 * Atlassian's default product access group names (lower case). A group pushed under one of
 * these names grants the product on the Atlassian site.
 */
const DEFAULT_GROUP_PRODUCTS: ReadonlyMap<string, AtlassianProduct> = new Map([
  ['jira-software-users', 'jira-software'],
  ['jira-users', 'jira-software'],
  ['confluence-users', 'confluence'],
  ['bitbucket-users', 'bitbucket'],
  ['jira-servicemanagement-users', 'jsm-agent'],
  ['jira-servicedesk-users', 'jsm-agent'],
]);

/** Part of a group name that marks a JSM agent group, such as `CS-jsm-agents`. */
const JSM_AGENT_NAME_PART = 'jsm-agents';

/** Product keys as the app user attribute lists them (`atlassianProducts`). */
const ATTRIBUTE_PRODUCT_KEYS: ReadonlyMap<string, AtlassianProduct> = new Map([
  ['jira-software', 'jira-software'],
  ['confluence', 'confluence'],
  ['bitbucket', 'bitbucket'],
  ['jira-servicemanagement', 'jsm-agent'],
]);

/**
 * Returns the product an Atlassian group grants, by its name: the caller's override when one
 * names the group, else Atlassian's default names, else a name containing `jsm-agents`. Names
 * are compared ignoring case. Undefined when the group grants no tracked product.
 */
export function productOfGroupName(name: string, overrides: Readonly<Record<string, AtlassianProduct | null>> = {}): AtlassianProduct | undefined {
  const lowerName = name.toLowerCase();
  for (const [overrideName, product] of Object.entries(overrides)) {
    if (overrideName.toLowerCase() === lowerName) return product ?? undefined;
  }
  const byDefault = DEFAULT_GROUP_PRODUCTS.get(lowerName);
  if (byDefault) return byDefault;
  return lowerName.includes(JSM_AGENT_NAME_PART) ? 'jsm-agent' : undefined;
}

/** Returns the product a product key of the app user attribute stands for, ignoring case; undefined for keys not tracked. */
export function productOfAttributeKey(key: string): AtlassianProduct | undefined {
  return ATTRIBUTE_PRODUCT_KEYS.get(key.toLowerCase());
}

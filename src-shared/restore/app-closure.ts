import { objectsAt, stringAt, stringsAt } from '../diff/findings/json-pointer.js';
import { isJsonObject } from '../json/json-types.js';
import { groupIdsInExpression } from '../okta/expression-references.js';
import type { ResourceKind, SnapshotResource } from '../snapshot/snapshot-model.js';
import { resourceKey, splitOwned } from './id-matching.js';

/** Kinds whose id is the app's id. */
const SAME_ID_KINDS: readonly ResourceKind[] = ['app', 'app-saml-metadata', 'app-provisioning', 'app-user-schema'];
/** Kinds whose id is `<appId>/<id>`. */
const APP_OWNED_KINDS: readonly ResourceKind[] = ['app-signing-key', 'app-feature', 'app-group-assignment', 'app-user-assignment', 'group-push-mapping'];

/**
 * Returns the `kind:id` keys of everything one side contains because of an app. That is its own
 * parts, its mappings, the groups it is assigned to or pushes (with their members and the rules
 * that fill them, following the groups those rules name), and its sign-in policy. It also covers
 * the org's other policies, which a capture only takes when they name in-scope groups, the zones
 * and device assurance policies their rules name, and the user types.
 */
export function appClosure(resources: readonly SnapshotResource[], appId: string): Set<string> {
  const keys = new Set<string>();
  const byKind = (kind: ResourceKind): SnapshotResource[] => resources.filter((resource) => resource.kind === kind);

  for (const kind of SAME_ID_KINDS) if (byKind(kind).some((resource) => resource.id === appId)) keys.add(resourceKey(kind, appId));
  for (const kind of APP_OWNED_KINDS) for (const resource of byKind(kind)) if (splitOwned(resource.id)[0] === appId) keys.add(resourceKey(kind, resource.id));
  for (const mapping of byKind('profile-mapping')) {
    if (stringAt(mapping.body, '/source/id') === appId || stringAt(mapping.body, '/target/id') === appId) keys.add(resourceKey('profile-mapping', mapping.id));
  }
  for (const userType of byKind('user-type')) keys.add(resourceKey('user-type', userType.id));

  const policies = policiesOf(resources, appId);
  const groupIds = groupsOf(resources, appId, policies);
  addRules(resources, groupIds, keys);
  for (const groupId of groupIds) {
    for (const kind of ['group', 'group-members'] as const) if (byKind(kind).some((resource) => resource.id === groupId)) keys.add(resourceKey(kind, groupId));
  }
  addPolicies(resources, policies, keys);
  return keys;
}

/** Returns the keys of the app's sign-in policy and of every policy that is not an app sign-in policy. */
function policiesOf(resources: readonly SnapshotResource[], appId: string): Set<string> {
  const app = resources.find((resource) => resource.kind === 'app' && resource.id === appId);
  const href = app === undefined ? undefined : stringAt(app.body, '/_links/accessPolicy/href');
  const policies = new Set<string>();
  if (href !== undefined) policies.add(href.slice(href.lastIndexOf('/') + 1));
  for (const policy of resources) {
    if (policy.kind === 'policy' && stringAt(policy.body, '/type') !== 'ACCESS_POLICY') policies.add(policy.id);
  }
  return policies;
}

/** Groups the app is assigned to or pushes, and those named by the rules of its policies. */
function groupsOf(resources: readonly SnapshotResource[], appId: string, policies: Set<string>): Set<string> {
  const groupIds = new Set<string>();
  for (const resource of resources) {
    const [owner, rest] = splitOwned(resource.id);
    if (resource.kind === 'app-group-assignment' && owner === appId) groupIds.add(rest);
    if (resource.kind === 'group-push-mapping' && owner === appId) {
      const source = stringAt(resource.body, '/sourceGroupId');
      if (source !== undefined) groupIds.add(source);
    }
    if ((resource.kind === 'policy-rule' && policies.has(owner)) || (resource.kind === 'policy' && policies.has(resource.id))) {
      for (const field of ['include', 'exclude']) for (const id of stringsAt(resource.body, `/conditions/people/groups/${field}`)) groupIds.add(id);
    }
  }
  return groupIds;
}

/** Adds the rules that assign users into the groups, following the groups each rule names until none is new. */
function addRules(resources: readonly SnapshotResource[], groupIds: Set<string>, keys: Set<string>): void {
  const rules = resources.filter((resource) => resource.kind === 'group-rule');
  for (let added = true; added; ) {
    added = false;
    for (const rule of rules) {
      const key = resourceKey('group-rule', rule.id);
      if (keys.has(key) || !stringsAt(rule.body, '/actions/assignUserToGroups/groupIds').some((id) => groupIds.has(id))) continue;
      keys.add(key);
      added = true;
      const named = [...groupIdsInExpression(stringAt(rule.body, '/conditions/expression/value') ?? ''), ...stringsAt(rule.body, '/conditions/people/groups/exclude')];
      for (const id of named) groupIds.add(id);
    }
  }
}

/** Adds the policies, their rules, and the zones and device assurance policies those rules name. */
function addPolicies(resources: readonly SnapshotResource[], policies: Set<string>, keys: Set<string>): void {
  const named = new Set<string>();
  for (const resource of resources) {
    if (resource.kind === 'policy' && policies.has(resource.id)) keys.add(resourceKey('policy', resource.id));
    if (resource.kind !== 'policy-rule' || !policies.has(splitOwned(resource.id)[0])) continue;
    keys.add(resourceKey('policy-rule', resource.id));
    const network = isJsonObject(resource.body) ? resource.body : {};
    for (const field of ['include', 'exclude']) for (const id of stringsAt(network, `/conditions/network/${field}`)) named.add(id);
    for (const id of stringsAt(network, '/conditions/device/assurance/include')) named.add(id);
    for (const item of objectsAt(network, '/conditions/device/assurance/include')) if (typeof item['id'] === 'string') named.add(item['id']);
  }
  for (const resource of resources) {
    if ((resource.kind === 'network-zone' || resource.kind === 'device-assurance') && named.has(resource.id)) keys.add(resourceKey(resource.kind, resource.id));
  }
}

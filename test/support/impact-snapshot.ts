import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';

/**
 * Builders for small hand-made snapshots, with the resource ids and body shapes that capture
 * produces (`<appId>/<groupId>` for a group assignment, `<policyId>/<ruleId>` for a rule).
 */

/** Builds a member record as capture stores it: id, status and the kept profile attributes. */
export function member(id: string, profile: JsonObject = {}, status = 'ACTIVE'): JsonObject {
  return { id, status, profile: { login: `${id}@acme.test`, ...profile } };
}

export function app(id: string, accessPolicyId?: string, status = 'ACTIVE'): SnapshotResource {
  const links: JsonObject = accessPolicyId ? { accessPolicy: { href: `https://acme.okta.test/api/v1/policies/${accessPolicyId}` } } : {};
  return resource('app', id, id, { id, name: 'atlassian', label: `Atlassian ${id}`, status, signOnMode: 'SAML_2_0', _links: links });
}

export function group(id: string, name: string, type = 'OKTA_GROUP'): SnapshotResource {
  return resource('group', id, name, { id, type, profile: { name } });
}

export function members(groupId: string, records: JsonObject[]): SnapshotResource {
  return resource('group-members', groupId, `${groupId}: members`, records);
}

/** Builds a group assignment whose profile's `atlassianProducts` is `products`, when given. */
export function groupAssignment(appId: string, groupId: string, priority: number, products?: string[]): SnapshotResource {
  const profile: JsonObject = products ? { atlassianProducts: products } : {};
  return resource('app-group-assignment', `${appId}/${groupId}`, `${appId}: group ${groupId}`, { id: groupId, priority, profile });
}

/** Builds a direct app user (`scope: USER`) whose profile's `atlassianProducts` is `products`, when given. */
export function userAssignment(appId: string, userId: string, products?: string[]): SnapshotResource {
  const profile: JsonObject = products ? { atlassianProducts: products } : {};
  return resource('app-user-assignment', `${appId}/${userId}`, `${appId}: ${userId}`, {
    id: userId,
    scope: 'USER',
    status: 'PROVISIONED',
    credentials: { userName: `${userId}@acme.test` },
    profile,
  });
}

export function pushMapping(appId: string, mappingId: string, sourceGroupId: string, targetGroupId: string, status = 'ACTIVE'): SnapshotResource {
  return resource('group-push-mapping', `${appId}/${mappingId}`, `${appId}: push ${sourceGroupId}`, { id: mappingId, sourceGroupId, targetGroupId, status });
}

/** Builds the Okta → app profile mapping that maps `atlassianProducts` from an expression. */
export function productMapping(appId: string, expression: string): SnapshotResource {
  return resource('profile-mapping', `prm-${appId}`, `user → ${appId}`, {
    id: `prm-${appId}`,
    source: { id: 'oty-default', name: 'user', type: 'user' },
    target: { id: appId, name: 'atlassian', type: 'appuser' },
    properties: { atlassianProducts: { expression, pushStatus: 'PUSH' } },
  });
}

export function policy(id: string, type: 'ACCESS_POLICY' | 'OKTA_SIGN_ON', priority: number, extra: JsonObject = {}): SnapshotResource {
  return resource('policy', id, id, { id, type, name: id, status: 'ACTIVE', priority, system: false, conditions: null, ...extra });
}

export function rule(policyId: string, id: string, priority: number, conditions: JsonObject | null, actions: JsonObject, status = 'ACTIVE'): SnapshotResource {
  return resource('policy-rule', `${policyId}/${id}`, `${policyId}: ${id}`, { id, name: id, priority, status, conditions, actions });
}

/** Builds the `actions` of an app sign-in rule that allows with the given factor mode and re-authentication interval. */
export function allowApp(factorMode: '1FA' | '2FA' = '2FA', reauthenticateIn = 'PT12H', constraints: JsonValue[] = []): JsonObject {
  return { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode, reauthenticateIn, constraints } } };
}

export const DENY_APP: JsonObject = { appSignOn: { access: 'DENY' } };

/** Builds `conditions` naming groups in `people.groups.include`, with optional extra conditions. */
export function forGroups(groupIds: string[], extra: JsonObject = {}): JsonObject {
  return { people: { groups: { include: groupIds } }, ...extra };
}

/** Replaces the body of one resource, working on a copy so the original list stays as it was. */
export function withBody(resources: readonly SnapshotResource[], kind: ResourceKind, id: string, edit: (body: JsonObject) => void): SnapshotResource[] {
  let found = false;
  const edited = resources.map((item) => {
    if (item.kind !== kind || item.id !== id) return item;
    found = true;
    const body = structuredClone(item.body) as JsonObject;
    edit(body);
    return { ...item, body };
  });
  if (!found) throw new Error(`No ${kind} resource with id ${id} to edit`);
  return edited;
}

/** Removes resources by kind and id; throws when one is missing, so a typo cannot pass silently. */
export function without(resources: readonly SnapshotResource[], kind: ResourceKind, ...ids: string[]): SnapshotResource[] {
  for (const id of ids) {
    if (!resources.some((item) => item.kind === kind && item.id === id)) throw new Error(`No ${kind} resource with id ${id} to remove`);
  }
  return resources.filter((item) => item.kind !== kind || !ids.includes(item.id));
}

function resource(kind: ResourceKind, id: string, name: string, body: JsonValue): SnapshotResource {
  return { kind, id, name, body };
}

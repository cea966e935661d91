import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';

/** Builds a snapshot resource. `kind` may name a kind this build does not know. */
export function resource(kind: string, id: string, body: JsonValue, name = `${kind} ${id}`): SnapshotResource {
  return { kind: kind as ResourceKind, id, name, body };
}

/** Builds a group rule body shaped like the ones Okta returns, assigning into `groupIds`. */
export function groupRuleBody(id: string, groupIds: string[], extra: JsonObject = {}): JsonObject {
  return {
    type: 'group_rule',
    id,
    status: 'ACTIVE',
    name: `Rule ${id}`,
    created: '2025-03-05T13:12:11.000Z',
    lastUpdated: '2025-04-22T13:31:45.000Z',
    conditions: {
      people: { users: { exclude: ['00uW3imYw20fadTGEr49'] }, groups: { exclude: [] } },
      expression: { value: 'user.department=="Customer Support"', type: 'urn:okta:expression:1.0' },
    },
    actions: { assignUserToGroups: { groupIds } },
    _links: { self: { href: `https://acme.okta.com/api/v1/groups/rules/${id}` } },
    ...extra,
  };
}

/** Builds an app sign-in rule of policy `policyId` as a snapshot resource. */
export function accessRule(policyId: string, ruleId: string, priority: number, extra: JsonObject = {}): SnapshotResource {
  const body: JsonObject = {
    id: ruleId,
    status: 'ACTIVE',
    name: `Rule ${ruleId}`,
    priority,
    system: false,
    type: 'ACCESS_POLICY',
    created: '2025-03-03T12:14:09.000Z',
    lastUpdated: '2025-03-03T12:14:09.000Z',
    conditions: {
      people: { groups: { include: ['00gZHN7m7i4Qk40QoebK'] } },
      network: { connection: 'ZONE', include: ['nzosaEVtZTpoACKZ60wQ'] },
    },
    actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT12H', constraints: [] } } },
    ...extra,
  };
  return resource('policy-rule', `${policyId}/${ruleId}`, body);
}

/** Builds the default rule that Okta keeps last in every app sign-in policy. */
export function catchAllRule(policyId: string): SnapshotResource {
  return accessRule(policyId, 'rulCatchAll', 99, { system: true, name: 'Catch-all Rule', conditions: null });
}

/** Builds a member record as capture stores it in a `group-members` body. */
export function member(id: string, department = 'Engineering'): JsonObject {
  return { id, status: 'ACTIVE', profile: { department, login: `${id}@example.com` }, type: { id: 'otyyEwUICNZYJvI7lVVe' } };
}

/** Copies resources so a test can change one side without touching the other. */
export function copyOf(resources: SnapshotResource[]): SnapshotResource[] {
  return structuredClone(resources);
}

/** Finds a resource's body, as an object, for tests that edit it in place. */
export function bodyOf(resources: SnapshotResource[], kind: string, id: string): JsonObject {
  const found = resources.find((candidate) => candidate.kind === kind && candidate.id === id);
  if (found === undefined) throw new Error(`No ${kind} ${id} found in the test resources.`);
  return found.body as JsonObject;
}

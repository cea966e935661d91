import { expect } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { deriveOktaId } from '../../src-shared/okta/ids.js';
import { emptySeed } from '../../src-main/sandbox/seed/empty-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { formatValidationErrors, loadOktaSpec } from './okta-spec.js';

const CREATED = '2025-01-01T00:00:00.000Z';

/** Ids of the objects in `policyOrgSeed`. */
export const POLICY_ORG = {
  groupId: deriveOktaId('group', 'policies:engineering'),
  userId: deriveOktaId('user', 'policies:user'),
  appId: deriveOktaId('app', 'policies:jira'),
  officeZoneId: deriveOktaId('networkZone', 'policies:office'),
  spareZoneId: deriveOktaId('networkZone', 'policies:spare'),
  legacyZoneId: deriveOktaId('networkZone', 'policies:legacy'),
  macDeviceId: deriveOktaId('deviceAssurance', 'policies:mac'),
  spareDeviceId: deriveOktaId('deviceAssurance', 'policies:windows'),
  signOnPolicyId: deriveOktaId('policy', 'policies:default-sign-on'),
  signOnDefaultRuleId: deriveOktaId('policyRule', 'policies:default-sign-on-rule'),
  accessPolicyId: deriveOktaId('accessPolicy', 'policies:jira-access'),
  managedRuleId: deriveOktaId('accessPolicyRule', 'policies:managed'),
  catchAllRuleId: deriveOktaId('accessPolicyRule', 'policies:catch-all'),
};

/**
 * Builds a small org for the policy families. One app's sign-in policy has a rule naming the
 * group, the office zone and the macOS device assurance policy, above its catch-all rule. The
 * org also has one user, the default global session policy, the system zone LegacyIpZone, and a
 * spare zone and device assurance policy that nothing names.
 */
export function policyOrgSeed(): SandboxSeed {
  const seed = emptySeed('policies');
  seed.groups = [{ id: POLICY_ORG.groupId, created: CREATED, lastUpdated: CREATED, type: 'OKTA_GROUP', profile: { name: 'engineering' } }];
  seed.users = [{ id: POLICY_ORG.userId, status: 'ACTIVE', created: CREATED, profile: { login: 'ada@example.test' } }];
  seed.apps = [{ id: POLICY_ORG.appId, name: 'atlassian', label: 'Jira', status: 'ACTIVE', signOnMode: 'SAML_2_0', created: CREATED }];
  seed.networkZones = [
    ipZone(POLICY_ORG.officeZoneId, 'Office', 'ACTIVE'),
    ipZone(POLICY_ORG.spareZoneId, 'Spare', 'INACTIVE'),
    { ...ipZone(POLICY_ORG.legacyZoneId, 'LegacyIpZone', 'INACTIVE'), system: true },
  ];
  seed.deviceAssurances = [deviceAssurance(POLICY_ORG.macDeviceId, 'Managed Mac', 'MACOS'), deviceAssurance(POLICY_ORG.spareDeviceId, 'Windows', 'WINDOWS')];
  seed.policies = [signOnPolicy(), accessPolicy()];
  seed.policyRules = {
    [POLICY_ORG.signOnPolicyId]: [signOnDefaultRule()],
    [POLICY_ORG.accessPolicyId]: [managedDeviceRule(), catchAllRule()],
  };
  seed.appAccessPolicies = { [POLICY_ORG.appId]: POLICY_ORG.accessPolicyId };
  return seed;
}

/** Builds an app sign-in rule body with no conditions, for creating rules in tests. */
export function accessRuleBody(name: string, extra: JsonObject = {}): JsonObject {
  return { name, type: 'ACCESS_POLICY', actions: { appSignOn: { access: 'ALLOW' } }, ...extra };
}

/**
 * Asserts that a response matches the operation the spec documents for it, listing the
 * mismatches when not.
 *
 * TODO: the spec's `AccessPolicyRuleConditions` is not nullable, yet its own example
 * `list-all-access-policy-rule-response` shows the catch-all rule with `conditions: null`, as
 * Okta returns it. Until the harness's spec fixes cover that spot, a null `conditions` is let
 * through here.
 */
export async function expectSpecValid(method: string, path: string, status: number, body: unknown): Promise<void> {
  const spec = await loadOktaSpec();
  const result = spec.validateResponse({ method, path, status, body: body === '' ? undefined : body });
  const errors = result.errors.filter((error) => !isNullConditions(error.pointer, error.message, body));
  expect(errors, `${method} ${path} ${status}:\n${formatValidationErrors(result)}`).toEqual([]);
  expect(result.operation, `${method} ${path} matched no operation`).toBeDefined();
}

function isNullConditions(pointer: string, message: string, body: unknown): boolean {
  if (!pointer.endsWith('/conditions') || message !== 'must be object') return false;
  const index = /^\/(\d+)\/conditions$/.exec(pointer)?.[1];
  const rule = index === undefined ? body : Array.isArray(body) ? body[Number(index)] : undefined;
  return (rule as JsonObject | undefined)?.['conditions'] === null;
}

function ipZone(id: string, name: string, status: string): JsonObject {
  return {
    type: 'IP', id, name, status, usage: 'POLICY', created: CREATED, lastUpdated: CREATED, system: false,
    gateways: [{ type: 'CIDR', value: '203.0.113.0/24' }], proxies: null,
  };
}

function deviceAssurance(id: string, name: string, platform: string): JsonObject {
  return {
    id, name, platform, osVersion: { minimum: '14.0.0' }, screenLockType: { include: ['BIOMETRIC'] },
    createdBy: POLICY_ORG.userId, createdDate: CREATED, lastUpdate: CREATED, lastUpdatedBy: POLICY_ORG.userId,
  };
}

function signOnPolicy(): JsonObject {
  return {
    id: POLICY_ORG.signOnPolicyId, type: 'OKTA_SIGN_ON', name: 'Default Policy', description: 'The default policy applies in all situations.',
    priority: 1, status: 'ACTIVE', system: true, conditions: { people: { groups: { include: [] } } }, created: CREATED, lastUpdated: CREATED,
  };
}

function signOnDefaultRule(): JsonObject {
  return {
    id: POLICY_ORG.signOnDefaultRuleId, type: 'SIGN_ON', name: 'Default Rule', priority: 1, status: 'ACTIVE', system: true,
    created: CREATED, lastUpdated: CREATED, conditions: { network: { connection: 'ANYWHERE' } },
    actions: { signon: { access: 'ALLOW', requireFactor: false, session: { maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 0, usePersistentCookie: false } } },
  };
}

function accessPolicy(): JsonObject {
  return {
    id: POLICY_ORG.accessPolicyId, type: 'ACCESS_POLICY', name: 'Jira sign-in', description: 'Who may sign in to Jira',
    priority: 1, status: 'ACTIVE', system: false, conditions: null, created: CREATED, lastUpdated: CREATED,
  };
}

function managedDeviceRule(): JsonObject {
  return {
    id: POLICY_ORG.managedRuleId, type: 'ACCESS_POLICY', name: 'Engineering on managed Macs', priority: 0, status: 'ACTIVE', system: false,
    created: CREATED, lastUpdated: CREATED,
    conditions: {
      people: { groups: { include: [POLICY_ORG.groupId] } },
      network: { connection: 'ZONE', include: [POLICY_ORG.officeZoneId] },
      device: { registered: true, managed: true, assurance: { include: [POLICY_ORG.macDeviceId] } },
    },
    actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT2H', constraints: [] } } },
  };
}

function catchAllRule(): JsonObject {
  return {
    id: POLICY_ORG.catchAllRuleId, type: 'ACCESS_POLICY', name: 'Catch-all Rule', priority: 99, status: 'ACTIVE', system: true,
    created: CREATED, lastUpdated: CREATED, conditions: null,
    actions: { appSignOn: { access: 'DENY', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT2H', constraints: [] } } },
  };
}

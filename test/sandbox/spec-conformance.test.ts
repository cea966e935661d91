import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { sandboxRoutes } from '../../src-main/sandbox/routes.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { startTestSandbox } from '../support/sandbox-harness.js';
import { idOf, SpecTour, writable } from '../support/spec-tour.js';

// Ids from resources/sandbox/atlassian-stack/org.json.
const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const SITE_APP = '0oaEZrwOhB5hmi5nY3im';
const ACCESS_POLICY = 'rstQomxKFykBd7WCQInV';
const ZONE = 'nzosaEVtZTpoACKZ60wQ';
const DEVICE_ASSURANCE = 'daeUCC8mXGE9p13vSgfQ';
const JIRA_GROUP = '00gBGTAyIgewYItLGgY8';

let org: SandboxOrg;
let tour: SpecTour;

beforeAll(async () => {
  org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  tour = await SpecTour.start(org);
});

afterAll(async () => {
  await org.close();
});

async function visitApps(): Promise<void> {
  await tour.call('GET', '/api/v1/apps', {}, { status: 200 });
  const prod = await tour.call('GET', '/api/v1/apps/:appId', { appId: PROD_APP }, { status: 200 });
  await tour.call('PUT', '/api/v1/apps/:appId', { appId: PROD_APP }, { body: writable(prod), status: 200 });
  await tour.call('DELETE', '/api/v1/apps/:appId', { appId: PROD_APP }, { status: 403 });

  const staging: JsonObject = { ...writable(prod), label: 'Atlassian Cloud (staging)' };
  delete staging['id'];
  delete staging['name'];
  delete staging['credentials'];
  const created = await tour.call('POST', '/api/v1/apps', {}, { body: staging, query: 'activate=false', status: 200 });
  const appId = idOf(created);
  await tour.call('POST', '/api/v1/apps/:appId/lifecycle/activate', { appId }, { status: 200 });
  await tour.call('POST', '/api/v1/apps/:appId/lifecycle/deactivate', { appId }, { status: 200 });
  await tour.call('DELETE', '/api/v1/apps/:appId', { appId }, { status: 204 });
}

async function visitKeysAndMetadata(): Promise<void> {
  const keys = (await tour.call('GET', '/api/v1/apps/:appId/credentials/keys', { appId: PROD_APP }, { status: 200 })) as JsonObject[];
  const keyId = String(keys[0]?.['kid']);
  await tour.call('GET', '/api/v1/apps/:appId/credentials/keys/:keyId', { appId: PROD_APP, keyId }, { status: 200 });
  await tour.call('POST', '/api/v1/apps/:appId/credentials/keys/generate', { appId: PROD_APP }, { query: 'validityYears=2', status: 201 });
  await tour.call('GET', '/api/v1/apps/:appId/sso/saml/metadata', { appId: PROD_APP }, { status: 200 });
}

async function visitAppUsersAndGroups(): Promise<void> {
  const users = (await tour.call('GET', '/api/v1/apps/:appId/users', { appId: SITE_APP }, { query: 'expand=user', status: 200 })) as JsonObject[];
  const userId = String(users[0]?.['id']);
  await tour.call('GET', '/api/v1/apps/:appId/users/:userId', { appId: SITE_APP, userId }, { status: 200 });

  const outsider = String(org.state.users.keys().next().value);
  await tour.call('POST', '/api/v1/apps/:appId/users', { appId: SITE_APP }, { body: { id: outsider, scope: 'USER', credentials: { userName: 'tour@example.test' } }, status: 200 });
  await tour.call('POST', '/api/v1/apps/:appId/users/:userId', { appId: SITE_APP, userId: outsider }, { body: { profile: {} }, status: 200 });
  await tour.call('DELETE', '/api/v1/apps/:appId/users/:userId', { appId: SITE_APP, userId: outsider }, { status: 204 });

  const assignments = (await tour.call('GET', '/api/v1/apps/:appId/groups', { appId: PROD_APP }, { status: 200 })) as JsonObject[];
  const groupId = String(assignments[0]?.['id']);
  const assignment = await tour.call('GET', '/api/v1/apps/:appId/groups/:groupId', { appId: PROD_APP, groupId }, { status: 200 });
  const { priority, profile } = writable(assignment);
  await tour.call('PUT', '/api/v1/apps/:appId/groups/:groupId', { appId: PROD_APP, groupId }, { body: { priority, profile }, status: 200 });
  await tour.call('DELETE', '/api/v1/apps/:appId/groups/:groupId', { appId: PROD_APP, groupId }, { status: 204 });
}

async function visitProvisioning(): Promise<void> {
  const params = { appId: PROD_APP };
  await tour.call('GET', '/api/v1/apps/:appId/connections/default', params, { status: 200 });
  await tour.call('GET', '/api/v1/apps/:appId/features', params, { status: 200 });
  await tour.call('GET', '/api/v1/apps/:appId/features', { appId: SITE_APP }, { status: 400 });
  await tour.call('GET', '/api/v1/apps/:appId/features/:featureName', { ...params, featureName: 'USER_PROVISIONING' }, { status: 200 });
  await tour.call('PUT', '/api/v1/apps/:appId/features/:featureName', { ...params, featureName: 'USER_PROVISIONING' }, {
    body: { update: { profile: { status: 'ENABLED' } } },
    status: 200,
  });
  await tour.call('POST', '/api/v1/apps/:appId/connections/default/lifecycle/deactivate', params, { status: 204 });
  await tour.call('POST', '/api/v1/apps/:appId/connections/default/lifecycle/activate', params, { status: 204 });
  await tour.call('POST', '/api/v1/apps/:appId/connections/default', params, { body: { profile: { authScheme: 'TOKEN', token: 'scim-token-for-the-tour' } }, status: 200 });
}

async function visitMappingsSchemasAndPush(): Promise<void> {
  const mappings = (await tour.call('GET', '/api/v1/mappings', {}, { query: `targetId=${PROD_APP}`, status: 200 })) as JsonObject[];
  const mappingId = idOf(mappings[0]);
  const mapping = writable(await tour.call('GET', '/api/v1/mappings/:mappingId', { mappingId }, { status: 200 }));
  await tour.call('POST', '/api/v1/mappings/:mappingId', { mappingId }, { body: { properties: mapping['properties'] }, status: 200 });

  const schema = writable(await tour.call('GET', '/api/v1/meta/schemas/apps/:appId/default', { appId: PROD_APP }, { status: 200 }));
  await tour.call('POST', '/api/v1/meta/schemas/apps/:appId/default', { appId: PROD_APP }, { body: { definitions: schema['definitions'] }, status: 200 });
  const types = (await tour.call('GET', '/api/v1/meta/types/user', {}, { status: 200 })) as JsonObject[];
  await tour.call('GET', '/api/v1/meta/types/user/:typeId', { typeId: idOf(types[0]) }, { status: 200 });

  const pushParams = { appId: PROD_APP };
  await tour.call('GET', '/api/v1/apps/:appId/group-push/mappings', pushParams, { status: 200 });
  const pushed = await tour.call('POST', '/api/v1/apps/:appId/group-push/mappings', pushParams, {
    body: { sourceGroupId: JIRA_GROUP_FOR_PUSH(), targetGroupName: 'tour-pushed-group', status: 'ACTIVE' },
    status: 201,
  });
  const mappingParams = { ...pushParams, mappingId: idOf(pushed) };
  await tour.call('GET', '/api/v1/apps/:appId/group-push/mappings/:mappingId', mappingParams, { status: 200 });
  await tour.call('PATCH', '/api/v1/apps/:appId/group-push/mappings/:mappingId', mappingParams, { body: { status: 'INACTIVE' }, status: 200 });
  await tour.call('DELETE', '/api/v1/apps/:appId/group-push/mappings/:mappingId', mappingParams, { query: 'deleteTargetGroup=false', status: 204 });
}

/** A group that no push mapping uses yet: the tour creates it while visiting groups. */
let tourGroupId = '';
function JIRA_GROUP_FOR_PUSH(): string {
  return tourGroupId;
}

async function visitGroupsAndUsers(): Promise<void> {
  await tour.call('GET', '/api/v1/groups', {}, { query: 'expand=stats&limit=10', status: 200 });
  await tour.call('GET', '/api/v1/groups/:groupId', { groupId: JIRA_GROUP }, { status: 200 });
  const created = await tour.call('POST', '/api/v1/groups', {}, { body: { profile: { name: 'tour-group', description: 'Made by the spec tour' } }, status: 200 });
  tourGroupId = idOf(created);
  await tour.call('PUT', '/api/v1/groups/:groupId', { groupId: tourGroupId }, { body: { profile: { name: 'tour-group', description: 'Renamed' } }, status: 200 });

  const members = (await tour.call('GET', '/api/v1/groups/:groupId/users', { groupId: JIRA_GROUP }, { query: 'limit=5', status: 200 })) as JsonObject[];
  const userId = idOf(members[0]);
  await tour.call('PUT', '/api/v1/groups/:groupId/users/:userId', { groupId: tourGroupId, userId }, { status: 204 });
  await tour.call('DELETE', '/api/v1/groups/:groupId/users/:userId', { groupId: tourGroupId, userId }, { status: 204 });

  await tour.call('GET', '/api/v1/users', {}, { query: 'limit=5', status: 200 });
  await tour.call('GET', '/api/v1/users/:idOrLogin', { idOrLogin: userId }, { status: 200 });
  await tour.call('GET', '/api/v1/users/:userId/groups', { userId }, { status: 200 });
}

async function visitGroupRules(): Promise<void> {
  const rules = (await tour.call('GET', '/api/v1/groups/rules', {}, { query: 'limit=5&expand=groupIdToGroupNameMap', status: 200 })) as JsonObject[];
  await tour.call('GET', '/api/v1/groups/rules/:ruleId', { ruleId: idOf(rules[0]) }, { status: 200 });

  const rule = {
    type: 'group_rule',
    name: 'Tour rule',
    conditions: { expression: { type: 'urn:okta:expression:1.0', value: 'user.department=="Tour"' } },
    actions: { assignUserToGroups: { groupIds: [tourGroupId] } },
  };
  const ruleId = idOf(await tour.call('POST', '/api/v1/groups/rules', {}, { body: rule, status: 200 }));
  await tour.call('PUT', '/api/v1/groups/rules/:ruleId', { ruleId }, { body: { ...rule, name: 'Tour rule, renamed' }, status: 200 });
  await tour.call('POST', '/api/v1/groups/rules/:ruleId/lifecycle/activate', { ruleId }, { status: 204 });
  await tour.call('PUT', '/api/v1/groups/rules/:ruleId', { ruleId }, { body: rule, status: 400 });
  await tour.call('POST', '/api/v1/groups/rules/:ruleId/lifecycle/deactivate', { ruleId }, { status: 204 });
  await tour.call('DELETE', '/api/v1/groups/rules/:ruleId', { ruleId }, { status: 202 });
}

async function visitZonesAndDeviceAssurance(): Promise<{ zoneId: string; deviceAssuranceId: string }> {
  await tour.call('GET', '/api/v1/zones', {}, { status: 200 });
  const zone = writable(await tour.call('GET', '/api/v1/zones/:zoneId', { zoneId: ZONE }, { status: 200 }));
  await tour.call('PUT', '/api/v1/zones/:zoneId', { zoneId: ZONE }, { body: zone, status: 200 });
  const newZone = { type: 'IP', name: 'Tour zone', usage: 'POLICY', gateways: [{ type: 'CIDR', value: '192.0.2.0/28' }] };
  const zoneId = idOf(await tour.call('POST', '/api/v1/zones', {}, { body: newZone, status: 200 }));
  await tour.call('POST', '/api/v1/zones/:zoneId/lifecycle/deactivate', { zoneId }, { status: 200 });
  await tour.call('POST', '/api/v1/zones/:zoneId/lifecycle/activate', { zoneId }, { status: 200 });

  await tour.call('GET', '/api/v1/device-assurances', {}, { status: 200 });
  const assurance = writable(await tour.call('GET', '/api/v1/device-assurances/:deviceAssuranceId', { deviceAssuranceId: DEVICE_ASSURANCE }, { status: 200 }));
  await tour.call('PUT', '/api/v1/device-assurances/:deviceAssuranceId', { deviceAssuranceId: DEVICE_ASSURANCE }, { body: assurance, status: 200 });
  const deviceAssuranceId = idOf(
    await tour.call('POST', '/api/v1/device-assurances', {}, { body: { name: 'Tour macOS', platform: 'MACOS', osVersion: { minimum: '15.0.0' } }, status: 200 }),
  );
  return { zoneId, deviceAssuranceId };
}

async function visitPolicies(references: { zoneId: string; deviceAssuranceId: string }): Promise<void> {
  await tour.call('GET', '/api/v1/policies', {}, { query: 'type=ACCESS_POLICY', status: 200 });
  const policy = writable(await tour.call('GET', '/api/v1/policies/:policyId', { policyId: ACCESS_POLICY }, { status: 200 }));
  await tour.call('PUT', '/api/v1/policies/:policyId', { policyId: ACCESS_POLICY }, { body: policy, status: 200 });
  const rules = (await tour.call('GET', '/api/v1/policies/:policyId/rules', { policyId: ACCESS_POLICY }, { status: 200 })) as JsonObject[];
  const rule = writable(await tour.call('GET', '/api/v1/policies/:policyId/rules/:ruleId', { policyId: ACCESS_POLICY, ruleId: idOf(rules[0]) }, { status: 200 }));
  await tour.call('PUT', '/api/v1/policies/:policyId/rules/:ruleId', { policyId: ACCESS_POLICY, ruleId: idOf(rules[0]) }, { body: rule, status: 200 });

  const policyId = idOf(await tour.call('POST', '/api/v1/policies', {}, { body: { type: 'ACCESS_POLICY', name: 'Tour policy', description: 'Made by the spec tour' }, status: 200 }));
  const newRule = {
    type: 'ACCESS_POLICY',
    name: 'Tour rule',
    priority: 0,
    conditions: {
      network: { connection: 'ZONE', include: [references.zoneId] },
      device: { registered: true, managed: true, assurance: { include: [references.deviceAssuranceId] } },
    },
    actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA' } } },
  };
  const ruleId = idOf(await tour.call('POST', '/api/v1/policies/:policyId/rules', { policyId }, { body: newRule, status: 200 }));
  const ruleParams = { policyId, ruleId };
  await tour.call('POST', '/api/v1/policies/:policyId/rules/:ruleId/lifecycle/deactivate', ruleParams, { status: 204 });
  await tour.call('POST', '/api/v1/policies/:policyId/rules/:ruleId/lifecycle/activate', ruleParams, { status: 204 });
  await tour.call('DELETE', '/api/v1/device-assurances/:deviceAssuranceId', { deviceAssuranceId: references.deviceAssuranceId }, { status: 409 });
  await tour.call('DELETE', '/api/v1/policies/:policyId/rules/:ruleId', ruleParams, { status: 204 });

  await tour.call('PUT', '/api/v1/apps/:appId/policies/:policyId', { appId: SITE_APP, policyId }, { status: 204 });
  await tour.call('PUT', '/api/v1/apps/:appId/policies/:policyId', { appId: SITE_APP, policyId: ACCESS_POLICY }, { status: 204 });
  await tour.call('POST', '/api/v1/policies/:policyId/lifecycle/deactivate', { policyId }, { status: 204 });
  await tour.call('POST', '/api/v1/policies/:policyId/lifecycle/activate', { policyId }, { status: 204 });
  await tour.call('POST', '/api/v1/policies/:policyId/lifecycle/deactivate', { policyId }, { status: 204 });
  await tour.call('DELETE', '/api/v1/policies/:policyId', { policyId }, { status: 204 });
}

async function cleanUp(references: { zoneId: string; deviceAssuranceId: string }): Promise<void> {
  await tour.call('DELETE', '/api/v1/device-assurances/:deviceAssuranceId', { deviceAssuranceId: references.deviceAssuranceId }, { status: 204 });
  await tour.call('POST', '/api/v1/zones/:zoneId/lifecycle/deactivate', { zoneId: references.zoneId }, { status: 200 });
  await tour.call('DELETE', '/api/v1/zones/:zoneId', { zoneId: references.zoneId }, { status: 204 });
  await tour.call('DELETE', '/api/v1/groups/:groupId', { groupId: tourGroupId }, { status: 204 });
}

describe('spec conformance of the sandbox', () => {
  it('tour of every endpoint', async () => {
    await visitApps();
    await visitKeysAndMetadata();
    await visitAppUsersAndGroups();
    await visitProvisioning();
    await visitGroupsAndUsers();
    await visitMappingsSchemasAndPush();
    await visitGroupRules();
    const references = await visitZonesAndDeviceAssurance();
    await visitPolicies(references);
    await cleanUp(references);

    expect(tour.problems).toEqual([]);
  });

  it('tour reached every route', () => {
    const routes = sandboxRoutes().map((route) => `${route.method} ${route.path}`);

    expect(routes.filter((route) => !tour.visited.has(route))).toEqual([]);
  });

  it('every route is in the spec', async () => {
    const { loadOktaSpec } = await import('../support/okta-spec.js');
    const spec = await loadOktaSpec();
    const paths = spec.document['paths'] as JsonObject;
    const missing = sandboxRoutes().filter((route) => {
      const template = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const candidates = Object.keys(paths).filter((path) => path.replace(/\{[^}]+\}/g, '{}') === template.replace(/\{[^}]+\}/g, '{}'));
      return !candidates.some((path) => (paths[path] as JsonObject)[route.method.toLowerCase()] !== undefined);
    });

    expect(missing.map((route) => `${route.method} ${route.path}`)).toEqual([]);
  });
});

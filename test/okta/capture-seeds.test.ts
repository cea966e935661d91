import { afterEach, describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import { RESOURCE_KINDS, type ResourceKind, type SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { startTestSandbox } from '../support/sandbox-harness.js';
import { captureSandbox } from '../support/capture-harness.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** The seed object each captured resource should equal, found by kind and id. */
function seedObject(seed: SandboxSeed, resource: SnapshotResource): JsonValue | undefined {
  const [ownerId = '', childId = ''] = resource.id.split('/');
  const byId = (items: JsonObject[], id: string): JsonObject | undefined => items.find((item) => item['id'] === id);
  switch (resource.kind) {
    case 'app': return byId(seed.apps, resource.id);
    case 'app-signing-key': return (seed.appKeys[ownerId] ?? []).find((key) => key['kid'] === childId);
    case 'app-provisioning': return seed.provisioning[resource.id]?.connection;
    case 'app-feature': return (seed.provisioning[ownerId]?.features ?? []).find((feature) => feature['name'] === childId);
    case 'app-user-schema': return seed.appUserSchemas[resource.id];
    case 'profile-mapping': return byId(seed.profileMappings, resource.id);
    case 'app-group-assignment': return byId(seed.appGroupAssignments[ownerId] ?? [], childId);
    case 'app-user-assignment': return byId(seed.appUserAssignments[ownerId] ?? [], childId);
    case 'group-push-mapping': return byId(seed.groupPushMappings[ownerId] ?? [], childId);
    case 'group': return byId(seed.groups, resource.id);
    case 'group-rule': return byId(seed.groupRules, resource.id);
    case 'policy': return byId(seed.policies, resource.id);
    case 'policy-rule': return byId(seed.policyRules[ownerId] ?? [], childId);
    case 'network-zone': return byId(seed.networkZones, resource.id);
    case 'device-assurance': return byId(seed.deviceAssurances, resource.id);
    case 'user-type': return byId(seed.userTypes, resource.id);
    case 'app-saml-metadata':
    case 'group-members':
      return undefined;
  }
}

/**
 * Removes what the server derives from its own URL or adds on the way out: `_links` everywhere,
 * `_embedded`, and an app user schema's `id`, which is the schema's URL on the org.
 */
function withoutServerFields(value: JsonValue, kind: ResourceKind): JsonValue {
  if (Array.isArray(value)) return value.map((item) => withoutServerFields(item, kind));
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === '_links' || key === '_embedded') continue;
    if (kind === 'app-user-schema' && key === 'id' && typeof field === 'string' && field.includes('/meta/schemas/')) continue;
    copy[key] = withoutServerFields(field, kind);
  }
  return copy;
}

function withUnknownFields(seed: SandboxSeed): SandboxSeed {
  const app = seed.apps[0] as JsonObject;
  ((app['settings'] as JsonObject)['app'] as JsonObject)['futureSetting'] = { nested: [1, 'two', null] };
  const group = seed.groups.find((candidate) => candidate['type'] === 'OKTA_GROUP') as JsonObject;
  group['futureGroupField'] = 'kept';
  return seed;
}

describe('capture of the atlassian-stack seed', () => {
  it('every resource equals the seed', async () => {
    const seed = withUnknownFields(await loadSeed('atlassian-stack'));
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org);
    const mismatches = snapshot.resources
      .map((resource) => ({ resource, expected: seedObject(seed, resource) }))
      .filter(({ expected }) => expected !== undefined)
      .filter(({ resource, expected }) => JSON.stringify(withoutServerFields(resource.body, resource.kind)) !== JSON.stringify(withoutServerFields(expected as JsonValue, resource.kind)))
      .map(({ resource }) => `${resource.kind} ${resource.id}`);

    expect(mismatches).toEqual([]);
  });

  it('unknown fields survive', async () => {
    const seed = withUnknownFields(await loadSeed('atlassian-stack'));
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org);
    const app = snapshot.resources.find((resource) => resource.kind === 'app' && resource.id === seed.apps[0]?.['id']);

    expect(JSON.stringify(app?.body)).toContain('"futureSetting":{"nested":[1,"two",null]}');
    expect(JSON.stringify(snapshot.resources.filter((resource) => resource.kind === 'group'))).toContain('"futureGroupField":"kept"');
  });

  it('every section ends complete', async () => {
    org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });

    const { snapshot } = await captureSandbox(org);

    expect(RESOURCE_KINDS.filter((kind) => snapshot.sections[kind].status !== 'complete')).toEqual([]);
  });

  it.each([
    ['app', (seed: SandboxSeed) => seed.apps.length],
    ['app-signing-key', (seed: SandboxSeed) => Object.values(seed.appKeys).flat().length],
    ['app-saml-metadata', (seed: SandboxSeed) => seed.apps.filter((app) => app['signOnMode'] === 'SAML_2_0').length],
    ['app-provisioning', (seed: SandboxSeed) => Object.keys(seed.provisioning).length],
    ['app-user-schema', (seed: SandboxSeed) => Object.keys(seed.appUserSchemas).length],
    ['profile-mapping', (seed: SandboxSeed) => seed.profileMappings.length],
    ['app-group-assignment', (seed: SandboxSeed) => Object.values(seed.appGroupAssignments).flat().length],
    ['app-user-assignment', (seed: SandboxSeed) => Object.values(seed.appUserAssignments).flat().length],
    ['group-push-mapping', (seed: SandboxSeed) => Object.values(seed.groupPushMappings).flat().length],
    ['network-zone', (seed: SandboxSeed) => seed.networkZones.length],
    ['device-assurance', (seed: SandboxSeed) => seed.deviceAssurances.length],
  ] as const)('captures every %s', async (kind, expected) => {
    const seed = await loadSeed('atlassian-stack');
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org);

    expect(snapshot.resources.filter((resource) => resource.kind === kind)).toHaveLength(expected(seed));
  });

  it('follows groups from assignments, push and rules', async () => {
    const seed = await loadSeed('atlassian-stack');
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org);
    const captured = new Set(snapshot.resources.filter((resource) => resource.kind === 'group').map((resource) => resource.id));
    const referenced = [
      ...Object.values(seed.appGroupAssignments).flat().map((assignment) => String(assignment['id'])),
      ...Object.values(seed.groupPushMappings).flat().map((mapping) => String(mapping['sourceGroupId'])),
    ];

    expect(referenced.filter((id) => !captured.has(id))).toEqual([]);
  });

  it('captures the rule feeding CS-jsm-agents', async () => {
    org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });

    const { snapshot } = await captureSandbox(org);

    expect(snapshot.resources.some((resource) => resource.kind === 'group-rule' && resource.name === 'CS → jsm-agents')).toBe(true);
  });

  it('captures rules feeding policy groups', async () => {
    const seed = await loadSeed('atlassian-stack');
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org);
    const groupsInScope = new Set(snapshot.resources.filter((resource) => resource.kind === 'group').map((resource) => resource.id));
    const rulesIntoScope = seed.groupRules.filter((rule) => {
      const targets = (((rule['actions'] as JsonObject)['assignUserToGroups'] as JsonObject)['groupIds'] as string[]);
      return targets.some((id) => groupsInScope.has(id));
    });
    const captured = new Set(snapshot.resources.filter((resource) => resource.kind === 'group-rule').map((resource) => resource.id));

    expect(rulesIntoScope.map((rule) => String(rule['id'])).filter((id) => !captured.has(id))).toEqual([]);
  });

  it('members carry attributes rules read', async () => {
    org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });

    const { snapshot } = await captureSandbox(org);
    const members = snapshot.resources.find((resource) => resource.kind === 'group-members')?.body as JsonObject[];

    expect(Object.keys(members[0]?.['profile'] as JsonObject)).toEqual(expect.arrayContaining(['login', 'department']));
  });

  it('members match the seed membership', async () => {
    const seed = await loadSeed('atlassian-stack');
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org);
    const wrong = snapshot.resources
      .filter((resource) => resource.kind === 'group-members')
      .filter((resource) => {
        const captured = (resource.body as JsonObject[]).map((member) => member['id']);
        return JSON.stringify(captured) !== JSON.stringify([...(seed.groupMembers[resource.id] ?? [])].sort());
      })
      .map((resource) => resource.id);

    expect(wrong).toEqual([]);
  });
});

describe('capture of the okta-examples seed', () => {
  it('every resource equals the seed', async () => {
    const seed = await loadSeed('okta-examples');
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org, { apps: seed.apps.map((app) => String(app['id'])) });
    const compared = snapshot.resources.filter((resource) => seedObject(seed, resource) !== undefined);
    const mismatches = compared
      .filter((resource) => JSON.stringify(withoutServerFields(resource.body, resource.kind)) !== JSON.stringify(withoutServerFields(seedObject(seed, resource) as JsonValue, resource.kind)))
      .map((resource) => `${resource.kind} ${resource.id}`);

    expect(compared.length).toBeGreaterThan(20);
    expect(mismatches).toEqual([]);
  });

  it('every section ends complete or not configured', async () => {
    const seed = await loadSeed('okta-examples');
    org = await startTestSandbox({ seed });

    const { snapshot } = await captureSandbox(org, { apps: seed.apps.map((app) => String(app['id'])) });

    expect(RESOURCE_KINDS.filter((kind) => snapshot.sections[kind].status === 'failed')).toEqual([]);
  });
});

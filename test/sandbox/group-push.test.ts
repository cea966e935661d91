import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { isOktaId } from '../../src-shared/okta/ids.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';

/** The production Atlassian app of the atlassian-stack seed, which has provisioning and group push. */
const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
/** The sandbox-site app of the same seed, which has no provisioning. */
const SANDBOX_SITE_APP = '0oaEZrwOhB5hmi5nY3im';

let seed: SandboxSeed;
let org: SandboxOrg | undefined;

beforeAll(async () => {
  seed = await loadSeed('atlassian-stack');
});

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed });
  return org;
}

function pushPath(appId = PROD_APP): string {
  return `/api/v1/apps/${appId}/group-push/mappings`;
}

/** Returns the ids of Okta groups that no seeded mapping pushes. */
function unpushedGroupIds(): string[] {
  const pushed = new Set(Object.values(seed.groupPushMappings).flat().map((mapping) => mapping['sourceGroupId']));
  return seed.groups.filter((group) => group['type'] === 'OKTA_GROUP' && !pushed.has(group['id'] ?? '')).map((group) => String(group['id']));
}

function seededMapping(): JsonObject {
  const [mapping] = seed.groupPushMappings[PROD_APP] ?? [];
  if (!mapping) throw new Error('The atlassian-stack seed has no group push mapping for the production app.');
  return mapping;
}

function sourceGroup(index = 0): string {
  const id = unpushedGroupIds()[index];
  if (id === undefined) throw new Error(`The atlassian-stack seed has fewer than ${index + 1} unpushed Okta groups.`);
  return id;
}

function causesOf(body: unknown): string {
  return JSON.stringify((body as JsonObject)['errorCauses']);
}

describe('group push target', () => {
  it('unknown target id returns 404', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupId: '00gDoesNotExist00000' });

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
  });

  it('okta group target returns 400', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(0), targetGroupId: sourceGroup(1) });

    expect(status).toBe(400);
    expect(causesOf(body)).toContain('APP_GROUP');
  });

  it('target in use returns 400', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupId: seededMapping()['targetGroupId'] });

    expect(status).toBe(400);
    expect(causesOf(body)).toContain('already the target');
  });

  it('target name creates an app group', async () => {
    const sandbox = await start();

    const created = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupName: 'opsgenie-users' });
    const targetId = String((created.body as JsonObject)['targetGroupId']);
    const group = await apiRequest(sandbox, 'GET', `/api/v1/groups/${targetId}`);

    expect(created.status).toBe(201);
    expect(isOktaId(targetId, 'group')).toBe(true);
    expect(group.status).toBe(200);
    expect(group.body).toMatchObject({ type: 'APP_GROUP', objectClass: ['okta:app_group'], profile: { name: 'opsgenie-users' }, source: { id: PROD_APP } });
  });

  it('target name links an existing app group', async () => {
    const sandbox = await start();
    const first = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(0), targetGroupName: 'opsgenie-users', status: 'INACTIVE' });
    const firstBody = first.body as JsonObject;
    await apiRequest(sandbox, 'DELETE', `${pushPath()}/${String(firstBody['id'])}?deleteTargetGroup=false`);

    const second = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(1), targetGroupName: 'opsgenie-users' });

    expect(second.status).toBe(201);
    expect((second.body as JsonObject)['targetGroupId']).toBe(firstBody['targetGroupId']);
  });

  it('target group link names the group', async () => {
    const sandbox = await start();
    const mapping = seededMapping();

    const { body } = await apiRequest(sandbox, 'GET', `${pushPath()}/${String(mapping['id'])}`);

    expect((body as JsonObject)['_links']).toMatchObject({ targetGroup: { href: `${sandbox.url}/api/v1/groups/${String(mapping['targetGroupId'])}` } });
  });

  it('rejected create adds no group', async () => {
    const sandbox = await start();
    const groupCount = sandbox.state.groups.size;

    const { status } = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupName: 'opsgenie-users', status: 'BOGUS' });

    expect(status).toBe(400);
    expect(sandbox.state.groups.size).toBe(groupCount);
  });
});

describe('group push status', () => {
  it('inactive mapping has no lastPush', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupName: 'opsgenie-users', status: 'INACTIVE' });

    expect(body).not.toHaveProperty('lastPush');
  });

  it('activation sets lastPush', async () => {
    const sandbox = await start();
    const created = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupName: 'opsgenie-users', status: 'INACTIVE' });

    const { body } = await apiRequest(sandbox, 'PATCH', `${pushPath()}/${String((created.body as JsonObject)['id'])}`, { status: 'ACTIVE' });

    expect(typeof (body as JsonObject)['lastPush']).toBe('string');
  });
});

describe('group push provisioning', () => {
  it('app without provisioning returns 400', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', pushPath(SANDBOX_SITE_APP), { sourceGroupId: sourceGroup(), targetGroupName: 'opsgenie-users' });

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(causesOf(body)).toContain('Provisioning is not enabled');
  });

  it('activation after provisioning stops returns 400', async () => {
    const sandbox = await start();
    const created = await apiRequest(sandbox, 'POST', pushPath(), { sourceGroupId: sourceGroup(), targetGroupName: 'opsgenie-users', status: 'INACTIVE' });
    await apiRequest(sandbox, 'POST', `/api/v1/apps/${PROD_APP}/connections/default/lifecycle/deactivate`);

    const { status } = await apiRequest(sandbox, 'PATCH', `${pushPath()}/${String((created.body as JsonObject)['id'])}`, { status: 'ACTIVE' });

    expect(status).toBe(400);
  });
});

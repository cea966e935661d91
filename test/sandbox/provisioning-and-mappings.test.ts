import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

const appPath = `/api/v1/apps/${SMALL_ORG.appId}`;
const MAPPING_ID = 'prm00000000000000001';

async function start(): Promise<SandboxOrg> {
  const seed = smallOrgSeed(3);
  seed.appUserSchemas[SMALL_ORG.appId] = {
    definitions: {
      base: { id: '#base', type: 'object', properties: { userName: { type: 'string' } }, required: ['userName'] },
      custom: { id: '#custom', type: 'object', properties: { atlassianProducts: { type: 'array', items: { type: 'string' } } }, required: [] },
    },
  };
  seed.profileMappings = [
    {
      id: MAPPING_ID,
      source: { id: SMALL_ORG.userTypeId, name: 'user', type: 'user' },
      target: { id: SMALL_ORG.appId, name: 'atlassian', type: 'appuser' },
      properties: { userName: { expression: 'user.login', pushStatus: 'PUSH' } },
    },
  ];
  org = await startTestSandbox({ seed });
  return org;
}

describe('provisioning', () => {
  it('features fail while provisioning is off', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `${appPath}/features`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: 'Provisioning is not enabled for the app instance.' }] });
  });

  it('connection without provisioning is unknown', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/connections/default`);

    expect(body).toMatchObject({ authScheme: 'UNKNOWN', status: 'UNKNOWN' });
  });

  it('token is never returned', async () => {
    const sandbox = await start();

    const posted = await apiRequest(sandbox, 'POST', `${appPath}/connections/default`, { profile: { authScheme: 'TOKEN', token: 'scim-secret-value' } });
    const read = await apiRequest(sandbox, 'GET', `${appPath}/connections/default`);

    expect(JSON.stringify(posted.body)).not.toContain('scim-secret-value');
    expect(JSON.stringify(read.body)).not.toContain('scim-secret-value');
    expect(read.body).toMatchObject({ authScheme: 'TOKEN', status: 'ENABLED' });
  });

  it('connection needs a token', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', `${appPath}/connections/default`, { profile: { authScheme: 'TOKEN' } });

    expect(status).toBe(400);
  });

  it('feature update merges capabilities', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', `${appPath}/connections/default`, { profile: { authScheme: 'TOKEN', token: 't' } });

    const { body } = await apiRequest(sandbox, 'PUT', `${appPath}/features/USER_PROVISIONING`, { create: { lifecycleCreate: { status: 'ENABLED' } } });

    expect(body).toMatchObject({
      status: 'ENABLED',
      capabilities: { create: { lifecycleCreate: { status: 'ENABLED' } }, update: { lifecycleDeactivate: { status: 'DISABLED' } } },
    });
  });

  it('connection lifecycle toggles status', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', `${appPath}/connections/default`, { profile: { authScheme: 'TOKEN', token: 't' } });

    const { status } = await apiRequest(sandbox, 'POST', `${appPath}/connections/default/lifecycle/deactivate`);
    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/connections/default`);

    expect(status).toBe(204);
    expect(body).toMatchObject({ status: 'DISABLED' });
  });
});

describe('profile mappings', () => {
  it('list omits properties', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/mappings?targetId=${SMALL_ORG.appId}`);

    expect((body as JsonObject[])[0]).not.toHaveProperty('properties');
  });

  it('update merges a property', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'POST', `/api/v1/mappings/${MAPPING_ID}`, {
      properties: { atlassianProducts: { expression: 'user.department == "Support" ? {"jsm"} : {}', pushStatus: 'PUSH' } },
    });

    expect(Object.keys((body as JsonObject)['properties'] as JsonObject).sort()).toEqual(['atlassianProducts', 'userName']);
  });

  it('null form removes a property', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'POST', `/api/v1/mappings/${MAPPING_ID}`, {
      properties: { userName: { expression: null, pushStatus: null } },
    });

    expect((body as JsonObject)['properties']).toEqual({});
  });

  it('unknown target attribute is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', `/api/v1/mappings/${MAPPING_ID}`, {
      properties: { noSuchAttribute: { expression: 'user.login', pushStatus: 'PUSH' } },
    });

    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('noSuchAttribute');
  });
});

describe('group push mappings', () => {
  const pushPath = `${appPath}/group-push/mappings`;

  /** Starts the org and enables provisioning for the app, which group push needs. */
  async function startWithProvisioning(): Promise<SandboxOrg> {
    const sandbox = await start();
    const connection = await apiRequest(sandbox, 'POST', `${appPath}/connections/default`, { profile: { authScheme: 'TOKEN', token: 't' } });
    expect(connection.status).toBe(200);
    return sandbox;
  }

  it('create needs exactly one target', async () => {
    const sandbox = await startWithProvisioning();

    const { status, body } = await apiRequest(sandbox, 'POST', pushPath, { sourceGroupId: SMALL_ORG.groupId, targetGroupId: 'a', targetGroupName: 'b' });

    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('exactly one');
  });

  it('active mapping cannot be deleted', async () => {
    const sandbox = await startWithProvisioning();
    const created = await apiRequest(sandbox, 'POST', pushPath, { sourceGroupId: SMALL_ORG.groupId, targetGroupName: 'jira-software-users' });

    const { status } = await apiRequest(sandbox, 'DELETE', `${pushPath}/${String((created.body as JsonObject)['id'])}?deleteTargetGroup=false`);

    expect(created.status).toBe(201);
    expect(status).toBe(403);
  });

  it('inactive mapping can be deleted', async () => {
    const sandbox = await startWithProvisioning();
    const created = await apiRequest(sandbox, 'POST', pushPath, { sourceGroupId: SMALL_ORG.groupId, targetGroupName: 'jira-software-users' });
    const mappingPath = `${pushPath}/${String((created.body as JsonObject)['id'])}`;
    await apiRequest(sandbox, 'PATCH', mappingPath, { status: 'INACTIVE' });

    const { status } = await apiRequest(sandbox, 'DELETE', `${mappingPath}?deleteTargetGroup=false`);

    expect(status).toBe(204);
  });

  it('a group is pushed once', async () => {
    const sandbox = await startWithProvisioning();
    await apiRequest(sandbox, 'POST', pushPath, { sourceGroupId: SMALL_ORG.groupId, targetGroupName: 'jira-software-users' });

    const { status, body } = await apiRequest(sandbox, 'POST', pushPath, { sourceGroupId: SMALL_ORG.groupId, targetGroupName: 'other' });

    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('already pushed');
  });
});

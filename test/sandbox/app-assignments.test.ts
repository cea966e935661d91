import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed, testUser } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  const seed = smallOrgSeed(4);
  const outsider = testUser(99, 'Finance');
  seed.users.push(outsider);
  org = await startTestSandbox({ seed });
  return org;
}

const appPath = `/api/v1/apps/${SMALL_ORG.appId}`;
const outsiderId = String(testUser(99)['id']);

describe('app users', () => {
  it('group members appear with group scope', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/users`);

    expect((body as JsonObject[]).map((user) => user['scope'])).toEqual(['GROUP', 'GROUP', 'GROUP', 'GROUP']);
  });

  it('direct assignment has user scope', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', `${appPath}/users`, { id: outsiderId, scope: 'USER', profile: { products: ['confluence'] } });

    expect(status).toBe(200);
    expect(body).toMatchObject({ id: outsiderId, scope: 'USER', credentials: { userName: 'user099@example.test' } });
  });

  it('unknown user cannot be assigned', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', `${appPath}/users`, { id: '00u00000000000000000', scope: 'USER' });

    expect(status).toBe(404);
  });

  it('group-scoped user cannot be unassigned', async () => {
    const sandbox = await start();
    const memberId = String(testUser(0)['id']);

    const { status, body } = await apiRequest(sandbox, 'DELETE', `${appPath}/users/${memberId}`);

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000046' });
  });

  it('direct user can be unassigned', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', `${appPath}/users`, { id: outsiderId, scope: 'USER' });

    const { status } = await apiRequest(sandbox, 'DELETE', `${appPath}/users/${outsiderId}`);
    const after = await apiRequest(sandbox, 'GET', `${appPath}/users/${outsiderId}`);

    expect(status).toBe(204);
    expect(after.status).toBe(404);
  });

  it('expand user embeds the user', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/users?expand=user&limit=1`);

    expect(((body as JsonObject[])[0]?.['_embedded'] as JsonObject)['user']).toMatchObject({ status: 'ACTIVE' });
  });

  it('group profile flows to app users', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'PUT', `${appPath}/groups/${SMALL_ORG.groupId}`, { priority: 0, profile: { products: ['jira-software'] } });

    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/users?limit=1`);

    expect((body as JsonObject[])[0]?.['profile']).toEqual({ products: ['jira-software'] });
  });
});

describe('app group assignments', () => {
  it('removing the group removes its users', async () => {
    const sandbox = await start();

    await sdkClient(sandbox).applicationApi.unassignApplicationFromGroup({ appId: SMALL_ORG.appId, groupId: SMALL_ORG.groupId });
    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/users`);

    expect(body).toEqual([]);
  });

  it('assignment without priority goes last', async () => {
    const sandbox = await start();
    const secondGroup = { ...sandbox.state.groups.get(SMALL_ORG.groupId), id: '00g0000000000second1' } as JsonObject;
    sandbox.state.groups.set('00g0000000000second1', secondGroup);

    const { body } = await apiRequest(sandbox, 'PUT', `${appPath}/groups/00g0000000000second1`, {});

    expect(body).toMatchObject({ id: '00g0000000000second1', priority: 1 });
  });

  it('unknown group cannot be assigned', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', `${appPath}/groups/00g00000000000000000`, { priority: 3 });

    expect(status).toBe(404);
  });

  it('negative priority is rejected', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', `${appPath}/groups/${SMALL_ORG.groupId}`, { priority: -1 });

    expect(status).toBe(400);
  });

  it('list page size has a floor of twenty', async () => {
    const sandbox = await start();

    const { headers } = await apiRequest(sandbox, 'GET', `${appPath}/groups?limit=1`);

    expect(headers.get('link')).not.toContain('rel="next"');
  });

  it('sdk lists the assignment', async () => {
    const sandbox = await start();
    const assignments = [];

    for await (const assignment of await sdkClient(sandbox).applicationApi.listApplicationGroupAssignments({ appId: SMALL_ORG.appId })) {
      assignments.push(assignment);
    }

    expect(assignments.map((assignment) => assignment?.id)).toEqual([SMALL_ORG.groupId]);
  });
});

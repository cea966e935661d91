import { OktaApiError } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOptions, SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import {
  collect,
  directorySeed,
  expectMatchesSpec,
  groupId,
  ruleId,
  seedGroup,
  seedRule,
  seedUser,
  userId,
} from '../support/directory-seed.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(seed: SandboxSeed = standardSeed(), options: Partial<SandboxOptions> = {}): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed, ...options });
  return org;
}

const GROUP_NAMES = ['jira-users', 'jira-admins', 'confluence-users', 'bitbucket-users', 'jsm-agents'];

/** Five Okta groups, the Everyone group and one Active Directory group, with three users in jira-users. */
function standardSeed(): SandboxSeed {
  const users = ['ada', 'bob', 'cyd'].map((name) => seedUser(name, 'Engineering'));
  const groups = [seedGroup('Everyone', 'BUILT_IN'), ...GROUP_NAMES.map((name) => seedGroup(name)), seedGroup('AD Engineering', 'APP_GROUP')];
  return directorySeed(users, groups, { 'jira-users': ['ada', 'bob', 'cyd'], Everyone: ['ada', 'bob', 'cyd'] });
}

function namesOf(body: unknown): string[] {
  return (body as JsonObject[]).map((group) => String((group['profile'] as JsonObject)['name']));
}

/** Returns group names in the order the list returns them: by group id. */
function inIdOrder(names: string[]): string[] {
  return [...names].sort((a, b) => (groupId(a) < groupId(b) ? -1 : 1));
}

describe('group list', () => {
  it('pages with the sdk', async () => {
    const client = sdkClient(await start());

    const groups = await collect(await client.groupApi.listGroups({ limit: 2 }));

    expect(groups.map((group) => group.id)).toEqual(standardSeed().groups.map((group) => String(group['id'])).sort());
  });

  it('links the next page absolutely', async () => {
    const sandbox = await start();

    const first = await apiRequest(sandbox, 'GET', '/api/v1/groups?limit=3');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];

    expect(next).toMatch(new RegExp(`^${sandbox.url}/api/v1/groups\\?`));
    const thirdId = standardSeed().groups.map((group) => String(group['id'])).sort()[2];
    expect(new URL(next ?? sandbox.url).searchParams.get('after')).toBe(thirdId);
    await expectMatchesSpec('GET', '/api/v1/groups', first.status, first.body);
  });

  it.each([
    ['search', 'type eq "OKTA_GROUP"', GROUP_NAMES],
    ['search', 'profile.name eq "JIRA-USERS"', ['jira-users']],
    ['search', 'profile.name sw "jira"', ['jira-users', 'jira-admins']],
    ['search', 'profile.name co "users" and type eq "OKTA_GROUP"', ['jira-users', 'confluence-users', 'bitbucket-users']],
    ['search', '(type eq "BUILT_IN" or type eq "APP_GROUP")', ['Everyone', 'AD Engineering']],
    ['filter', 'type eq "APP_GROUP"', ['AD Engineering']],
    ['filter', 'lastUpdated gt "2024-01-01T00:00:00.000Z" and type eq "BUILT_IN"', ['Everyone']],
    ['q', 'conf', ['confluence-users']],
    ['q', 'JIRA', ['jira-users', 'jira-admins']],
  ])('%s %s', async (parameter, value, expected) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/groups?${new URLSearchParams({ [parameter]: value })}`);

    expect(status).toBe(200);
    expect(namesOf(body)).toEqual(inIdOrder(expected));
  });

  it.each([
    ['search', 'profile.name eq'],
    ['search', 'profile.name ne "x"'],
    ['search', 'type co "GROUP"'],
    ['filter', 'profile.name eq "jira-users"'],
  ])('rejects %s %s', async (parameter, value) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/groups?${new URLSearchParams({ [parameter]: value })}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000031' });
  });

  it('expands member counts', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', '/api/v1/groups?expand=stats&search=profile.name%20eq%20%22jira-users%22');

    expect((body as JsonObject[])[0]?.['_embedded']).toMatchObject({ stats: { usersCount: 3 } });
    await expectMatchesSpec('GET', '/api/v1/groups', 200, body);
  });

  it('miscounts members under fault', async () => {
    const sandbox = await start();
    sandbox.faults.set({ wrongGroupUserCount: 2 });

    const { body } = await apiRequest(sandbox, 'GET', '/api/v1/groups?expand=stats&q=jira-users');

    expect((body as JsonObject[])[0]?.['_embedded']).toMatchObject({ stats: { usersCount: 5 } });
  });
});

describe('single group', () => {
  it('carries links like okta', async () => {
    const sandbox = await start();
    const id = groupId('jira-users');

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/groups/${id}`);
    const links = (body as JsonObject)['_links'] as JsonObject;

    expect(links['users']).toEqual({ href: `${sandbox.url}/api/v1/groups/${id}/users` });
    expect(links['apps']).toEqual({ href: `${sandbox.url}/api/v1/groups/${id}/apps` });
    expect(links['self']).toEqual({ href: `${sandbox.url}/api/v1/groups/${id}` });
    expect(links['logo']).toHaveLength(2);
    await expectMatchesSpec('GET', `/api/v1/groups/${id}`, status, body);
  });

  it('unknown group is not found', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/groups/${groupId('missing')}`);

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
    await expectMatchesSpec('GET', `/api/v1/groups/${groupId('missing')}`, status, body);
  });

  it('creates an okta group', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);

    const created = await client.groupApi.createGroup({ group: { profile: { name: 'jsm-admins', description: 'JSM admins' } } });

    expect(created.type).toBe('OKTA_GROUP');
    expect(created.objectClass).toEqual(['okta:user_group']);
    expect(sandbox.state.groups.get(created.id ?? '')?.['profile']).toEqual({ name: 'jsm-admins', description: 'JSM admins' });
  });

  it('create returns status 200', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/groups', { profile: { name: 'jsm-admins' } });

    expect(status).toBe(200);
    await expectMatchesSpec('POST', '/api/v1/groups', status, body);
  });

  it.each([
    ['duplicate name', { profile: { name: 'jira-users' } }],
    ['missing name', { profile: { description: 'no name' } }],
    ['missing profile', {}],
  ])('create rejects %s', async (_case, request) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/groups', request);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    await expectMatchesSpec('POST', '/api/v1/groups', status, body);
  });

  it('replaces the profile', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const id = groupId('jira-admins');

    const replaced = await client.groupApi.replaceGroup({ groupId: id, group: { profile: { name: 'jira-administrators' } } });

    expect(replaced.profile?.name).toBe('jira-administrators');
    expect(sandbox.state.groups.get(id)?.['profile']).toEqual({ name: 'jira-administrators' });
  });

  it.each([
    ['PUT', 'Everyone'],
    ['PUT', 'AD Engineering'],
    ['DELETE', 'Everyone'],
  ])('%s on %s is forbidden', async (method, name) => {
    const sandbox = await start();
    const path = `/api/v1/groups/${groupId(name)}`;

    const { status, body } = await apiRequest(sandbox, method, path, method === 'PUT' ? { profile: { name: 'renamed' } } : undefined);

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000006' });
    expect(sandbox.state.groups.get(groupId(name))?.['profile']).toMatchObject({ name });
    await expectMatchesSpec(method, path, status, body);
  });
});

describe('group deletion', () => {
  const appId = '0oa0000000000000app1';

  function seedWithReferences(): SandboxSeed {
    const seed = standardSeed();
    seed.groupRules = [seedRule('to jira', [groupId('jira-users')]), seedRule('to confluence', [groupId('confluence-users')])];
    seed.appGroupAssignments = { [appId]: [{ id: groupId('jira-users'), priority: 0, profile: {} }] };
    seed.groupPushMappings = {
      [appId]: [
        { id: 'gPm0000000000000map1', sourceGroupId: groupId('jira-users'), targetGroupId: 'atlassian-jira', status: 'ACTIVE' },
        { id: 'gPm0000000000000map2', sourceGroupId: groupId('jsm-agents'), targetGroupId: groupId('AD Engineering'), status: 'ACTIVE' },
      ],
    };
    return seed;
  }

  it('removes the group and its references', async () => {
    const sandbox = await start(seedWithReferences());

    await sdkClient(sandbox).groupApi.deleteGroup({ groupId: groupId('jira-users') });

    expect(sandbox.state.groups.has(groupId('jira-users'))).toBe(false);
    expect(sandbox.state.groupMembers.has(groupId('jira-users'))).toBe(false);
    expect(sandbox.state.appGroupAssignments.get(appId)?.size).toBe(0);
    expect([...(sandbox.state.groupPushMappings.get(appId)?.keys() ?? [])]).toEqual(['gPm0000000000000map2']);
  });

  it('invalidates rules that target it', async () => {
    const sandbox = await start(seedWithReferences());
    const client = sdkClient(sandbox);

    await client.groupApi.deleteGroup({ groupId: groupId('jira-users') });
    const invalidated = await client.groupApi.getGroupRule({ ruleId: ruleId('to jira') });
    const untouched = await client.groupApi.getGroupRule({ ruleId: ruleId('to confluence') });

    expect(invalidated.status).toBe('INVALID');
    expect(untouched.status).toBe('ACTIVE');
  });

  it('app group in push mapping stays', async () => {
    const sandbox = await start(seedWithReferences());
    const path = `/api/v1/groups/${groupId('AD Engineering')}`;

    const { status, body } = await apiRequest(sandbox, 'DELETE', path);

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000006' });
    expect(sandbox.state.groups.has(groupId('AD Engineering'))).toBe(true);
  });

  it('unused app group is deleted', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${groupId('AD Engineering')}`);

    expect(status).toBe(204);
    expect(sandbox.state.groups.has(groupId('AD Engineering'))).toBe(false);
  });
});

describe('group members', () => {
  it('pages members with the sdk', async () => {
    const client = sdkClient(await start());

    const members = await collect(await client.groupApi.listGroupUsers({ groupId: groupId('jira-users'), limit: 2 }));

    expect(members.map((user) => user.id)).toEqual(['ada', 'bob', 'cyd'].map(userId));
  });

  it('member list matches the spec', async () => {
    const sandbox = await start();
    const path = `/api/v1/groups/${groupId('jira-users')}/users`;

    const { status, body } = await apiRequest(sandbox, 'GET', `${path}?limit=2`);

    expect((body as JsonObject[])[0]?.['_links']).toEqual({ self: { href: `${sandbox.url}/api/v1/users/${userId('ada')}` } });
    await expectMatchesSpec('GET', path, status, body);
  });

  it('assigns and unassigns a member', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const target = groupId('jsm-agents');

    await client.groupApi.assignUserToGroup({ groupId: target, userId: userId('bob') });
    const afterAssign = [...(sandbox.state.groupMembers.get(target) ?? [])];
    await client.groupApi.unassignUserFromGroup({ groupId: target, userId: userId('bob') });

    expect(afterAssign).toEqual([userId('bob')]);
    expect(sandbox.state.groupMembers.get(target)?.size).toBe(0);
  });

  it('assignment updates membership timestamp', async () => {
    const sandbox = await start(standardSeed(), { clock: () => Date.parse('2026-03-01T12:00:00.000Z') });

    await apiRequest(sandbox, 'PUT', `/api/v1/groups/${groupId('jsm-agents')}/users/${userId('ada')}`);

    expect(sandbox.state.groups.get(groupId('jsm-agents'))?.['lastMembershipUpdated']).toBe('2026-03-01T12:00:00.000Z');
  });

  it.each([
    ['BUILT_IN', 'Everyone'],
    ['APP_GROUP', 'AD Engineering'],
  ])('%s membership is read-only', async (_type, name) => {
    const sandbox = await start();

    const failure = await sdkClient(sandbox)
      .groupApi.assignUserToGroup({ groupId: groupId(name), userId: userId('ada') })
      .catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OktaApiError);
    expect(failure).toMatchObject({ status: 403, errorCode: 'E0000006' });
  });

  it('unknown user is not found', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', `/api/v1/groups/${groupId('jsm-agents')}/users/${userId('nobody')}`);

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
  });
});

describe('read-only api token', () => {
  const readOnly = [{ value: 'read-only-token-0000000000000000000000000', readOnly: true }];

  it('reads groups', async () => {
    const sandbox = await start(standardSeed(), { apiTokens: readOnly });

    const { status } = await apiRequest(sandbox, 'GET', '/api/v1/groups');

    expect(status).toBe(200);
  });

  it.each([
    ['POST', '/api/v1/groups', { profile: { name: 'new' } }],
    ['PUT', `/api/v1/groups/${groupId('jira-users')}`, { profile: { name: 'renamed' } }],
    ['DELETE', `/api/v1/groups/${groupId('jira-users')}`, undefined],
    ['PUT', `/api/v1/groups/${groupId('jsm-agents')}/users/${userId('ada')}`, undefined],
    ['DELETE', `/api/v1/groups/${groupId('jira-users')}/users/${userId('ada')}`, undefined],
  ])('cannot %s %s', async (method, path, request) => {
    const sandbox = await start(standardSeed(), { apiTokens: readOnly });

    const { status, body } = await apiRequest(sandbox, method, path, request);

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000006' });
    expect(sandbox.state.groupMembers.get(groupId('jira-users'))?.size).toBe(3);
  });
});

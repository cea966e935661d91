import { OktaApiError } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { collect, directorySeed, expectMatchesSpec, groupId, seedGroup, seedUser, userId } from '../support/directory-seed.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(seed: SandboxSeed = standardSeed()): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed });
  return org;
}

/** Five users (one deprovisioned, one suspended) in two departments, with ada and bob in two groups. */
function standardSeed(): SandboxSeed {
  const users = [
    seedUser('ada', 'Engineering'),
    seedUser('bob', 'Engineering'),
    seedUser('cyd', 'Finance'),
    seedUser('dee', 'Finance', 'SUSPENDED'),
    seedUser('eve', 'Engineering', 'DEPROVISIONED'),
  ];
  const groups = [seedGroup('jira-users'), seedGroup('confluence-users')];
  return directorySeed(users, groups, { 'jira-users': ['ada', 'bob'], 'confluence-users': ['ada'] });
}

function loginsOf(body: unknown): string[] {
  return (body as JsonObject[]).map((user) => String((user['profile'] as JsonObject)['login']).split('@')[0] ?? '');
}

describe('user list', () => {
  it('pages with the sdk', async () => {
    const client = sdkClient(await start());

    const users = await collect(await client.userApi.listUsers({ limit: 2 }));

    expect(users.map((user) => user.id)).toEqual(['ada', 'bob', 'cyd', 'dee'].map(userId));
  });

  it('list matches the spec', async () => {
    const sandbox = await start();

    const { status, body, headers } = await apiRequest(sandbox, 'GET', '/api/v1/users?limit=2');

    expect(headers.get('link')).toContain('rel="next"');
    expect((body as JsonObject[])[0]?.['_links']).toEqual({ self: { href: `${sandbox.url}/api/v1/users/${userId('ada')}` } });
    await expectMatchesSpec('GET', '/api/v1/users', status, body);
  });

  it.each([
    ['search', 'status eq "ACTIVE"', ['ada', 'bob', 'cyd']],
    ['search', 'profile.department eq "finance"', ['cyd', 'dee']],
    ['search', 'profile.department eq "Engineering" and status eq "DEPROVISIONED"', ['eve']],
    ['search', 'profile.login sw "A" or profile.login sw "e"', ['ada', 'eve']],
    ['search', 'lastUpdated gt "2024-06-01T00:00:00.000Z" and profile.department eq "Finance"', ['cyd', 'dee']],
    ['filter', 'status eq "SUSPENDED"', ['dee']],
    ['filter', 'status eq "DEPROVISIONED"', ['eve']],
    ['filter', 'profile.login eq "bob@example.test"', ['bob']],
    ['q', 'cy', ['cyd']],
    ['q', 'eve', []],
  ])('%s %s', async (parameter, value, expected) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/users?${new URLSearchParams({ [parameter]: value })}`);

    expect(status).toBe(200);
    expect(loginsOf(body)).toEqual(expected);
  });

  it.each([
    ['filter', 'profile.department eq "Finance"'],
    ['filter', 'status sw "ACT"'],
    ['search', 'status ne "ACTIVE"'],
    ['search', 'profile.department co "Fin"'],
  ])('rejects %s %s', async (parameter, value) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/users?${new URLSearchParams({ [parameter]: value })}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000031' });
  });

  it('query is never paged', async () => {
    const sandbox = await start();

    const { body, headers } = await apiRequest(sandbox, 'GET', '/api/v1/users?q=Tester&limit=1');

    expect(loginsOf(body)).toEqual(['ada']);
    expect(headers.get('link')).not.toContain('rel="next"');
  });
});

describe('single user', () => {
  it.each([
    ['id', userId('bob')],
    ['login', 'bob@example.test'],
    ['login in capitals', 'BOB@EXAMPLE.TEST'],
    ['login short name', 'bob'],
  ])('found by %s', async (_case, key) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/users/${encodeURIComponent(key)}`);

    expect(status).toBe(200);
    expect((body as JsonObject)['id']).toBe(userId('bob'));
    await expectMatchesSpec('GET', `/api/v1/users/${encodeURIComponent(key)}`, status, body);
  });

  it('unknown user fails in the sdk', async () => {
    const client = sdkClient(await start());

    const failure = await client.userApi.getUser({ userId: 'nobody@example.test' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(OktaApiError);
    expect(failure).toMatchObject({ status: 404, errorCode: 'E0000007' });
  });

  it('lists the groups of a user', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);

    const groups = await collect(await client.userApi.listUserGroups({ userId: userId('ada') }));

    expect(groups.map((group) => group.id)).toEqual([groupId('jira-users'), groupId('confluence-users')]);
  });

  it('user groups match the spec', async () => {
    const sandbox = await start();
    const path = `/api/v1/users/${userId('bob')}/groups`;

    const { status, body } = await apiRequest(sandbox, 'GET', path);

    expect(status).toBe(200);
    await expectMatchesSpec('GET', path, status, body);
  });

  it('users cannot be changed', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', `/api/v1/users/${userId('bob')}`, { profile: { department: 'Sales' } });

    expect(status).toBe(405);
    expect(body).toMatchObject({ errorCode: 'E0000022' });
  });
});

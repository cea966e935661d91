import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { directorySeed, groupId, seedGroup } from '../support/directory-seed.js';
import { accessRuleBody, POLICY_ORG, policyOrgSeed } from '../support/policy-org.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(seed: SandboxSeed): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed });
  return org;
}

/** At most this many pages are read, so that a cursor that never ends fails the test instead of hanging it. */
const MAX_PAGES = 100;

/**
 * Reads a list page by page from `path`, following the `next` links. Before it follows a
 * link, it calls `deleteItem` with the last item of the page, which is the item the cursor
 * names. Returns the ids of every item received, in order.
 */
async function pageDeletingCursorItems(sandbox: SandboxOrg, path: string, deleteItem: (item: JsonObject) => Promise<void>): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined = path;
  for (let pages = 0; next !== undefined && pages < MAX_PAGES; pages++) {
    const { status, body, headers } = await apiRequest(sandbox, 'GET', next);
    expect(status, JSON.stringify(body)).toBe(200);
    const page = body as JsonObject[];
    ids.push(...page.map((item) => String(item['id'])));

    next = /<([^>]+)>; rel="next"/.exec(headers.get('link') ?? '')?.[1]?.replace(sandbox.url, '');
    const last = page[page.length - 1];
    if (next !== undefined && last !== undefined) await deleteItem(last);
  }
  return ids;
}

async function expectStatus(sandbox: SandboxOrg, method: string, path: string, status: number): Promise<void> {
  const response = await apiRequest(sandbox, method, path);
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBe(status);
}

function groupNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `team-${String(index).padStart(2, '0')}`);
}

describe('paging after a delete', () => {
  it('groups: no duplicates, none skipped', async () => {
    const names = groupNames(23);
    const sandbox = await start(directorySeed([], names.map((name) => seedGroup(name))));

    const ids = await pageDeletingCursorItems(sandbox, '/api/v1/groups?limit=5', (group) =>
      expectStatus(sandbox, 'DELETE', `/api/v1/groups/${String(group['id'])}`, 204),
    );

    expect(ids).toEqual(names.map(groupId).sort());
  });

  it('sorted search: no duplicates, none skipped', async () => {
    const names = groupNames(17);
    const sandbox = await start(directorySeed([], names.map((name) => seedGroup(name))));
    const query = new URLSearchParams({ search: 'type eq "OKTA_GROUP"', sortBy: 'profile.name', sortOrder: 'desc', limit: '4' });

    const ids = await pageDeletingCursorItems(sandbox, `/api/v1/groups?${query}`, (group) =>
      expectStatus(sandbox, 'DELETE', `/api/v1/groups/${String(group['id'])}`, 204),
    );

    expect(ids).toEqual([...names].reverse().map(groupId));
  });

  it('app groups: no duplicates, none skipped', async () => {
    const seed = smallOrgSeed();
    const names = groupNames(45);
    seed.groups.push(...names.map((name) => seedGroup(name)));
    seed.appGroupAssignments[SMALL_ORG.appId]?.push(
      ...names.map((name, index) => ({ id: groupId(name), priority: 100 - index, lastUpdated: '2025-01-01T00:00:00.000Z', profile: {} })),
    );
    const sandbox = await start(seed);
    const expected = [SMALL_ORG.groupId, ...[...names].reverse().map(groupId)];

    const ids = await pageDeletingCursorItems(sandbox, `/api/v1/apps/${SMALL_ORG.appId}/groups?limit=20`, (assignment) =>
      expectStatus(sandbox, 'DELETE', `/api/v1/apps/${SMALL_ORG.appId}/groups/${String(assignment['id'])}`, 204),
    );

    expect(ids).toEqual(expected);
  });

  it('policies: no duplicates, none skipped', async () => {
    const sandbox = await start(policyOrgSeed());
    const created: string[] = [];
    for (const name of ['one', 'two', 'three', 'four', 'five', 'six', 'seven']) {
      const { body } = await apiRequest(sandbox, 'POST', '/api/v1/policies', { type: 'OKTA_SIGN_ON', name });
      created.push(String((body as JsonObject)['id']));
    }

    const ids = await pageDeletingCursorItems(sandbox, '/api/v1/policies?type=OKTA_SIGN_ON&limit=2', (policy) =>
      expectStatus(sandbox, 'DELETE', `/api/v1/policies/${String(policy['id'])}`, 204),
    );

    expect(ids).toEqual([...created, POLICY_ORG.signOnPolicyId]);
  });

  it('policy rules: no duplicates, none skipped', async () => {
    const sandbox = await start(policyOrgSeed());
    const rulesPath = `/api/v1/policies/${POLICY_ORG.accessPolicyId}/rules`;
    const created: string[] = [];
    for (const name of ['one', 'two', 'three', 'four', 'five']) {
      const { body } = await apiRequest(sandbox, 'POST', rulesPath, accessRuleBody(name));
      created.push(String((body as JsonObject)['id']));
    }

    const ids = await pageDeletingCursorItems(sandbox, `${rulesPath}?limit=2`, (rule) =>
      expectStatus(sandbox, 'DELETE', `${rulesPath}/${String(rule['id'])}`, 204),
    );

    expect(ids).toEqual([POLICY_ORG.managedRuleId, ...created, POLICY_ORG.catchAllRuleId]);
  });
});

describe('paging cursors', () => {
  it('foreign cursor on policies is rejected', async () => {
    const sandbox = await start(policyOrgSeed());

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/policies?type=OKTA_SIGN_ON&after=not-a-cursor');

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000029' });
  });

  it('plain id cursor on policies works', async () => {
    const sandbox = await start(policyOrgSeed());
    const { body: created } = await apiRequest(sandbox, 'POST', '/api/v1/policies', { type: 'OKTA_SIGN_ON', name: 'first' });

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/policies?type=OKTA_SIGN_ON&after=${String((created as JsonObject)['id'])}`);

    expect(status).toBe(200);
    expect((body as JsonObject[]).map((policy) => policy['id'])).toEqual([POLICY_ORG.signOnPolicyId]);
  });

  it('empty cursor starts at the top', async () => {
    const names = groupNames(3);
    const sandbox = await start(directorySeed([], names.map((name) => seedGroup(name))));

    const { body } = await apiRequest(sandbox, 'GET', '/api/v1/groups?after=');

    expect((body as JsonObject[]).map((group) => group['id'])).toEqual(names.map(groupId).sort());
  });
});

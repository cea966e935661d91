import { OktaApiError, type CreateGroupRuleRequest, type GroupRule } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOptions, SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { collect, directorySeed, expectMatchesSpec, groupId, ruleId, seedGroup, seedRule, seedUser, userId } from '../support/directory-seed.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(seed: SandboxSeed = standardSeed(), options: Partial<SandboxOptions> = {}): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed, ...options });
  return org;
}

/**
 * Users in two departments, three Okta groups and one app group. Two rules assign to
 * jira-users: one ACTIVE, one INACTIVE.
 */
function standardSeed(): SandboxSeed {
  const users = [seedUser('ada', 'Engineering'), seedUser('bob', 'Engineering'), seedUser('cyd', 'Finance'), seedUser('dee', 'Engineering', 'DEPROVISIONED')];
  const groups = ['jira-users', 'confluence-users', 'contractors'].map((name) => seedGroup(name)).concat(seedGroup('AD Engineering', 'APP_GROUP'));
  const seed = directorySeed(users, groups, { contractors: ['bob'] });
  seed.groupRules = [seedRule('engineering to jira', [groupId('jira-users')]), seedRule('finance to jira', [groupId('jira-users')], 'INACTIVE', 'user.department=="Finance"')];
  return seed;
}

function newRule(name: string, targets = [groupId('confluence-users')], expression = 'user.department=="Engineering"'): JsonObject {
  return {
    type: 'group_rule',
    name,
    conditions: { expression: { value: expression, type: 'urn:okta:expression:1.0' } },
    actions: { assignUserToGroups: { groupIds: targets } },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('group rule list', () => {
  it('pages with the sdk', async () => {
    const seed = standardSeed();
    seed.groupRules.push(...['a', 'b', 'c'].map((name) => seedRule(`rule ${name}`, [groupId('contractors')], 'INACTIVE')));
    const client = sdkClient(await start(seed));

    const rules = await collect(await client.groupApi.listGroupRules({ limit: 2 }));

    expect(rules.map((rule) => rule.id)).toEqual(seed.groupRules.map((rule) => String(rule['id'])).sort());
  });

  it('searches rule names', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', '/api/v1/groups/rules?search=FINANCE');

    expect((body as JsonObject[]).map((rule) => rule['id'])).toEqual([ruleId('finance to jira')]);
  });

  it('expands target group names', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/groups/rules?expand=groupIdToGroupNameMap&limit=1');

    expect((body as JsonObject[])[0]?.['_embedded']).toEqual({ groupIdToGroupNameMap: { [groupId('jira-users')]: 'jira-users' } });
    await expectMatchesSpec('GET', '/api/v1/groups/rules', status, body);
  });

  it('omits embedded names by default', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/groups/rules/${ruleId('finance to jira')}`);

    expect(body).not.toHaveProperty('_embedded');
    await expectMatchesSpec('GET', `/api/v1/groups/rules/${ruleId('finance to jira')}`, 200, body);
  });
});

describe('group rule creation', () => {
  it('starts inactive whatever requested', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);

    const created = await client.groupApi.createGroupRule({ groupRule: { ...newRule('eng to confluence'), status: 'ACTIVE' } as CreateGroupRuleRequest });

    expect(created.status).toBe('INACTIVE');
    expect(sandbox.state.groupRules.get(created.id ?? '')?.['status']).toBe('INACTIVE');
  });

  it('fills excluded people lists', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', newRule('eng to confluence'));

    expect(status).toBe(200);
    expect((body as JsonObject)['conditions']).toMatchObject({ people: { users: { exclude: [] }, groups: { exclude: [] } } });
    await expectMatchesSpec('POST', '/api/v1/groups/rules', status, body);
  });

  it.each([
    ['empty name', { ...newRule('x'), name: '' }],
    ['name over 50 characters', newRule('n'.repeat(51))],
    ['duplicate name', newRule('engineering to jira')],
    ['wrong type', { ...newRule('x'), type: 'policy_rule' }],
    ['wrong expression type', { ...newRule('x'), conditions: { expression: { value: 'true', type: 'urn:okta:expression:2.0' } } }],
    ['missing expression', { ...newRule('x'), conditions: {} }],
    ['no target group', newRule('x', [])],
    ['unknown target group', newRule('x', [groupId('missing')])],
    ['app group target', newRule('x', [groupId('AD Engineering')])],
  ])('rejects %s', async (_case, request) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', request);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(sandbox.state.groupRules.size).toBe(2);
    await expectMatchesSpec('POST', '/api/v1/groups/rules', status, body);
  });
});

describe('group rule replacement', () => {
  const activeId = ruleId('engineering to jira');

  async function renamed(sandbox: SandboxOrg, id: string, name: string): Promise<GroupRule> {
    const client = sdkClient(sandbox);
    const rule = await client.groupApi.getGroupRule({ ruleId: id });
    rule.name = name;
    return client.groupApi.replaceGroupRule({ ruleId: id, groupRule: rule });
  }

  it('rejects edits while active', async () => {
    const sandbox = await start();

    const failure = await failureOf(renamed(sandbox, activeId, 'renamed'));

    expect(failure).toBeInstanceOf(OktaApiError);
    expect(failure).toMatchObject({ status: 400, errorCode: 'E0000001' });
    expect(sandbox.state.groupRules.get(activeId)?.['name']).toBe('engineering to jira');
  });

  it('accepts edits after deactivation', async () => {
    const sandbox = await start();
    await sdkClient(sandbox).groupApi.deactivateGroupRule({ ruleId: activeId });

    const replaced = await renamed(sandbox, activeId, 'renamed');

    expect(replaced.name).toBe('renamed');
    expect(replaced.status).toBe('INACTIVE');
  });

  it('rejects a change of actions', async () => {
    const sandbox = await start();
    const id = ruleId('finance to jira');
    const path = `/api/v1/groups/rules/${id}`;
    const request = { ...seedRule('finance to jira', [groupId('confluence-users')], 'INACTIVE') };

    const { status, body } = await apiRequest(sandbox, 'PUT', path, request);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(sandbox.state.groupRules.get(id)?.['actions']).toEqual({ assignUserToGroups: { groupIds: [groupId('jira-users')] } });
    await expectMatchesSpec('PUT', path, status, body);
  });

  it('keeps status whatever requested', async () => {
    const sandbox = await start();
    const id = ruleId('finance to jira');

    const { status, body } = await apiRequest(sandbox, 'PUT', `/api/v1/groups/rules/${id}`, seedRule('finance rule', [groupId('jira-users')], 'ACTIVE'));

    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'finance rule', status: 'INACTIVE' });
    await expectMatchesSpec('PUT', `/api/v1/groups/rules/${id}`, status, body);
  });
});

describe('group rule lifecycle', () => {
  it('invalid after target deletion', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);

    await client.groupApi.deleteGroup({ groupId: groupId('jira-users') });
    const rule = await client.groupApi.getGroupRule({ ruleId: ruleId('engineering to jira') });

    expect(rule.status).toBe('INVALID');
    expect(rule.actions?.assignUserToGroups?.groupIds).toEqual([groupId('jira-users')]);
  });

  it.each(['activate', 'deactivate'])('invalid rule cannot %s', async (operation) => {
    const sandbox = await start();
    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${groupId('jira-users')}`);

    // The spec documents no 400 for the lifecycle operations, so this body is not spec-checked.
    const { status, body } = await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${ruleId('finance to jira')}/lifecycle/${operation}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(sandbox.state.groupRules.get(ruleId('finance to jira'))?.['status']).toBe('INVALID');
  });

  it('invalid rule cannot be replaced', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${groupId('jira-users')}`);

    const { status, body } = await apiRequest(sandbox, 'PUT', `/api/v1/groups/rules/${ruleId('finance to jira')}`, seedRule('finance to jira', [groupId('jira-users')]));

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
  });

  it('activation adds matching users', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const created = await client.groupApi.createGroupRule({ groupRule: newRule('eng to confluence') as CreateGroupRuleRequest });

    await client.groupApi.activateGroupRule({ ruleId: created.id ?? '' });

    expect([...(sandbox.state.groupMembers.get(groupId('confluence-users')) ?? [])]).toEqual([userId('ada'), userId('bob')]);
    expect(sandbox.state.groupRules.get(created.id ?? '')?.['status']).toBe('ACTIVE');
  });

  it('activation honours exclusions', async () => {
    const sandbox = await start();
    const request = newRule('eng to confluence');
    request['conditions'] = {
      people: { users: { exclude: [userId('ada')] }, groups: { exclude: [groupId('contractors')] } },
      expression: { value: 'user.department=="Engineering"', type: 'urn:okta:expression:1.0' },
    };
    const { body } = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', request);

    await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${String((body as JsonObject)['id'])}/lifecycle/activate`);

    expect(sandbox.state.groupMembers.get(groupId('confluence-users'))?.size ?? 0).toBe(0);
  });

  it.each([
    ['isMemberOfGroup("GROUP") && user.department=="Engineering"', ['bob']],
    ['String.startsWith(user.login, "c") OR user.department == "Engineering" AND !isMemberOfGroupName("contractors")', ['ada', 'cyd']],
    ['user.unknownAttribute == "x"', []],
    ['Arrays.contains(user.tags, "x")', []],
  ])('expression %s', async (expression, expected) => {
    const sandbox = await start();
    const request = newRule('expression test', [groupId('confluence-users')], expression.replace('GROUP', groupId('contractors')));
    const { body } = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', request);

    const { status } = await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${String((body as JsonObject)['id'])}/lifecycle/activate`);

    expect(status).toBe(204);
    expect([...(sandbox.state.groupMembers.get(groupId('confluence-users')) ?? [])]).toEqual(expected.map(userId));
  });

  it('deactivation keeps added members', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const created = await client.groupApi.createGroupRule({ groupRule: newRule('eng to confluence') as CreateGroupRuleRequest });
    await client.groupApi.activateGroupRule({ ruleId: created.id ?? '' });

    await client.groupApi.deactivateGroupRule({ ruleId: created.id ?? '' });

    expect(sandbox.state.groupMembers.get(groupId('confluence-users'))?.size).toBe(2);
    expect(sandbox.state.groupRules.get(created.id ?? '')?.['status']).toBe('INACTIVE');
  });
});

describe('group rule deletion', () => {
  async function activatedRule(sandbox: SandboxOrg): Promise<string> {
    const client = sdkClient(sandbox);
    const created = await client.groupApi.createGroupRule({ groupRule: newRule('eng to confluence') as CreateGroupRuleRequest });
    await client.groupApi.activateGroupRule({ ruleId: created.id ?? '' });
    return created.id ?? '';
  }

  it('returns 202 and keeps members', async () => {
    const sandbox = await start();
    const id = await activatedRule(sandbox);

    const { status, body } = await apiRequest(sandbox, 'DELETE', `/api/v1/groups/rules/${id}`);

    expect(status).toBe(202);
    expect(sandbox.state.groupRules.has(id)).toBe(false);
    expect(sandbox.state.groupMembers.get(groupId('confluence-users'))?.size).toBe(2);
    await expectMatchesSpec('DELETE', `/api/v1/groups/rules/${id}`, status, body);
  });

  it('removes added members on request', async () => {
    const sandbox = await start();
    const id = await activatedRule(sandbox);

    await sdkClient(sandbox).groupApi.deleteGroupRule({ ruleId: id, removeUsers: true });

    expect(sandbox.state.groupMembers.get(groupId('confluence-users'))?.size).toBe(0);
  });

  it('unknown rule is not found', async () => {
    const sandbox = await start();
    const path = `/api/v1/groups/rules/${ruleId('missing')}`;

    const { status, body } = await apiRequest(sandbox, 'DELETE', path);

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
    await expectMatchesSpec('DELETE', path, status, body);
  });
});

describe('group rules with read-only token', () => {
  const readOnly = [{ value: 'read-only-token-0000000000000000000000000', readOnly: true }];

  it.each([
    ['POST', '/api/v1/groups/rules', newRule('eng to confluence')],
    ['PUT', `/api/v1/groups/rules/${ruleId('finance to jira')}`, seedRule('renamed', [groupId('jira-users')], 'INACTIVE')],
    ['DELETE', `/api/v1/groups/rules/${ruleId('finance to jira')}`, undefined],
    ['POST', `/api/v1/groups/rules/${ruleId('finance to jira')}/lifecycle/activate`, undefined],
    ['POST', `/api/v1/groups/rules/${ruleId('engineering to jira')}/lifecycle/deactivate`, undefined],
  ])('cannot %s %s', async (method, path, request) => {
    const sandbox = await start(standardSeed(), { apiTokens: readOnly });

    const { status, body } = await apiRequest(sandbox, method, path, request);

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000006' });
    expect([...sandbox.state.groupRules.values()].map((rule) => [rule['name'], rule['status']])).toEqual([
      ['engineering to jira', 'ACTIVE'],
      ['finance to jira', 'INACTIVE'],
    ]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { directorySeed, groupId, ruleId, seedGroup, seedRule, seedUser, userId } from '../support/directory-seed.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** Two Legal users, one Finance user, and two groups a rule can target. */
function seed(): SandboxSeed {
  const users = [seedUser('ada', 'Legal'), seedUser('bob', 'Legal'), seedUser('cyd', 'Finance')];
  return directorySeed(users, [seedGroup('legal'), seedGroup('other')]);
}

async function start(withSeed: SandboxSeed = seed()): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: withSeed });
  return org;
}

function ruleBody(expression: string, name = 'legal rule'): JsonObject {
  return {
    type: 'group_rule',
    name,
    conditions: { expression: { value: expression, type: 'urn:okta:expression:1.0' } },
    actions: { assignUserToGroups: { groupIds: [groupId('legal')] } },
  };
}

function causesOf(body: unknown): string {
  return JSON.stringify((body as JsonObject)['errorCauses']);
}

function members(sandbox: SandboxOrg): string[] {
  return [...(sandbox.state.groupMembers.get(groupId('legal')) ?? [])].sort();
}

const LEGAL = 'user.department=="Legal"';

describe('rule expression on create', () => {
  it.each([
    ['20,000 parentheses', `${'('.repeat(20000)}${LEGAL}${')'.repeat(20000)}`, 'maximum'],
    ['30,000 && terms', Array.from({ length: 30000 }, () => LEGAL).join(' && '), 'maximum'],
    ['20,000 ! prefixes', `${'!'.repeat(20000)}${LEGAL}`, 'maximum'],
    ['150 nested parentheses', `${'('.repeat(150)}${LEGAL}${')'.repeat(150)}`, 'deeper than 100'],
    ['150 nested calls', `${'String.toLowerCase('.repeat(150)}user.x${')'.repeat(150)}`, 'deeper than 100'],
    ['150 chained method calls', `user.x${'.trim()'.repeat(150)}`, 'deeper than 100'],
    ['a stray &', `${LEGAL} &&& (`, "unexpected character '&'"],
    ['an open parenthesis', `(${LEGAL}`, "')' is missing"],
    ['an unclosed string', 'user.department=="Legal', 'closing quote'],
    ['two comparisons in a row', 'user.a == "x" == "y"', 'after the end'],
    ['an unknown character', 'user.a # "x"', "'#'"],
  ])('rejects %s', async (_name, expression, cause) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', ruleBody(expression));

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(causesOf(body)).toContain(cause);
  });

  it.each([
    ['Arrays.contains(user.tags, "x")'],
    ['user.age > 30 AND user.age <= 65'],
    ['user.department ?: "none" == "Legal"'],
    ['user.manager != null ? true : false'],
    ["user.isMemberOf({'group.profile.name': 'legal', 'operator': 'EXACT'})"],
    ['user.email.endsWith("@example.test") or not (user.title matches "Intern.*")'],
    ['user.login.substring(0, 3) == "ada" && -user.level < 2'],
    ['constructor("x")'],
    ['100 nested parentheses'],
  ])('accepts %s', async (expression) => {
    const sandbox = await start();
    const valid = expression === '100 nested parentheses' ? `${'('.repeat(100)}${LEGAL}${')'.repeat(100)}` : expression;

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', ruleBody(valid));

    expect(status, JSON.stringify(body)).toBe(200);
  });

  it('rejects an invalid replacement', async () => {
    const sandbox = await start();
    const created = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', ruleBody(LEGAL));
    const id = String((created.body as JsonObject)['id']);

    const { status } = await apiRequest(sandbox, 'PUT', `/api/v1/groups/rules/${id}`, ruleBody(`${LEGAL} ||`));

    expect(status).toBe(400);
    expect(sandbox.state.groupRules.get(id)?.['conditions']).toMatchObject({ expression: { value: LEGAL } });
  });
});

describe('rule activation', () => {
  /** Starts an org whose seed contains an INACTIVE rule with this expression, which the API would reject. */
  async function startWithSeededRule(expression: string): Promise<SandboxOrg> {
    const withRule = seed();
    withRule.groupRules = [seedRule('seeded', [groupId('legal')], 'INACTIVE', expression)];
    return start(withRule);
  }

  it('too deep: 400 and stays INACTIVE', async () => {
    const sandbox = await startWithSeededRule(`${'('.repeat(20000)}${LEGAL}${')'.repeat(20000)}`);

    const { status, body } = await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${ruleId('seeded')}/lifecycle/activate`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(sandbox.state.groupRules.get(ruleId('seeded'))?.['status']).toBe('INACTIVE');
    expect(members(sandbox)).toEqual([]);
  });

  it('too deep: lastUpdated unchanged', async () => {
    const sandbox = await startWithSeededRule(`${'('.repeat(200)}${LEGAL}${')'.repeat(200)}`);

    await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${ruleId('seeded')}/lifecycle/activate`);

    expect(sandbox.state.groupRules.get(ruleId('seeded'))?.['lastUpdated']).toBe('2025-01-01T00:00:00.000Z');
  });

  it.each([
    ['8,000 ! prefixes', `${'!'.repeat(8000)}(${LEGAL})`],
    ['250 && terms', Array.from({ length: 250 }, () => LEGAL).join(' && ')],
    ['100 nested parentheses', `${'('.repeat(100)}${LEGAL}${')'.repeat(100)}`],
    ['AND and OR words', `user.department=="Nobody" or ${LEGAL} and not (user.department=="Finance")`],
    ['escaped quotes', `user.department=="Le\\"gal" || user.department=='Legal'`],
  ])('evaluates %s', async (_name, expression) => {
    const sandbox = await start();
    const created = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', ruleBody(expression));
    const id = String((created.body as JsonObject)['id']);

    const { status } = await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${id}/lifecycle/activate`);

    expect(status).toBe(204);
    expect(members(sandbox)).toEqual([userId('ada'), userId('bob')].sort());
  });

  it('unsupported expression adds no one', async () => {
    const sandbox = await start();
    const created = await apiRequest(sandbox, 'POST', '/api/v1/groups/rules', ruleBody('constructor("x")'));
    const id = String((created.body as JsonObject)['id']);

    const { status } = await apiRequest(sandbox, 'POST', `/api/v1/groups/rules/${id}/lifecycle/activate`);

    expect(status).toBe(204);
    expect(members(sandbox)).toEqual([]);
    expect(sandbox.state.groupRules.get(id)?.['status']).toBe('ACTIVE');
  });
});

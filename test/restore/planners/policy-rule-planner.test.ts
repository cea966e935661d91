import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { placeholderFor } from '../../../src-shared/restore/placeholders.js';
import type { RestorePlan } from '../../../src-shared/restore/restore-plan.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { ACCESS_POLICY_RULE_PRIORITIES, DEFAULT_PRIORITIES } from '../../../src-main/sandbox/handlers/policy-priorities.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import { captureResources, expectRunsBefore, OTHER_ORG_URL, requestLines, restoreAndVerify, sandboxCall, specProblems, stepByKey } from './directory-test-support.js';
import { accessRule, bodyAt, catchAllRule, edited, expectOnlyWritableFields, planPolicies, policyResource, replayRuleWrites } from './policy-test-support.js';

const POLICY = 'rstAtlassianSignIn01';
const POLICY_PATH = `/api/v1/policies/${POLICY}`;
const RULE_NAMES = ['Engineering in the office', 'Engineering elsewhere', 'Contractors', 'Legacy devices', 'Staff', 'Partners'];
const RULE_IDS = ['rulEngOffice00000001', 'rulEngElsewhere00001', 'rulContractors000001', 'rulLegacy00000000001', 'rulStaff000000000001', 'rulPartners000000001'];
const CATCH_ALL = 'rulCatchAll000000001';
const DEVICE_POLICY = 'daeManagedMac0000001';
const ZONE = 'nzoOffice00000000001';

const POLICY_RESOURCE = policyResource(POLICY, 'ACCESS_POLICY', 'Atlassian Cloud sign-in', 1);
const RULE_KIND_SCOPE = [{ type: 'kind' as const, kind: 'policy-rule' as const }];

/** Builds the policy's rules in the given order of indexes into RULE_IDS, numbered from 0, with the catch-all rule last. */
function rulesInOrder(order: readonly number[], access: 'ALLOW' | 'DENY' = 'DENY'): SnapshotResource[] {
  const rules = order.map((index, position) => accessRule(POLICY, RULE_IDS[index] as string, RULE_NAMES[index] as string, position));
  return [...rules, catchAllRule(POLICY, CATCH_ALL, access)];
}

function namesOf(order: readonly number[]): string[] {
  return [...order.map((index) => RULE_NAMES[index] as string), 'Catch-all Rule'];
}

function ruleKey(index: number, action: string): string {
  return `policy-rule:${POLICY}/${RULE_IDS[index] as string}:${action}`;
}

function updateSteps(plan: RestorePlan) {
  return plan.steps.filter((step) => step.kind === 'policy-rule' && step.action === 'update');
}

/** Shuffles 0..count-1 with a linear congruential generator, so a failing order can be replayed from its seed. */
function shuffled(count: number, seed: number): number[] {
  const order = Array.from({ length: count }, (_unused, index) => index);
  let state = seed;
  for (let index = count - 1; index > 0; index--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const other = state % (index + 1);
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order;
}

describe('policy rule planner: priorities', () => {
  it('moves a rule with one PUT', async () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1, 2, 3])];
    const live = [POLICY_RESOURCE, ...rulesInOrder([3, 0, 1, 2])];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`PUT ${POLICY_PATH}/rules/${RULE_IDS[3]}`]);
    expect(bodyAt(plan, ruleKey(3, 'update'), '/priority')).toBe(3);
    expect(replayRuleWrites(plan, POLICY_PATH, live.slice(1), ACCESS_POLICY_RULE_PRIORITIES)).toEqual(namesOf([0, 1, 2, 3]));
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('restores a reversed order top-down', async () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1, 2, 3, 4])];
    const live = [POLICY_RESOURCE, ...rulesInOrder([4, 3, 2, 1, 0])];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });
    const updates = updateSteps(plan);
    const desiredIds = RULE_IDS.slice(0, 5).map((id) => `${POLICY}/${id}`);

    // One rule keeps its place (the one the diff reports in place); the four others move, in the snapshot's order.
    expect(updates).toHaveLength(4);
    expect(updates.map((step) => step.resourceId)).toEqual(desiredIds.filter((id) => updates.some((step) => step.resourceId === id)));
    for (const [position, step] of updates.entries()) {
      const above = updates[position - 1];
      expect(step.dependsOn).toEqual(above === undefined ? [] : [above.key]);
      expect(step.description).toMatch(/^Move rule '.+' of authentication policy 'Atlassian Cloud sign-in' to priority \d+, its place in the snapshot's evaluation order\.$/);
    }
    expect(replayRuleWrites(plan, POLICY_PATH, live.slice(1), ACCESS_POLICY_RULE_PRIORITIES)).toEqual(namesOf([0, 1, 2, 3, 4]));
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('restores shuffled orders with gaps and extras', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const desiredOrder = shuffled(6, seed);
      const liveOrder = shuffled(6, seed * 7919).filter((index) => index !== seed % 6);
      const extra = accessRule(POLICY, 'rulExtra000000000001', 'Extra rule', 0);
      const liveRules = rulesInOrder(liveOrder);
      // The extra rule sits somewhere in the live list; renumber so priorities stay contiguous.
      liveRules.splice(seed % liveRules.length, 0, extra);
      const live = liveRules.filter((rule) => !rule.name.endsWith('Catch-all Rule')).map((rule, position) => edited(rule, { priority: position }));
      const catchAll = liveRules.find((rule) => rule.name.endsWith('Catch-all Rule')) as SnapshotResource;

      const plan = planPolicies({ desired: [POLICY_RESOURCE, ...rulesInOrder(desiredOrder)], live: [POLICY_RESOURCE, ...live, catchAll], scope: RULE_KIND_SCOPE });
      const result = replayRuleWrites(plan, POLICY_PATH, [...live, catchAll], ACCESS_POLICY_RULE_PRIORITIES);

      expect(result.filter((name) => name !== 'Extra rule'), `seed ${seed}`).toEqual(namesOf(desiredOrder));
      expect(plan.blockers, `seed ${seed}`).toEqual([]);
    }
  });

  it('moves only the rule in scope', () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1, 2, 3, 4, 5])];
    const live = [POLICY_RESOURCE, ...rulesInOrder([1, 2, 3, 0, 5, 4]).map((rule) => (rule.id.endsWith(RULE_IDS[0] as string) ? edited(rule, { actions: { appSignOn: { access: 'DENY' } } }) : rule))];

    const plan = planPolicies({ desired, live, scope: [{ type: 'resource', id: `${POLICY}/${RULE_IDS[0]}`, kind: 'policy-rule' }] });

    expect(requestLines(plan)).toEqual([`PUT ${POLICY_PATH}/rules/${RULE_IDS[0]}`]);
    expect(bodyAt(plan, ruleKey(0, 'update'), '/priority')).toBe(0);
    expect(replayRuleWrites(plan, POLICY_PATH, live.slice(1), ACCESS_POLICY_RULE_PRIORITIES)).toEqual(namesOf([0, 1, 2, 3, 5, 4]));
  });

  it('edited rule keeps its current priority', async () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1, 2])];
    const changed = edited(rulesInOrder([0, 1, 2])[1] as SnapshotResource, { actions: { appSignOn: { access: 'DENY' } } });
    const live = [POLICY_RESOURCE, ...rulesInOrder([0, 1, 2]).map((rule) => (rule.id === changed.id ? changed : rule))];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`PUT ${POLICY_PATH}/rules/${RULE_IDS[1]}`]);
    expect(stepByKey(plan, ruleKey(1, 'update')).request.body).toEqual({
      name: RULE_NAMES[1],
      priority: 1,
      conditions: { network: { connection: 'ANYWHERE' }, riskScore: { level: 'ANY' } },
      actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT12H', constraints: [] } } },
      type: 'ACCESS_POLICY',
    });
    expect(stepByKey(plan, ruleKey(1, 'update')).check?.fields).toContainEqual({ pointer: '/actions/appSignOn/access', value: 'ALLOW' });
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('numbers global session rules from 1', () => {
    const session = policyResource('00pEngSessions000001', 'OKTA_SIGN_ON', 'Engineering sessions', 1);
    const rule = (id: string, name: string, priority: number): SnapshotResource =>
      edited(accessRule(session.id, id, name, priority), { type: 'SIGN_ON', actions: { signon: { access: 'ALLOW', requireFactor: false } } });
    const desired = [session, rule('0prOffice00000000001', 'Office', 1), rule('0prAnywhere000000001', 'Anywhere', 2)];
    const live = [session, rule('0prOffice00000000001', 'Office', 2), rule('0prAnywhere000000001', 'Anywhere', 1)];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(updateSteps(plan).map((step) => (step.request.body as JsonObject)['priority'])).toEqual([1]);
    expect(replayRuleWrites(plan, `/api/v1/policies/${session.id}`, live.slice(1), DEFAULT_PRIORITIES)).toEqual(['Office', 'Anywhere']);
  });
});

describe('policy rule planner: creates', () => {
  it('recreates deleted rule at its priority', async () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1, 2])];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0, 2])];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });
    const create = stepByKey(plan, ruleKey(1, 'create'));

    expect(requestLines(plan)).toEqual([`POST ${POLICY_PATH}/rules`]);
    expect(create.request.body).toMatchObject({ name: RULE_NAMES[1], priority: 1, type: 'ACCESS_POLICY' });
    expect(create.flags).toEqual(['recreates']);
    expect(create.creates).toEqual({
      kind: 'policy-rule',
      desiredId: `${POLICY}/${RULE_IDS[1]}`,
      idPointer: '/id',
      lookup: { path: `${POLICY_PATH}/rules`, pointer: '/name', value: RULE_NAMES[1] },
    });
    expect(create.check?.path).toBe(`${POLICY_PATH}/rules/${placeholderFor('policy-rule', `${POLICY}/${RULE_IDS[1]}`)}`);
    expect(create.check?.fields).toContainEqual({ pointer: '/status', value: 'ACTIVE' });
    expect(replayRuleWrites(plan, POLICY_PATH, live.slice(1), ACCESS_POLICY_RULE_PRIORITIES)).toEqual(namesOf([0, 1, 2]));
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('creates an INACTIVE rule with activate=false', () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1]).map((rule) => (rule.id.endsWith(RULE_IDS[1] as string) ? edited(rule, { status: 'INACTIVE' }) : rule))];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0])];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`POST ${POLICY_PATH}/rules?activate=false`]);
    expect(stepByKey(plan, ruleKey(1, 'create')).check?.fields).toContainEqual({ pointer: '/status', value: 'INACTIVE' });
  });

  it('waits for recreated zone and device assurance', async () => {
    const devicePolicy: SnapshotResource = {
      kind: 'device-assurance',
      id: DEVICE_POLICY,
      name: 'Managed macOS',
      body: { id: DEVICE_POLICY, name: 'Managed macOS', platform: 'MACOS', osVersion: { minimum: '14.0.0' }, diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] } },
    };
    const zone: SnapshotResource = {
      kind: 'network-zone',
      id: ZONE,
      name: 'Office',
      body: { type: 'IP', id: ZONE, name: 'Office', status: 'ACTIVE', usage: 'POLICY', system: false, gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }], proxies: null },
    };
    const conditions = { network: { connection: 'ZONE', include: [ZONE] }, device: { registered: true, managed: true, assurance: { include: [DEVICE_POLICY] } }, riskScore: { level: 'ANY' } };
    const desired = [POLICY_RESOURCE, devicePolicy, zone, ...rulesInOrder([0, 1]).map((rule) => edited(rule, { conditions }))];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0])];
    const scope = [{ type: 'kind' as const, kind: 'device-assurance' as const }, { type: 'kind' as const, kind: 'network-zone' as const }, ...RULE_KIND_SCOPE];

    const plan = planPolicies({ desired, live, scope });

    expect(bodyAt(plan, ruleKey(0, 'update'), '/conditions')).toEqual({
      network: { connection: 'ZONE', include: [placeholderFor('network-zone', ZONE)] },
      device: { registered: true, managed: true, assurance: { include: [placeholderFor('device-assurance', DEVICE_POLICY)] } },
      riskScore: { level: 'ANY' },
    });
    expectRunsBefore(plan, `device-assurance:${DEVICE_POLICY}:create`, ruleKey(0, 'update'));
    expectRunsBefore(plan, `network-zone:${ZONE}:create`, ruleKey(0, 'update'));
    expectRunsBefore(plan, `device-assurance:${DEVICE_POLICY}:create`, ruleKey(1, 'create'));
    expectRunsBefore(plan, ruleKey(0, 'update'), ruleKey(1, 'create'));
    expect(plan.blockers).toEqual([]);
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('blocks on out-of-scope device assurance', () => {
    const conditions = { device: { assurance: { include: [DEVICE_POLICY] } } };
    const devicePolicy: SnapshotResource = { kind: 'device-assurance', id: DEVICE_POLICY, name: 'Managed macOS', body: { id: DEVICE_POLICY, name: 'Managed macOS', platform: 'MACOS' } };
    const desired = [POLICY_RESOURCE, devicePolicy, ...rulesInOrder([0]).map((rule) => edited(rule, { conditions }))];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0])];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(plan.blockers).toEqual([expect.stringContaining(`--scope id:device-assurance:${DEVICE_POLICY}`) as string]);
  });
  it('leaves the rules of a missing default policy', () => {
    const defaultPolicy = policyResource('00pDefaultSession001', 'OKTA_SIGN_ON', 'Default Policy', 1, { system: true });
    const rule = edited(accessRule(defaultPolicy.id, '0prDefaultRule000001', 'Default Rule', 1), { system: true, type: 'SIGN_ON' });

    const plan = planPolicies({ desired: [defaultPolicy, rule], live: [], scope: RULE_KIND_SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toEqual([]);
    expect(plan.blockers).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: rule.id, reason: expect.stringContaining('only Okta creates that policy') as string })]);
  });
});

describe('policy rule planner: default rule', () => {
  it('restores only the actions of the default rule', async () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0], 'DENY')];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0], 'ALLOW')];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });
    const path = `${POLICY_PATH}/rules/${CATCH_ALL}`;

    expect(requestLines(plan)).toEqual([`PUT ${path}`]);
    expect(stepByKey(plan, `policy-rule:${POLICY}/${CATCH_ALL}:update`).request.body).toEqual({
      name: 'Catch-all Rule',
      actions: { appSignOn: { access: 'DENY' } },
      type: 'ACCESS_POLICY',
    });
    expect(plan.leftInPlace).toEqual([]);
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('default rule keeps name, conditions, status', () => {
    const desiredCatchAll = catchAllRule(POLICY, CATCH_ALL, 'ALLOW', { name: 'Everyone else', conditions: { network: { connection: 'ANYWHERE' } }, status: 'INACTIVE' });
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0]).slice(0, 1), desiredCatchAll];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0], 'ALLOW')];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([
      expect.objectContaining({ resourceId: `${POLICY}/${CATCH_ALL}`, paths: ['/name', '/conditions', '/status'], reason: expect.stringContaining('only its actions can change') as string }),
    ]);
  });

  it('restores default rule in another org', async () => {
    const livePolicy = policyResource('rstStandbySignIn0001', 'ACCESS_POLICY', 'Atlassian Cloud sign-in', 1);
    const liveRule = accessRule(livePolicy.id, 'rulStandbyOffice0001', RULE_NAMES[0] as string, 0);
    const liveCatchAll = catchAllRule(livePolicy.id, 'rulStandbyCatchAll01', 'ALLOW', { name: 'Catch-all' });
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0], 'DENY')];

    const plan = planPolicies({ desired, live: [livePolicy, liveRule, liveCatchAll], scope: RULE_KIND_SCOPE, liveOrgUrl: OTHER_ORG_URL });

    expect(requestLines(plan)).toEqual([`PUT /api/v1/policies/${livePolicy.id}/rules/rulStandbyCatchAll01`]);
    expect(stepByKey(plan, `policy-rule:${POLICY}/${CATCH_ALL}:update`).request.body).toEqual({ name: 'Catch-all', actions: { appSignOn: { access: 'DENY' } }, type: 'ACCESS_POLICY' });
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: `${POLICY}/${CATCH_ALL}`, paths: ['/name'] })]);
    expect(plan.blockers).toEqual([]);
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('never deletes the default rule', () => {
    const otherCatchAll = catchAllRule(POLICY, 'rulOtherCatchAll0001', 'DENY');
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0]).slice(0, 1)];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0]).slice(0, 1), otherCatchAll];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE, options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: otherCatchAll.id, reason: expect.stringContaining('never deletes') as string })]);
  });
});

describe('policy rule planner: status and scope', () => {
  it('activates a rule without rewriting it', () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1])];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0, 1]).map((rule, position) => (position === 1 ? edited(rule, { status: 'INACTIVE' }) : rule))];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`POST ${POLICY_PATH}/rules/${RULE_IDS[1]}/lifecycle/activate`]);
    expect(stepByKey(plan, ruleKey(1, 'activate')).check).toEqual({ path: `${POLICY_PATH}/rules/${RULE_IDS[1]}`, fields: [{ pointer: '/status', value: 'ACTIVE' }] });
  });

  it('deactivates before rewriting a rule', () => {
    const desired = [POLICY_RESOURCE, ...rulesInOrder([0, 1]).map((rule, position) => (position === 1 ? edited(rule, { status: 'INACTIVE', actions: { appSignOn: { access: 'DENY' } } }) : rule))];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0, 1])];

    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`POST ${POLICY_PATH}/rules/${RULE_IDS[1]}/lifecycle/deactivate`, `PUT ${POLICY_PATH}/rules/${RULE_IDS[1]}`]);
    expect(stepByKey(plan, ruleKey(1, 'update')).dependsOn).toEqual([ruleKey(1, 'deactivate')]);
  });

  it('changes only the chosen field of a rule', async () => {
    const desiredRule = edited(accessRule(POLICY, RULE_IDS[0] as string, 'Renamed in the snapshot', 0), { actions: { appSignOn: { access: 'DENY' } } });
    const desired = [POLICY_RESOURCE, desiredRule, catchAllRule(POLICY, CATCH_ALL, 'DENY')];
    const live = [POLICY_RESOURCE, ...rulesInOrder([0])];
    const pointer = '/actions/appSignOn/access';

    const plan = planPolicies({ desired, live, scope: [{ type: 'field', id: desiredRule.id, kind: 'policy-rule', pointer }] });
    const update = stepByKey(plan, ruleKey(0, 'update'));

    expect(update.request.body).toMatchObject({ name: RULE_NAMES[0], priority: 0, actions: { appSignOn: { access: 'DENY', verificationMethod: { factorMode: '2FA' } } } });
    expect(update.check?.fields).toEqual([{ pointer, value: 'DENY' }]);
    await expectOnlyWritableFields(plan, specProblems);
  });
});

describe('policy rule planner: deletes', () => {
  const desired = [POLICY_RESOURCE, ...rulesInOrder([0])];
  const live = [POLICY_RESOURCE, ...rulesInOrder([0, 1])];
  const extraId = `${POLICY}/${RULE_IDS[1]}`;

  it('leaves an extra rule unless deletes are allowed', () => {
    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: extraId, reason: expect.stringContaining('--allow-deletes') as string })]);
  });

  it('deletes an extra rule when deletes are allowed', () => {
    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE, options: { allowDeletes: true } });
    const path = `${POLICY_PATH}/rules/${RULE_IDS[1]}`;

    expect(requestLines(plan)).toEqual([`DELETE ${path}`]);
    expect(stepByKey(plan, `policy-rule:${extraId}:delete`)).toMatchObject({ flags: ['deletes'], check: { path, fields: [], absent: true } });
  });

  it('leaves extra rule after incomplete capture', () => {
    const plan = planPolicies({ desired, live, scope: RULE_KIND_SCOPE, options: { allowDeletes: true }, failedLiveSections: ['policy-rule'] });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: extraId, reason: expect.stringContaining('not captured complete') as string })]);
  });
});

describe('policy rule planner: against the sandbox org', () => {
  const ATLASSIAN_POLICY = 'rstQomxKFykBd7WCQInV';
  const RULES_PATH = `/api/v1/policies/${ATLASSIAN_POLICY}/rules`;
  const MANAGED_MAC = 'daeUCC8mXGE9p13vSgfQ';

  it('restores a seeded incident and verifies', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const rules = (await sandboxCall(org, 'GET', RULES_PATH)) as JsonObject[];
      const [first, second, , fourth] = rules;
      // The incident: the first rule moves to the bottom, the fourth is deleted, the catch-all
      // allows everyone, and a device assurance policy is dropped from every rule and deleted.
      await sandboxCall(org, 'PUT', `${RULES_PATH}/${String(first?.['id'])}`, { ...withoutReadOnly(first), priority: 50 });
      await sandboxCall(org, 'DELETE', `${RULES_PATH}/${String(fourth?.['id'])}`);
      const catchAll = rules.find((rule) => rule['system'] === true) as JsonObject;
      await sandboxCall(org, 'PUT', `${RULES_PATH}/${String(catchAll['id'])}`, { name: catchAll['name'], type: 'ACCESS_POLICY', actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '1FA', reauthenticateIn: 'PT12H', constraints: [] } } } });
      await dropDeviceAssurance(org, MANAGED_MAC);
      const live = await captureResources(org);

      const plan = planPolicies({ desired, live, scope: [{ type: 'app', appId: '0oaWGujkWZIYd6DJa3qZ' }] });

      expect(plan.blockers).toEqual([]);
      expect(plan.manualSteps).toEqual([]);
      expectRunsBefore(plan, `device-assurance:${MANAGED_MAC}:create`, `policy-rule:${ATLASSIAN_POLICY}/${String(second?.['id'])}:update`);
      await expectOnlyWritableFields(plan, specProblems);
      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      const restored = (await sandboxCall(org, 'GET', RULES_PATH)) as JsonObject[];
      expect(restored.map((rule) => rule['name'])).toEqual(rules.map((rule) => rule['name']));
    } finally {
      await org.close();
    }
  });
});

function withoutReadOnly(rule: JsonObject | undefined): JsonObject {
  const { id: _id, created: _created, lastUpdated: _lastUpdated, _links: _links, status: _status, system: _system, ...rest } = rule ?? {};
  return rest;
}

/** Removes a device assurance policy from every rule of every policy that names it, then deletes it. */
async function dropDeviceAssurance(org: Awaited<ReturnType<typeof startTestSandbox>>, id: string): Promise<void> {
  for (const type of ['ACCESS_POLICY', 'OKTA_SIGN_ON']) {
    const policies = (await sandboxCall(org, 'GET', `/api/v1/policies?type=${type}`)) as JsonObject[];
    for (const policy of policies) {
      const path = `/api/v1/policies/${String(policy['id'])}/rules`;
      for (const rule of (await sandboxCall(org, 'GET', path)) as JsonObject[]) {
        const assurance = (rule['conditions'] as JsonObject | null)?.['device'] as JsonObject | undefined;
        const include = (assurance?.['assurance'] as JsonObject | undefined)?.['include'];
        if (!Array.isArray(include) || !include.includes(id)) continue;
        const conditions = structuredClone(rule['conditions']) as JsonObject;
        ((conditions['device'] as JsonObject)['assurance'] as JsonObject)['include'] = include.filter((item) => item !== id);
        await sandboxCall(org, 'PUT', `${path}/${String(rule['id'])}`, { ...withoutReadOnly(rule), conditions });
      }
    }
  }
  await sandboxCall(org, 'DELETE', `/api/v1/device-assurances/${id}`);
}

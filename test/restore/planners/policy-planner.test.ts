import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { placeholderFor } from '../../../src-shared/restore/placeholders.js';
import type { RestorePlan } from '../../../src-shared/restore/restore-plan.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { DEFAULT_PRIORITIES, placeAtPriority } from '../../../src-main/sandbox/handlers/policy-priorities.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { group } from '../../support/impact-snapshot.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import { captureResources, expectRunsBefore, requestLines, restoreAndVerify, sandboxCall, specProblems, stepByKey } from './directory-test-support.js';
import { accessRule, catchAllRule, edited, expectOnlyWritableFields, planPolicies, policyResource } from './policy-test-support.js';

const POLICIES = '/api/v1/policies';
const APP_POLICY = 'rstAtlassianSignIn01';
const SESSION_POLICY = '00pEngSessions000001';
const OTHER_SESSION_POLICY = '00pContractors000001';
const DEFAULT_SESSION_POLICY = '00pDefaultSession001';
const ENGINEERING = '00gEngineering000001';
const CONTRACTORS = '00gContractors000001';
const RULE_A = 'rulEngOffice00000001';
const RULE_B = 'rulEngElsewhere00001';
const CATCH_ALL = 'rulCatchAll000000001';

const POLICY_KIND_SCOPE = [{ type: 'kind' as const, kind: 'policy' as const }];
const POLICY_AND_RULE_SCOPE = [...POLICY_KIND_SCOPE, { type: 'kind' as const, kind: 'policy-rule' as const }];

function sessionPolicy(id: string, name: string, priority: number, groupIds: string[], extra: JsonObject = {}): SnapshotResource {
  return policyResource(id, 'OKTA_SIGN_ON', name, priority, { description: `${name} for their groups`, conditions: { people: { groups: { include: groupIds } } }, ...extra });
}

const DEFAULT_SESSION = sessionPolicy(DEFAULT_SESSION_POLICY, 'Default Policy', 3, ['00gEveryone000000001'], { system: true });

function appPolicyWithRules(): SnapshotResource[] {
  return [
    policyResource(APP_POLICY, 'ACCESS_POLICY', 'Atlassian Cloud sign-in', 1, { description: 'Managed devices only' }),
    accessRule(APP_POLICY, RULE_A, 'Engineering in the office', 0, { conditions: { people: { groups: { include: [ENGINEERING] } }, network: { connection: 'ANYWHERE' } } }),
    accessRule(APP_POLICY, RULE_B, 'Engineering elsewhere', 1, { status: 'INACTIVE' }),
    catchAllRule(APP_POLICY, CATCH_ALL, 'DENY'),
  ];
}

describe('policy planner: updates', () => {
  it('replaces a policy with its writable fields', async () => {
    const desired = [group(ENGINEERING, 'dept-engineering'), sessionPolicy(SESSION_POLICY, 'Engineering sessions', 1, [ENGINEERING]), DEFAULT_SESSION];
    const live = [group(ENGINEERING, 'dept-engineering'), sessionPolicy(SESSION_POLICY, 'Engineering sessions', 1, [], { description: 'Emptied' }), DEFAULT_SESSION];

    const plan = planPolicies({ desired, live, scope: POLICY_KIND_SCOPE });
    const path = `${POLICIES}/${SESSION_POLICY}`;

    expect(requestLines(plan)).toEqual([`PUT ${path}`]);
    expect(stepByKey(plan, `policy:${SESSION_POLICY}:update`).request.body).toEqual({
      type: 'OKTA_SIGN_ON',
      name: 'Engineering sessions',
      priority: 1,
      conditions: { people: { groups: { include: [ENGINEERING] } } },
      description: 'Engineering sessions for their groups',
    });
    expect(stepByKey(plan, `policy:${SESSION_POLICY}:update`).check?.fields).toContainEqual({ pointer: '/conditions/people/groups/include', value: [ENGINEERING] });
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('default policy keeps place and status', async () => {
    const desired = [edited(DEFAULT_SESSION, { description: 'Everyone else', status: 'INACTIVE' })];
    const live = [DEFAULT_SESSION];

    const plan = planPolicies({ desired, live, scope: POLICY_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`PUT ${POLICIES}/${DEFAULT_SESSION_POLICY}`]);
    expect(stepByKey(plan, `policy:${DEFAULT_SESSION_POLICY}:update`).request.body).not.toHaveProperty('priority');
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: DEFAULT_SESSION_POLICY, paths: ['/status'], reason: expect.stringContaining('never deactivates a default policy') as string })]);
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('deactivates a policy before rewriting it', () => {
    const desired = [sessionPolicy(SESSION_POLICY, 'Engineering sessions', 1, [ENGINEERING], { status: 'INACTIVE', description: 'Paused' })];
    const live = [sessionPolicy(SESSION_POLICY, 'Engineering sessions', 1, [ENGINEERING])];

    const plan = planPolicies({ desired, live, scope: POLICY_KIND_SCOPE });
    const path = `${POLICIES}/${SESSION_POLICY}`;

    expect(requestLines(plan)).toEqual([`POST ${path}/lifecycle/deactivate`, `PUT ${path}`]);
    expect(stepByKey(plan, `policy:${SESSION_POLICY}:deactivate`).check).toEqual({ path, fields: [{ pointer: '/status', value: 'INACTIVE' }] });
  });

  it('orders policies around uncaptured ones', () => {
    // The org has a third policy between the two that capture took (priority 2 on the live side).
    const desired = [sessionPolicy(SESSION_POLICY, 'Engineering sessions', 1, [ENGINEERING]), sessionPolicy(OTHER_SESSION_POLICY, 'Contractor sessions', 2, [CONTRACTORS]), DEFAULT_SESSION];
    const live = [sessionPolicy(OTHER_SESSION_POLICY, 'Contractor sessions', 1, [CONTRACTORS]), sessionPolicy(SESSION_POLICY, 'Engineering sessions', 3, [ENGINEERING]), edited(DEFAULT_SESSION, { priority: 4 })];

    const plan = planPolicies({ desired, live, scope: POLICY_KIND_SCOPE });
    const order = replayPolicyWrites(plan, [
      { id: OTHER_SESSION_POLICY, priority: 1 },
      { id: '00pUncaptured0000001', priority: 2 },
      { id: SESSION_POLICY, priority: 3 },
    ]);

    expect(plan.steps).toHaveLength(1);
    expect(order.indexOf(SESSION_POLICY)).toBeLessThan(order.indexOf(OTHER_SESSION_POLICY));
  });
});

describe('policy planner: a deleted policy', () => {
  it('creates INACTIVE, adds rules, then activates', async () => {
    const desired = [group(ENGINEERING, 'dept-engineering'), ...appPolicyWithRules()];
    const live = [group(ENGINEERING, 'dept-engineering')];

    const plan = planPolicies({ desired, live, scope: POLICY_AND_RULE_SCOPE });
    const newPolicy = placeholderFor('policy', APP_POLICY);
    const create = stepByKey(plan, `policy:${APP_POLICY}:create`);

    expect(requestLines(plan)).toEqual([
      `POST ${POLICIES}?activate=false`,
      `POST ${POLICIES}/${newPolicy}/rules`,
      `POST ${POLICIES}/${newPolicy}/rules?activate=false`,
      `POST ${POLICIES}/${newPolicy}/lifecycle/activate`,
    ]);
    expect(create.request.body).toEqual({ type: 'ACCESS_POLICY', name: 'Atlassian Cloud sign-in', priority: 1, conditions: null, description: 'Managed devices only' });
    expect(create.creates).toEqual({
      kind: 'policy',
      desiredId: APP_POLICY,
      idPointer: '/id',
      lookup: { path: `${POLICIES}?type=ACCESS_POLICY&q=Atlassian%20Cloud%20sign-in`, pointer: '/name', value: 'Atlassian Cloud sign-in' },
    });
    expect(create.flags).toEqual(['recreates']);
    expect(stepByKey(plan, `policy-rule:${APP_POLICY}/${RULE_A}:create`).request.body).toMatchObject({ priority: 0 });
    expect(stepByKey(plan, `policy-rule:${APP_POLICY}/${RULE_B}:create`).request.body).toMatchObject({ priority: 1 });
    expectRunsBefore(plan, `policy:${APP_POLICY}:create`, `policy-rule:${APP_POLICY}/${RULE_A}:create`);
    expectRunsBefore(plan, `policy-rule:${APP_POLICY}/${RULE_A}:create`, `policy-rule:${APP_POLICY}/${RULE_B}:create`);
    expectRunsBefore(plan, `policy-rule:${APP_POLICY}/${RULE_B}:create`, `policy:${APP_POLICY}:activate`);
    expect(plan.blockers).toEqual([]);
    await expectOnlyWritableFields(plan, specProblems);
  });

  it('deactivates a recreated INACTIVE policy', () => {
    const desired = [sessionPolicy(SESSION_POLICY, 'Engineering sessions', 1, [], { status: 'INACTIVE' })];

    const plan = planPolicies({ desired, live: [], scope: POLICY_KIND_SCOPE });

    expect(requestLines(plan)).toEqual([`POST ${POLICIES}?activate=false`, `POST ${POLICIES}/${placeholderFor('policy', SESSION_POLICY)}/lifecycle/deactivate`]);
  });

  it('asks for the new default rule actions', () => {
    const plan = planPolicies({ desired: [group(ENGINEERING, 'dept-engineering'), ...appPolicyWithRules()], live: [group(ENGINEERING, 'dept-engineering')], scope: POLICY_AND_RULE_SCOPE });

    expect(plan.manualSteps).toEqual([
      expect.objectContaining({
        kind: 'policy-rule',
        resourceId: `${APP_POLICY}/${CATCH_ALL}`,
        title: "Set the actions of the default rule 'Catch-all Rule' in the recreated policy 'Atlassian Cloud sign-in'",
        where: 'Okta Admin Console → Security → Authentication Policies → Atlassian Cloud sign-in → Catch-all Rule',
        blocksVerification: true,
      }),
    ]);
    expect(plan.manualSteps[0]?.instructions.join(' ')).toContain('{"appSignOn":{"access":"DENY"}}');
  });

  it('recreates rules under a policy-only scope', () => {
    const plan = planPolicies({ desired: [group(ENGINEERING, 'dept-engineering'), ...appPolicyWithRules()], live: [group(ENGINEERING, 'dept-engineering')], scope: POLICY_KIND_SCOPE });

    expect(plan.steps.filter((step) => step.kind === 'policy-rule').map((step) => step.action)).toEqual(['create', 'create']);
  });

  it('leaves a deleted default policy to Okta', () => {
    const plan = planPolicies({ desired: [DEFAULT_SESSION], live: [], scope: POLICY_KIND_SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: DEFAULT_SESSION_POLICY, reason: expect.stringContaining('only Okta creates default policies') as string })]);
  });
});

describe('policy planner: deletes', () => {
  const extra = [sessionPolicy(OTHER_SESSION_POLICY, 'Contractor sessions', 1, [CONTRACTORS]), edited(accessRule(OTHER_SESSION_POLICY, '0prContractors000001', 'Contractors', 1), { type: 'SIGN_ON' })];

  it('leaves an extra policy unless deletes are allowed', () => {
    const plan = planPolicies({ desired: [DEFAULT_SESSION], live: [DEFAULT_SESSION, ...extra], scope: POLICY_AND_RULE_SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace.map((item) => item.resourceId)).toEqual([OTHER_SESSION_POLICY, `${OTHER_SESSION_POLICY}/0prContractors000001`]);
    expect(plan.leftInPlace.every((item) => item.reason.includes('--allow-deletes'))).toBe(true);
  });

  it('deletes extra policy with its rules', () => {
    const plan = planPolicies({ desired: [DEFAULT_SESSION], live: [DEFAULT_SESSION, ...extra], scope: POLICY_AND_RULE_SCOPE, options: { allowDeletes: true } });
    const path = `${POLICIES}/${OTHER_SESSION_POLICY}`;

    expect(requestLines(plan)).toEqual([`DELETE ${path}`]);
    expect(stepByKey(plan, `policy:${OTHER_SESSION_POLICY}:delete`)).toMatchObject({ flags: ['deletes'], check: { path, fields: [], absent: true } });
  });

  it('never deletes a default policy', () => {
    const plan = planPolicies({ desired: [], live: [DEFAULT_SESSION], scope: POLICY_KIND_SCOPE, options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: DEFAULT_SESSION_POLICY, reason: expect.stringContaining('never deletes a default policy') as string })]);
  });
});

describe('policy planner: against the sandbox org', () => {
  const ATLASSIAN_APP = '0oaWGujkWZIYd6DJa3qZ';
  const ENGINEERING_SESSIONS = '00pWWccdMfLt5rAKDryD';
  const CONTRACTOR_SESSIONS = '00pbUpDHeP26hxCkSUiq';

  it('recreates a session policy and verifies', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const before = (await sandboxCall(org, 'GET', `${POLICIES}?type=OKTA_SIGN_ON`)) as JsonObject[];
      await sandboxCall(org, 'DELETE', `${POLICIES}/${ENGINEERING_SESSIONS}`);
      const live = await captureResources(org);

      const plan = planPolicies({ desired, live, scope: [{ type: 'app', appId: ATLASSIAN_APP }] });

      expect(plan.blockers).toEqual([]);
      expect(plan.steps.map((step) => `${step.kind} ${step.action}`)).toEqual(['policy create', 'policy-rule create', 'policy-rule create', 'policy activate']);
      await expectOnlyWritableFields(plan, specProblems);
      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      const after = (await sandboxCall(org, 'GET', `${POLICIES}?type=OKTA_SIGN_ON`)) as JsonObject[];
      expect(after.map((policy) => [policy['name'], policy['status']])).toEqual(before.map((policy) => [policy['name'], policy['status']]));
    } finally {
      await org.close();
    }
  });

  it('restores two swapped session policies', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const contractors = (await sandboxCall(org, 'GET', `${POLICIES}/${CONTRACTOR_SESSIONS}`)) as JsonObject;
      await sandboxCall(org, 'PUT', `${POLICIES}/${CONTRACTOR_SESSIONS}`, { type: contractors['type'], name: contractors['name'], description: contractors['description'], conditions: contractors['conditions'], priority: 1 });
      const live = await captureResources(org);

      const plan = planPolicies({ desired, live, scope: [{ type: 'app', appId: ATLASSIAN_APP }] });

      // The diff reports the contractor policy as the one that moved, so it goes back below the other.
      expect(requestLines(plan)).toEqual([`PUT ${POLICIES}/${CONTRACTOR_SESSIONS}`]);
      expect((plan.steps[0]?.request.body as JsonObject)['priority']).toBe(2);
      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      const after = (await sandboxCall(org, 'GET', `${POLICIES}?type=OKTA_SIGN_ON`)) as JsonObject[];
      expect(after.map((policy) => policy['id'])).toEqual([ENGINEERING_SESSIONS, CONTRACTOR_SESSIONS, expect.any(String)]);
    } finally {
      await org.close();
    }
  });
});

/**
 * Replays a plan's policy writes on a list that also contains policies capture did not take,
 * through the sandbox's renumbering, and returns the ids in evaluation order.
 */
function replayPolicyWrites(plan: RestorePlan, policies: Array<{ id: string; priority: number }>): string[] {
  let list: JsonObject[] = policies.map((policy) => ({ ...policy, system: false }));
  for (const step of plan.steps) {
    const priority = (step.request.body as JsonObject | undefined)?.['priority'];
    if (step.request.method !== 'PUT' || typeof priority !== 'number') continue;
    const id = step.request.path.slice(step.request.path.lastIndexOf('/') + 1);
    list = placeAtPriority(list, { id, priority, system: false }, priority, DEFAULT_PRIORITIES);
  }
  return list.map((policy) => String(policy['id']));
}

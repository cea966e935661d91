import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { placeholderFor } from '../../src-shared/restore/placeholders.js';
import type { RestorePlan } from '../../src-shared/restore/restore-plan.js';
import { apiRequest } from '../support/sandbox-harness.js';
import {
  assignGroupStep,
  ATLASSIAN_APP,
  countRequests,
  createGroupStep,
  deleteGroupStep,
  ENGINEERING_RULE,
  execute,
  groupIdsNamed,
  JIRA_ADMINS_GROUP,
  journalLines,
  lastDetail,
  planOf,
  ruleLifecycleStep,
  type Rig,
} from './execute-plan-kit.js';
import { useRig } from './use-rig.js';

const OLD_GROUP = '00gDeletedFinance001';
const GROUP_NAME = 'finance-confluence-users';
const DESCRIPTION = `Recreated ${GROUP_NAME}`;

const start = useRig();

/** Recreate a group, then assign it to the app through its placeholder. */
function createAndAssignPlan(): RestorePlan {
  const group = createGroupStep(OLD_GROUP, GROUP_NAME);
  return planOf([group, assignGroupStep(placeholderFor('group', OLD_GROUP), 4, [group.key])]);
}

/** Records a `started` event for a step as an interrupted run would have left it. */
function recordStarted(sandbox: Rig, plan: RestorePlan, stepIndex: number): void {
  const step = plan.steps[stepIndex - 1];
  if (!step) throw new Error(`The plan has no step ${stepIndex}.`);
  sandbox.journal.recordRestoreStep('r1', { stepIndex, type: 'started', detail: { key: step.key, request: { method: step.request.method, path: step.request.path }, resumed: false } });
}

/** Creates the group directly, as Okta did for a create whose response the interrupted run never recorded. */
async function createGroupInOrg(sandbox: Rig): Promise<string> {
  const response = await apiRequest(sandbox.org, 'POST', '/api/v1/groups', { profile: { name: GROUP_NAME, description: DESCRIPTION } });
  return String((response.body as JsonObject)['id']);
}

describe('resume of a create', () => {
  it('started create found by lookup', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    recordStarted(sandbox, plan, 1);
    const madeId = await createGroupInOrg(sandbox);

    const result = await execute(sandbox, plan);

    expect(result.status).toBe('succeeded');
    expect(result.steps[0]).toEqual({ index: 1, key: plan.steps[0]?.key, state: 'succeeded', outcome: 'found-by-lookup', createdId: madeId });
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(0);
    expect(groupIdsNamed(sandbox.org, GROUP_NAME)).toEqual([madeId]);
    expect(sandbox.org.state.appGroupAssignments.get(ATLASSIAN_APP)?.has(madeId)).toBe(true);
    expect(journalLines(sandbox.journal, 'r1')).toEqual(['1 started', '1 succeeded', '2 started', '2 succeeded']);
    expect(sandbox.events.map((event) => event.type).slice(0, 2)).toEqual(['step-lookup', 'step-succeeded']);
  });

  it('started create not found is sent', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    recordStarted(sandbox, plan, 1);

    const result = await execute(sandbox, plan);

    expect(result.steps[0]?.outcome).toBe('sent');
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(1);
    expect(groupIdsNamed(sandbox.org, GROUP_NAME)).toHaveLength(1);
    expect(journalLines(sandbox.journal, 'r1')).toEqual(['1 started', '1 started', '1 succeeded', '2 started', '2 succeeded']);
    expect(lastDetail(sandbox.journal, 'r1', 1, 'started')?.['resumed']).toBe(true);
  });

  it('5xx create is looked up on resume', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    sandbox.org.faults.set({ serverError: { onRequest: 1, status: 502 } });
    const first = await execute(sandbox, plan);

    const second = await execute(sandbox, plan);

    expect(first.status).toBe('failed');
    expect(second.status).toBe('succeeded');
    expect(sandbox.events.filter((event) => event.type === 'step-lookup')).toHaveLength(1);
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(2);
    expect(groupIdsNamed(sandbox.org, GROUP_NAME)).toHaveLength(1);
  });

  it('4xx create is sent again without lookup', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    sandbox.journal.recordRestoreStep('r1', { stepIndex: 1, type: 'started', detail: { key: plan.steps[0]?.key ?? '', request: { method: 'POST', path: '/api/v1/groups' }, resumed: false } });
    sandbox.journal.recordRestoreStep('r1', { stepIndex: 1, type: 'failed', detail: { key: plan.steps[0]?.key ?? '', phase: 'request', status: 400, message: 'rejected' } });

    const result = await execute(sandbox, plan);

    expect(result.status).toBe('succeeded');
    expect(sandbox.events.filter((event) => event.type === 'step-lookup')).toEqual([]);
  });

  it('create made earlier is only read back', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    const madeId = await createGroupInOrg(sandbox);
    const key = plan.steps[0]?.key ?? '';
    recordStarted(sandbox, plan, 1);
    sandbox.journal.recordRestoreStep('r1', {
      stepIndex: 1,
      type: 'failed',
      detail: { key, phase: 'read-back', requestStatus: 200, message: 'read-back lost', created: { kind: 'group', desiredId: OLD_GROUP, id: madeId } },
    });

    const result = await execute(sandbox, plan);

    expect(result.steps[0]?.outcome).toBe('created-earlier');
    expect(result.createdIds).toEqual({ [`group:${OLD_GROUP}`]: madeId });
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(0);
    expect(sandbox.events.filter((event) => event.type === 'step-lookup')).toEqual([]);
  });

  it('ambiguous lookup fails the step', async () => {
    const sandbox = await start();
    // The seed has an OKTA_GROUP and an APP_GROUP both named jira-software-users.
    const plan = planOf([createGroupStep('00gDeletedJira000001', 'jira-software-users')]);
    recordStarted(sandbox, plan, 1);

    const result = await execute(sandbox, plan);

    expect(result.failure?.detail.phase).toBe('lookup');
    expect(result.failure?.detail.message).toContain('found 2 objects');
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(0);
  });

  it('finished steps are not sent again', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    sandbox.org.faults.set({ failMatchingRequests: { pathIncludes: `/api/v1/apps/${ATLASSIAN_APP}/groups/`, status: 503, times: 100 } });
    const first = await execute(sandbox, plan);
    sandbox.org.faults.clear();

    const second = await execute(sandbox, plan);

    const [groupId] = groupIdsNamed(sandbox.org, GROUP_NAME);
    expect(first.steps.map((step) => step.state)).toEqual(['succeeded', 'failed']);
    expect(first.failure?.detail.message).toContain('gave up after 6 attempts');
    expect(second.steps.map((step) => step.state)).toEqual(['succeeded-earlier', 'succeeded']);
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(1);
    expect(sandbox.org.state.appGroupAssignments.get(ATLASSIAN_APP)?.get(groupId ?? '')?.['priority']).toBe(4);
  });

  it('finished restore sends nothing', async () => {
    const sandbox = await start();
    const plan = createAndAssignPlan();
    await execute(sandbox, plan);
    const sent = sandbox.requests.length;

    const again = await execute(sandbox, plan);

    expect(again.status).toBe('succeeded');
    expect(again.steps.map((step) => step.state)).toEqual(['succeeded-earlier', 'succeeded-earlier']);
    expect(sandbox.requests).toHaveLength(sent);
  });
});

describe('resume of other steps', () => {
  it('started delete answering 404 is done', async () => {
    const sandbox = await start();
    const plan = planOf([deleteGroupStep(JIRA_ADMINS_GROUP)]);
    recordStarted(sandbox, plan, 1);
    await apiRequest(sandbox.org, 'DELETE', `/api/v1/groups/${JIRA_ADMINS_GROUP}`);

    const result = await execute(sandbox, plan);

    const succeeded = lastDetail(sandbox.journal, 'r1', 1, 'succeeded');
    expect(result.status).toBe('succeeded');
    expect(succeeded?.['outcome']).toBe('already-deleted');
    expect(succeeded?.['readBack']).toEqual({ path: `/api/v1/groups/${JIRA_ADMINS_GROUP}`, status: 404, fields: [] });
  });

  it('delete answering 404 on a first run fails', async () => {
    const sandbox = await start();
    const plan = planOf([deleteGroupStep('00gNeverExisted00001')]);

    const result = await execute(sandbox, plan);

    expect(result.failure?.detail.status).toBe(404);
    expect(result.failure?.detail.errorCode).toBe('E0000007');
  });

  it('started activation of an active rule', async () => {
    const sandbox = await start();
    const plan = planOf([ruleLifecycleStep(ENGINEERING_RULE, 'activate')]);
    recordStarted(sandbox, plan, 1);

    const result = await execute(sandbox, plan);

    expect(result.status).toBe('succeeded');
    expect(lastDetail(sandbox.journal, 'r1', 1, 'succeeded')?.['status']).toBe(204);
    expect(sandbox.org.state.groupRules.get(ENGINEERING_RULE)?.['status']).toBe('ACTIVE');
  });
});

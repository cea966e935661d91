import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { placeholderFor } from '../../src-shared/restore/placeholders.js';
import { PlanNotRunnableError } from '../../src-main/restore/execute-plan.js';
import { JournalMismatchError } from '../../src-main/restore/journal-history.js';
import {
  assignGroupStep,
  ATLASSIAN_APP,
  countRequests,
  createGroupStep,
  createRuleStep,
  ENGINEERING_RULE,
  execute,
  groupIdsNamed,
  JIRA_ADMINS_GROUP,
  JIRA_USERS_GROUP,
  journalLines,
  lastDetail,
  planOf,
  ruleIdsNamed,
  ruleLifecycleStep,
  updateGroupStep,
} from './execute-plan-kit.js';
import { useRig } from './use-rig.js';

const OLD_GROUP = '00gDeletedFinance001';
const OLD_RULE = '0prDeletedFinance001';
const GROUP_NAME = 'finance-confluence-users';
const RULE_NAME = 'Finance staff to Confluence';

const start = useRig();

/** Create a group, assign it, create a rule targeting it, activate the rule: placeholders in paths, bodies and checks. */
function recreationPlan() {
  const group = createGroupStep(OLD_GROUP, GROUP_NAME);
  const newGroup = placeholderFor('group', OLD_GROUP);
  const rule = createRuleStep(OLD_RULE, RULE_NAME, newGroup, [group.key]);
  return planOf([group, assignGroupStep(newGroup, 7, [group.key]), rule, ruleLifecycleStep(placeholderFor('group-rule', OLD_RULE), 'activate', [rule.key])]);
}

describe('plan execution', () => {
  it('create then placeholder steps', async () => {
    const sandbox = await start();

    const result = await execute(sandbox, recreationPlan());

    const [groupId] = groupIdsNamed(sandbox.org, GROUP_NAME);
    const [ruleId] = ruleIdsNamed(sandbox.org, RULE_NAME);
    expect(result.status).toBe('succeeded');
    expect(result.steps.map((step) => step.state)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(groupId).toBeDefined();
    expect(result.createdIds).toEqual({ [`group:${OLD_GROUP}`]: groupId, [`group-rule:${OLD_RULE}`]: ruleId });
    expect(sandbox.org.state.appGroupAssignments.get(ATLASSIAN_APP)?.get(groupId ?? '')?.['priority']).toBe(7);
    expect(sandbox.org.state.groupRules.get(ruleId ?? '')?.['status']).toBe('ACTIVE');
    expect(sandbox.org.state.groupRules.get(ruleId ?? '')?.['actions']).toEqual({ assignUserToGroups: { groupIds: [groupId] } });
  });

  it('journal records each step twice', async () => {
    const sandbox = await start();

    await execute(sandbox, recreationPlan());

    const [groupId] = groupIdsNamed(sandbox.org, GROUP_NAME);
    const started = lastDetail(sandbox.journal, 'r1', 2, 'started');
    const created = lastDetail(sandbox.journal, 'r1', 1, 'succeeded');
    expect(journalLines(sandbox.journal, 'r1')).toEqual(['1 started', '1 succeeded', '2 started', '2 succeeded', '3 started', '3 succeeded', '4 started', '4 succeeded']);
    expect(started?.['request']).toEqual({ method: 'PUT', path: `/api/v1/apps/${ATLASSIAN_APP}/groups/${groupId}`, body: { priority: 7 } });
    expect(created?.['created']).toEqual({ kind: 'group', desiredId: OLD_GROUP, id: groupId });
    expect(created?.['outcome']).toBe('sent');
    expect(created?.['readBack']).toEqual({ path: `/api/v1/groups/${groupId}`, status: 200, fields: ['/profile/name', '/profile/description'] });
  });

  it('progress events in step order', async () => {
    const sandbox = await start();

    await execute(sandbox, recreationPlan());

    const lines = sandbox.events.map((event) => `${event.step.index} ${event.type}`);
    expect(lines).toEqual(['1 step-started', '1 step-succeeded', '2 step-started', '2 step-succeeded', '3 step-started', '3 step-succeeded', '4 step-started', '4 step-succeeded']);
    expect(sandbox.events[0]?.step.total).toBe(4);
  });

  it('4xx stops the restore', async () => {
    const sandbox = await start();
    const duplicate = createGroupStep('00gDeletedJira000001', 'jira-software-users');
    const plan = planOf([updateGroupStep(JIRA_ADMINS_GROUP, 'jira-admins', 'Jira administrators (restored)'), duplicate, assignGroupStep(JIRA_ADMINS_GROUP, 3)]);

    const result = await execute(sandbox, plan);

    const failed = lastDetail(sandbox.journal, 'r1', 2, 'failed');
    const skipped = lastDetail(sandbox.journal, 'r1', 3, 'skipped');
    expect(result.status).toBe('failed');
    expect(result.steps.map((step) => step.state)).toEqual(['succeeded', 'failed', 'not-run']);
    expect(result.failure?.step.index).toBe(2);
    expect(journalLines(sandbox.journal, 'r1')).toEqual(['1 started', '1 succeeded', '2 started', '2 failed', '3 skipped']);
    expect(failed?.['status']).toBe(400);
    expect(failed?.['errorCode']).toBe('E0000001');
    expect(failed?.['errorSummary']).toBe('Api validation failed: name');
    expect(failed?.['errorCauses']).toEqual([{ errorSummary: 'name: An object with this field already exists in the current organization' }]);
    expect(String(failed?.['message'])).toContain('POST /api/v1/groups failed: HTTP 400');
    expect(skipped?.['reason']).toBe('earlier-step-failed');
    expect(countRequests(sandbox.requests, 'PUT', `/api/v1/apps/${ATLASSIAN_APP}/groups/${JIRA_ADMINS_GROUP}`)).toBe(0);
  });

  it('4xx on a create is not retried', async () => {
    const sandbox = await start();
    const plan = planOf([createGroupStep('00gDeletedJira000001', 'jira-software-users')]);
    const before = groupIdsNamed(sandbox.org, 'jira-software-users');

    await execute(sandbox, plan);

    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(1);
    expect(groupIdsNamed(sandbox.org, 'jira-software-users')).toEqual(before);
    expect(before).toContain(JIRA_USERS_GROUP);
  });

  it('ignored field fails the read-back', async () => {
    const sandbox = await start();
    const rule = sandbox.org.state.groupRules.get(ENGINEERING_RULE) as JsonObject;
    // Okta ignores `status` in a rule body: only the lifecycle operations change it.
    const replaceActive = {
      key: `group-rule:${ENGINEERING_RULE}:update`,
      kind: 'group-rule' as const,
      action: 'update' as const,
      request: {
        method: 'PUT' as const,
        path: `/api/v1/groups/rules/${ENGINEERING_RULE}`,
        body: { type: 'group_rule', status: 'ACTIVE', name: 'Engineering department', conditions: rule['conditions'] ?? {}, actions: rule['actions'] ?? {} },
      },
      check: { path: `/api/v1/groups/rules/${ENGINEERING_RULE}`, fields: [{ pointer: '/name', value: 'Engineering department' }, { pointer: '/status', value: 'ACTIVE' }] },
    };
    const plan = planOf([ruleLifecycleStep(ENGINEERING_RULE, 'deactivate'), replaceActive, ruleLifecycleStep(ENGINEERING_RULE, 'activate')]);

    const result = await execute(sandbox, plan);

    const failed = lastDetail(sandbox.journal, 'r1', 2, 'failed');
    expect(result.status).toBe('failed');
    expect(result.steps.map((step) => step.state)).toEqual(['succeeded', 'failed', 'not-run']);
    expect(failed?.['phase']).toBe('read-back');
    expect(failed?.['requestStatus']).toBe(200);
    expect(failed?.['mismatches']).toEqual([{ pointer: '/status', expected: 'ACTIVE', actual: 'INACTIVE' }]);
    expect(String(failed?.['message'])).toContain('differs from the plan at /status');
  });

  it('wrong expected value fails the read-back', async () => {
    const sandbox = await start();
    const step = updateGroupStep(JIRA_ADMINS_GROUP, 'jira-admins', 'Jira administrators');
    const wrongCheck = { ...step, check: { path: `/api/v1/groups/${JIRA_ADMINS_GROUP}`, fields: [{ pointer: '/profile/description', value: 'Something else' }, { pointer: '/profile/owner', value: undefined }] } };

    const result = await execute(sandbox, planOf([wrongCheck]));

    expect(result.failure?.detail.mismatches).toEqual([{ pointer: '/profile/description', expected: 'Something else', actual: 'Jira administrators' }]);
  });

  it('expected absent field present fails', async () => {
    const sandbox = await start();
    const step = updateGroupStep(JIRA_ADMINS_GROUP, 'jira-admins', 'Jira administrators');
    const absentCheck = { ...step, check: { path: `/api/v1/groups/${JIRA_ADMINS_GROUP}`, fields: [{ pointer: '/profile/description', value: undefined }] } };

    const result = await execute(sandbox, planOf([absentCheck]));

    expect(result.failure?.detail.mismatches).toEqual([{ pointer: '/profile/description', actual: 'Jira administrators' }]);
  });

  it('blocked plan sends nothing', async () => {
    const sandbox = await start();
    const plan = { ...recreationPlan(), blockers: ['37 users would lose Confluence, above the threshold of 20.'] };

    const failure = await execute(sandbox, plan).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PlanNotRunnableError);
    expect(String(failure)).toContain('37 users would lose Confluence');
    expect(sandbox.requests).toEqual([]);
    expect(journalLines(sandbox.journal, 'r1')).toEqual([]);
  });

  it('step before its dependency is refused', async () => {
    const sandbox = await start();
    const group = createGroupStep(OLD_GROUP, GROUP_NAME);
    const plan = planOf([assignGroupStep(placeholderFor('group', OLD_GROUP), 7, [group.key]), group]);

    const failure = await execute(sandbox, plan).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PlanNotRunnableError);
    expect(String(failure)).toContain('depends on group:00gDeletedFinance001:create');
    expect(sandbox.requests).toEqual([]);
  });

  it('journal of another plan is refused', async () => {
    const sandbox = await start();
    sandbox.journal.recordRestoreStep('r1', { stepIndex: 1, type: 'succeeded', detail: { key: 'group:00gSomethingElse0001:update', outcome: 'sent' } });

    const failure = await execute(sandbox, recreationPlan()).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(JournalMismatchError);
    expect(String(failure)).toContain('group:00gSomethingElse0001:update');
    expect(sandbox.requests).toEqual([]);
  });
});

describe('secrets', () => {
  it('token never reaches journal or events', async () => {
    const sandbox = await start();
    const token = 'scim-bearer-token-wombat-0123456789';
    const plan = planOf([
      {
        key: `app-provisioning:${ATLASSIAN_APP}:update`,
        kind: 'app-provisioning',
        action: 'update',
        request: { method: 'POST', path: `/api/v1/apps/${ATLASSIAN_APP}/connections/default`, body: { profile: { authScheme: 'TOKEN', token }, baseUrl: 'https://api.atlassian.com/scim/directory/1' } },
        check: { path: `/api/v1/apps/${ATLASSIAN_APP}/connections/default`, fields: [{ pointer: '/authScheme', value: 'TOKEN' }, { pointer: '/status', value: 'ENABLED' }] },
      },
    ]);

    const result = await execute(sandbox, plan);

    const started = lastDetail(sandbox.journal, 'r1', 1, 'started');
    expect(result.status).toBe('succeeded');
    expect(sandbox.requests.some((request) => JSON.stringify(request.body).includes(token))).toBe(true);
    expect(JSON.stringify(sandbox.journal.readRestore('r1'))).not.toContain(token);
    expect(JSON.stringify(sandbox.events)).not.toContain(token);
    expect(JSON.stringify(result)).not.toContain(token);
    expect(started?.['request']).toEqual({
      method: 'POST',
      path: `/api/v1/apps/${ATLASSIAN_APP}/connections/default`,
      body: { profile: { authScheme: 'TOKEN', token: '[redacted]' }, baseUrl: 'https://api.atlassian.com/scim/directory/1' },
    });
  });
});

describe('faults', () => {
  it('429 burst is waited out', async () => {
    const sandbox = await start();
    sandbox.org.faults.set({ rateLimitStorm: 3, rateLimitStormResetSeconds: 1 });

    const result = await execute(sandbox, recreationPlan());

    const waits = sandbox.events.flatMap((event) => (event.type === 'rate-limit-wait' && event.reason === '429' ? [`${event.step.index} ${event.path}`] : []));
    expect(result.status).toBe('succeeded');
    expect(waits).toEqual(['1 /api/v1/groups', '1 /api/v1/groups', '1 /api/v1/groups']);
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(4);
    expect(groupIdsNamed(sandbox.org, GROUP_NAME)).toHaveLength(1);
  });

  it('5xx on a create is not retried', async () => {
    const sandbox = await start();
    sandbox.org.faults.set({ serverError: { onRequest: 1, status: 502 } });

    const result = await execute(sandbox, recreationPlan());

    const failed = lastDetail(sandbox.journal, 'r1', 1, 'failed');
    expect(result.status).toBe('failed');
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(1);
    expect(failed?.['status']).toBe(502);
    expect(failed?.['phase']).toBe('request');
    expect(journalLines(sandbox.journal, 'r1')).toEqual(['1 started', '1 failed', '2 skipped', '3 skipped', '4 skipped']);
  });

  it('dropped connection on a create is not retried', async () => {
    const sandbox = await start();
    sandbox.org.faults.set({ dropConnection: { onRequest: 1 } });

    const result = await execute(sandbox, recreationPlan());

    expect(result.failure?.detail.network).toBe(true);
    expect(result.failure?.detail.status).toBeUndefined();
    expect(countRequests(sandbox.requests, 'POST', '/api/v1/groups')).toBe(1);
  });

  it('5xx on a replace is retried', async () => {
    const sandbox = await start();
    sandbox.org.faults.set({ serverError: { onRequest: 1, status: 503 } });

    const result = await execute(sandbox, planOf([updateGroupStep(JIRA_ADMINS_GROUP, 'jira-admins', 'Jira administrators (restored)')]));

    expect(result.status).toBe('succeeded');
    expect(countRequests(sandbox.requests, 'PUT', `/api/v1/groups/${JIRA_ADMINS_GROUP}`)).toBe(2);
  });

  it('5xx on a lifecycle call is retried', async () => {
    const sandbox = await start();
    sandbox.org.faults.set({ serverError: { onRequest: 1, status: 500 } });

    const result = await execute(sandbox, planOf([ruleLifecycleStep(ENGINEERING_RULE, 'deactivate')]));

    expect(result.status).toBe('succeeded');
    expect(countRequests(sandbox.requests, 'POST', `/api/v1/groups/rules/${ENGINEERING_RULE}/lifecycle/deactivate`)).toBe(2);
  });
});

describe('cancellation', () => {
  it('signal stops between steps', async () => {
    const sandbox = await start();
    const controller = new AbortController();

    const result = await execute(sandbox, recreationPlan(), 'r1', {
      signal: controller.signal,
      listener: (event) => {
        sandbox.events.push(event);
        if (event.type === 'step-succeeded' && event.step.index === 2) controller.abort();
      },
    });

    const skipped = lastDetail(sandbox.journal, 'r1', 3, 'skipped');
    expect(result.status).toBe('cancelled');
    expect(result.steps.map((step) => step.state)).toEqual(['succeeded', 'succeeded', 'not-run', 'not-run']);
    expect(journalLines(sandbox.journal, 'r1')).toEqual(['1 started', '1 succeeded', '2 started', '2 succeeded', '3 skipped', '4 skipped']);
    expect(skipped?.['reason']).toBe('cancelled');
    expect(ruleIdsNamed(sandbox.org, RULE_NAME)).toEqual([]);
  });

  it('cancelled restore resumes', async () => {
    const sandbox = await start();
    const controller = new AbortController();
    controller.abort();
    await execute(sandbox, recreationPlan(), 'r1', { signal: controller.signal });

    const result = await execute(sandbox, recreationPlan());

    expect(result.status).toBe('succeeded');
    expect(groupIdsNamed(sandbox.org, GROUP_NAME)).toHaveLength(1);
    expect(ruleIdsNamed(sandbox.org, RULE_NAME)).toHaveLength(1);
  });
});

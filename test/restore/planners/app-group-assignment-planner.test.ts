import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { expectRunsBefore, restoreAndVerify, sandboxCall, stepByKey } from './directory-test-support.js';
import { appSpecProblems, bodyOf, driftedOrg, onlyStep, planApps, planSandbox, PROD_APP } from './app-test-support.js';

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** Groups of the production app in the `atlassian-stack` seed, with their assignment priorities. */
const JSM_USERS = '00gTnl8hzEBHHQAJT1z4'; // priority 1
const SOFTWARE_USERS = '00gBGTAyIgewYItLGgY8'; // priority 3
const JIRA_ADMINS = '00g41TEd0dGBfd5K8v4A'; // priority 6

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };

function group(id: string, name: string): SnapshotResource {
  return { kind: 'group', id, name, body: { id, type: 'OKTA_GROUP', profile: { name, description: `${name} group` } } };
}

function assignment(groupId: string, priority: number, products: string[]): SnapshotResource {
  return { kind: 'app-group-assignment', id: `0oa1/${groupId}`, name: `Atlassian Cloud: group ${groupId}`, body: { id: groupId, priority, profile: { atlassianProducts: products } } };
}

const GROUPS = [group('00g1', 'jira-users'), group('00g2', 'confluence-users'), group('00g3', 'site-admins')];
const ASSIGNMENTS = [assignment('00g1', 0, ['jira-software']), assignment('00g2', 1, ['confluence']), assignment('00g3', 2, ['jira-software', 'confluence'])];

describe('app group assignment planner on the sandbox org', () => {
  it('assigns removed groups again with priority and profile', async () => {
    const drifted = await driftedOrg(async (target) => {
      for (const groupId of [JIRA_ADMINS, SOFTWARE_USERS, JSM_USERS]) await sandboxCall(target, 'DELETE', `/api/v1/apps/${PROD_APP}/groups/${groupId}`);
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'kind', kind: 'app-group-assignment' }]);

    expect(plan.steps).toHaveLength(3);
    for (const groupId of [JSM_USERS, SOFTWARE_USERS, JIRA_ADMINS]) {
      const step = stepByKey(plan, `app-group-assignment:${PROD_APP}/${groupId}:assign`);
      const desired = bodyOf(drifted.desired, 'app-group-assignment', `${PROD_APP}/${groupId}`);
      const path = `/api/v1/apps/${PROD_APP}/groups/${groupId}`;
      expect(step.request).toEqual({ method: 'PUT', path, body: { priority: desired['priority'], profile: desired['profile'] } });
      expect(step.check).toEqual({ path, fields: [{ pointer: '/priority', value: desired['priority'] }, { pointer: '/profile', value: desired['profile'] }] });
    }
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });
});

describe('app group assignment planner on hand-built snapshots', () => {
  it('adds steps in ascending priority', () => {
    const plan = planApps({ desired: [APP, ...GROUPS, ...ASSIGNMENTS], live: [APP, ...GROUPS], scope: [{ type: 'kind', kind: 'app-group-assignment' }] });

    expect(plan.steps.map((step) => (step.request.body as JsonObject)['priority'])).toEqual([0, 1, 2]);
    expectRunsBefore(plan, 'app-group-assignment:0oa1/00g1:assign', 'app-group-assignment:0oa1/00g2:assign');
    expectRunsBefore(plan, 'app-group-assignment:0oa1/00g2:assign', 'app-group-assignment:0oa1/00g3:assign');
  });

  it('always sends the priority for a profile field', () => {
    const live = [APP, ...GROUPS, assignment('00g1', 4, ['confluence'])];
    const plan = planApps({ desired: [APP, ...GROUPS, ...ASSIGNMENTS], live, scope: [{ type: 'field', id: '0oa1/00g1', pointer: '/profile/atlassianProducts' }] });

    const step = onlyStep(plan);
    expect(step.action).toBe('update');
    expect(step.request.body).toEqual({ priority: 4, profile: { atlassianProducts: ['jira-software'] } });
  });

  it('assigns a recreated group through its new id', () => {
    const plan = planApps({ desired: [APP, ...GROUPS, ASSIGNMENTS[0] as SnapshotResource], live: [APP, ...GROUPS.slice(1)], scope: [{ type: 'app', appId: '0oa1' }] });

    const step = stepByKey(plan, 'app-group-assignment:0oa1/00g1:assign');
    expect(step.request.path).toBe('/api/v1/apps/0oa1/groups/{{new:group:00g1}}');
    const create = plan.steps.find((candidate) => candidate.creates?.kind === 'group' && candidate.creates.desiredId === '00g1');
    expect(create).toBeDefined();
    expectRunsBefore(plan, create?.key ?? '', step.key);
    expect(plan.blockers).toEqual([]);
  });

  it('leaves an extra assignment unless deletes are allowed', () => {
    const input = { desired: [APP, ...GROUPS], live: [APP, ...GROUPS, assignment('00g3', 0, ['confluence'])], scope: [{ type: 'kind' as const, kind: 'app-group-assignment' as const }] };

    const kept = planApps(input);
    expect(kept.steps).toEqual([]);
    expect(kept.leftInPlace[0]?.reason).toContain('--allow-deletes');

    const incomplete = planApps({ ...input, options: { allowDeletes: true }, failedLiveSections: ['app-group-assignment'] });
    expect(incomplete.steps).toEqual([]);
    expect(incomplete.leftInPlace[0]?.reason).toContain('not captured complete');
  });

  it('unassigns an extra group last, with deletes allowed', () => {
    const plan = planApps({
      desired: [APP, ...GROUPS, assignment('00g1', 0, ['jira-software'])],
      live: [APP, ...GROUPS, assignment('00g3', 0, ['confluence'])],
      scope: [{ type: 'kind', kind: 'app-group-assignment' }],
      options: { allowDeletes: true },
    });

    expect(plan.steps.map((step) => step.key)).toEqual(['app-group-assignment:0oa1/00g1:assign', 'app-group-assignment:0oa1/00g3:unassign']);
    const unassign = stepByKey(plan, 'app-group-assignment:0oa1/00g3:unassign');
    expect(unassign.request).toEqual({ method: 'DELETE', path: '/api/v1/apps/0oa1/groups/00g3' });
    expect(unassign.flags).toEqual(['deletes']);
    expect(unassign.check).toEqual({ path: '/api/v1/apps/0oa1/groups/00g3', fields: [], absent: true });
    expect(unassign.description).toContain('deprovisions');
  });
});

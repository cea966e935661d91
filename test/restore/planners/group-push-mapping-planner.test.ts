import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { restoreAndVerify, runPlanOnSandbox, sandboxCall, stepByKey } from './directory-test-support.js';
import { appSpecProblems, driftedOrg, onlyStep, planApps, planSandbox, PROD_APP } from './app-test-support.js';

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** The push of `jira-software-users` in the `atlassian-stack` seed, and its source and target groups. */
const MAPPING = 'gPmAHBPkLYc0jyJh7OUw';
const SOURCE = '00gBGTAyIgewYItLGgY8';
const TARGET = '00gsEwSQarnqRkNjEdBi';
const MAPPINGS_PATH = `/api/v1/apps/${PROD_APP}/group-push/mappings`;
const SCOPE = [{ type: 'kind' as const, kind: 'group-push-mapping' as const }];

describe('group push mapping planner on the sandbox org', () => {
  it('sets the status back', async () => {
    const drifted = await driftedOrg(async (target) => {
      await sandboxCall(target, 'PATCH', `${MAPPINGS_PATH}/${MAPPING}`, { status: 'INACTIVE' });
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, SCOPE);

    const step = onlyStep(plan);
    expect(step.request).toEqual({ method: 'PATCH', path: `${MAPPINGS_PATH}/${MAPPING}`, body: { status: 'ACTIVE' } });
    expect(step.check).toEqual({ path: `${MAPPINGS_PATH}/${MAPPING}`, fields: [{ pointer: '/status', value: 'ACTIVE' }] });
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('recreates mapping with source group lookup', async () => {
    const drifted = await driftedOrg(async (target) => {
      await sandboxCall(target, 'PATCH', `${MAPPINGS_PATH}/${MAPPING}`, { status: 'INACTIVE' });
      await sandboxCall(target, 'DELETE', `${MAPPINGS_PATH}/${MAPPING}?deleteTargetGroup=false`);
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, SCOPE);

    // The capture takes only the Atlassian groups that mappings push to, so the live capture lacks
    // the target group: the request names it, and Okta links the mapping to the existing group.
    const step = onlyStep(plan);
    const lookupPath = `${MAPPINGS_PATH}?sourceGroupId=${SOURCE}`;
    expect(step.request).toEqual({ method: 'POST', path: MAPPINGS_PATH, body: { sourceGroupId: SOURCE, targetGroupName: 'jira-software-users', status: 'ACTIVE' } });
    expect(step.creates).toEqual({ kind: 'group-push-mapping', desiredId: `${PROD_APP}/${MAPPING}`, idPointer: '/id', lookup: { path: lookupPath, pointer: '/sourceGroupId', value: SOURCE } });
    expect(step.check).toEqual({
      path: lookupPath,
      fields: [
        { pointer: '/0/sourceGroupId', value: SOURCE },
        { pointer: '/0/status', value: 'ACTIVE' },
      ],
    });
    expect(step.flags).toEqual(['recreates']);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
    const found = (await sandboxCall(org, 'GET', lookupPath)) as JsonObject[];
    expect(found).toEqual([expect.objectContaining({ sourceGroupId: SOURCE, targetGroupId: TARGET, status: 'ACTIVE' })]);
    expect(found[0]?.['id']).not.toBe(MAPPING);
  });

  it('deletes extra mapping, keeps Atlassian group', async () => {
    let extraId = '';
    let extraTarget = '';
    const drifted = await driftedOrg(async (target) => {
      const created = (await sandboxCall(target, 'POST', MAPPINGS_PATH, { sourceGroupId: '00gZ7k4oYsNzD72l6eDK', targetGroupName: 'site-admins', status: 'ACTIVE' })) as JsonObject;
      extraId = String(created['id']);
      extraTarget = String(created['targetGroupId']);
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, SCOPE, { allowDeletes: true });

    const resourceId = `${PROD_APP}/${extraId}`;
    expect(plan.steps.map((step) => step.key)).toEqual([`group-push-mapping:${resourceId}:deactivate`, `group-push-mapping:${resourceId}:delete`]);
    expect(stepByKey(plan, `group-push-mapping:${resourceId}:deactivate`).request).toEqual({ method: 'PATCH', path: `${MAPPINGS_PATH}/${extraId}`, body: { status: 'INACTIVE' } });
    const deletion = stepByKey(plan, `group-push-mapping:${resourceId}:delete`);
    expect(deletion.request).toEqual({ method: 'DELETE', path: `${MAPPINGS_PATH}/${extraId}?deleteTargetGroup=false` });
    expect(deletion.dependsOn).toEqual([`group-push-mapping:${resourceId}:deactivate`]);
    expect(plan.steps.every((step) => step.flags.includes('deletes'))).toBe(true);
    expect(await appSpecProblems(plan)).toEqual([]);

    await runPlanOnSandbox(org, plan);
    expect(await sandboxCall(org, 'GET', `/api/v1/groups/${extraTarget}`)).toMatchObject({ id: extraTarget, type: 'APP_GROUP' });
  });
});

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };
const PROVISIONING: SnapshotResource = { kind: 'app-provisioning', id: '0oa1', name: 'provisioning', body: { authScheme: 'TOKEN', status: 'ENABLED' } };
const GROUPS: SnapshotResource[] = [
  { kind: 'group', id: '00gS', name: 'jira-users', body: { id: '00gS', type: 'OKTA_GROUP', profile: { name: 'jira-users' } } },
  { kind: 'group', id: '00gT', name: 'jira-users', body: { id: '00gT', type: 'APP_GROUP', profile: { name: 'jira-users' } } },
];

function push(id: string, status = 'ACTIVE'): SnapshotResource {
  return { kind: 'group-push-mapping', id: `0oa1/${id}`, name: 'push jira-users', body: { id, sourceGroupId: '00gS', targetGroupId: '00gT', status } };
}

describe('group push mapping planner on hand-built snapshots', () => {
  it('names the Atlassian group by id when captured', () => {
    const plan = planApps({ desired: [APP, PROVISIONING, ...GROUPS, push('gPm1')], live: [APP, PROVISIONING, ...GROUPS], scope: SCOPE });

    const step = onlyStep(plan);
    expect(step.request.body).toEqual({ sourceGroupId: '00gS', targetGroupId: '00gT', status: 'ACTIVE' });
    expect(step.check?.fields).toContainEqual({ pointer: '/0/targetGroupId', value: '00gT' });
  });

  it('names a missing Atlassian group by name', () => {
    const plan = planApps({ desired: [APP, PROVISIONING, ...GROUPS, push('gPm1')], live: [APP, PROVISIONING, GROUPS[0] as SnapshotResource], scope: SCOPE });

    expect(onlyStep(plan).request.body).toEqual({ sourceGroupId: '00gS', targetGroupName: 'jira-users', status: 'ACTIVE' });
  });

  it('asks for provisioning first', () => {
    const plan = planApps({ desired: [APP, PROVISIONING, ...GROUPS, push('gPm1')], live: [APP, ...GROUPS], scope: SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps[0]).toMatchObject({ resourceId: '0oa1/gPm1', blocksVerification: true });
  });

  it('leaves an extra mapping without deletes', () => {
    const plan = planApps({ desired: [APP, PROVISIONING, ...GROUPS], live: [APP, PROVISIONING, ...GROUPS, push('gPm9')], scope: SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('--allow-deletes');
  });
});

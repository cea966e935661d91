import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { OTHER_ORG_URL, restoreAndVerify, runPlanOnSandbox, sandboxCall, stepByKey } from './directory-test-support.js';
import { appSpecProblems, bodyOf, driftedOrg, onlyStep, planApps, planSandbox, PROD_APP } from './app-test-support.js';

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** Users the production app has directly in the `atlassian-stack` seed. */
const PALOMA = '00uGUgyam1uZ86IFpKLh';
const ZOFIA = '00uRKxr7ZolnySFAf9U7';

describe('app user assignment planner on the sandbox org', () => {
  it('assigns a removed user again without pushed attributes', async () => {
    const drifted = await driftedOrg(async (target) => {
      await sandboxCall(target, 'DELETE', `/api/v1/apps/${PROD_APP}/users/${PALOMA}`);
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'resource', id: `${PROD_APP}/${PALOMA}` }]);

    const step = onlyStep(plan);
    expect(step.action).toBe('assign');
    expect(step.request).toEqual({
      method: 'POST',
      path: `/api/v1/apps/${PROD_APP}/users`,
      body: { id: PALOMA, scope: 'USER', profile: { organization: 'Northwind Quanta' }, credentials: { userName: 'paloma.ibarra2@northwindquanta.com' } },
    });
    expect(step.check).toEqual({
      path: `/api/v1/apps/${PROD_APP}/users/${PALOMA}`,
      fields: [
        { pointer: '/scope', value: 'USER' },
        { pointer: '/credentials/userName', value: 'paloma.ibarra2@northwindquanta.com' },
        { pointer: '/profile/organization', value: 'Northwind Quanta' },
      ],
    });
    expect(await appSpecProblems(plan)).toEqual([]);

    await runPlanOnSandbox(org, plan);
  });

  it('sends only changed attributes that no mapping pushes', async () => {
    const drifted = await driftedOrg(async (target) => {
      await sandboxCall(target, 'POST', `/api/v1/apps/${PROD_APP}/users/${ZOFIA}`, { profile: { organization: 'Elsewhere', atlassianProducts: ['confluence'] } });
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'resource', id: `${PROD_APP}/${ZOFIA}` }]);

    const step = onlyStep(plan);
    const path = `/api/v1/apps/${PROD_APP}/users/${ZOFIA}`;
    expect(step.request).toEqual({ method: 'POST', path, body: { profile: { organization: 'Northwind Quanta' } } });
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ paths: ['/profile/atlassianProducts'], reason: expect.stringContaining('profile mapping pushes') as unknown })]);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
    expect(bodyOf(drifted.desired, 'app-user-assignment', `${PROD_APP}/${ZOFIA}`)['profile']).toMatchObject({ organization: 'Northwind Quanta' });
  });
});

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };

function appUser(userId: string, profile: JsonObject, scope = 'USER', login = `${userId}@acme.test`): SnapshotResource {
  return {
    kind: 'app-user-assignment',
    id: `0oa1/${userId}`,
    name: `Atlassian Cloud: ${login}`,
    body: { id: userId, scope, status: 'ACTIVE', syncState: 'DISABLED', credentials: { userName: login }, profile },
  };
}

const SCOPE = [{ type: 'kind' as const, kind: 'app-user-assignment' as const }];

describe('app user assignment planner on hand-built snapshots', () => {
  it('clears a removed attribute with null', () => {
    const plan = planApps({ desired: [APP, appUser('00u1', { department: 'IT' })], live: [APP, appUser('00u1', { department: 'IT', costCenter: 'CC-1' })], scope: SCOPE });

    const step = onlyStep(plan);
    expect(step.request.body).toEqual({ profile: { costCenter: null } });
    expect(step.check?.fields).toEqual([{ pointer: '/profile/costCenter', value: null }]);
  });

  it('plans nothing for group-scoped users', () => {
    const plan = planApps({ desired: [APP, appUser('00u1', { department: 'IT' }, 'GROUP')], live: [APP], scope: SCOPE, options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([]);
    expect(plan.covered).toContainEqual({ kind: 'app-user-assignment', id: '0oa1/00u1' });
  });

  it('extra direct user removed only with deletes', () => {
    const input = { desired: [APP], live: [APP, appUser('00u2', {})], scope: SCOPE };
    expect(planApps(input).leftInPlace[0]?.reason).toContain('--allow-deletes');

    const plan = planApps({ ...input, options: { allowDeletes: true } });
    const step = stepByKey(plan, 'app-user-assignment:0oa1/00u2:unassign');
    expect(step.request).toEqual({ method: 'DELETE', path: '/api/v1/apps/0oa1/users/00u2' });
    expect(step.flags).toEqual(['deletes']);
    expect(step.check?.absent).toBe(true);
  });

  it('matches user by login across orgs', () => {
    const members: SnapshotResource = { kind: 'group-members', id: '00gA', name: 'members', body: [{ id: '00uLIVE', status: 'ACTIVE', profile: { login: 'ana@acme.test' } }] };
    const plan = planApps({
      desired: [APP, appUser('00uOLD', { department: 'IT' }, 'USER', 'ana@acme.test')],
      live: [APP, members],
      scope: SCOPE,
      liveOrgUrl: OTHER_ORG_URL,
    });

    const step = onlyStep(plan);
    expect((step.request.body as JsonObject)['id']).toBe('00uLIVE');
    expect(step.check?.path).toBe('/api/v1/apps/0oa1/users/00uLIVE');
  });
});

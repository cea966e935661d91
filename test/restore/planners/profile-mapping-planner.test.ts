import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { expectRunsBefore, restoreAndVerify, sandboxCall } from './directory-test-support.js';
import { appSpecProblems, bodyOf, driftedOrg, onlyStep, planApps, planSandbox } from './app-test-support.js';

/** The production app's mapping from Okta users to Atlassian users in the `atlassian-stack` seed. */
const MAPPING = 'prmyXyjt57YPucRvfW8Y';
const REMOVED = { expression: null, pushStatus: null };

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** Drift: `atlassianProducts` changed, `title` removed and `userName` added. */
async function driftMapping(target: SandboxOrg): Promise<void> {
  await sandboxCall(target, 'POST', `/api/v1/mappings/${MAPPING}`, {
    properties: {
      atlassianProducts: { expression: '{"confluence"}', pushStatus: 'PUSH' },
      title: REMOVED,
      userName: { expression: 'user.login', pushStatus: 'PUSH' },
    },
  });
}

function propertiesOf(body: JsonObject): JsonObject {
  return body['properties'] as JsonObject;
}

describe('profile mapping planner on the sandbox org', () => {
  it('sends changed properties, removes extra ones', async () => {
    const drifted = await driftedOrg(driftMapping);
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'resource', id: MAPPING }]);

    const step = onlyStep(plan);
    const desired = propertiesOf(bodyOf(drifted.desired, 'profile-mapping', MAPPING));
    expect(step.request).toEqual({
      method: 'POST',
      path: `/api/v1/mappings/${MAPPING}`,
      body: { properties: { atlassianProducts: desired['atlassianProducts'], title: desired['title'], userName: REMOVED } },
    });
    expect(step.check?.fields).toEqual([
      { pointer: '/properties/atlassianProducts', value: desired['atlassianProducts'] },
      { pointer: '/properties/title', value: desired['title'] },
      { pointer: '/properties/userName', value: undefined },
    ]);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('changes only the scoped property', async () => {
    const drifted = await driftedOrg(driftMapping);
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'field', id: MAPPING, pointer: '/properties/atlassianProducts' }]);

    const step = onlyStep(plan);
    const desired = propertiesOf(bodyOf(drifted.desired, 'profile-mapping', MAPPING));
    expect(step.request.body).toEqual({ properties: { atlassianProducts: desired['atlassianProducts'] } });

    await restoreAndVerify(org, plan, drifted.desired);
    const after = (await sandboxCall(org, 'GET', `/api/v1/mappings/${MAPPING}`)) as JsonObject;
    expect(propertiesOf(after)['atlassianProducts']).toEqual(desired['atlassianProducts']);
    expect(propertiesOf(after)['userName']).toEqual({ expression: 'user.login', pushStatus: 'PUSH' });
    expect(propertiesOf(after)['title']).toBeUndefined();
  });
});

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };

function mapping(properties: JsonObject): SnapshotResource {
  return {
    kind: 'profile-mapping',
    id: 'prm1',
    name: 'user → atlassian',
    body: { id: 'prm1', source: { id: 'oty1', name: 'user', type: 'user' }, target: { id: '0oa1', name: 'atlassian', type: 'appuser' }, properties },
  };
}

function schema(custom: JsonObject): SnapshotResource {
  return { kind: 'app-user-schema', id: '0oa1', name: 'Atlassian Cloud: app user schema', body: { definitions: { base: { properties: {} }, custom: { properties: custom } } } };
}

describe('profile mapping planner on hand-built snapshots', () => {
  it('waits for the schema step of the app', () => {
    const costCenter = { title: 'Cost center', type: 'string', scope: 'NONE' };
    const plan = planApps({
      desired: [APP, schema({ costCenter }), mapping({ costCenter: { expression: 'user.costCenter', pushStatus: 'PUSH' } })],
      live: [APP, schema({}), mapping({})],
      scope: [{ type: 'app', appId: '0oa1' }],
    });

    expectRunsBefore(plan, 'app-user-schema:0oa1:update', 'profile-mapping:prm1:update');
  });

  it('makes a missing mapping a manual step', () => {
    const plan = planApps({ desired: [APP, mapping({ atlassianProducts: { expression: '{"jira-software"}', pushStatus: 'PUSH' } })], live: [APP], scope: [{ type: 'kind', kind: 'profile-mapping' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps[0]).toMatchObject({ resourceId: 'prm1', blocksVerification: true, where: 'Okta Admin Console → Directory → Profile Editor → Atlassian Cloud User → Mappings' });
    expect(plan.manualSteps[0]?.instructions.join('\n')).toContain('atlassianProducts = {"jira-software"} (apply on create and update)');
  });

  it('leaves an extra mapping in place', () => {
    const plan = planApps({ desired: [APP], live: [APP, mapping({})], scope: [{ type: 'kind', kind: 'profile-mapping' }], options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('no API to delete a profile mapping');
  });
});

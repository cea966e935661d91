import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { restoreAndVerify, sandboxCall } from './directory-test-support.js';
import { appSpecProblems, bodyOf, driftedOrg, onlyStep, planApps, planSandbox, PROD_APP } from './app-test-support.js';

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const SCHEMA_PATH = `/api/v1/meta/schemas/apps/${PROD_APP}/default`;
const COST_CENTER = { title: 'Cost center', type: 'string', scope: 'NONE' };

/** Drift: `department` removed, `costCenter` added and the description of `atlassianProducts` changed. */
async function driftSchema(target: SandboxOrg): Promise<void> {
  const schema = (await sandboxCall(target, 'GET', SCHEMA_PATH)) as JsonObject;
  const custom = ((schema['definitions'] as JsonObject)['custom'] as JsonObject)['properties'] as JsonObject;
  const products = { ...(custom['atlassianProducts'] as JsonObject), description: 'Edited by hand' };
  await sandboxCall(target, 'POST', SCHEMA_PATH, { definitions: { custom: { properties: { department: null, costCenter: COST_CENTER, atlassianProducts: products } } } });
}

function customOf(body: JsonObject): JsonObject {
  return ((body['definitions'] as JsonObject)['custom'] as JsonObject)['properties'] as JsonObject;
}

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };

function schema(base: JsonObject, custom: JsonObject): SnapshotResource {
  return { kind: 'app-user-schema', id: '0oa1', name: 'Atlassian Cloud: app user schema', body: { title: 'Atlassian Cloud User', definitions: { base: { id: '#base', type: 'object', properties: base, required: ['userName'] }, custom: { id: '#custom', type: 'object', properties: custom, required: [] } } } };
}

const USER_NAME = { title: 'Username', type: 'string', required: true, scope: 'NONE', maxLength: 100 };

describe('app user schema planner', () => {
  it('sends changed properties, null for removed', async () => {
    const drifted = await driftedOrg(driftSchema);
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'resource', id: PROD_APP, kind: 'app-user-schema' }]);

    const step = onlyStep(plan);
    const desired = customOf(bodyOf(drifted.desired, 'app-user-schema', PROD_APP));
    expect(step.request).toEqual({
      method: 'POST',
      path: SCHEMA_PATH,
      body: { definitions: { custom: { properties: { atlassianProducts: desired['atlassianProducts'], costCenter: null, department: desired['department'] } } } },
    });
    expect(step.check?.fields).toEqual([
      { pointer: '/definitions/custom/properties/atlassianProducts', value: desired['atlassianProducts'] },
      { pointer: '/definitions/custom/properties/costCenter', value: undefined },
      { pointer: '/definitions/custom/properties/department', value: desired['department'] },
    ]);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('changes only the scoped property', () => {
    const plan = planApps({
      desired: [APP, schema({ userName: USER_NAME }, { department: { title: 'Department', type: 'string', scope: 'NONE' } })],
      live: [APP, schema({ userName: USER_NAME }, { costCenter: COST_CENTER })],
      scope: [{ type: 'field', id: '0oa1', kind: 'app-user-schema', pointer: '/definitions/custom/properties/department' }],
    });

    expect(onlyStep(plan).request.body).toEqual({ definitions: { custom: { properties: { department: { title: 'Department', type: 'string', scope: 'NONE' } } } } });
  });

  it('leaves base properties in place', () => {
    const plan = planApps({
      desired: [APP, schema({ userName: USER_NAME }, {})],
      live: [APP, schema({ userName: { ...USER_NAME, maxLength: 200 } }, {})],
      scope: [{ type: 'kind', kind: 'app-user-schema' }],
    });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ paths: ['/definitions/base/properties/userName/maxLength'] })]);
    expect(plan.leftInPlace[0]?.reason).toContain('Base attributes');
  });
});

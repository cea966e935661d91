import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { restoreAndVerify, sandboxCall } from './directory-test-support.js';
import { appSpecProblems, bodyOf, driftedOrg, onlyStep, planApps, planSandbox, PROD_APP } from './app-test-support.js';

const FEATURE_ID = `${PROD_APP}/USER_PROVISIONING`;

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };

function feature(capabilities: JsonObject, name = 'USER_PROVISIONING'): SnapshotResource {
  return { kind: 'app-feature', id: `0oa1/${name}`, name: `Atlassian Cloud: ${name}`, body: { name, status: 'ENABLED', capabilities } };
}

const CAPABILITIES = {
  create: { lifecycleCreate: { status: 'ENABLED' } },
  update: { profile: { status: 'ENABLED' }, lifecycleDeactivate: { status: 'ENABLED' }, password: { status: 'DISABLED', seed: 'RANDOM', change: 'KEEP_EXISTING' } },
};

describe('app feature planner', () => {
  it('restores changed capabilities on the sandbox org', async () => {
    const drifted = await driftedOrg(async (target) => {
      await sandboxCall(target, 'PUT', `/api/v1/apps/${PROD_APP}/features/USER_PROVISIONING`, { update: { lifecycleDeactivate: { status: 'DISABLED' } } });
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'resource', id: FEATURE_ID }]);

    const step = onlyStep(plan);
    const path = `/api/v1/apps/${PROD_APP}/features/USER_PROVISIONING`;
    expect(step.request).toEqual({ method: 'PUT', path, body: bodyOf(drifted.desired, 'app-feature', FEATURE_ID)['capabilities'] });
    expect(step.check).toEqual({ path, fields: [{ pointer: '/capabilities/update/lifecycleDeactivate/status', value: 'ENABLED' }] });
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('sends only the scoped capability', async () => {
    const live = structuredClone(CAPABILITIES);
    live.update.profile.status = 'DISABLED';
    live.create.lifecycleCreate.status = 'DISABLED';
    const plan = planApps({
      desired: [APP, feature(CAPABILITIES)],
      live: [APP, feature(live)],
      scope: [{ type: 'field', id: '0oa1/USER_PROVISIONING', pointer: '/capabilities/update/profile/status' }],
    });

    const step = onlyStep(plan);
    expect(step.request.body).toEqual({ update: { profile: { status: 'ENABLED' } } });
    expect(step.check?.fields).toEqual([{ pointer: '/capabilities/update/profile/status', value: 'ENABLED' }]);
    expect(await appSpecProblems(plan)).toEqual([]);
  });

  it('leaves a capability the snapshot lacks', () => {
    const desired = structuredClone(CAPABILITIES) as JsonObject;
    delete (desired['update'] as JsonObject)['password'];
    const plan = planApps({ desired: [APP, feature(desired)], live: [APP, feature(CAPABILITIES)], scope: [{ type: 'kind', kind: 'app-feature' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ paths: ['/capabilities/update/password'] })]);
  });

  it('asks for provisioning before a missing feature', () => {
    const plan = planApps({ desired: [APP, feature(CAPABILITIES)], live: [APP], scope: [{ type: 'kind', kind: 'app-feature' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps[0]).toMatchObject({ resourceId: '0oa1/USER_PROVISIONING', blocksVerification: true });
  });
});

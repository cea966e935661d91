import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import { captureResources, planDirectory, requestLines, restoreAndVerify, sandboxCall, specProblems, stepByKey } from './directory-test-support.js';

const POLICIES = '/api/v1/device-assurances';
const MACOS = 'daeMacos000000000001';
const WINDOWS = 'daeWindows0000000001';

function macosPolicy(id: string, name: string, minimum: string, extra: JsonObject = {}): SnapshotResource {
  return {
    kind: 'device-assurance',
    id,
    name,
    body: {
      id,
      name,
      platform: 'MACOS',
      osVersion: { minimum },
      diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] },
      screenLockType: { include: ['PASSCODE', 'BIOMETRIC'] },
      secureHardwarePresent: true,
      createdBy: '00uAdmin000000000001',
      createdDate: '2025-03-03T11:58:40.000Z',
      lastUpdatedBy: '00uAdmin000000000001',
      lastUpdate: '2026-02-09T16:30:05.000Z',
      _links: { self: { href: `https://acme.okta.test/api/v1/device-assurances/${id}` } },
      ...extra,
    },
  };
}

const scope = [{ type: 'kind' as const, kind: 'device-assurance' as const }];

describe('device assurance planner', () => {
  it('replaces the policy without read-only fields', async () => {
    const plan = planDirectory({ desired: [macosPolicy(MACOS, 'macOS baseline', '14.7.0')], live: [macosPolicy(MACOS, 'macOS baseline', '13.0.0')], scope });
    const update = stepByKey(plan, `device-assurance:${MACOS}:update`);

    expect(requestLines(plan)).toEqual([`PUT ${POLICIES}/${MACOS}`]);
    expect(Object.keys(update.request.body as JsonObject).sort()).toEqual(['diskEncryptionType', 'name', 'osVersion', 'platform', 'screenLockType', 'secureHardwarePresent']);
    expect(update.check?.fields).toContainEqual({ pointer: '/osVersion/minimum', value: '14.7.0' });
    expect(await specProblems(plan)).toEqual([]);
  });

  it('platform change is a manual step', () => {
    const desired = [macosPolicy(MACOS, 'Baseline', '14.7.0', { platform: 'WINDOWS' })];
    const plan = planDirectory({ desired, live: [macosPolicy(MACOS, 'Baseline', '14.7.0')], scope });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps.map((step) => step.title)).toEqual(["Recreate device assurance policy 'Baseline' for WINDOWS"]);
  });

  it('missing policy created with name lookup', async () => {
    const plan = planDirectory({ desired: [macosPolicy(MACOS, 'macOS baseline', '14.7.0')], live: [], scope });
    const create = stepByKey(plan, `device-assurance:${MACOS}:create`);

    expect(requestLines(plan)).toEqual([`POST ${POLICIES}`]);
    expect(create.creates?.lookup).toEqual({ path: POLICIES, pointer: '/name', value: 'macOS baseline' });
    expect(create.flags).toEqual(['recreates']);
    expect(plan.warnings).toEqual([]);
    expect(await specProblems(plan)).toEqual([]);
  });

  it('same-named policy is the same policy', () => {
    const plan = planDirectory({ desired: [macosPolicy(MACOS, 'Baseline', '14.7.0')], live: [macosPolicy(WINDOWS, 'Baseline', '14.7.0')], scope: [{ type: 'resource', id: MACOS }] });

    expect(plan.idMatches).toEqual({ [`device-assurance:${MACOS}`]: WINDOWS });
    expect(requestLines(plan)).toEqual([]);
  });

  it('extra policy stays without allow-deletes', () => {
    const plan = planDirectory({ desired: [], live: [macosPolicy(WINDOWS, 'Old policy', '12.0.0')], scope });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('--allow-deletes');
  });

  it('extra policy is deleted last with allow-deletes', () => {
    const plan = planDirectory({
      desired: [macosPolicy(MACOS, 'macOS baseline', '14.7.0')],
      live: [macosPolicy(WINDOWS, 'Old policy', '12.0.0'), macosPolicy(MACOS, 'macOS baseline', '13.0.0')],
      scope,
      options: { allowDeletes: true },
    });

    expect(requestLines(plan)).toEqual([`PUT ${POLICIES}/${MACOS}`, `DELETE ${POLICIES}/${WINDOWS}`]);
    expect(stepByKey(plan, `device-assurance:${WINDOWS}:delete`).flags).toEqual(['deletes']);
  });
});

describe('device assurance planner against the sandbox', () => {
  it('restores a changed policy', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const seeded = desired.find((resource) => resource.kind === 'device-assurance' && (resource.body as JsonObject)['platform'] === 'MACOS');
      if (!seeded) throw new Error('The seed has no macOS device assurance policy');
      const path = `${POLICIES}/${seeded.id}`;
      const current = (await sandboxCall(org, 'GET', path)) as JsonObject;
      await sandboxCall(org, 'PUT', path, { name: current['name'], platform: 'MACOS', osVersion: { minimum: '12.0.0' } });
      const live = await captureResources(org);

      const plan = planDirectory({ desired, live, scope: [{ type: 'resource', id: seeded.id, kind: 'device-assurance' }] });
      expect(requestLines(plan)).toEqual([`PUT ${path}`]);
      expect(await specProblems(plan)).toEqual([]);

      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      expect(verification.checked).toBe(1);
    } finally {
      await org.close();
    }
  });
});

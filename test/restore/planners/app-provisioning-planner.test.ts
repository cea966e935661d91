import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { planApps } from './app-test-support.js';

const APP: SnapshotResource = { kind: 'app', id: '0oa1', name: 'Atlassian Cloud', body: { id: '0oa1', label: 'Atlassian Cloud', status: 'ACTIVE', signOnMode: 'SAML_2_0' } };

function connection(overrides: JsonObject = {}): SnapshotResource {
  return {
    kind: 'app-provisioning',
    id: '0oa1',
    name: 'Atlassian Cloud: provisioning connection',
    body: { authScheme: 'TOKEN', baseUrl: 'https://api.atlassian.com/scim/directory/d1', status: 'ENABLED', profile: { authScheme: 'TOKEN' }, ...overrides },
  };
}

const SCOPE = [{ type: 'kind' as const, kind: 'app-provisioning' as const }];

describe('app provisioning planner', () => {
  it('makes a changed connection a manual step', () => {
    const plan = planApps({ desired: [APP, connection()], live: [APP, connection({ baseUrl: 'https://api.atlassian.com/scim/directory/other' })], scope: SCOPE });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toHaveLength(1);
    const manual = plan.manualSteps[0];
    expect(manual).toMatchObject({ kind: 'app-provisioning', resourceId: '0oa1', blocksVerification: true });
    expect(manual?.where).toBe('Okta Admin Console → Applications → Atlassian Cloud → Provisioning → Integration');
    const instructions = manual?.instructions.join('\n') ?? '';
    expect(instructions).toContain('https://api.atlassian.com/scim/directory/d1');
    expect(instructions).toContain('admin.atlassian.com → Settings → User provisioning');
  });

  it('asks only to switch the status back', () => {
    const plan = planApps({ desired: [APP, connection()], live: [APP, connection({ status: 'DISABLED' })], scope: SCOPE });

    expect(plan.manualSteps[0]?.instructions).toHaveLength(1);
    expect(plan.manualSteps[0]?.instructions[0]).toContain('select Enable API integration');
  });

  it('sets up a missing connection by hand', () => {
    const plan = planApps({ desired: [APP, connection()], live: [APP], scope: SCOPE });

    expect(plan.manualSteps[0]?.title).toContain('Set up');
    expect(plan.manualSteps[0]?.instructions.join('\n')).toContain('paste it as the API token');
  });

  it('leaves an extra connection unless deletes are allowed', () => {
    const kept = planApps({ desired: [APP], live: [APP, connection()], scope: SCOPE });
    expect(kept.manualSteps).toEqual([]);
    expect(kept.leftInPlace[0]?.reason).toContain('--allow-deletes');

    const removed = planApps({ desired: [APP], live: [APP, connection()], scope: SCOPE, options: { allowDeletes: true } });
    expect(removed.steps).toEqual([]);
    expect(removed.manualSteps[0]?.title).toContain('Turn off');
  });
});

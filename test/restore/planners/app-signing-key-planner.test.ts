import { describe, expect, it } from 'vitest';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { planApps } from './app-test-support.js';

function app(id: string, kid: string): SnapshotResource {
  return { kind: 'app', id, name: 'Atlassian Cloud', body: { id, label: 'Atlassian Cloud', name: 'atlassian', status: 'ACTIVE', signOnMode: 'SAML_2_0', credentials: { signing: { kid } } } };
}

function key(appId: string, kid: string, expiresAt = '2030-01-01T00:00:00.000Z'): SnapshotResource {
  return { kind: 'app-signing-key', id: `${appId}/${kid}`, name: `Atlassian Cloud: key ${kid}`, body: { kid, kty: 'RSA', use: 'sig', expiresAt, x5c: [`certificate-of-${kid}`] } };
}

const KEYS = [{ type: 'kind' as const, kind: 'app-signing-key' as const }];

describe('app signing key planner', () => {
  it('leaves an extra key in place', () => {
    const plan = planApps({
      desired: [app('0oa1', 'kid-a'), key('0oa1', 'kid-a')],
      live: [app('0oa1', 'kid-a'), key('0oa1', 'kid-a'), key('0oa1', 'kid-rotated')],
      scope: KEYS,
      options: { allowDeletes: true },
    });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ kind: 'app-signing-key', resourceId: '0oa1/kid-rotated', paths: [] })]);
    expect(plan.leftInPlace[0]?.reason).toContain('no API to delete a signing key');
  });

  it('makes a missing active key a manual step', () => {
    const plan = planApps({
      desired: [app('0oa1', 'kid-a'), key('0oa1', 'kid-a')],
      live: [app('0oa1', 'kid-b'), key('0oa1', 'kid-b')],
      scope: KEYS,
    });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toHaveLength(1);
    const manual = plan.manualSteps[0];
    expect(manual).toMatchObject({ kind: 'app-signing-key', resourceId: '0oa1/kid-a', blocksVerification: true });
    expect(manual?.where).toContain('admin.atlassian.com → Security → Identity providers');
    const instructions = manual?.instructions.join('\n') ?? '';
    expect(instructions).toContain('POST /api/v1/apps/0oa1/credentials/keys/generate?validityYears=10');
    expect(instructions).toContain('active');
    expect(instructions).toContain('IdP certificate');
    expect(instructions).toContain('SSO URL');
  });

  it('leaves a missing unused key', () => {
    const plan = planApps({
      desired: [app('0oa1', 'kid-b'), key('0oa1', 'kid-old'), key('0oa1', 'kid-b')],
      live: [app('0oa1', 'kid-b'), key('0oa1', 'kid-b')],
      scope: KEYS,
    });

    expect(plan.manualSteps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ resourceId: '0oa1/kid-old', paths: [] })]);
    expect(plan.leftInPlace[0]?.reason).toContain('did not sign with it');
  });

  it('leaves a changed key', () => {
    const plan = planApps({
      desired: [app('0oa1', 'kid-a'), key('0oa1', 'kid-a', '2030-01-01T00:00:00.000Z')],
      live: [app('0oa1', 'kid-a'), key('0oa1', 'kid-a', '2031-01-01T00:00:00.000Z')],
      scope: KEYS,
    });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('cannot be edited');
  });

  it('leaves the keys of a missing app', () => {
    const plan = planApps({ desired: [app('0oa1', 'kid-a'), key('0oa1', 'kid-a')], live: [], scope: KEYS });

    expect(plan.manualSteps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('not in the target org');
  });
});

import { describe, expect, it } from 'vitest';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { planApps } from './app-test-support.js';

function app(id: string, kid: string): SnapshotResource {
  return { kind: 'app', id, name: 'Atlassian Cloud', body: { id, label: 'Atlassian Cloud', name: 'atlassian', status: 'ACTIVE', signOnMode: 'SAML_2_0', credentials: { signing: { kid } } } };
}

function key(appId: string, kid: string): SnapshotResource {
  return { kind: 'app-signing-key', id: `${appId}/${kid}`, name: `key ${kid}`, body: { kid, kty: 'RSA', use: 'sig', x5c: [`certificate-of-${kid}`] } };
}

function metadata(appId: string, kid: string): SnapshotResource {
  return { kind: 'app-saml-metadata', id: appId, name: 'Atlassian Cloud: SAML metadata', body: `<md:EntityDescriptor><ds:X509Certificate>certificate-of-${kid}</ds:X509Certificate></md:EntityDescriptor>` };
}

const DESIRED = [app('0oa1', 'kid-a'), key('0oa1', 'kid-a'), metadata('0oa1', 'kid-a')];
const LIVE = [app('0oa1', 'kid-b'), key('0oa1', 'kid-a'), key('0oa1', 'kid-b'), metadata('0oa1', 'kid-b')];

describe('app SAML metadata planner', () => {
  it('leaves the metadata with the kept key', () => {
    const plan = planApps({ desired: DESIRED, live: LIVE, scope: [{ type: 'app', appId: '0oa1' }] });

    expect(plan.steps).toEqual([]);
    const left = plan.leftInPlace.find((item) => item.kind === 'app-saml-metadata');
    expect(left).toMatchObject({ resourceId: '0oa1', paths: [] });
    expect(left?.reason).toContain('leaves in place');
    expect(left?.reason).toContain('Atlassian trusts the certificate of key kid-b');
  });

  it('follows the app when the key is restored', () => {
    const plan = planApps({ desired: DESIRED, live: LIVE, scope: [{ type: 'app', appId: '0oa1' }], options: { restoreSigningKey: true } });

    expect(plan.steps.map((step) => `${step.key} ${step.flags.join(',')}`)).toEqual(['app:0oa1:update signing-key']);
    expect(plan.leftInPlace.filter((item) => item.kind === 'app-saml-metadata')).toEqual([]);
    expect(plan.leftInPlace.filter((item) => item.kind === 'app-signing-key').map((item) => item.resourceId)).toEqual(['0oa1/kid-b']);
  });

  it('unscoped app gets restore instructions', () => {
    const plan = planApps({ desired: DESIRED, live: LIVE, scope: [{ type: 'resource', id: '0oa1', kind: 'app-saml-metadata' }], options: { restoreSigningKey: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('Restore the app with --signing-key');
  });

  it('leaves a metadata difference with the same key', () => {
    const changed = { ...metadata('0oa1', 'kid-a'), body: '<md:EntityDescriptor entityID="https://acme.okta.test/0oa1"/>' };
    const plan = planApps({ desired: [app('0oa1', 'kid-a'), metadata('0oa1', 'kid-a')], live: [app('0oa1', 'kid-a'), changed], scope: [{ type: 'kind', kind: 'app-saml-metadata' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('no request writes it');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { restoreAndVerify, sandboxCall, stepByKey } from './directory-test-support.js';
import { appSpecProblems, bodyOf, driftedOrg, onlyStep, planApps, planSandbox, PROD_APP, resourceOf, SANDBOX_APP } from './app-test-support.js';

const READ_ONLY_KEYS = ['id', 'created', 'lastUpdated', 'status', '_links', '_embedded', 'features', 'name', 'orn'];

let org: SandboxOrg | undefined;
afterEach(async () => {
  await org?.close();
  org = undefined;
});

/** Replaces the app in the sandbox with a copy of its current body that `edit` changed. */
async function editApp(target: SandboxOrg, appId: string, edit: (body: JsonObject) => void): Promise<void> {
  const body = (await sandboxCall(target, 'GET', `/api/v1/apps/${appId}`)) as JsonObject;
  edit(body);
  await sandboxCall(target, 'PUT', `/api/v1/apps/${appId}`, body);
}

function appResource(id: string, body: JsonObject): SnapshotResource {
  return { kind: 'app', id, name: String(body['label'] ?? id), body: { id, ...body } };
}

function samlApp(id: string, overrides: JsonObject = {}): SnapshotResource {
  return appResource(id, {
    name: 'atlassian',
    label: 'Atlassian Cloud',
    status: 'ACTIVE',
    signOnMode: 'SAML_2_0',
    created: '2025-02-24T16:20:30.000Z',
    features: [],
    credentials: { userNameTemplate: { template: '${source.email}', type: 'BUILT_IN' }, signing: { kid: 'kid-active' } },
    settings: { app: { siteUrl: 'https://acme.atlassian.net' }, signOn: { ssoAcsUrl: 'https://auth.atlassian.com/login/callback' } },
    _links: { self: { href: `https://acme.okta.test/api/v1/apps/${id}` } },
    ...overrides,
  });
}

function key(appId: string, kid: string): SnapshotResource {
  return { kind: 'app-signing-key', id: `${appId}/${kid}`, name: `key ${kid}`, body: { kid, kty: 'RSA', use: 'sig', x5c: [`cert-${kid}`] } };
}

const appScope = (id: string, kind: ResourceKind = 'app') => [{ type: 'resource' as const, id, kind }];

describe('app planner on the sandbox org', () => {
  it('replaces settings without read-only fields', async () => {
    const drifted = await driftedOrg((target) =>
      editApp(target, PROD_APP, (body) => {
        body['label'] = 'Atlassian Cloud (edited)';
        const signOn = (body['settings'] as JsonObject)['signOn'] as JsonObject;
        signOn['attributeStatements'] = [];
      }),
    );
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, appScope(PROD_APP));

    const step = onlyStep(plan);
    const desired = bodyOf(drifted.desired, 'app', PROD_APP);
    expect(step.request.method).toBe('PUT');
    expect(step.request.path).toBe(`/api/v1/apps/${PROD_APP}`);
    const body = step.request.body as JsonObject;
    for (const readOnly of READ_ONLY_KEYS) expect(body).not.toHaveProperty(readOnly);
    expect(body['label']).toBe('Atlassian Cloud');
    expect(body['settings']).toEqual(desired['settings']);
    expect(body['credentials']).toEqual(desired['credentials']);
    expect(step.check?.fields.map((field) => field.pointer)).toEqual(['/label', '/settings/signOn/attributeStatements']);
    expect(step.flags).toEqual([]);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('keeps the live signing key unless selected', async () => {
    const drifted = await driftedOrg((target) =>
      editApp(target, PROD_APP, (body) => {
        ((body['credentials'] as JsonObject)['signing'] as JsonObject)['kid'] = 'oLqlFELrmtX5cl-CsrNw5bub5LrS0O29Gor68T6kr7k';
        body['label'] = 'Atlassian Cloud (edited)';
      }),
    );
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, appScope(PROD_APP));

    const step = onlyStep(plan);
    const credentials = (step.request.body as JsonObject)['credentials'] as JsonObject;
    expect((credentials['signing'] as JsonObject)['kid']).toBe('oLqlFELrmtX5cl-CsrNw5bub5LrS0O29Gor68T6kr7k');
    expect(step.check?.fields.map((field) => field.pointer)).toEqual(['/label']);
    expect(step.flags).not.toContain('signing-key');
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ kind: 'app', resourceId: PROD_APP, paths: ['/credentials/signing/kid'] })]);
    const warning = plan.warnings.find((candidate) => candidate.code === 'signing-key-kept');
    expect(warning?.message).toContain('Atlassian trusts the certificate of key oLqlFELrmtX5cl-CsrNw5bub5LrS0O29Gor68T6kr7k');
    expect(warning?.message).toContain('changes the certificate every SAML response is signed with');
    expect(warning?.message).toContain('--signing-key');

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('switches the signing key back when selected', async () => {
    const drifted = await driftedOrg((target) =>
      editApp(target, PROD_APP, (body) => {
        ((body['credentials'] as JsonObject)['signing'] as JsonObject)['kid'] = 'oLqlFELrmtX5cl-CsrNw5bub5LrS0O29Gor68T6kr7k';
      }),
    );
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, appScope(PROD_APP), { restoreSigningKey: true });

    const step = onlyStep(plan);
    expect(step.flags).toEqual(['signing-key']);
    expect(step.check?.fields).toEqual([{ pointer: '/credentials/signing/kid', value: 'ZL0Uuxj1LQkP6kjrABllu6OIQ7c1Dhl3ZCBm9MyRlP0' }]);
    expect(plan.leftInPlace).toEqual([]);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('activates an app deactivated since the snapshot', async () => {
    const drifted = await driftedOrg(async (target) => {
      await sandboxCall(target, 'POST', `/api/v1/apps/${SANDBOX_APP}/lifecycle/deactivate`);
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, appScope(SANDBOX_APP));

    const step = onlyStep(plan);
    expect(step.request).toEqual({ method: 'POST', path: `/api/v1/apps/${SANDBOX_APP}/lifecycle/activate` });
    expect(step.check).toEqual({ path: `/api/v1/apps/${SANDBOX_APP}`, fields: [{ pointer: '/status', value: 'ACTIVE' }] });

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });

  it('links the sign-in policy of the snapshot again', async () => {
    let defaultPolicyId = '';
    const drifted = await driftedOrg(async (target) => {
      const policies = (await sandboxCall(target, 'GET', '/api/v1/policies?type=ACCESS_POLICY')) as JsonObject[];
      defaultPolicyId = String(policies.find((policy) => policy['system'] === true)?.['id']);
      await sandboxCall(target, 'PUT', `/api/v1/apps/${PROD_APP}/policies/${defaultPolicyId}`);
      // NOTE: the diff ignores `_links`, so the link alone does not make the app differ; the label does.
      await editApp(target, PROD_APP, (body) => {
        body['label'] = 'Atlassian Cloud (edited)';
      });
    });
    org = drifted.org;
    // A capture takes only the policies its apps link to. The live capture therefore lacks the
    // unlinked policy, which the org still has, so the test adds it as a pre-restore capture must.
    const live = [...drifted.live, resourceOf(drifted.desired, 'policy', 'rstQomxKFykBd7WCQInV')];
    const plan = planSandbox(org, drifted.desired, live, appScope(PROD_APP));

    const link = stepByKey(plan, `app:${PROD_APP}:link`);
    expect(link.request).toEqual({ method: 'PUT', path: `/api/v1/apps/${PROD_APP}/policies/rstQomxKFykBd7WCQInV` });
    expect(link.check?.fields).toEqual([{ pointer: '/_links/accessPolicy/href', value: `${org.url}/api/v1/policies/rstQomxKFykBd7WCQInV` }]);
    expect(defaultPolicyId).not.toBe('rstQomxKFykBd7WCQInV');
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
    const app = (await sandboxCall(org, 'GET', `/api/v1/apps/${PROD_APP}`)) as JsonObject;
    expect(((app['_links'] as JsonObject)['accessPolicy'] as JsonObject)['href']).toBe(`${org.url}/api/v1/policies/rstQomxKFykBd7WCQInV`);
  });
});

describe('app planner on hand-built snapshots', () => {
  it('deactivates before the replace and warns', () => {
    const plan = planApps({
      desired: [samlApp('0oa1', { status: 'INACTIVE', label: 'Atlassian (old)' })],
      live: [samlApp('0oa1')],
      scope: appScope('0oa1'),
    });

    expect(plan.steps.map((step) => step.key)).toEqual(['app:0oa1:deactivate', 'app:0oa1:update']);
    expect(stepByKey(plan, 'app:0oa1:update').dependsOn).toEqual(['app:0oa1:deactivate']);
    expect(stepByKey(plan, 'app:0oa1:deactivate').request).toEqual({ method: 'POST', path: '/api/v1/apps/0oa1/lifecycle/deactivate' });
    expect(plan.warnings.map((warning) => warning.code)).toEqual(['app-deactivation']);
    expect(plan.warnings[0]?.message).toContain('unassigned');
  });

  it('activates after the replace', () => {
    const plan = planApps({
      desired: [samlApp('0oa1', { label: 'Atlassian (old)' })],
      live: [samlApp('0oa1', { status: 'INACTIVE' })],
      scope: appScope('0oa1'),
    });

    expect(plan.steps.map((step) => step.key)).toEqual(['app:0oa1:update', 'app:0oa1:activate']);
    expect(stepByKey(plan, 'app:0oa1:activate').dependsOn).toEqual(['app:0oa1:update']);
  });

  it('never sends secrets or masked values', async () => {
    const oidc = (secret: string, password: string): SnapshotResource =>
      appResource('0oa2', {
        name: 'oidc_client',
        label: 'Jira OIDC',
        status: 'ACTIVE',
        signOnMode: 'OPENID_CONNECT',
        credentials: { oauthClient: { client_id: '0oa2clientid', client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' }, password: { value: password } },
        settings: { oauthClient: { redirect_uris: ['https://jira.example/callback'], grant_types: ['authorization_code'], response_types: ['code'], application_type: 'web' }, app: { apiToken: '********' } },
      });
    const desired = oidc('desired-secret', 'desired-password');
    (((desired.body as JsonObject)['settings'] as JsonObject)['oauthClient'] as JsonObject)['redirect_uris'] = ['https://jira.example/old'];
    const plan = planApps({ desired: [desired], live: [oidc('live-secret', 'live-password')], scope: appScope('0oa2') });

    const step = onlyStep(plan);
    const text = JSON.stringify(step.request.body);
    expect(text).not.toContain('client_secret"');
    expect(text).not.toContain('password');
    expect(text).not.toContain('****');
    expect(text).not.toContain('desired-secret');
    expect((step.request.body as JsonObject)['name']).toBe('oidc_client');
    expect(step.check?.fields.map((field) => field.pointer)).toEqual(['/settings/oauthClient/redirect_uris']);
    const secrets = plan.leftInPlace.find((item) => item.paths.includes('/credentials/oauthClient/client_secret'));
    expect(secrets?.paths).toEqual(['/credentials/oauthClient/client_secret', '/credentials/password/value']);
    expect(await appSpecProblems(plan)).toEqual([]);
  });

  it('changes only the scoped field', () => {
    const live = samlApp('0oa1', { label: 'Atlassian (edited)', settings: { app: { siteUrl: 'https://other.atlassian.net' } } });
    const plan = planApps({
      desired: [samlApp('0oa1')],
      live: [live],
      scope: [{ type: 'field', id: '0oa1', kind: 'app', pointer: '/label' }],
    });

    const step = onlyStep(plan);
    const body = step.request.body as JsonObject;
    expect(body['label']).toBe('Atlassian Cloud');
    expect(body['settings']).toEqual({ app: { siteUrl: 'https://other.atlassian.net' } });
    expect(step.check?.fields).toEqual([{ pointer: '/label', value: 'Atlassian Cloud' }]);
  });

  it('keeps kid when selected key is gone', () => {
    const plan = planApps({
      desired: [samlApp('0oa1', { credentials: { signing: { kid: 'kid-old' } } }), key('0oa1', 'kid-old')],
      live: [samlApp('0oa1', { credentials: { signing: { kid: 'kid-active' } } }), key('0oa1', 'kid-active')],
      scope: appScope('0oa1'),
      options: { restoreSigningKey: true },
    });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ paths: ['/credentials/signing/kid'] })]);
    expect(plan.leftInPlace[0]?.reason).toContain('no longer has');
  });

  it('leaves read-only differences with the reason', () => {
    const plan = planApps({
      desired: [samlApp('0oa1', { label: 'Atlassian (old)', features: ['GROUP_PUSH'] })],
      live: [samlApp('0oa1')],
      scope: appScope('0oa1'),
    });

    expect(onlyStep(plan).request.body).not.toHaveProperty('features');
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ paths: ['/features'], reason: expect.stringContaining('Okta sets') as unknown })]);
  });

  it('turns a missing app into a manual step', () => {
    const plan = planApps({ desired: [samlApp('0oa1')], live: [], scope: [{ type: 'app', appId: '0oa1' }] });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toEqual([expect.objectContaining({ kind: 'app', resourceId: '0oa1', blocksVerification: true })]);
    expect(plan.manualSteps[0]?.instructions.join(' ')).toContain('admin.atlassian.com → Security → Identity providers');
    const warning = plan.warnings.find((candidate) => candidate.code === 'app-not-recreated');
    expect(warning?.message).toContain('new id');
    expect(warning?.message).toContain('new SAML signing key');
    expect(warning?.message).toContain('assignments');
  });

  it('never deletes an extra app', () => {
    const plan = planApps({ desired: [], live: [samlApp('0oa9')], scope: [{ type: 'kind', kind: 'app' }], options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace).toEqual([expect.objectContaining({ kind: 'app', resourceId: '0oa9', paths: [] })]);
  });
});

describe('app scope on the sandbox org', () => {
  it('restores every part of a drifted app', async () => {
    const drifted = await driftedOrg(async (target) => {
      await editApp(target, PROD_APP, (body) => {
        body['label'] = 'Atlassian Cloud (edited)';
      });
      await sandboxCall(target, 'POST', '/api/v1/mappings/prmyXyjt57YPucRvfW8Y', { properties: { atlassianProducts: { expression: '{"confluence"}', pushStatus: 'PUSH' } } });
      await sandboxCall(target, 'DELETE', `/api/v1/apps/${PROD_APP}/groups/00gTnl8hzEBHHQAJT1z4`);
      await sandboxCall(target, 'PATCH', `/api/v1/apps/${PROD_APP}/group-push/mappings/gPmAHBPkLYc0jyJh7OUw`, { status: 'INACTIVE' });
      await sandboxCall(target, 'PUT', `/api/v1/apps/${PROD_APP}/features/USER_PROVISIONING`, { create: { lifecycleCreate: { status: 'DISABLED' } } });
    });
    org = drifted.org;
    const plan = planSandbox(org, drifted.desired, drifted.live, [{ type: 'app', appId: PROD_APP }]);

    expect(plan.steps.map((step) => step.key).sort()).toEqual([
      `app-feature:${PROD_APP}/USER_PROVISIONING:update`,
      `app-group-assignment:${PROD_APP}/00gTnl8hzEBHHQAJT1z4:assign`,
      `app:${PROD_APP}:update`,
      `group-push-mapping:${PROD_APP}/gPmAHBPkLYc0jyJh7OUw:activate`,
      'profile-mapping:prmyXyjt57YPucRvfW8Y:update',
    ]);
    expect(plan.blockers).toEqual([]);
    expect(await appSpecProblems(plan)).toEqual([]);

    const verification = await restoreAndVerify(org, plan, drifted.desired);
    expect(verification.residuals).toEqual([]);
  });
});

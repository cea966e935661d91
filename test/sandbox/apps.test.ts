import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: smallOrgSeed() });
  return org;
}

const appPath = `/api/v1/apps/${SMALL_ORG.appId}`;

function samlApp(label: string): JsonObject {
  return {
    label,
    signOnMode: 'SAML_2_0',
    settings: { signOn: { ssoAcsUrl: 'https://staging.example.test/acs', audience: 'https://staging.example.test' } },
  };
}

describe('app lifecycle', () => {
  it('active app cannot be deleted', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'DELETE', appPath);

    expect(status).toBe(403);
    expect(body).toMatchObject({ errorCode: 'E0000056' });
    expect(sandbox.state.apps.has(SMALL_ORG.appId)).toBe(true);
  });

  it('inactive app can be deleted', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    await client.applicationApi.deactivateApplication({ appId: SMALL_ORG.appId });

    await client.applicationApi.deleteApplication({ appId: SMALL_ORG.appId });

    expect(sandbox.state.apps.has(SMALL_ORG.appId)).toBe(false);
    expect(sandbox.state.appGroupAssignments.has(SMALL_ORG.appId)).toBe(false);
  });

  it('deactivated app keeps only direct users', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', `${appPath}/lifecycle/deactivate`);

    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/users`);

    expect(body).toEqual([]);
  });

  it('activation brings group users back', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', `${appPath}/lifecycle/deactivate`);
    await apiRequest(sandbox, 'POST', `${appPath}/lifecycle/activate`);

    const { body } = await apiRequest(sandbox, 'GET', `${appPath}/users`);

    expect(body).toHaveLength(12);
  });
});

describe('app create and replace', () => {
  it('created saml app gets a signing key', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/apps?activate=false', samlApp('Atlassian staging'));
    const app = body as JsonObject;
    const keys = await apiRequest(sandbox, 'GET', `/api/v1/apps/${String(app['id'])}/credentials/keys`);

    expect(status).toBe(200);
    expect(app['status']).toBe('INACTIVE');
    expect(app['id']).toMatch(/^0oa[0-9A-Za-z]{17}$/);
    expect((keys.body as JsonObject[])[0]?.['kid']).toBe((app['credentials'] as JsonObject)['signing'] && ((app['credentials'] as JsonObject)['signing'] as JsonObject)['kid']);
  });

  it('created app gets both profile mappings', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'POST', '/api/v1/apps', samlApp('Atlassian staging'));
    const appId = String((body as JsonObject)['id']);
    const toApp = await apiRequest(sandbox, 'GET', `/api/v1/mappings?sourceId=${SMALL_ORG.userTypeId}&targetId=${appId}`);
    const fromApp = await apiRequest(sandbox, 'GET', `/api/v1/mappings?sourceId=${appId}&targetId=${SMALL_ORG.userTypeId}`);

    expect(toApp.body).toHaveLength(1);
    expect(fromApp.body).toHaveLength(1);
  });

  it('duplicate label is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', '/api/v1/apps', samlApp('Atlassian Cloud'));

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000040' });
  });

  it('replace keeps id, name and status', async () => {
    const sandbox = await start();
    const current = (await apiRequest(sandbox, 'GET', appPath)).body as JsonObject;

    const { body } = await apiRequest(sandbox, 'PUT', appPath, { ...current, id: 'ignored', name: 'ignored', status: 'INACTIVE', label: 'Atlassian (prod)' });

    expect(body).toMatchObject({ id: SMALL_ORG.appId, name: 'atlassian', status: 'ACTIVE', label: 'Atlassian (prod)' });
  });

  it('replace keeps unknown settings', async () => {
    const sandbox = await start();
    const current = (await apiRequest(sandbox, 'GET', appPath)).body as JsonObject;
    const settings = { ...(current['settings'] as JsonObject), app: { siteUrl: 'https://example.atlassian.net', futureField: 42 } };

    await apiRequest(sandbox, 'PUT', appPath, { ...current, settings });
    const { body } = await apiRequest(sandbox, 'GET', appPath);

    expect(((body as JsonObject)['settings'] as JsonObject)['app']).toEqual({ siteUrl: 'https://example.atlassian.net', futureField: 42 });
  });

  it('replace rejects an unknown signing key', async () => {
    const sandbox = await start();
    const current = (await apiRequest(sandbox, 'GET', appPath)).body as JsonObject;

    const { status } = await apiRequest(sandbox, 'PUT', appPath, { ...current, credentials: { signing: { kid: 'no-such-key' } } });

    expect(status).toBe(400);
  });

  it('list filters by status', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', '/api/v1/apps?activate=false', samlApp('Atlassian staging'));

    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/apps?filter=${encodeURIComponent('status eq "INACTIVE"')}`);

    expect((body as JsonObject[]).map((app) => app['label'])).toEqual(['Atlassian staging']);
  });

  it('list matches q on label', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', '/api/v1/apps?q=atlas');

    expect(body).toHaveLength(1);
  });
});

describe('signing keys and metadata', () => {
  it('generate requires validity years', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', `${appPath}/credentials/keys/generate`);

    expect(status).toBe(400);
  });

  it('generated key joins the key store', async () => {
    const sandbox = await start();

    const generated = await apiRequest(sandbox, 'POST', `${appPath}/credentials/keys/generate?validityYears=2`);
    const listed = await apiRequest(sandbox, 'GET', `${appPath}/credentials/keys`);

    expect(generated.status).toBe(201);
    expect(generated.body).toMatchObject({ kty: 'RSA', use: 'sig' });
    expect((listed.body as JsonObject[]).map((key) => key['kid'])).toContain((generated.body as JsonObject)['kid']);
  });

  it('generated key certificate matches thumbprint', async () => {
    const sandbox = await start();
    const { createHash } = await import('node:crypto');

    const { body } = await apiRequest(sandbox, 'POST', `${appPath}/credentials/keys/generate?validityYears=3`);
    const key = body as JsonObject;
    const der = Buffer.from(String((key['x5c'] as string[])[0]), 'base64');

    expect(createHash('sha256').update(der).digest('base64url')).toBe(key['x5t#S256']);
  });

  it('metadata carries the chosen certificate', async () => {
    const sandbox = await start();
    const { body } = await apiRequest(sandbox, 'POST', `${appPath}/credentials/keys/generate?validityYears=2`);
    const key = body as JsonObject;

    const metadata = await apiRequest(sandbox, 'GET', `${appPath}/sso/saml/metadata?kid=${String(key['kid'])}`);

    expect(metadata.headers.get('content-type')).toContain('xml');
    expect(String(metadata.body)).toContain(String((key['x5c'] as string[])[0]));
  });

  it('metadata for unknown kid is 404', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'GET', `${appPath}/sso/saml/metadata?kid=nope`);

    expect(status).toBe(404);
  });
});

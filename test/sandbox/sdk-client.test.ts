import { generateKeyPairSync } from 'node:crypto';
import { Client } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxOrg, SandboxOptions } from '../../src-main/sandbox/server.js';
import { sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { SMALL_ORG, smallOrgSeed } from '../support/small-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(options: Partial<SandboxOptions> = {}): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: smallOrgSeed(), ...options });
  return org;
}

async function collect<T>(collection: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of collection) items.push(item);
  return items;
}

describe('okta sdk against the sandbox', () => {
  it('lists apps', async () => {
    const client = sdkClient(await start());

    const apps = await collect(await client.applicationApi.listApplications({ limit: 200 }));

    expect(apps.map((app) => app?.id)).toEqual([SMALL_ORG.appId]);
    expect(apps[0]?.label).toBe('Atlassian Cloud');
  });

  it('pages app users at page size two', async () => {
    const sandbox = await start();
    const requests: string[] = [];
    const client = sdkClient(sandbox);
    client.requestExecutor.on('request', (request: { url: string }) => requests.push(request.url));

    const users = await collect(await client.applicationApi.listApplicationUsers({ appId: SMALL_ORG.appId, limit: 2 }));

    expect(users).toHaveLength(12);
    expect(new Set(users.map((user) => user?.id)).size).toBe(12);
    expect(requests.length).toBe(6);
  });

  it('waits out a 429', async () => {
    const sandbox = await start();
    sandbox.faults.set({ rateLimitStorm: 1, rateLimitStormResetSeconds: 1 });
    const client = sdkClient(sandbox);
    const backoffs: number[] = [];
    client.requestExecutor.on('backoff', (_request: unknown, _response: unknown, _id: unknown, delayMs: number) => backoffs.push(delayMs));

    const app = await client.applicationApi.getApplication({ appId: SMALL_ORG.appId });

    expect(app.id).toBe(SMALL_ORG.appId);
    expect(backoffs).toHaveLength(1);
    expect(backoffs[0]).toBeGreaterThan(0);
  });

  it('rejects a wrong api token', async () => {
    const client = sdkClient(await start(), 'not-a-token');

    const failure = await client.applicationApi.getApplication({ appId: SMALL_ORG.appId }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ status: 401, errorCode: 'E0000011' });
  });
});

describe('oauth service app with private_key_jwt', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1' };
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key-1' };
  const clientId = '0oaservice0app0test01';

  function serviceAppClient(sandbox: SandboxOrg, scopes: string[]): Client {
    return new Client({
      orgUrl: sandbox.url,
      authorizationMode: 'PrivateKey',
      clientId,
      scopes,
      privateKey: JSON.stringify(privateJwk),
      keyId: 'test-key-1',
      cacheMiddleware: null,
    });
  }

  it('reads with a read scope', async () => {
    const sandbox = await start({ serviceApps: [{ clientId, publicKeys: [publicJwk], grantedScopes: ['okta.apps.read'] }] });

    const app = await serviceAppClient(sandbox, ['okta.apps.read']).applicationApi.getApplication({ appId: SMALL_ORG.appId });

    expect(app.id).toBe(SMALL_ORG.appId);
  });

  it('cannot write with a read scope', async () => {
    const sandbox = await start({ serviceApps: [{ clientId, publicKeys: [publicJwk], grantedScopes: ['okta.apps.read'] }] });
    const client = serviceAppClient(sandbox, ['okta.apps.read']);

    const failure = await client.applicationApi.deactivateApplication({ appId: SMALL_ORG.appId }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ status: 403, errorCode: 'E0000006' });
    expect(sandbox.state.apps.get(SMALL_ORG.appId)?.['status']).toBe('ACTIVE');
  });

  it('writes with a manage scope', async () => {
    const sandbox = await start({ serviceApps: [{ clientId, publicKeys: [publicJwk], grantedScopes: ['okta.apps.manage'] }] });

    await serviceAppClient(sandbox, ['okta.apps.manage']).applicationApi.deactivateApplication({ appId: SMALL_ORG.appId });

    expect(sandbox.state.apps.get(SMALL_ORG.appId)?.['status']).toBe('INACTIVE');
  });

  it('fails with a key it does not know', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const sandbox = await start({ serviceApps: [{ clientId, publicKeys: [{ ...other, kid: 'test-key-1' }], grantedScopes: ['okta.apps.read'] }] });

    const failure = await serviceAppClient(sandbox, ['okta.apps.read']).applicationApi.getApplication({ appId: SMALL_ORG.appId }).catch(
      (error: unknown) => error,
    );

    expect(failure).toMatchObject({ status: 401 });
  });
});

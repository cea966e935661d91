import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CAPTURE_SCOPES } from '../../src-main/okta/okta-client.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { captureSandbox } from '../support/capture-harness.js';
import { startTestSandbox } from '../support/sandbox-harness.js';

const CLIENT_ID = '0oacaptureservice001';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(grantedScopes: string[]): Promise<SandboxOrg> {
  org = await startTestSandbox({
    seed: await loadSeed('atlassian-stack'),
    serviceApps: [{ clientId: CLIENT_ID, publicKeys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'capture-key' }], grantedScopes }],
  });
  return org;
}

describe('capture with an oauth service app', () => {
  it('read-only scopes capture everything', async () => {
    const sandbox = await start(CAPTURE_SCOPES);

    const { snapshot } = await captureSandbox(sandbox, {
      credential: { type: 'private-key', clientId: CLIENT_ID, scopes: CAPTURE_SCOPES, privateKeyPem, keyId: 'capture-key' },
    });

    expect(Object.values(snapshot.sections).every((section) => section.status === 'complete')).toBe(true);
  });

  it('a missing scope fails its sections', async () => {
    const scopes = CAPTURE_SCOPES.filter((scope) => scope !== 'okta.policies.read');
    const sandbox = await start(scopes);

    const { snapshot } = await captureSandbox(sandbox, { credential: { type: 'private-key', clientId: CLIENT_ID, scopes, privateKeyPem, keyId: 'capture-key' } });
    const policy = snapshot.sections['policy'];

    expect(policy.status).toBe('failed');
    expect(policy.status === 'failed' ? policy.error : '').toContain('okta.policies');
  });

  it('api token never appears in errors', async () => {
    const sandbox = await start(CAPTURE_SCOPES);
    sandbox.faults.set({ failMatchingRequests: { pathIncludes: '/api/v1/groups', times: 100, status: 500 } });

    const { snapshot } = await captureSandbox(sandbox);

    expect(JSON.stringify(snapshot.sections)).not.toContain(sandbox.token);
    expect(snapshot.sections['group'].status).toBe('failed');
  });
});

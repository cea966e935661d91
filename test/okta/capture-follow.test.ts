import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureSnapshot, type CaptureFollow } from '../../src-main/okta/capture/capture-snapshot.js';
import { createOktaClient } from '../../src-main/okta/okta-client.js';
import { OktaTransport } from '../../src-main/okta/okta-transport.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';

const APP = '0oaWGujkWZIYd6DJa3qZ';

let org: SandboxOrg;

beforeEach(async () => {
  org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  await apiRequest(org, 'POST', '/api/v1/zones', { type: 'IP', name: 'Unused office', gateways: [{ type: 'CIDR', value: '203.0.113.0/24' }] });
  await apiRequest(org, 'POST', '/api/v1/device-assurances', { name: 'Unused baseline', platform: 'MACOS', osVersion: { minimum: '14.0.0' } });
  await apiRequest(org, 'POST', '/api/v1/policies', { type: 'ACCESS_POLICY', name: 'Unused sign-in' });
});

afterEach(async () => {
  await org.close();
});

async function namesCaptured(follow?: CaptureFollow): Promise<string[]> {
  const transport = new OktaTransport(createOktaClient(org.url, { type: 'api-token', token: org.token }));
  const snapshot = await captureSnapshot({ transport, apps: [APP], ...(follow ? { follow } : {}) });
  return snapshot.resources.filter((resource) => ['network-zone', 'device-assurance', 'policy'].includes(resource.kind)).map((resource) => resource.name);
}

describe('a capture following objects by name', () => {
  it('captures objects nothing names by id', async () => {
    const plain = await namesCaptured();
    const followed = await namesCaptured({ zoneNames: ['Unused office'], deviceAssuranceNames: ['Unused baseline'], policyNames: ['Unused sign-in'] });

    expect(plain).not.toContain('Unused office');
    expect(followed).toEqual(expect.arrayContaining(['Unused office', 'Unused baseline', 'Unused sign-in']));
  });
});

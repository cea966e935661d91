import type { DeviceAssurance } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { isOktaId } from '../../src-shared/okta/ids.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { expectSpecValid, POLICY_ORG, policyOrgSeed } from '../support/policy-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: policyOrgSeed() });
  return org;
}

const macPath = `/api/v1/device-assurances/${POLICY_ORG.macDeviceId}`;
const sparePath = `/api/v1/device-assurances/${POLICY_ORG.spareDeviceId}`;

function macBody(name: string): JsonObject {
  return { name, platform: 'MACOS', osVersion: { minimum: '15.0.0' }, diskEncryptionType: { include: ['ALL_INTERNAL_VOLUMES'] }, secureHardwarePresent: true };
}

describe('device assurance reads', () => {
  it('sdk lists every policy', async () => {
    const sandbox = await start();

    const names: string[] = [];
    for await (const policy of await sdkClient(sandbox).deviceAssuranceApi.listDeviceAssurancePolicies()) {
      names.push(String(policy?.name));
    }

    expect(names).toEqual(['Managed Mac', 'Windows']);
  });

  it('list has no paging links', async () => {
    const sandbox = await start();

    const { headers } = await apiRequest(sandbox, 'GET', '/api/v1/device-assurances?limit=1');

    expect(headers.get('link')).toBeNull();
  });

  it('policy links to itself', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', macPath);

    expect((body as JsonObject)['_links']).toEqual({ self: { href: `${sandbox.url}${macPath}`, hints: { allow: ['DELETE', 'GET', 'PUT'] } } });
  });

  it('unknown policy is not found', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/device-assurances/daenotthereatall0000');

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
  });
});

describe('device assurance writes', () => {
  it('sdk creates a policy', async () => {
    const sandbox = await start();

    const created = await sdkClient(sandbox).deviceAssuranceApi.createDeviceAssurancePolicy({ deviceAssurance: macBody('Sonoma or later') as DeviceAssurance });
    const stored = sandbox.state.deviceAssurances.get(created.id ?? '');

    expect(isOktaId(created.id ?? '', 'deviceAssurance')).toBe(true);
    expect(stored).toMatchObject({ name: 'Sonoma or later', platform: 'MACOS', osVersion: { minimum: '15.0.0' } });
    expect(stored?.['createdDate']).toBe(stored?.['lastUpdate']);
  });

  const invalid: Array<[string, JsonObject]> = [
    ['missing name', { platform: 'MACOS' }],
    ['missing platform', { name: 'No platform' }],
    ['unknown platform', { name: 'Linux', platform: 'LINUX' }],
  ];
  it.each(invalid)('create with %s is rejected', async (_case, body) => {
    const sandbox = await start();

    const { status, body: error } = await apiRequest(sandbox, 'POST', '/api/v1/device-assurances', body);

    expect(status).toBe(400);
    expect(error).toMatchObject({ errorCode: 'E0000001' });
  });

  it('replace keeps creation fields', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', macPath, { ...macBody('Managed Mac 15'), createdDate: '2001-01-01T00:00:00.000Z' });

    expect(status).toBe(200);
    expect(body).toMatchObject({ id: POLICY_ORG.macDeviceId, name: 'Managed Mac 15', createdDate: '2025-01-01T00:00:00.000Z' });
    expect((body as JsonObject)['lastUpdate']).not.toBe('2025-01-01T00:00:00.000Z');
  });

  it('platform change is rejected', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', sparePath, macBody('Windows'));

    expect(status).toBe(400);
  });
});

describe('device assurance delete', () => {
  it('referenced policy delete conflicts', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'DELETE', macPath);

    expect(status).toBe(409);
    expect(Object.keys(body as JsonObject).sort()).toEqual(['errorCauses', 'errorId', 'errorSummary']);
    expect(body).toMatchObject({ errorSummary: 'Device assurance is in use and cannot be deleted.', errorCauses: [] });
    expect(sandbox.state.deviceAssurances.has(POLICY_ORG.macDeviceId)).toBe(true);
    await expectSpecValid('DELETE', macPath, status, body);
  });

  it('unused policy is deleted', async () => {
    const sandbox = await start();

    await sdkClient(sandbox).deviceAssuranceApi.deleteDeviceAssurancePolicy({ deviceAssuranceId: POLICY_ORG.spareDeviceId });

    expect(sandbox.state.deviceAssurances.has(POLICY_ORG.spareDeviceId)).toBe(false);
  });

  it('policy freed from its rule is deleted', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'DELETE', `/api/v1/policies/${POLICY_ORG.accessPolicyId}/rules/${POLICY_ORG.managedRuleId}`);

    const { status } = await apiRequest(sandbox, 'DELETE', macPath);

    expect(status).toBe(204);
  });

  it('read-only token cannot write policies', async () => {
    const sandbox = await startTestSandbox({ seed: policyOrgSeed(), apiTokens: [{ value: 'read-only-token', readOnly: true }] });
    org = sandbox;
    const writes: Array<[string, string, JsonObject | undefined]> = [
      ['POST', '/api/v1/device-assurances', macBody('Blocked')],
      ['PUT', sparePath, { name: 'Blocked', platform: 'WINDOWS' }],
      ['DELETE', sparePath, undefined],
    ];

    for (const [method, path, body] of writes) {
      const response = await apiRequest(sandbox, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(sandbox.state.deviceAssurances.size).toBe(2);
  });
});

describe('device assurance responses match the spec', () => {
  it('list, get, create and replace validate', async () => {
    const sandbox = await start();

    const list = await apiRequest(sandbox, 'GET', '/api/v1/device-assurances');
    const get = await apiRequest(sandbox, 'GET', macPath);
    const create = await apiRequest(sandbox, 'POST', '/api/v1/device-assurances', macBody('Sonoma or later'));
    const replace = await apiRequest(sandbox, 'PUT', sparePath, { name: 'Windows 11', platform: 'WINDOWS', osVersion: { minimum: '10.0.22000' } });
    const remove = await apiRequest(sandbox, 'DELETE', sparePath);

    await expectSpecValid('GET', '/api/v1/device-assurances', list.status, list.body);
    await expectSpecValid('GET', macPath, get.status, get.body);
    await expectSpecValid('POST', '/api/v1/device-assurances', create.status, create.body);
    await expectSpecValid('PUT', sparePath, replace.status, replace.body);
    await expectSpecValid('DELETE', sparePath, remove.status, remove.body);
  });
});

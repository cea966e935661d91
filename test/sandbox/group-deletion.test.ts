import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { apiRequest, startTestSandbox } from '../support/sandbox-harness.js';
import { POLICY_ORG, policyOrgSeed } from '../support/policy-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed: policyOrgSeed() });
  return org;
}

const rulePath = `/api/v1/policies/${POLICY_ORG.accessPolicyId}/rules/${POLICY_ORG.managedRuleId}`;

function groupConditions(item: unknown): JsonObject {
  return ((((item as JsonObject)['conditions'] as JsonObject)['people'] as JsonObject)['groups'] ?? {}) as JsonObject;
}

/** Creates a global session policy whose conditions include and exclude groups. */
async function signOnPolicy(sandbox: SandboxOrg, include: string[], exclude: string[]): Promise<string> {
  const body = { type: 'OKTA_SIGN_ON', name: 'Engineering sessions', conditions: { people: { groups: { include, exclude } } } };
  const created = await apiRequest(sandbox, 'POST', '/api/v1/policies', body);
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  return String((created.body as JsonObject)['id']);
}

async function createGroup(sandbox: SandboxOrg, name: string): Promise<string> {
  const { body } = await apiRequest(sandbox, 'POST', '/api/v1/groups', { profile: { name } });
  return String((body as JsonObject)['id']);
}

describe('group deletion and policies', () => {
  it('removes the id from rule conditions', async () => {
    const sandbox = await start();

    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${POLICY_ORG.groupId}`);
    const { body } = await apiRequest(sandbox, 'GET', rulePath);

    expect(groupConditions(body)['include']).toEqual([]);
  });

  it('rule read back can be written back', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${POLICY_ORG.groupId}`);
    const { body } = await apiRequest(sandbox, 'GET', rulePath);

    const { status } = await apiRequest(sandbox, 'PUT', rulePath, body);

    expect(status).toBe(200);
  });

  it('removes the id from policy conditions', async () => {
    const sandbox = await start();
    const kept = await createGroup(sandbox, 'contractors');
    const policyId = await signOnPolicy(sandbox, [POLICY_ORG.groupId], [kept]);

    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${POLICY_ORG.groupId}`);
    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/policies/${policyId}`);

    expect(groupConditions(body)['include']).toEqual([]);
    expect(groupConditions(body)['exclude']).toEqual([kept]);
  });

  it('removes the id from exclude lists', async () => {
    const sandbox = await start();
    const kept = await createGroup(sandbox, 'contractors');
    const policyId = await signOnPolicy(sandbox, [kept], [POLICY_ORG.groupId]);

    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${POLICY_ORG.groupId}`);
    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/policies/${policyId}`);

    expect(groupConditions(body)['include']).toEqual([kept]);
    expect(groupConditions(body)['exclude']).toEqual([]);
  });

  it('policy read back can be written back', async () => {
    const sandbox = await start();
    const policyId = await signOnPolicy(sandbox, [POLICY_ORG.groupId], []);
    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${POLICY_ORG.groupId}`);
    const { body } = await apiRequest(sandbox, 'GET', `/api/v1/policies/${policyId}`);

    const { status } = await apiRequest(sandbox, 'PUT', `/api/v1/policies/${policyId}`, body);

    expect(status).toBe(200);
  });

  it('touches lastUpdated of a changed rule', async () => {
    const sandbox = await start();

    await apiRequest(sandbox, 'DELETE', `/api/v1/groups/${POLICY_ORG.groupId}`);
    const { body } = await apiRequest(sandbox, 'GET', rulePath);

    expect((body as JsonObject)['lastUpdated']).not.toBe('2025-01-01T00:00:00.000Z');
  });
});

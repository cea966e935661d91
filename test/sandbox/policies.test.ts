import type { CreateOrUpdatePolicy, Policy } from '@okta/okta-sdk-nodejs';
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

const accessPolicyPath = `/api/v1/policies/${POLICY_ORG.accessPolicyId}`;
const signOnPolicyPath = `/api/v1/policies/${POLICY_ORG.signOnPolicyId}`;

async function createPolicy(sandbox: SandboxOrg, body: JsonObject, query = ''): Promise<JsonObject> {
  const response = await apiRequest(sandbox, 'POST', `/api/v1/policies${query}`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as JsonObject;
}

/** Lists policies of a type and returns `name:priority` in list order. */
async function listed(sandbox: SandboxOrg, query: string): Promise<string[]> {
  const { body } = await apiRequest(sandbox, 'GET', `/api/v1/policies?${query}`);
  return (body as JsonObject[]).map((policy) => `${String(policy['name'])}:${String(policy['priority'])}`);
}

describe('policy list', () => {
  it('list without type is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/policies');

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000028' });
  });

  it('unknown type is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', '/api/v1/policies?type=NOT_A_TYPE');

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
  });

  it('sdk lists policies of one type', async () => {
    const sandbox = await start();

    const names: string[] = [];
    for await (const policy of await sdkClient(sandbox).policyApi.listPolicies({ type: 'ACCESS_POLICY' })) {
      names.push(String(policy?.name));
    }

    expect(names).toEqual(['Jira sign-in']);
  });

  const filters: Array<[string, string[]]> = [
    ['type=ACCESS_POLICY&status=ACTIVE', ['Jira sign-in:1', 'Confluence sign-in:2']],
    ['type=ACCESS_POLICY&status=INACTIVE', ['Bitbucket sign-in:3']],
    ['type=ACCESS_POLICY&q=conf', ['Confluence sign-in:2']],
    ['type=ACCESS_POLICY&sortBy=name', ['Bitbucket sign-in:3', 'Confluence sign-in:2', 'Jira sign-in:1']],
  ];
  it.each(filters)('list with %s', async (query, expected) => {
    const sandbox = await start();
    await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Confluence sign-in' });
    await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Bitbucket sign-in' }, '?activate=false');

    expect(await listed(sandbox, query)).toEqual(expected);
  });

  it('list pages with after cursor', async () => {
    const sandbox = await start();
    await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Confluence sign-in' });
    await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Bitbucket sign-in' });

    const first = await apiRequest(sandbox, 'GET', '/api/v1/policies?type=ACCESS_POLICY&limit=2');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    const second = await apiRequest(sandbox, 'GET', next.replace(sandbox.url, ''));

    expect((first.body as JsonObject[]).map((policy) => policy['name'])).toEqual(['Jira sign-in', 'Confluence sign-in']);
    expect((second.body as JsonObject[]).map((policy) => policy['name'])).toEqual(['Bitbucket sign-in']);
    expect(second.headers.get('link')).not.toContain('rel="next"');
  });
});

describe('policy create', () => {
  it('new access policy gets catch-all rule', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);

    const policy = await client.policyApi.createPolicy({ policy: { type: 'ACCESS_POLICY', name: 'Confluence sign-in' } as CreateOrUpdatePolicy });
    const rules = await apiRequest(sandbox, 'GET', `/api/v1/policies/${policy.id ?? ''}/rules`);
    const [rule] = rules.body as JsonObject[];

    expect(isOktaId(policy.id ?? '', 'accessPolicy')).toBe(true);
    expect(rules.body).toHaveLength(1);
    expect(rule).toMatchObject({ name: 'Catch-all Rule', priority: 99, system: true, status: 'ACTIVE', type: 'ACCESS_POLICY' });
    expect(isOktaId(String(rule?.['id']), 'accessPolicyRule')).toBe(true);
  });

  it('new sign-on policy goes above default', async () => {
    const sandbox = await start();

    const policy = await createPolicy(sandbox, { type: 'OKTA_SIGN_ON', name: 'Contractors', conditions: { people: { groups: { include: [POLICY_ORG.groupId] } } } });
    const rules = await apiRequest(sandbox, 'GET', `/api/v1/policies/${String(policy['id'])}/rules`);

    expect(isOktaId(String(policy['id']), 'policy')).toBe(true);
    expect(rules.body).toEqual([]);
    expect(await listed(sandbox, 'type=OKTA_SIGN_ON')).toEqual(['Contractors:1', 'Default Policy:2']);
  });

  it('activate=false creates inactive policy', async () => {
    const sandbox = await start();

    const policy = await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Later' }, '?activate=false');

    expect(policy['status']).toBe('INACTIVE');
    expect(Object.keys(policy['_links'] as JsonObject)).toEqual(['self', 'rules', 'mappings', 'activate', 'applications']);
  });

  it('read-only fields are ignored', async () => {
    const sandbox = await start();

    const policy = await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Sneaky', id: 'rstchosenbythecaller', system: true, created: '2001-01-01T00:00:00.000Z' });

    expect(policy['id']).not.toBe('rstchosenbythecaller');
    expect(policy['system']).toBe(false);
    expect(policy['created']).not.toBe('2001-01-01T00:00:00.000Z');
  });

  const rejected: Array<[string, JsonObject]> = [
    ['missing name', { type: 'ACCESS_POLICY' }],
    ['missing type', { name: 'No type' }],
    ['read-only type', { type: 'IDP_DISCOVERY', name: 'Second routing policy' }],
    ['missing group', { type: 'OKTA_SIGN_ON', name: 'Dangling', conditions: { people: { groups: { include: ['00gmissingmissing0g1'] } } } }],
  ];
  it.each(rejected)('create with %s is rejected', async (_case, body) => {
    const sandbox = await start();

    const { status, body: error } = await apiRequest(sandbox, 'POST', '/api/v1/policies', body);

    expect(status).toBe(400);
    expect(error).toMatchObject({ errorCode: 'E0000001' });
  });
});

describe('policy replace and delete', () => {
  it('replace renames and keeps type', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', accessPolicyPath, { type: 'ACCESS_POLICY', name: 'Jira and JSM sign-in', status: 'INACTIVE' });

    expect(status).toBe(200);
    expect(body).toMatchObject({ id: POLICY_ORG.accessPolicyId, name: 'Jira and JSM sign-in', type: 'ACCESS_POLICY', status: 'ACTIVE' });
  });

  it('type change is rejected', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', accessPolicyPath, { type: 'OKTA_SIGN_ON', name: 'Jira sign-in' });

    expect(status).toBe(400);
  });

  it('default policy cannot be deleted', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'DELETE', signOnPolicyPath);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(sandbox.state.policies.has(POLICY_ORG.signOnPolicyId)).toBe(true);
  });

  it('policy used by an app stays', async () => {
    const sandbox = await start();

    const deleted = await apiRequest(sandbox, 'DELETE', accessPolicyPath);
    const deactivated = await apiRequest(sandbox, 'POST', `${accessPolicyPath}/lifecycle/deactivate`);

    expect(deleted.status).toBe(400);
    expect(deactivated.status).toBe(400);
    expect(JSON.stringify(deleted.body)).toContain(POLICY_ORG.appId);
  });

  it('unused policy is deleted with rules', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const other = await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Confluence sign-in' });
    await client.applicationApi.assignApplicationPolicy({ appId: POLICY_ORG.appId, policyId: String(other['id']) });

    await client.policyApi.deletePolicy({ policyId: POLICY_ORG.accessPolicyId });

    expect(sandbox.state.policies.has(POLICY_ORG.accessPolicyId)).toBe(false);
    expect(sandbox.state.policyRules.has(POLICY_ORG.accessPolicyId)).toBe(false);
    expect(await listed(sandbox, 'type=ACCESS_POLICY')).toEqual(['Confluence sign-in:1']);
  });

  it('deactivate then activate a policy', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const policy = await createPolicy(sandbox, { type: 'OKTA_SIGN_ON', name: 'Contractors' });
    const policyId = String(policy['id']);

    await client.policyApi.deactivatePolicy({ policyId });
    const inactive: Policy = await client.policyApi.getPolicy({ policyId });
    await client.policyApi.activatePolicy({ policyId });
    const active = (await apiRequest(sandbox, 'GET', `/api/v1/policies/${policyId}`)).body as JsonObject;

    expect(inactive.status).toBe('INACTIVE');
    expect(active['status']).toBe('ACTIVE');
    expect(Object.keys(active['_links'] as JsonObject)).toContain('deactivate');
  });

  it('default policy cannot be deactivated', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', `${signOnPolicyPath}/lifecycle/deactivate`);

    expect(status).toBe(400);
  });
});

describe('app sign-in policy assignment', () => {
  it('sdk assigns a policy to an app', async () => {
    const sandbox = await start();
    const other = await createPolicy(sandbox, { type: 'ACCESS_POLICY', name: 'Confluence sign-in' });

    await sdkClient(sandbox).applicationApi.assignApplicationPolicy({ appId: POLICY_ORG.appId, policyId: String(other['id']) });

    expect(sandbox.state.appAccessPolicies.get(POLICY_ORG.appId)).toBe(other['id']);
  });

  it('sign-on policy cannot be assigned', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', `/api/v1/apps/${POLICY_ORG.appId}/policies/${POLICY_ORG.signOnPolicyId}`);

    expect(status).toBe(400);
    expect(sandbox.state.appAccessPolicies.get(POLICY_ORG.appId)).toBe(POLICY_ORG.accessPolicyId);
  });

  it('unknown app is not found', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', `/api/v1/apps/0oanotthereatall0000/policies/${POLICY_ORG.accessPolicyId}`);

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
  });
});

describe('policy permissions', () => {
  it('read-only token cannot write policies', async () => {
    const sandbox = await startTestSandbox({ seed: policyOrgSeed(), apiTokens: [{ value: 'read-only-token', readOnly: true }] });
    org = sandbox;
    const writes: Array<[string, string, JsonObject | undefined]> = [
      ['POST', '/api/v1/policies', { type: 'ACCESS_POLICY', name: 'Blocked' }],
      ['PUT', accessPolicyPath, { type: 'ACCESS_POLICY', name: 'Blocked' }],
      ['DELETE', accessPolicyPath, undefined],
      ['POST', `${accessPolicyPath}/lifecycle/deactivate`, undefined],
      ['PUT', `/api/v1/apps/${POLICY_ORG.appId}/policies/${POLICY_ORG.accessPolicyId}`, undefined],
    ];

    for (const [method, path, body] of writes) {
      const response = await apiRequest(sandbox, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body, `${method} ${path}`).toMatchObject({ errorCode: 'E0000006' });
    }
    expect((await apiRequest(sandbox, 'GET', accessPolicyPath)).body).toMatchObject({ name: 'Jira sign-in', status: 'ACTIVE' });
  });
});

describe('policy responses match the spec', () => {
  it('list, get, create and replace validate', async () => {
    const sandbox = await start();

    const list = await apiRequest(sandbox, 'GET', '/api/v1/policies?type=ACCESS_POLICY');
    const get = await apiRequest(sandbox, 'GET', signOnPolicyPath);
    const create = await apiRequest(sandbox, 'POST', '/api/v1/policies', { type: 'ACCESS_POLICY', name: 'Confluence sign-in' });
    const replace = await apiRequest(sandbox, 'PUT', accessPolicyPath, { type: 'ACCESS_POLICY', name: 'Renamed' });
    const rejected = await apiRequest(sandbox, 'POST', '/api/v1/policies', { name: 'No type' });
    const created = create.body as JsonObject;
    const deactivate = await apiRequest(sandbox, 'POST', `/api/v1/policies/${String(created['id'])}/lifecycle/deactivate`);
    const remove = await apiRequest(sandbox, 'DELETE', `/api/v1/policies/${String(created['id'])}`);
    const assign = await apiRequest(sandbox, 'PUT', `/api/v1/apps/${POLICY_ORG.appId}/policies/${POLICY_ORG.accessPolicyId}`);

    await expectSpecValid('GET', '/api/v1/policies', list.status, list.body);
    await expectSpecValid('GET', signOnPolicyPath, get.status, get.body);
    await expectSpecValid('POST', '/api/v1/policies', create.status, create.body);
    await expectSpecValid('PUT', accessPolicyPath, replace.status, replace.body);
    await expectSpecValid('POST', '/api/v1/policies', rejected.status, rejected.body);
    await expectSpecValid('POST', `/api/v1/policies/${String(created['id'])}/lifecycle/deactivate`, deactivate.status, deactivate.body);
    await expectSpecValid('DELETE', `/api/v1/policies/${String(created['id'])}`, remove.status, remove.body);
    await expectSpecValid('PUT', `/api/v1/apps/${POLICY_ORG.appId}/policies/${POLICY_ORG.accessPolicyId}`, assign.status, assign.body);
  });
});

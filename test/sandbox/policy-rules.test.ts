import type { AccessPolicyRule, PolicyRule } from '@okta/okta-sdk-nodejs';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { isOktaId } from '../../src-shared/okta/ids.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { apiRequest, sdkClient, startTestSandbox } from '../support/sandbox-harness.js';
import { accessRuleBody, expectSpecValid, POLICY_ORG, policyOrgSeed } from '../support/policy-org.js';

let org: SandboxOrg | undefined;

afterEach(async () => {
  await org?.close();
  org = undefined;
});

async function start(seed: SandboxSeed = policyOrgSeed()): Promise<SandboxOrg> {
  org = await startTestSandbox({ seed });
  return org;
}

const accessRules = `/api/v1/policies/${POLICY_ORG.accessPolicyId}/rules`;
const signOnRules = `/api/v1/policies/${POLICY_ORG.signOnPolicyId}/rules`;
const catchAllPath = `${accessRules}/${POLICY_ORG.catchAllRuleId}`;

/** Lists a policy's rules and returns `name:priority` in evaluation order. */
async function priorities(sandbox: SandboxOrg, rulesPath: string): Promise<string[]> {
  const { body } = await apiRequest(sandbox, 'GET', rulesPath);
  return (body as JsonObject[]).map((rule) => `${String(rule['name'])}:${String(rule['priority'])}`);
}

async function createRule(sandbox: SandboxOrg, rulesPath: string, body: JsonObject): Promise<JsonObject> {
  const response = await apiRequest(sandbox, 'POST', rulesPath, body);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as JsonObject;
}

function signOnRuleBody(name: string, priority?: number): JsonObject {
  return { name, type: 'SIGN_ON', ...(priority === undefined ? {} : { priority }), actions: { signon: { access: 'ALLOW', requireFactor: true } } };
}

describe('rule priorities in a sign-on policy', () => {
  it('new rule goes above default rule', async () => {
    const sandbox = await start();

    await createRule(sandbox, signOnRules, signOnRuleBody('A'));

    expect(await priorities(sandbox, signOnRules)).toEqual(['A:1', 'Default Rule:2']);
  });

  it('insert at 1 pushes later rules down', async () => {
    const sandbox = await start();
    await createRule(sandbox, signOnRules, signOnRuleBody('A'));
    await createRule(sandbox, signOnRules, signOnRuleBody('B'));

    await createRule(sandbox, signOnRules, signOnRuleBody('C', 1));

    expect(await priorities(sandbox, signOnRules)).toEqual(['C:1', 'A:2', 'B:3', 'Default Rule:4']);
  });

  it('priority past the end goes last', async () => {
    const sandbox = await start();
    await createRule(sandbox, signOnRules, signOnRuleBody('A'));

    await createRule(sandbox, signOnRules, signOnRuleBody('B', 50));

    expect(await priorities(sandbox, signOnRules)).toEqual(['A:1', 'B:2', 'Default Rule:3']);
  });

  it('moved rule takes requested priority', async () => {
    const sandbox = await start();
    await createRule(sandbox, signOnRules, signOnRuleBody('A'));
    await createRule(sandbox, signOnRules, signOnRuleBody('B'));
    const c = await createRule(sandbox, signOnRules, signOnRuleBody('C'));

    const moved = await apiRequest(sandbox, 'PUT', `${signOnRules}/${String(c['id'])}`, signOnRuleBody('C', 1));

    expect(moved.status).toBe(200);
    expect((moved.body as JsonObject)['priority']).toBe(1);
    expect(await priorities(sandbox, signOnRules)).toEqual(['C:1', 'A:2', 'B:3', 'Default Rule:4']);
  });

  it('rule moved down lands at requested priority', async () => {
    const sandbox = await start();
    const a = await createRule(sandbox, signOnRules, signOnRuleBody('A'));
    await createRule(sandbox, signOnRules, signOnRuleBody('B'));
    await createRule(sandbox, signOnRules, signOnRuleBody('C'));

    await apiRequest(sandbox, 'PUT', `${signOnRules}/${String(a['id'])}`, signOnRuleBody('A', 3));

    expect(await priorities(sandbox, signOnRules)).toEqual(['B:1', 'C:2', 'A:3', 'Default Rule:4']);
  });

  it('delete closes the priority gap', async () => {
    const sandbox = await start();
    await createRule(sandbox, signOnRules, signOnRuleBody('A'));
    const b = await createRule(sandbox, signOnRules, signOnRuleBody('B'));
    await createRule(sandbox, signOnRules, signOnRuleBody('C'));

    const deleted = await apiRequest(sandbox, 'DELETE', `${signOnRules}/${String(b['id'])}`);

    expect(deleted.status).toBe(204);
    expect(await priorities(sandbox, signOnRules)).toEqual(['A:1', 'C:2', 'Default Rule:3']);
  });

  it('replace without priority keeps position', async () => {
    const sandbox = await start();
    await createRule(sandbox, signOnRules, signOnRuleBody('A'));
    const b = await createRule(sandbox, signOnRules, signOnRuleBody('B'));

    await apiRequest(sandbox, 'PUT', `${signOnRules}/${String(b['id'])}`, signOnRuleBody('B renamed'));

    expect(await priorities(sandbox, signOnRules)).toEqual(['A:1', 'B renamed:2', 'Default Rule:3']);
  });
});

describe('rule priorities in an app sign-in policy', () => {
  it('rules count from 0 and catch-all stays 99', async () => {
    const sandbox = await start();

    await createRule(sandbox, accessRules, accessRuleBody('Contractors', { priority: 0 }));

    expect(await priorities(sandbox, accessRules)).toEqual(['Contractors:0', 'Engineering on managed Macs:1', 'Catch-all Rule:99']);
  });

  it('sdk create and replace reorder rules', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const created = await client.policyApi.createPolicyRule({
      policyId: POLICY_ORG.accessPolicyId,
      policyRule: accessRuleBody('Contractors') as AccessPolicyRule,
    });

    await client.policyApi.replacePolicyRule({
      policyId: POLICY_ORG.accessPolicyId,
      ruleId: created.id ?? '',
      policyRule: accessRuleBody('Contractors', { priority: 0 }) as AccessPolicyRule,
    });

    const names: string[] = [];
    for await (const rule of await client.policyApi.listPolicyRules({ policyId: POLICY_ORG.accessPolicyId })) {
      names.push(`${String(rule?.name)}:${String(rule?.priority)}`);
    }
    expect(isOktaId(created.id ?? '', 'accessPolicyRule')).toBe(true);
    expect(names).toEqual(['Contractors:0', 'Engineering on managed Macs:1', 'Catch-all Rule:99']);
  });

  it('deleting top rule renumbers from 0', async () => {
    const sandbox = await start();
    await createRule(sandbox, accessRules, accessRuleBody('Contractors'));

    await apiRequest(sandbox, 'DELETE', `${accessRules}/${POLICY_ORG.managedRuleId}`);

    expect(await priorities(sandbox, accessRules)).toEqual(['Contractors:0', 'Catch-all Rule:99']);
  });
});

describe('default rule protection', () => {
  it('default rule cannot be deleted', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'DELETE', catchAllPath);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(await priorities(sandbox, accessRules)).toContain('Catch-all Rule:99');
  });

  it('default rule cannot be deactivated', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', `${catchAllPath}/lifecycle/deactivate`);

    expect(status).toBe(400);
  });

  const rejectedChanges: Array<[string, JsonObject]> = [
    ['moving it', { name: 'Catch-all Rule', priority: 0 }],
    ['renaming it', { name: 'Everyone else' }],
    ['changing its conditions', { name: 'Catch-all Rule', conditions: { people: { groups: { include: [POLICY_ORG.groupId] } } } }],
  ];
  it.each(rejectedChanges)('default rule rejects %s', async (_case, change) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', catchAllPath, { type: 'ACCESS_POLICY', actions: { appSignOn: { access: 'DENY' } }, ...change });

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
  });

  it('default rule accepts new actions', async () => {
    const sandbox = await start();
    const change = { name: 'Catch-all Rule', priority: 99, conditions: null, type: 'ACCESS_POLICY', actions: { appSignOn: { access: 'ALLOW' } } };

    const { status, body } = await apiRequest(sandbox, 'PUT', catchAllPath, change);

    expect(status).toBe(200);
    expect((body as JsonObject)['actions']).toEqual({ appSignOn: { access: 'ALLOW' } });
    expect((body as JsonObject)['priority']).toBe(99);
    await expectSpecValid('PUT', catchAllPath, status, body);
  });

  it('default rule links omit delete', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'GET', catchAllPath);

    expect((body as JsonObject)['_links']).toEqual({ self: { href: `${sandbox.url}${catchAllPath}`, hints: { allow: ['GET', 'PUT'] } } });
  });
});

describe('rule references', () => {
  const missing = {
    group: '00gmissingmissing0g1',
    user: '00umissingmissing0g1',
    zone: 'nzomissingmissing0g1',
    device: 'daemissingmissing0g1',
  };
  const dangling: Array<[string, JsonObject, string]> = [
    ['group', { people: { groups: { include: [missing.group] } } }, missing.group],
    ['excluded user', { people: { users: { exclude: [missing.user] } } }, missing.user],
    ['network zone', { network: { connection: 'ZONE', include: [missing.zone] } }, missing.zone],
    ['device assurance', { device: { registered: true, assurance: { include: [missing.device] } } }, missing.device],
  ];
  it.each(dangling)('missing %s is rejected', async (_kind, conditions, badId) => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', accessRules, accessRuleBody('Dangling', { conditions }));
    const causes = JSON.stringify((body as JsonObject)['errorCauses']);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
    expect(causes).toContain(badId);
  });

  it('dangling reference rejected on replace', async () => {
    const sandbox = await start();
    const conditions = { people: { groups: { include: [missing.group] } } };

    const { status } = await apiRequest(sandbox, 'PUT', `${accessRules}/${POLICY_ORG.managedRuleId}`, accessRuleBody('Managed', { conditions }));

    expect(status).toBe(400);
  });

  it('zone connection needs zones', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', accessRules, accessRuleBody('No zones', { conditions: { network: { connection: 'ZONE' } } }));

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorSummary: 'Api validation failed: conditions.network' });
  });

  it('existing references are accepted', async () => {
    const sandbox = await start();
    const conditions = {
      people: { groups: { include: [POLICY_ORG.groupId] }, users: { exclude: [POLICY_ORG.userId] } },
      network: { connection: 'ZONE', exclude: [POLICY_ORG.spareZoneId] },
      device: { registered: true, managed: true, assurance: { include: [POLICY_ORG.spareDeviceId] } },
    };

    const { status, body } = await apiRequest(sandbox, 'POST', accessRules, accessRuleBody('Referenced', { conditions }));

    expect(status).toBe(200);
    expect((body as JsonObject)['conditions']).toEqual(conditions);
  });
});

describe('rule create rules', () => {
  it('activate=false creates inactive rule', async () => {
    const sandbox = await start();

    const rule = await createRule(sandbox, `${accessRules}?activate=false`, accessRuleBody('Later'));

    expect(rule['status']).toBe('INACTIVE');
    expect(Object.keys(rule['_links'] as JsonObject)).toEqual(['self', 'activate']);
  });

  it('sign-on rule gets 0pr id', async () => {
    const sandbox = await start();

    const rule = await createRule(sandbox, signOnRules, signOnRuleBody('A'));

    expect(isOktaId(String(rule['id']), 'policyRule')).toBe(true);
    expect(rule['type']).toBe('SIGN_ON');
  });

  it('wrong rule type is rejected', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', accessRules, { ...accessRuleBody('Wrong'), type: 'SIGN_ON' });

    expect(status).toBe(400);
  });

  it('missing name is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'POST', accessRules, { type: 'ACCESS_POLICY' });

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
  });

  it('profile enrollment policy takes no rules', async () => {
    const seed = policyOrgSeed();
    const policyId = 'rstprofileenrollment1';
    seed.policies.push({ id: policyId, type: 'PROFILE_ENROLLMENT', name: 'Default Policy', status: 'ACTIVE', system: true, priority: 1 });
    const sandbox = await start(seed);

    const { status } = await apiRequest(sandbox, 'POST', `/api/v1/policies/${policyId}/rules`, { name: 'Second', type: 'PROFILE_ENROLLMENT' });

    expect(status).toBe(400);
  });

  it('full app sign-in policy rejects rule 101', async () => {
    const seed = policyOrgSeed();
    const fillers = Array.from({ length: 98 }, (_, index) => ({ ...accessRuleBody(`Filler ${index}`), id: `rulfiller${String(index).padStart(11, '0')}`, priority: index + 1 }));
    seed.policyRules[POLICY_ORG.accessPolicyId]?.splice(1, 0, ...fillers);
    const sandbox = await start(seed);

    const { status, body } = await apiRequest(sandbox, 'POST', accessRules, accessRuleBody('One too many'));

    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('100');
  });
});

describe('rule lifecycle and reads', () => {
  it('deactivate then activate a rule', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);
    const ids = { policyId: POLICY_ORG.accessPolicyId, ruleId: POLICY_ORG.managedRuleId };

    await client.policyApi.deactivatePolicyRule(ids);
    const inactive = (await apiRequest(sandbox, 'GET', `${accessRules}/${POLICY_ORG.managedRuleId}`)).body as JsonObject;
    await client.policyApi.activatePolicyRule(ids);
    const active = (await apiRequest(sandbox, 'GET', `${accessRules}/${POLICY_ORG.managedRuleId}`)).body as JsonObject;

    expect(inactive['status']).toBe('INACTIVE');
    expect(active['status']).toBe('ACTIVE');
    expect(Object.keys(active['_links'] as JsonObject)).toEqual(['self', 'deactivate']);
  });

  it('unknown rule is not found', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `${accessRules}/rulnotthereatall00000`);

    expect(status).toBe(404);
    expect(body).toMatchObject({ errorCode: 'E0000007' });
  });

  it('sdk reads a rule', async () => {
    const sandbox = await start();

    const rule: PolicyRule = await sdkClient(sandbox).policyApi.getPolicyRule({ policyId: POLICY_ORG.accessPolicyId, ruleId: POLICY_ORG.managedRuleId });

    expect(rule.name).toBe('Engineering on managed Macs');
  });

  it('read-only token cannot write rules', async () => {
    const sandbox = await startTestSandbox({ seed: policyOrgSeed(), apiTokens: [{ value: 'read-only-token', readOnly: true }] });
    org = sandbox;
    const writes: Array<[string, string, JsonObject | undefined]> = [
      ['POST', accessRules, accessRuleBody('Blocked')],
      ['PUT', `${accessRules}/${POLICY_ORG.managedRuleId}`, accessRuleBody('Blocked')],
      ['DELETE', `${accessRules}/${POLICY_ORG.managedRuleId}`, undefined],
      ['POST', `${accessRules}/${POLICY_ORG.managedRuleId}/lifecycle/deactivate`, undefined],
    ];

    for (const [method, path, body] of writes) {
      const response = await apiRequest(sandbox, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect((await apiRequest(sandbox, 'GET', accessRules)).status).toBe(200);
    expect(await priorities(sandbox, accessRules)).toEqual(['Engineering on managed Macs:0', 'Catch-all Rule:99']);
  });
});

describe('rule responses match the spec', () => {
  it('list, get, create and replace validate', async () => {
    const sandbox = await start();
    const rulePath = `${accessRules}/${POLICY_ORG.managedRuleId}`;

    const list = await apiRequest(sandbox, 'GET', accessRules);
    const get = await apiRequest(sandbox, 'GET', rulePath);
    const create = await apiRequest(sandbox, 'POST', signOnRules, signOnRuleBody('A'));
    const replace = await apiRequest(sandbox, 'PUT', rulePath, accessRuleBody('Renamed'));
    const lifecycle = await apiRequest(sandbox, 'POST', `${rulePath}/lifecycle/deactivate`);
    const rejected = await apiRequest(sandbox, 'POST', accessRules, { type: 'ACCESS_POLICY' });

    await expectSpecValid('GET', accessRules, list.status, list.body);
    await expectSpecValid('GET', rulePath, get.status, get.body);
    await expectSpecValid('POST', signOnRules, create.status, create.body);
    await expectSpecValid('PUT', rulePath, replace.status, replace.body);
    await expectSpecValid('POST', `${rulePath}/lifecycle/deactivate`, lifecycle.status, lifecycle.body);
    await expectSpecValid('POST', accessRules, rejected.status, rejected.body);
  });
});

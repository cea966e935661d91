import type { IPNetworkZone } from '@okta/okta-sdk-nodejs';
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

const officePath = `/api/v1/zones/${POLICY_ORG.officeZoneId}`;
const sparePath = `/api/v1/zones/${POLICY_ORG.spareZoneId}`;
const legacyPath = `/api/v1/zones/${POLICY_ORG.legacyZoneId}`;

function ipZoneBody(name: string, extra: JsonObject = {}): JsonObject {
  return { type: 'IP', name, gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }], ...extra };
}

const ZONE_IDS: Record<string, string> = {
  Office: POLICY_ORG.officeZoneId,
  Spare: POLICY_ORG.spareZoneId,
  LegacyIpZone: POLICY_ORG.legacyZoneId,
};

/** Returns zone names in the order the list returns them: by zone id. */
function inIdOrder(names: string[]): string[] {
  return [...names].sort((a, b) => ((ZONE_IDS[a] ?? '') < (ZONE_IDS[b] ?? '') ? -1 : 1));
}

async function zoneNames(sandbox: SandboxOrg, query: string): Promise<string[]> {
  const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/zones${query}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return (body as JsonObject[]).map((zone) => String(zone['name']));
}

describe('zone list', () => {
  it('sdk lists every zone', async () => {
    const sandbox = await start();

    const names: string[] = [];
    for await (const zone of await sdkClient(sandbox).networkZoneApi.listNetworkZones({})) {
      names.push(String(zone?.name));
    }

    expect(names).toEqual(inIdOrder(['Office', 'Spare', 'LegacyIpZone']));
  });

  const filters: Array<[string, string[]]> = [
    ['usage eq "POLICY"', ['Office', 'Spare', 'LegacyIpZone']],
    ['usage eq "BLOCKLIST"', []],
    [`id eq "${POLICY_ORG.spareZoneId}"`, ['Spare']],
    [`(id eq "${POLICY_ORG.officeZoneId}" or id eq "${POLICY_ORG.legacyZoneId}")`, ['Office', 'LegacyIpZone']],
    ['system eq true', ['LegacyIpZone']],
  ];
  it.each(filters)('filter %s', async (filter, expected) => {
    const sandbox = await start();

    expect(await zoneNames(sandbox, `?filter=${encodeURIComponent(filter)}`)).toEqual(inIdOrder(expected));
  });

  it('unsupported filter is rejected', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'GET', `/api/v1/zones?filter=${encodeURIComponent('name eq "Office"')}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000031' });
  });

  it('limit pages the list', async () => {
    const sandbox = await start();

    const first = await apiRequest(sandbox, 'GET', '/api/v1/zones?limit=2');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1] ?? '';
    const second = await apiRequest(sandbox, 'GET', next.replace(sandbox.url, ''));

    expect(first.body).toHaveLength(2);
    expect((second.body as JsonObject[]).map((zone) => zone['name'])).toEqual(inIdOrder(['Office', 'Spare', 'LegacyIpZone']).slice(2));
  });
});

describe('zone create and replace', () => {
  it('sdk creates an active ip zone', async () => {
    const sandbox = await start();

    const vpn: IPNetworkZone = { type: 'IP', name: 'VPN', gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }] };

    const zone = await sdkClient(sandbox).networkZoneApi.createNetworkZone({ zone: vpn });
    const stored = sandbox.state.networkZones.get(zone.id ?? '');

    expect(isOktaId(zone.id ?? '', 'networkZone')).toBe(true);
    expect(stored).toMatchObject({ name: 'VPN', status: 'ACTIVE', usage: 'POLICY', system: false });
  });

  it('created zone links to deactivate', async () => {
    const sandbox = await start();

    const { body } = await apiRequest(sandbox, 'POST', '/api/v1/zones', ipZoneBody('VPN'));
    const links = (body as JsonObject)['_links'] as JsonObject;

    expect(Object.keys(links)).toEqual(['self', 'deactivate']);
    expect(links['self']).toMatchObject({ hints: { allow: ['GET', 'PUT', 'DELETE'] } });
  });

  const invalid: Array<[string, JsonObject]> = [
    ['missing name', { type: 'IP', gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }] }],
    ['unknown type', ipZoneBody('Odd', { type: 'GEO' })],
    ['ip zone without addresses', { type: 'IP', name: 'Empty' }],
    ['malformed cidr', ipZoneBody('Bad', { gateways: [{ type: 'CIDR', value: '198.51.100.0/33' }] })],
    ['range mixing IPv4 and IPv6', ipZoneBody('Bad', { gateways: [{ type: 'RANGE', value: '198.51.100.1-2001:db8::1' }] })],
    ['dynamic zone without criteria', { type: 'DYNAMIC', name: 'Nowhere' }],
    ['too many gateways', ipZoneBody('Big', { gateways: Array.from({ length: 151 }, (_, i) => ({ type: 'CIDR', value: `10.0.${i}.0/24` })) })],
    ['duplicate name', ipZoneBody('Office')],
    ['name over 128 characters', ipZoneBody('x'.repeat(129))],
  ];
  it.each(invalid)('create with %s is rejected', async (_case, body) => {
    const sandbox = await start();

    const { status, body: error } = await apiRequest(sandbox, 'POST', '/api/v1/zones', body);

    expect(status).toBe(400);
    expect(error).toMatchObject({ errorCode: 'E0000001' });
  });

  it('dynamic zone with locations is accepted', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'POST', '/api/v1/zones', { type: 'DYNAMIC', name: 'Sanctioned', locations: [{ country: 'KP', region: null }] });

    expect(status).toBe(200);
  });

  it('replace keeps status and type', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', sparePath, ipZoneBody('Spare office', { status: 'ACTIVE' }));

    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'Spare office', status: 'INACTIVE', type: 'IP' });
  });

  it('type change is rejected', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', sparePath, { type: 'DYNAMIC', name: 'Spare', proxyType: 'Tor' });

    expect(status).toBe(400);
  });

  it('system zone can be renamed', async () => {
    const sandbox = await start();

    const { status, body } = await apiRequest(sandbox, 'PUT', legacyPath, ipZoneBody('Legacy office IPs', { usage: 'POLICY' }));

    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'Legacy office IPs', system: true });
  });

  it('system zone keeps its usage', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'PUT', legacyPath, ipZoneBody('LegacyIpZone', { usage: 'BLOCKLIST' }));

    expect(status).toBe(400);
  });
});

describe('zone delete', () => {
  it('active zone cannot be deleted', async () => {
    const sandbox = await start();
    const zone = await apiRequest(sandbox, 'POST', '/api/v1/zones', ipZoneBody('VPN'));

    const { status, body } = await apiRequest(sandbox, 'DELETE', `/api/v1/zones/${String((zone.body as JsonObject)['id'])}`);

    expect(status).toBe(400);
    expect(body).toMatchObject({ errorCode: 'E0000001' });
  });

  it('referenced zone cannot be deleted', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'POST', `${officePath}/lifecycle/deactivate`);

    const { status, body } = await apiRequest(sandbox, 'DELETE', officePath);

    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain(POLICY_ORG.managedRuleId);
    expect(sandbox.state.networkZones.has(POLICY_ORG.officeZoneId)).toBe(true);
  });

  it('system zone cannot be deleted', async () => {
    const sandbox = await start();

    const { status } = await apiRequest(sandbox, 'DELETE', legacyPath);

    expect(status).toBe(400);
    expect(sandbox.state.networkZones.has(POLICY_ORG.legacyZoneId)).toBe(true);
  });

  it('inactive unused zone is deleted', async () => {
    const sandbox = await start();

    await sdkClient(sandbox).networkZoneApi.deleteNetworkZone({ zoneId: POLICY_ORG.spareZoneId });

    expect(sandbox.state.networkZones.has(POLICY_ORG.spareZoneId)).toBe(false);
  });

  it('zone freed from its rule is deleted', async () => {
    const sandbox = await start();
    await apiRequest(sandbox, 'DELETE', `/api/v1/policies/${POLICY_ORG.accessPolicyId}/rules/${POLICY_ORG.managedRuleId}`);
    await apiRequest(sandbox, 'POST', `${officePath}/lifecycle/deactivate`);

    const { status } = await apiRequest(sandbox, 'DELETE', officePath);

    expect(status).toBe(204);
  });
});

describe('zone lifecycle and permissions', () => {
  it('lifecycle returns the zone', async () => {
    const sandbox = await start();
    const client = sdkClient(sandbox);

    const active = await client.networkZoneApi.activateNetworkZone({ zoneId: POLICY_ORG.spareZoneId });
    const inactive = await apiRequest(sandbox, 'POST', `${sparePath}/lifecycle/deactivate`);

    expect(active.status).toBe('ACTIVE');
    expect(inactive.body).toMatchObject({ status: 'INACTIVE' });
    expect(Object.keys((inactive.body as JsonObject)['_links'] as JsonObject)).toEqual(['self', 'activate']);
  });

  it('read-only token cannot write zones', async () => {
    const sandbox = await startTestSandbox({ seed: policyOrgSeed(), apiTokens: [{ value: 'read-only-token', readOnly: true }] });
    org = sandbox;
    const writes: Array<[string, string, JsonObject | undefined]> = [
      ['POST', '/api/v1/zones', ipZoneBody('Blocked')],
      ['PUT', sparePath, ipZoneBody('Blocked')],
      ['DELETE', sparePath, undefined],
      ['POST', `${sparePath}/lifecycle/activate`, undefined],
    ];

    for (const [method, path, body] of writes) {
      const response = await apiRequest(sandbox, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(sandbox.state.networkZones.get(POLICY_ORG.spareZoneId)).toMatchObject({ name: 'Spare', status: 'INACTIVE' });
  });
});

describe('zone responses match the spec', () => {
  it('list, get, create, replace and lifecycle validate', async () => {
    const sandbox = await start();

    const list = await apiRequest(sandbox, 'GET', '/api/v1/zones');
    const get = await apiRequest(sandbox, 'GET', officePath);
    const create = await apiRequest(sandbox, 'POST', '/api/v1/zones', ipZoneBody('VPN'));
    const replace = await apiRequest(sandbox, 'PUT', sparePath, ipZoneBody('Spare office'));
    const activate = await apiRequest(sandbox, 'POST', `${sparePath}/lifecycle/activate`);
    const deactivate = await apiRequest(sandbox, 'POST', `${sparePath}/lifecycle/deactivate`);
    const remove = await apiRequest(sandbox, 'DELETE', sparePath);
    const missing = await apiRequest(sandbox, 'GET', sparePath);

    await expectSpecValid('GET', '/api/v1/zones', list.status, list.body);
    await expectSpecValid('GET', officePath, get.status, get.body);
    await expectSpecValid('POST', '/api/v1/zones', create.status, create.body);
    await expectSpecValid('PUT', sparePath, replace.status, replace.body);
    await expectSpecValid('POST', `${sparePath}/lifecycle/activate`, activate.status, activate.body);
    await expectSpecValid('POST', `${sparePath}/lifecycle/deactivate`, deactivate.status, deactivate.body);
    await expectSpecValid('DELETE', sparePath, remove.status, remove.body);
    await expectSpecValid('GET', sparePath, missing.status, missing.body);
  });
});

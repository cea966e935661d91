import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { placeholderFor } from '../../../src-shared/restore/placeholders.js';
import type { SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import { captureResources, planDirectory, requestLines, restoreAndVerify, sandboxCall, specProblems, stepByKey } from './directory-test-support.js';

const ZONES = '/api/v1/zones';
const OFFICES = 'nzoOffices0000000001';
const OTHER = 'nzoContractors000001';

function zone(id: string, name: string, gateways: string[], status = 'ACTIVE', extra: JsonObject = {}): SnapshotResource {
  return {
    kind: 'network-zone',
    id,
    name,
    body: {
      type: 'IP',
      id,
      name,
      status,
      usage: 'POLICY',
      created: '2025-02-11T10:05:31.000Z',
      lastUpdated: '2025-10-14T08:22:10.000Z',
      system: false,
      gateways: gateways.map((value) => ({ type: 'CIDR', value })),
      proxies: null,
      _links: { self: { href: `https://acme.okta.test/api/v1/zones/${id}` } },
      ...extra,
    },
  };
}

const zoneScope = [{ type: 'kind' as const, kind: 'network-zone' as const }];

describe('network zone planner: existing zones', () => {
  it('replaces the zone without read-only fields', async () => {
    const desired = [zone(OFFICES, 'Offices', ['198.51.100.0/24', '203.0.113.64/26'])];
    const live = [zone(OFFICES, 'Offices', ['198.51.100.0/24'])];

    const plan = planDirectory({ desired, live, scope: zoneScope });
    const update = stepByKey(plan, `network-zone:${OFFICES}:update`);

    expect(requestLines(plan)).toEqual([`PUT ${ZONES}/${OFFICES}`]);
    expect(update.request.body).toEqual({
      type: 'IP',
      name: 'Offices',
      usage: 'POLICY',
      gateways: [
        { type: 'CIDR', value: '198.51.100.0/24' },
        { type: 'CIDR', value: '203.0.113.64/26' },
      ],
      proxies: null,
    });
    expect(update.check?.fields).toContainEqual({ pointer: '/gateways', value: (update.request.body as JsonObject)['gateways'] });
    expect(await specProblems(plan)).toEqual([]);
  });

  it('status-only difference is one lifecycle step', () => {
    const plan = planDirectory({ desired: [zone(OFFICES, 'Offices', ['198.51.100.0/24'])], live: [zone(OFFICES, 'Offices', ['198.51.100.0/24'], 'INACTIVE')], scope: zoneScope });

    expect(requestLines(plan)).toEqual([`POST ${ZONES}/${OFFICES}/lifecycle/activate`]);
    expect(plan.steps[0]?.check).toEqual({ path: `${ZONES}/${OFFICES}`, fields: [{ pointer: '/status', value: 'ACTIVE' }] });
  });

  it('deactivates after the update', () => {
    const plan = planDirectory({ desired: [zone(OFFICES, 'Offices', ['198.51.100.0/24'], 'INACTIVE')], live: [zone(OFFICES, 'Offices', ['192.0.2.0/24'])], scope: zoneScope });

    expect(requestLines(plan)).toEqual([`PUT ${ZONES}/${OFFICES}`, `POST ${ZONES}/${OFFICES}/lifecycle/deactivate`]);
    expect(stepByKey(plan, `network-zone:${OFFICES}:deactivate`).dependsOn).toEqual([`network-zone:${OFFICES}:update`]);
  });

  it('type change is a manual step', () => {
    const desired = [zone(OFFICES, 'Offices', [], 'ACTIVE', { type: 'DYNAMIC', gateways: null, locations: [{ country: 'DE' }] })];
    const plan = planDirectory({ desired, live: [zone(OFFICES, 'Offices', ['198.51.100.0/24'])], scope: zoneScope });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps.map((step) => step.title)).toEqual(["Recreate network zone 'Offices' as a DYNAMIC zone"]);
  });

  it('field scope changes only the chosen field', () => {
    const desired = [zone(OFFICES, 'Offices', ['198.51.100.0/24'], 'ACTIVE', { usage: 'BLOCKLIST' })];
    const live = [zone(OFFICES, 'Offices (renamed)', ['192.0.2.0/24'])];

    const plan = planDirectory({ desired, live, scope: [{ type: 'field', id: OFFICES, kind: 'network-zone', pointer: '/gateways' }] });
    const update = stepByKey(plan, `network-zone:${OFFICES}:update`);

    expect(update.request.body).toMatchObject({ name: 'Offices (renamed)', usage: 'POLICY', gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }] });
    expect(update.check?.fields).toEqual([{ pointer: '/gateways', value: [{ type: 'CIDR', value: '198.51.100.0/24' }] }]);
  });
});

describe('network zone planner: missing and extra zones', () => {
  it('missing zone created with name lookup', async () => {
    const plan = planDirectory({ desired: [zone(OFFICES, 'Offices', ['198.51.100.0/24'])], live: [], scope: zoneScope });
    const create = stepByKey(plan, `network-zone:${OFFICES}:create`);

    expect(requestLines(plan)).toEqual([`POST ${ZONES}`]);
    expect(Object.keys(create.request.body as JsonObject).sort()).toEqual(['gateways', 'name', 'proxies', 'type', 'usage']);
    expect(create.creates).toEqual({ kind: 'network-zone', desiredId: OFFICES, idPointer: '/id', lookup: { path: ZONES, pointer: '/name', value: 'Offices' } });
    expect(create.flags).toEqual(['recreates']);
    expect(create.check?.path).toBe(`${ZONES}/${placeholderFor('network-zone', OFFICES)}`);
    expect(await specProblems(plan)).toEqual([]);
  });

  it('missing INACTIVE zone is deactivated after creation', () => {
    const plan = planDirectory({ desired: [zone(OFFICES, 'Offices', ['198.51.100.0/24'], 'INACTIVE')], live: [], scope: zoneScope });

    expect(requestLines(plan)).toEqual([`POST ${ZONES}`, `POST ${ZONES}/${placeholderFor('network-zone', OFFICES)}/lifecycle/deactivate`]);
  });

  it('missing system zone is a manual step', () => {
    const plan = planDirectory({ desired: [zone(OFFICES, 'LegacyIpZone', ['198.51.100.0/24'], 'ACTIVE', { system: true })], live: [], scope: zoneScope });

    expect(plan.steps).toEqual([]);
    expect(plan.manualSteps).toHaveLength(1);
  });

  it('same-named zone is updated in place', () => {
    const plan = planDirectory({ desired: [zone(OFFICES, 'Offices', ['198.51.100.0/24'])], live: [zone(OTHER, 'Offices', ['192.0.2.0/24'])], scope: [{ type: 'resource', id: OFFICES }] });

    expect(plan.idMatches).toEqual({ [`network-zone:${OFFICES}`]: OTHER });
    expect(requestLines(plan)).toEqual([`PUT ${ZONES}/${OTHER}`]);
  });

  it('extra zone stays without allow-deletes', () => {
    const plan = planDirectory({ desired: [], live: [zone(OTHER, 'Contractors', ['192.0.2.0/24'])], scope: zoneScope });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('--allow-deletes');
  });

  it('extra zone is deactivated then deleted', () => {
    const plan = planDirectory({ desired: [], live: [zone(OTHER, 'Contractors', ['192.0.2.0/24'])], scope: zoneScope, options: { allowDeletes: true } });

    expect(requestLines(plan)).toEqual([`POST ${ZONES}/${OTHER}/lifecycle/deactivate`, `DELETE ${ZONES}/${OTHER}`]);
    for (const step of plan.steps) expect(step.flags).toEqual(['deletes']);
    expect(stepByKey(plan, `network-zone:${OTHER}:delete`).check).toEqual({ path: `${ZONES}/${OTHER}`, fields: [], absent: true });
  });

  it('extra system zone is never deleted', () => {
    const plan = planDirectory({ desired: [], live: [zone(OTHER, 'BlockedIpZone', ['192.0.2.0/24'], 'ACTIVE', { system: true })], scope: zoneScope, options: { allowDeletes: true } });

    expect(plan.steps).toEqual([]);
    expect(plan.leftInPlace[0]?.reason).toContain('system zones');
  });
});

describe('network zone planner against the sandbox', () => {
  it('restores gateways and status of a seeded zone', async () => {
    const org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
    try {
      const desired = await captureResources(org);
      const seeded = desired.find((resource) => resource.kind === 'network-zone');
      if (!seeded) throw new Error('The seed has no network zone');
      const zonePath = `${ZONES}/${seeded.id}`;
      const current = (await sandboxCall(org, 'GET', zonePath)) as JsonObject;
      await sandboxCall(org, 'PUT', zonePath, { type: current['type'], name: current['name'], usage: current['usage'], gateways: [{ type: 'CIDR', value: '192.0.2.0/24' }] });
      await sandboxCall(org, 'POST', `${zonePath}/lifecycle/deactivate`);
      const live = await captureResources(org);

      const plan = planDirectory({ desired, live, scope: [{ type: 'resource', id: seeded.id, kind: 'network-zone' }] });
      expect(requestLines(plan)).toEqual([`PUT ${zonePath}`, `POST ${zonePath}/lifecycle/activate`]);
      expect(await specProblems(plan)).toEqual([]);

      const verification = await restoreAndVerify(org, plan, desired);
      expect(verification.residuals).toEqual([]);
      expect(verification.checked).toBe(1);
    } finally {
      await org.close();
    }
  });
});

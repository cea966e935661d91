import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareResources } from '../../src-shared/diff/compare-resources.js';
import type { ResourceChange } from '../../src-shared/diff/diff-types.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import { seededRandom } from '../../src-shared/okta/ids.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { member, resource } from './diff-fixtures.js';

// Small id spaces, so that two generated snapshots share many kind and id pairs.
const GROUPS = ['00gA', '00gB', '00gC', '00gD', '00gE'];
const USERS = ['00u1', '00u2', '00u3', '00u4', '00u5', '00u6'];
const ZONES = ['nzo1', 'nzo2', 'nzo3'];
const POLICIES = ['rstA', 'rstB'];
const RULES = ['rul1', 'rul2', 'rul3', 'rul4', 'rul5'];

/** fast-check's JSON values typed as Butterfly's: its array type is read-only. */
const anyJson = (maxDepth: number): fc.Arbitrary<JsonValue> => fc.jsonValue({ maxDepth }) as unknown as fc.Arbitrary<JsonValue>;
const timestamp = fc.constantFrom('2025-01-01T00:00:00.000Z', '2026-02-03T04:05:06.000Z');
const extra = fc.option(anyJson(2), { nil: undefined });

function withExtra(body: JsonObject, value: JsonValue | undefined): JsonObject {
  return value === undefined ? body : { ...body, future: value };
}

const groupRule = fc
  .record({ id: fc.constantFrom('0pr1', '0pr2', '0pr3'), status: fc.constantFrom('ACTIVE', 'INACTIVE'), lastUpdated: timestamp, targets: fc.subarray(GROUPS, { minLength: 1 }), excluded: fc.subarray(USERS), extra })
  .map(({ id, status, lastUpdated, targets, excluded, extra: value }) =>
    resource('group-rule', id, withExtra({ id, status, lastUpdated, conditions: { people: { users: { exclude: excluded } } }, actions: { assignUserToGroups: { groupIds: targets } } }, value)),
  );

const policyRule = fc
  .record({ policy: fc.constantFrom(...POLICIES), id: fc.constantFrom(...RULES), priority: fc.integer({ min: 0, max: 6 }), system: fc.boolean(), groups: fc.subarray(GROUPS), zones: fc.subarray(ZONES), access: fc.constantFrom('ALLOW', 'DENY') })
  .map(({ policy, id, priority, system, groups, zones, access }) =>
    resource('policy-rule', `${policy}/${id}`, { id, priority, system, conditions: { people: { groups: { include: groups } }, network: { connection: 'ZONE', include: zones } }, actions: { appSignOn: { access } } }),
  );

const policy = fc
  .record({ id: fc.constantFrom(...POLICIES, '00p1', '00p2'), type: fc.constantFrom('OKTA_SIGN_ON', 'ACCESS_POLICY'), priority: fc.integer({ min: 1, max: 4 }), description: fc.constantFrom('', 'Staff', null) })
  .map(({ id, type, priority, description }) => resource('policy', id, { id, type, priority, description, lastUpdated: '2025-01-01T00:00:00.000Z' }));

const groupMembers = fc
  .record({ id: fc.constantFrom(...GROUPS), members: fc.subarray(USERS), department: fc.constantFrom('Sales', 'Engineering') })
  .map(({ id, members, department }) => resource('group-members', id, members.map((userId) => member(userId, department))));

const zone = fc
  .record({ id: fc.constantFrom(...ZONES), cidrs: fc.subarray(['198.51.100.0/24', '203.0.113.64/26', '192.0.2.10/32']), proxies: fc.constantFrom(null, undefined) })
  .map(({ id, cidrs, proxies }) => resource('network-zone', id, withExtra({ id, type: 'IP', gateways: cidrs.map((value) => ({ type: 'CIDR', value })) }, proxies)));

const unknownKind = fc.record({ id: fc.constantFrom('x1', 'x2'), body: anyJson(3) }).map(({ id, body }) => resource('future-kind', id, body));

const snapshot = fc.uniqueArray(fc.oneof(groupRule, policyRule, policy, groupMembers, zone, unknownKind), { selector: (item) => `${item.kind}/${item.id}`, maxLength: 25 });

/** Set-like arrays of the generated shapes, as paths from the body. */
const SET_PATHS = [
  ['actions', 'assignUserToGroups', 'groupIds'],
  ['conditions', 'people', 'users', 'exclude'],
  ['conditions', 'people', 'groups', 'include'],
  ['conditions', 'network', 'include'],
  ['gateways'],
];

/** Applies only changes the noise rules cover: permutes sets, renumbers priorities in order, moves timestamps, turns null into absent and "" into null. */
function withNoise(resources: SnapshotResource[], seed: number): SnapshotResource[] {
  const random = seededRandom(`noise ${seed}`);
  const copy = structuredClone(resources);
  for (const item of copy) {
    if (item.kind === 'group-members' && Array.isArray(item.body)) shuffle(item.body, random);
    if (!isJsonObject(item.body)) continue;
    for (const path of SET_PATHS) {
      const list = valueAt(item.body, path);
      if (Array.isArray(list)) shuffle(list, random);
    }
    if (item.kind !== ('future-kind' as string)) item.body['lastUpdated'] = `2030-01-0${1 + Math.floor(random() * 9)}T00:00:00.000Z`;
    for (const key of ['proxies', 'description']) {
      if (item.body[key] === null) delete item.body[key];
      else if (item.body[key] === '') item.body[key] = null;
    }
  }
  renumberPriorities(copy, random);
  return shuffle(copy, random);
}

/** Gives each ordered list new, spread-out priorities in its current evaluation order. */
function renumberPriorities(resources: SnapshotResource[], random: () => number): void {
  const lists = new Map<string, SnapshotResource[]>();
  for (const item of resources) {
    if (!isJsonObject(item.body) || typeof item.body['priority'] !== 'number') continue;
    const list = item.kind === 'policy-rule' ? `rules ${item.id.split('/')[0]}` : `policies ${String(item.body['type'])}`;
    lists.set(list, [...(lists.get(list) ?? []), item]);
  }
  for (const list of lists.values()) {
    list.sort((a, b) => {
      const left = a.body as JsonObject;
      const right = b.body as JsonObject;
      return Number(left['system']) - Number(right['system']) || Number(left['priority']) - Number(right['priority']) || (a.id < b.id ? -1 : 1);
    });
    let priority = Math.floor(random() * 10);
    for (const item of list) {
      priority += 1 + Math.floor(random() * 5);
      (item.body as JsonObject)['priority'] = priority;
    }
  }
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}

function valueAt(body: JsonObject, path: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = body;
  for (const step of path) current = isJsonObject(current) ? current[step] : undefined;
  return current;
}

function idsOf(changes: ResourceChange[], type: string): string[] {
  return changes.filter((change) => change.change === type).map((change) => `${change.kind}/${change.id}`);
}

function pathsOf(changes: ResourceChange[]): string[] {
  return changes.filter((change) => change.change === 'changed').map((change) => `${change.kind}/${change.id} ${change.changedPaths.join(' ')}`);
}

describe('compareResources properties', () => {
  it('snapshot equals itself', () => {
    fc.assert(
      fc.property(snapshot, (resources) => {
        const { changes, unchanged } = compareResources(resources, structuredClone(resources));

        expect(changes).toEqual([]);
        expect(unchanged).toBe(resources.length);
      }),
    );
  });

  it('noise alone changes nothing', () => {
    fc.assert(
      fc.property(snapshot, fc.nat(), (resources, seed) => {
        const { changes, unchanged } = compareResources(resources, withNoise(resources, seed));

        expect(changes).toEqual([]);
        expect(unchanged).toBe(resources.length);
      }),
    );
  });

  it('swapped sides mirror each other', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const forward = compareResources(a, b);
        const backward = compareResources(b, a);

        expect(idsOf(forward.changes, 'added')).toEqual(idsOf(backward.changes, 'removed'));
        expect(idsOf(forward.changes, 'removed')).toEqual(idsOf(backward.changes, 'added'));
        expect(pathsOf(forward.changes)).toEqual(pathsOf(backward.changes));
        expect(forward.unchanged).toBe(backward.unchanged);
      }),
    );
  });

  it('swapped sides mirror after noise', () => {
    fc.assert(
      fc.property(snapshot, snapshot, fc.nat(), (a, b, seed) => {
        const noisyB = withNoise(b, seed);

        expect(pathsOf(compareResources(a, noisyB).changes)).toEqual(pathsOf(compareResources(noisyB, a).changes));
        expect(pathsOf(compareResources(a, noisyB).changes)).toEqual(pathsOf(compareResources(a, b).changes));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { compareResources } from '../../src-shared/diff/compare-resources.js';
import { NOISE_RULES, normalizeForDiff } from '../../src-shared/diff/noise-rules.js';
import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import { RESOURCE_KINDS, type SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { accessRule, bodyOf, catchAllRule, copyOf, groupRuleBody, member, resource } from './diff-fixtures.js';

interface Case {
  name: string;
  before: SnapshotResource[];
  /** Edits a copy of `before` into the after side. */
  edit: (after: SnapshotResource[]) => void;
}

const RULE = '0pr7Wms321hgzItNk0MN';
const POLICY = 'rstQomxKFykBd7WCQInV';
const ZONE = 'nzo2J5cWdCEQ68Xshh2s';

const rule = (): SnapshotResource[] => [resource('group-rule', RULE, groupRuleBody(RULE, ['00g16u1EekNca2ODdwek', '00gZHN7m7i4Qk40QoebK', '00g9v8XiLY9ftPmiCmyA']))];
const zone = (extra: JsonObject = {}): SnapshotResource[] => [
  resource('network-zone', ZONE, {
    type: 'IP', id: ZONE, name: 'Contractor agency networks', status: 'ACTIVE', usage: 'POLICY', lastUpdated: '2025-03-10T09:40:17.000Z',
    gateways: [{ type: 'CIDR', value: '203.0.113.128/27' }, { type: 'RANGE', value: '192.0.2.200-192.0.2.220' }],
    proxies: null,
    ...extra,
  }),
];
const rules = (): SnapshotResource[] => [accessRule(POLICY, 'rulA', 0), accessRule(POLICY, 'rulB', 1), accessRule(POLICY, 'rulC', 2), catchAllRule(POLICY)];
const sessionPolicy = (id: string, priority: number): SnapshotResource => resource('policy', id, { type: 'OKTA_SIGN_ON', id, name: `Policy ${id}`, priority, system: false });
const conditions = (after: SnapshotResource[], id: string): JsonObject => bodyOf(after, 'policy-rule', `${POLICY}/${id}`)['conditions'] as JsonObject;
const set = (body: JsonObject, path: string[], value: JsonValue): void => {
  let target = body;
  for (const step of path.slice(0, -1)) target = target[step] as JsonObject;
  target[path.at(-1) ?? ''] = value;
};

const noiseCases: Case[] = [
  { name: 'lastUpdated moved', before: rule(), edit: (after) => set(bodyOf(after, 'group-rule', RULE), ['lastUpdated'], '2026-01-01T00:00:00.000Z') },
  { name: '_links from another org URL', before: rule(), edit: (after) => set(bodyOf(after, 'group-rule', RULE), ['_links'], { self: { href: 'http://127.0.0.1:4000/x' }, activate: { href: 'x' } }) },
  { name: '_embedded added', before: rule(), edit: (after) => set(bodyOf(after, 'group-rule', RULE), ['_embedded'], { stats: { usersCount: 12 } }) },
  {
    name: 'nested _links in a mapping',
    before: [resource('profile-mapping', 'prm1', { id: 'prm1', source: { id: '0oa1', _links: { self: { href: 'a' } } } })],
    edit: (after) => set(bodyOf(after, 'profile-mapping', 'prm1'), ['source', '_links'], { self: { href: 'b' } }),
  },
  {
    name: 'membership time of a group',
    before: [resource('group', '00g1', { id: '00g1', lastMembershipUpdated: '2026-04-21T21:58:31.000Z', objectClass: ['okta:user_group'], profile: { name: 'jira-users' } })],
    edit: (after) => set(bodyOf(after, 'group', '00g1'), ['lastMembershipUpdated'], '2026-05-01T00:00:00.000Z'),
  },
  {
    name: 'app user activity fields',
    before: [resource('app-user-assignment', '0oa1/00u1', { id: '00u1', scope: 'USER', status: 'ACTIVE', statusChanged: 'a', lastSync: 'a', passwordChanged: null, lastLogin: 'a' })],
    edit: (after) => Object.assign(bodyOf(after, 'app-user-assignment', '0oa1/00u1'), { statusChanged: 'b', lastSync: 'b', passwordChanged: 'b', lastLogin: 'b' }),
  },
  {
    name: 'last push of a mapping',
    before: [resource('group-push-mapping', '0oa1/gPm1', { id: 'gPm1', status: 'ACTIVE', lastPush: '2026-04-25T12:08:11.000Z' })],
    edit: (after) => set(bodyOf(after, 'group-push-mapping', '0oa1/gPm1'), ['lastPush'], '2026-04-26T12:08:11.000Z'),
  },
  {
    name: 'device assurance write fields',
    before: [resource('device-assurance', 'dae1', { id: 'dae1', platform: 'WINDOWS', lastUpdate: 'a', lastUpdatedBy: '00uA' })],
    edit: (after) => Object.assign(bodyOf(after, 'device-assurance', 'dae1'), { lastUpdate: 'b', lastUpdatedBy: '00uB' }),
  },
  {
    name: 'signing key rotation times',
    before: [resource('app', '0oa1', { id: '0oa1', credentials: { signing: { kid: 'k1', rotationMode: 'AUTO', lastRotated: 'a', nextRotation: 'a' } } })],
    edit: (after) => set(bodyOf(after, 'app', '0oa1'), ['credentials', 'signing'], { kid: 'k1', rotationMode: 'AUTO', lastRotated: 'b', nextRotation: 'b' }),
  },
  { name: 'group ids permuted', before: rule(), edit: (after) => set(bodyOf(after, 'group-rule', RULE), ['actions', 'assignUserToGroups', 'groupIds'], ['00g9v8XiLY9ftPmiCmyA', '00g16u1EekNca2ODdwek', '00gZHN7m7i4Qk40QoebK']) },
  {
    name: 'rule condition lists permuted',
    before: [accessRule(POLICY, 'rulA', 0, { conditions: { people: { groups: { include: ['00g1', '00g2'] }, users: { exclude: ['00u1', '00u2'] } }, network: { connection: 'ZONE', include: ['nzo1', 'nzo2'] }, device: { assurance: { include: ['dae1', 'dae2'] } } } })],
    edit: (after) => {
      const people = conditions(after, 'rulA')['people'] as JsonObject;
      set(people, ['groups', 'include'], ['00g2', '00g1']);
      set(people, ['users', 'exclude'], ['00u2', '00u1']);
      set(conditions(after, 'rulA'), ['network', 'include'], ['nzo2', 'nzo1']);
      set(conditions(after, 'rulA'), ['device', 'assurance', 'include'], ['dae2', 'dae1']);
    },
  },
  {
    name: 'object classes permuted',
    before: [resource('group', '00g1', { id: '00g1', objectClass: ['okta:user_group', 'okta:windows_security_principal'] })],
    edit: (after) => set(bodyOf(after, 'group', '00g1'), ['objectClass'], ['okta:windows_security_principal', 'okta:user_group']),
  },
  { name: 'zone gateways permuted', before: zone(), edit: (after) => (bodyOf(after, 'network-zone', ZONE)['gateways'] as JsonValue[]).reverse() },
  {
    name: 'group members permuted',
    before: [resource('group-members', '00g1', [member('00u1'), member('00u2'), member('00u3')])],
    edit: (after) => (after[0]?.body as JsonValue[]).reverse(),
  },
  { name: 'null proxies left out', before: zone(), edit: (after) => delete bodyOf(after, 'network-zone', ZONE)['proxies'] },
  { name: 'null proxies as empty string', before: zone(), edit: (after) => set(bodyOf(after, 'network-zone', ZONE), ['proxies'], '') },
  { name: 'absent field as null', before: zone(), edit: (after) => set(bodyOf(after, 'network-zone', ZONE), ['description'], null) },
  {
    name: 'rule priorities renumbered',
    before: rules(),
    edit: (after) => ['rulA', 'rulB', 'rulC'].forEach((id, index) => set(bodyOf(after, 'policy-rule', `${POLICY}/${id}`), ['priority'], 10 + index * 5)),
  },
  {
    name: 'policy priorities renumbered',
    before: [sessionPolicy('00p1', 1), sessionPolicy('00p2', 2)],
    edit: (after) => {
      set(bodyOf(after, 'policy', '00p1'), ['priority'], 3);
      set(bodyOf(after, 'policy', '00p2'), ['priority'], 7);
    },
  },
];

describe('noise rules', () => {
  it.each(noiseCases)('$name gives no change', ({ before, edit }) => {
    const after = copyOf(before);
    edit(after);

    const { changes, unchanged } = compareResources(before, after);

    expect(changes).toEqual([]);
    expect(unchanged).toBe(before.length);
  });

  it('rule inserted above keeps others unchanged', () => {
    const before = rules();
    const after = copyOf(before);
    ['rulA', 'rulB', 'rulC'].forEach((id, index) => set(bodyOf(after, 'policy-rule', `${POLICY}/${id}`), ['priority'], index + 1));
    after.push(accessRule(POLICY, 'rulNew', 0));

    const { changes } = compareResources(before, after);

    expect(changes.map((change) => [change.id, change.change])).toEqual([[`${POLICY}/rulNew`, 'added']]);
  });

  it('rule moved above another is a change', () => {
    const before = rules();
    const after = copyOf(before);
    set(bodyOf(after, 'policy-rule', `${POLICY}/rulC`), ['priority'], 0);
    set(bodyOf(after, 'policy-rule', `${POLICY}/rulA`), ['priority'], 1);
    set(bodyOf(after, 'policy-rule', `${POLICY}/rulB`), ['priority'], 2);

    const { changes } = compareResources(before, after);

    expect(changes.map((change) => change.id)).toEqual([`${POLICY}/rulC`]);
    expect(changes[0]?.changedPaths).toEqual(['/priority']);
  });

  it('policy moved above another is a change', () => {
    const before = [sessionPolicy('00p1', 1), sessionPolicy('00p2', 2), sessionPolicy('00p3', 3)];
    const after = [sessionPolicy('00p1', 2), sessionPolicy('00p2', 3), sessionPolicy('00p3', 1)];

    const { changes } = compareResources(before, after);

    expect(changes.map((change) => change.id)).toEqual(['00p3']);
  });

  it('policies of other types order apart', () => {
    const before = [sessionPolicy('00p1', 1), resource('policy', 'rst1', { type: 'ACCESS_POLICY', id: 'rst1', priority: 1 })];
    const after = [sessionPolicy('00p1', 1), resource('policy', 'rst1', { type: 'ACCESS_POLICY', id: 'rst1', priority: 5 })];

    expect(compareResources(before, after).changes).toEqual([]);
  });
});

describe('what noise rules keep', () => {
  const reported = (before: SnapshotResource[], edit: (after: SnapshotResource[]) => void): string[][] => {
    const after = copyOf(before);
    edit(after);
    return compareResources(before, after).changes.map((change) => [change.kind, change.id, ...change.changedPaths]);
  };

  it('unknown kind change reported', () => {
    const before = [resource('future-kind', 'x1', { id: 'x1', setting: 'on', lastUpdated: 'a' })];

    expect(reported(before, (after) => set(after[0]?.body as JsonObject, ['setting'], 'off'))).toEqual([['future-kind', 'x1', '/setting']]);
  });

  it('unknown kind noise ignored', () => {
    const before = [resource('future-kind', 'x1', { id: 'x1', lastUpdated: 'a', _links: {} })];

    expect(reported(before, (after) => Object.assign(after[0]?.body as JsonObject, { lastUpdated: 'b', _links: { self: {} } }))).toEqual([]);
  });

  it('unknown field change reported', () => {
    expect(reported(rule(), (after) => set(bodyOf(after, 'group-rule', RULE), ['futureField'], { nested: [1, 'two'] }))).toEqual([['group-rule', RULE, '/futureField']]);
  });

  it('unknown enum value reported', () => {
    expect(reported(rule(), (after) => set(bodyOf(after, 'group-rule', RULE), ['status'], 'PAUSED_BY_OKTA'))).toEqual([['group-rule', RULE, '/status']]);
  });

  it('nested lastUpdated reported', () => {
    expect(reported(rule(), (after) => set(bodyOf(after, 'group-rule', RULE), ['conditions', 'lastUpdated'], 'b'))).toEqual([['group-rule', RULE, '/conditions/lastUpdated']]);
  });

  it('empty array differs from absent', () => {
    expect(reported(zone(), (after) => set(bodyOf(after, 'network-zone', ZONE), ['proxies'], []))).toEqual([['network-zone', ZONE, '/proxies']]);
  });

  it('set member added reported', () => {
    const edit = (after: SnapshotResource[]): void => set(bodyOf(after, 'group-rule', RULE), ['actions', 'assignUserToGroups', 'groupIds'], ['00gNew', '00g16u1EekNca2ODdwek', '00gZHN7m7i4Qk40QoebK', '00g9v8XiLY9ftPmiCmyA']);

    expect(reported(rule(), edit)).toEqual([['group-rule', RULE, '/actions/assignUserToGroups/groupIds']]);
  });

  it('null to value reported', () => {
    expect(reported(zone(), (after) => set(bodyOf(after, 'network-zone', ZONE), ['proxies'], [{ type: 'CIDR', value: '198.51.100.7/32' }]))).toEqual([['network-zone', ZONE, '/proxies']]);
  });
});

describe('normalizeForDiff', () => {
  it('leaves the body untouched', () => {
    const body = groupRuleBody(RULE, ['00gB', '00gA']);
    const copy = structuredClone(body);

    normalizeForDiff('group-rule', body);

    expect(body).toEqual(copy);
  });

  it('keeps a __proto__ member', () => {
    const body = JSON.parse('{"id":"x","__proto__":{"polluted":true}}') as JsonValue;

    const normalized = normalizeForDiff('group', body) as JsonObject;

    expect(Object.keys(normalized)).toEqual(['id', '__proto__']);
    expect(Object.getPrototypeOf(normalized)).toBe(Object.prototype);
  });

  it('keys group members by id', () => {
    expect(normalizeForDiff('group-members', [member('00u2'), member('00u1')])).toEqual({ '00u1': member('00u1'), '00u2': member('00u2') });
  });

  it('sorts members with duplicate ids', () => {
    const members = [member('00u2'), member('00u1', 'Sales'), member('00u1')];

    expect(normalizeForDiff('group-members', members)).toEqual([member('00u1'), member('00u1', 'Sales'), member('00u2')]);
  });

  it('replaces priority with its position', () => {
    expect(normalizeForDiff('policy-rule', { id: 'rul1', priority: 7 }, { orderPosition: 2 })).toEqual({ id: 'rul1', priority: 2 });
  });

  it('keeps priority without a position', () => {
    expect(normalizeForDiff('policy-rule', { id: 'rul1', priority: 7 })).toEqual({ id: 'rul1', priority: 7 });
  });

  it('passes odd shapes through', () => {
    const body = { conditions: { people: { groups: { include: 'not-a-list' } } }, priority: 'high' };

    expect(normalizeForDiff('policy-rule', body, { orderPosition: 1 })).toEqual(body);
  });

  it('accepts every kind', () => {
    for (const kind of [...RESOURCE_KINDS, 'future-kind']) expect(normalizeForDiff(kind, { id: 'x' })).toEqual({ id: 'x' });
  });

  it('gives every rule a reason', () => {
    for (const rule of NOISE_RULES) expect(rule.reason.length, rule.paths.join(' ')).toBeGreaterThan(20);
  });
});

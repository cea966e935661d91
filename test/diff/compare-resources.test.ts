import { create } from 'jsondiffpatch';
import { describe, expect, it } from 'vitest';
import { compareResources } from '../../src-shared/diff/compare-resources.js';
import { normalizeForDiff } from '../../src-shared/diff/noise-rules.js';
import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { bodyOf, copyOf, groupRuleBody, member, resource } from './diff-fixtures.js';

const GROUP = '00g16u1EekNca2ODdwek';

function only(before: SnapshotResource[], after: SnapshotResource[]): ReturnType<typeof compareResources>['changes'][number] {
  const { changes } = compareResources(before, after);
  expect(changes).toHaveLength(1);
  return changes[0] as ReturnType<typeof compareResources>['changes'][number];
}

describe('compareResources', () => {
  it('reports added, removed and changed', () => {
    const before = [resource('group-rule', '0pr1', groupRuleBody('0pr1', [GROUP])), resource('group-rule', '0pr2', groupRuleBody('0pr2', [GROUP]))];
    const after = [resource('group-rule', '0pr2', groupRuleBody('0pr2', ['00gOther'])), resource('group-rule', '0pr3', groupRuleBody('0pr3', [GROUP]))];

    const { changes, unchanged } = compareResources(before, after);

    expect(changes.map((change) => [change.id, change.change])).toEqual([['0pr1', 'removed'], ['0pr2', 'changed'], ['0pr3', 'added']]);
    expect(unchanged).toBe(0);
  });

  it('counts unchanged resources', () => {
    const before = [resource('group-rule', '0pr1', groupRuleBody('0pr1', [GROUP])), resource('group', GROUP, { id: GROUP })];

    expect(compareResources(before, copyOf(before))).toEqual({ changes: [], unchanged: 2 });
  });

  it('sorts by kind, then id', () => {
    const after = [resource('group', 'b', {}), resource('app', 'z', {}), resource('group', 'a', {}), resource('app-feature', 'a', {})];

    const { changes } = compareResources([], after);

    expect(changes.map((change) => `${change.kind} ${change.id}`)).toEqual(['app z', 'app-feature a', 'group a', 'group b']);
  });

  it('keys by kind and id', () => {
    const before = [resource('group', 'x', { id: 'x' })];
    const after = [resource('group-members', 'x', [])];

    const { changes } = compareResources(before, after);

    expect(changes.map((change) => `${change.change} ${change.kind}`)).toEqual(['removed group', 'added group-members']);
  });

  it('rejects duplicate kind and id', () => {
    const twice = [resource('group', 'x', {}), resource('group', 'x', {})];

    expect(() => compareResources(twice, [])).toThrow('The before side contains two group resources with id x, but ids must be unique within a kind.');
  });

  it('names a removed resource by its before side', () => {
    const change = only([resource('group', 'x', {}, 'old name')], []);

    expect(change.name).toBe('old name');
    expect(change.before?.name).toBe('old name');
    expect(change.after).toBeUndefined();
  });

  it('names a changed resource by its after side', () => {
    const change = only([resource('group', 'x', { a: 1 }, 'old name')], [resource('group', 'x', { a: 2 }, 'new name')]);

    expect(change.name).toBe('new name');
  });

  it('writes texts from raw bodies', () => {
    const before = [resource('group', 'x', { b: 1, a: { d: [], c: null }, lastUpdated: 't1', _links: { self: { href: 'h' } } })];
    const after = [resource('group', 'x', { a: { c: null, d: [] }, b: 2, lastUpdated: 't2' })];

    const change = only(before, after);

    expect(change.beforeText).toBe('{\n  "_links": {\n    "self": {\n      "href": "h"\n    }\n  },\n  "a": {\n    "c": null,\n    "d": []\n  },\n  "b": 1,\n  "lastUpdated": "t1"\n}');
    expect(change.afterText).toBe('{\n  "a": {\n    "c": null,\n    "d": []\n  },\n  "b": 2,\n  "lastUpdated": "t2"\n}');
  });

  it('leaves the missing side text empty', () => {
    const added = only([], [resource('group', 'x', { a: 1 })]);
    const removed = only([resource('group', 'x', { a: 1 })], []);

    expect(added.beforeText).toBe('');
    expect(added.afterText).toBe('{\n  "a": 1\n}');
    expect(removed.afterText).toBe('');
  });

  it('serializes side texts', () => {
    const change = only([], [resource('group', 'x', { a: 1 })]);

    expect(JSON.parse(JSON.stringify(change))).toMatchObject({ beforeText: '', afterText: '{\n  "a": 1\n}' });
    expect(structuredClone(change)).toMatchObject({ afterText: '{\n  "a": 1\n}' });
  });

  it('diffs bodies after the noise rules', () => {
    const before = [resource('group-rule', '0pr1', groupRuleBody('0pr1', ['00gB', '00gA']))];
    const after = copyOf(before);
    Object.assign(bodyOf(after, 'group-rule', '0pr1'), { lastUpdated: 'later', status: 'INACTIVE' });

    const change = only(before, after);

    expect(change.delta).toEqual({ status: ['ACTIVE', 'INACTIVE'] });
    expect(change.changedPaths).toEqual(['/status']);
  });

  it('leaves no delta on added resources', () => {
    const change = only([], [resource('group', 'x', {})]);

    expect(change.delta).toBeUndefined();
    expect(change.changedPaths).toEqual([]);
  });

  it('sorts and escapes changed paths', () => {
    const before = [resource('future-kind', 'x', { b: 1, 'a/b': 1, a: { '~x': 1, c: 1 }, a2: 1 })];
    const after = [resource('future-kind', 'x', { b: 2, 'a/b': 2, a: { '~x': 2, c: 2 }, a2: 2 })];

    expect(only(before, after).changedPaths).toEqual(['/a/c', '/a/~0x', '/a2', '/a~1b', '/b']);
  });

  it('leaves the input bodies untouched', () => {
    const before = [resource('group-members', GROUP, [member('00u2'), member('00u1')])];
    const after = [resource('group-members', GROUP, [member('00u1')])];
    const copies = [copyOf(before), copyOf(after)];

    compareResources(before, after);

    expect([before, after]).toEqual(copies);
  });
});

describe('arrays in a delta', () => {
  const items = (...ids: string[]): JsonObject => ({ items: ids.map((id) => ({ id, value: `v-${id}` })) });

  it('front insert adds one element', () => {
    const change = only([resource('future-kind', 'x', items('b', 'c', 'd'))], [resource('future-kind', 'x', items('a', 'b', 'c', 'd'))]);

    expect(change.delta).toEqual({ items: { _t: 'a', 0: [{ id: 'a', value: 'v-a' }] } });
    expect(change.changedPaths).toEqual(['/items']);
  });

  it('shifted element matched by id', () => {
    const after = items('a', 'b', 'c');
    ((after['items'] as JsonObject[])[2] as JsonObject)['value'] = 'changed';

    const change = only([resource('future-kind', 'x', items('b', 'c'))], [resource('future-kind', 'x', after)]);

    expect(change.delta).toEqual({ items: { _t: 'a', 0: [{ id: 'a', value: 'v-a' }], 2: { value: ['v-c', 'changed'] } } });
  });

  it('front insert without ids adds one', () => {
    const constraints = (...levels: string[]): JsonObject => ({ constraints: levels.map((level) => ({ possession: { deviceBound: level } })) });

    const change = only([resource('future-kind', 'x', constraints('REQUIRED', 'OPTIONAL'))], [resource('future-kind', 'x', constraints('NEW', 'REQUIRED', 'OPTIONAL'))]);

    expect(change.delta).toEqual({ constraints: { _t: 'a', 0: [{ possession: { deviceBound: 'NEW' } }] } });
  });

  it('ordered array move detected', () => {
    const statements = (...names: string[]): JsonObject => ({ statements: names.map((name) => ({ name, values: [name] })) });

    const change = only([resource('future-kind', 'x', statements('a', 'b', 'c'))], [resource('future-kind', 'x', statements('c', 'a', 'b'))]);

    expect(change.delta).toEqual({ statements: { _t: 'a', _2: ['', 0, 3] } });
  });

  it('signing keys matched by kid', () => {
    const before = { keys: [{ kid: 'k2', status: 'ACTIVE' }] };
    const after = { keys: [{ kid: 'k1', status: 'ACTIVE' }, { kid: 'k2', status: 'INACTIVE' }] };

    const change = only([resource('future-kind', 'x', before)], [resource('future-kind', 'x', after)]);

    expect(change.delta).toEqual({ keys: { _t: 'a', 0: [{ kid: 'k1', status: 'ACTIVE' }], 1: { status: ['ACTIVE', 'INACTIVE'] } } });
  });

  it('member removal names the member', () => {
    const before = [resource('group-members', GROUP, [member('00u1'), member('00u2'), member('00u3')])];
    const after = [resource('group-members', GROUP, [member('00u1'), member('00u3')])];

    const change = only(before, after);

    expect(change.changedPaths).toEqual(['/00u2']);
    expect(change.delta).toEqual({ '00u2': [member('00u2'), 0, 0] });
  });

  it('member change names the field', () => {
    const before = [resource('group-members', GROUP, [member('00u1'), member('00u2')])];
    const after = [resource('group-members', GROUP, [member('00u1'), member('00u2', 'Sales')])];

    expect(only(before, after).changedPaths).toEqual(['/00u2/profile/department']);
  });

  it('delta patches before into after', () => {
    const before = groupRuleBody('0pr1', ['00gB', '00gA'], { futureList: [{ id: 'x', on: true }, { id: 'y', on: false }] });
    const after = groupRuleBody('0pr1', ['00gC', '00gA'], { futureList: [{ id: 'z', on: true }, { id: 'x', on: false }], status: 'INACTIVE' });
    const patcher = create();

    const change = only([resource('group-rule', '0pr1', before)], [resource('group-rule', '0pr1', after)]);
    const patched = patcher.patch(structuredClone(normalizeForDiff('group-rule', before)), change.delta as never) as JsonValue;

    expect(patched).toEqual(normalizeForDiff('group-rule', after));
  });
});

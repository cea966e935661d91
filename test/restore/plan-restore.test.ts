import { beforeAll, describe, expect, it } from 'vitest';
import { stringAt } from '../../src-shared/diff/findings/json-pointer.js';
import { planRestore } from '../../src-shared/restore/plan-restore.js';
import { mapStrings } from '../../src-shared/restore/placeholders.js';
import { parseScopeEntry, scopeText } from '../../src-shared/restore/scope-parsing.js';
import { ScopeError } from '../../src-shared/restore/scope-resolution.js';
import { verifyRestore } from '../../src-shared/restore/verify-restore.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { captureSeedResources } from '../support/seed-snapshot.js';
import { OTHER_ORG_URL, sectionsOf, side } from './planners/directory-test-support.js';

const APP = '0oaWGujkWZIYd6DJa3qZ';
const CONFLUENCE_USERS = 'confluence-users';

let seed: SnapshotResource[];

beforeAll(async () => {
  seed = await captureSeedResources('atlassian-stack');
}, 60_000);

/** Returns the id of the group of this name that is assigned to the app (the seed has two groups of some names). */
function groupIdNamed(name: string): string {
  const assigned = new Set(seed.filter((resource) => resource.kind === 'app-group-assignment' && resource.id.startsWith(`${APP}/`)).map((resource) => resource.id.slice(APP.length + 1)));
  const group = seed.find((resource) => resource.kind === 'group' && stringAt(resource.body, '/profile/name') === name && assigned.has(resource.id));
  if (!group) throw new Error(`The seed has no group ${name} assigned to ${APP}`);
  return group.id;
}

/** Returns a group whose name no other group of the seed has. */
function uniquelyNamedGroup(): SnapshotResource {
  const groups = seed.filter((resource) => resource.kind === 'group');
  const unique = groups.find((group) => groups.filter((other) => stringAt(other.body, '/profile/name') === stringAt(group.body, '/profile/name')).length === 1);
  if (!unique) throw new Error('Every group name of the seed is shared');
  return unique;
}

/** Returns the seed with every group id replaced, as another org with the same groups would have it. */
function asOtherOrg(resources: SnapshotResource[]): SnapshotResource[] {
  const groupIds = new Map(resources.filter((resource) => resource.kind === 'group').map((group) => [group.id, `00g${group.id.slice(3).split('').reverse().join('')}`]));
  const pattern = new RegExp([...groupIds.keys()].join('|'), 'g');
  return resources.map((resource) => JSON.parse(JSON.stringify(mapStrings(resource as never, (text) => text.replace(pattern, (id) => groupIds.get(id) ?? id)))) as SnapshotResource);
}

describe('the access-loss threshold', () => {
  it('large product loss blocks the plan', () => {
    const assignment = `${APP}/${groupIdNamed(CONFLUENCE_USERS)}`;
    const desired = seed.filter((resource) => !(resource.kind === 'app-group-assignment' && resource.id === assignment));

    const plan = planRestore({ desired: side('1', desired), live: side('live', seed), scope: [{ type: 'app', appId: APP }], options: { allowDeletes: true } });

    expect(plan.steps.map((step) => `${step.request.method} ${step.request.path}`)).toContain(`DELETE /api/v1/apps/${assignment}`.replace(`${APP}/`, `${APP}/groups/`));
    expect(plan.threshold.exceeded).toBe(true);
    expect(plan.threshold.lostUsers).toBeGreaterThan(20);
    expect(plan.blockers).toEqual([plan.threshold.message]);
    expect(plan.threshold.message).toContain('--override-threshold');
  });

  it('the override lets the same plan run', () => {
    const assignment = `${APP}/${groupIdNamed(CONFLUENCE_USERS)}`;
    const desired = seed.filter((resource) => !(resource.kind === 'app-group-assignment' && resource.id === assignment));

    const plan = planRestore({ desired: side('1', desired), live: side('live', seed), scope: [{ type: 'app', appId: APP }], options: { allowDeletes: true, overrideThreshold: true } });

    expect(plan.threshold.exceeded).toBe(true);
    expect(plan.threshold.overridden).toBe(true);
    expect(plan.blockers).toEqual([]);
  });

  it('limits above the loss let the plan run', () => {
    const assignment = `${APP}/${groupIdNamed(CONFLUENCE_USERS)}`;
    const desired = seed.filter((resource) => !(resource.kind === 'app-group-assignment' && resource.id === assignment));

    const relaxed = planRestore({ desired: side('1', desired), live: side('live', seed), scope: [{ type: 'app', appId: APP }], options: { allowDeletes: true, thresholdUsers: 100_000, thresholdPercent: 100 } });

    expect(relaxed.threshold.exceeded).toBe(false);
    expect(relaxed.blockers).toEqual([]);
  });
});

describe('a restore into another org', () => {
  it('groups matched by name use target ids', () => {
    const group = uniquelyNamedGroup();
    const live = asOtherOrg(seed);
    const desired = seed.map((resource) => (resource.kind === 'group' && resource.id === group.id ? { ...resource, body: { ...(resource.body as object), profile: { ...((resource.body as { profile: object }).profile), description: 'restored' } } } : resource));

    const plan = planRestore({ desired: side('1', desired), live: side('live', live, OTHER_ORG_URL), scope: [{ type: 'resource', kind: 'group', id: group.id }] });
    const targetId = plan.idMatches[`group:${group.id}`];

    expect(targetId).toBeDefined();
    expect(targetId).not.toBe(group.id);
    expect(plan.steps.map((step) => `${step.request.method} ${step.request.path}`)).toEqual([`PUT /api/v1/groups/${targetId}`]);
    expect(plan.blockers).toEqual([]);
  });

  it('shared target group name blocks the plan', () => {
    const group = uniquelyNamedGroup();
    const live = asOtherOrg(seed);
    const counterpart = live.find((resource) => resource.kind === 'group' && stringAt(resource.body, '/profile/name') === stringAt(group.body, '/profile/name')) as SnapshotResource;
    live.push({ ...counterpart, id: '00gTwinOfTheGroup001' });

    const plan = planRestore({ desired: side('1', seed), live: side('live', live, OTHER_ORG_URL), scope: [{ type: 'resource', kind: 'group', id: group.id }] });

    expect(plan.idMatches[`group:${group.id}`]).toBeUndefined();
    expect(plan.blockers.some((blocker) => blocker.includes(`(${group.id}) matches 2 objects`))).toBe(true);
    expect(plan.steps.filter((step) => step.action === 'create')).toEqual([]);
  });
});

describe('scopes', () => {
  it('parses every written form', () => {
    expect(parseScopeEntry('app:0oa1')).toEqual({ type: 'app', appId: '0oa1' });
    expect(parseScopeEntry('kind:group-rule')).toEqual({ type: 'kind', kind: 'group-rule' });
    expect(parseScopeEntry('id:00g1')).toEqual({ type: 'resource', id: '00g1' });
    expect(parseScopeEntry('id:group:00g1')).toEqual({ type: 'resource', kind: 'group', id: '00g1' });
    expect(parseScopeEntry('id:rst1/0pr2')).toEqual({ type: 'resource', id: 'rst1/0pr2' });
    expect(parseScopeEntry('field:prm1:/properties/atlassianProducts')).toEqual({ type: 'field', id: 'prm1', pointer: '/properties/atlassianProducts' });
    expect(parseScopeEntry('field:app:0oa1:/settings/signOn/ssoAcsUrl')).toEqual({ type: 'field', kind: 'app', id: '0oa1', pointer: '/settings/signOn/ssoAcsUrl' });
  });

  it.each(['app:0oa1', 'kind:group-rule', 'id:00g1', 'id:group:00g1', 'id:rst1/0pr2', 'field:prm1:/properties/x', 'field:app:0oa1:/settings/signOn/ssoAcsUrl'])('writes %s back as parsed', (text) => {
    expect(scopeText(parseScopeEntry(text))).toBe(text);
  });

  it.each(['app', 'kind:groups', 'field:prm1', 'everything:1'])('rejects %s with the forms it accepts', (text) => {
    expect(() => parseScopeEntry(text)).toThrow(ScopeError);
  });

  it('unknown id is a scope error', () => {
    expect(() => planRestore({ desired: side('1', seed), live: side('live', seed), scope: [{ type: 'resource', id: '00gNoSuchGroup000000' }] })).toThrow(/00gNoSuchGroup000000/);
  });

  it('field of shared id needs its kind', () => {
    expect(() => planRestore({ desired: side('1', seed), live: side('live', seed), scope: [{ type: 'field', id: APP, pointer: '/label' }] })).toThrow(/field:<kind>:/);
  });

  it('a field that names nothing is a scope error', () => {
    expect(() => planRestore({ desired: side('1', seed), live: side('live', seed), scope: [{ type: 'field', kind: 'app', id: APP, pointer: '/settings/signOn/ssoAcsURL' }] })).toThrow(/case-sensitive/);
  });

  it('an unchanged org gives an empty plan', () => {
    const plan = planRestore({ desired: side('1', seed), live: side('live', seed), scope: [{ type: 'app', appId: APP }] });

    expect(plan.steps).toEqual([]);
    expect(plan.blockers).toEqual([]);
    expect(plan.covered.length).toBeGreaterThan(50);
  });
});

describe('a partial capture of the target org', () => {
  it('blocks a scope whose section failed', () => {
    const group = uniquelyNamedGroup();
    const live = seed.filter((resource) => resource.kind !== 'group');

    const plan = planRestore({ desired: side('1', seed), live: side('live', live, undefined, ['group']), scope: [{ type: 'resource', kind: 'group', id: group.id }] });

    expect(plan.blockers.some((blocker) => blocker.startsWith('The capture of group in the target org failed'))).toBe(true);
  });

  it('ignores a failed section out of scope', () => {
    const plan = planRestore({ desired: side('1', seed), live: side('live', seed, undefined, ['device-assurance']), scope: [{ type: 'kind', kind: 'group-rule' }] });

    expect(plan.blockers).toEqual([]);
  });
});

describe('verification', () => {
  it('reports differences, clean once matched', () => {
    const assignment = `${APP}/${groupIdNamed(CONFLUENCE_USERS)}`;
    const live = seed.filter((resource) => !(resource.kind === 'app-group-assignment' && resource.id === assignment));
    const plan = planRestore({ desired: side('1', seed), live: side('live', live), scope: [{ type: 'app', appId: APP }] });

    const before = verifyRestore(plan, seed, { resources: live, sections: sectionsOf(live) }, new Map());
    const after = verifyRestore(plan, seed, { resources: seed, sections: sectionsOf(seed) }, new Map());

    expect(before.residuals.map((residual) => `${residual.kind} ${residual.id} ${residual.change}`)).toEqual([`app-group-assignment ${assignment} removed`]);
    expect(before.clean).toBe(false);
    expect(after.clean).toBe(true);
  });

  it('a failed capture leaves kinds unchecked, not removed', () => {
    const plan = planRestore({ desired: side('1', seed), live: side('live', seed), scope: [{ type: 'app', appId: APP }] });
    const partial = seed.filter((resource) => resource.kind !== 'group');

    const verification = verifyRestore(plan, seed, { resources: partial, sections: sectionsOf(partial, ['group']) }, new Map());

    expect(verification.unchecked.map((item) => item.kind)).toEqual(['group']);
    expect(verification.residuals).toEqual([]);
    expect(verification.clean).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { AtlassianProduct } from '../../src-shared/diff/diff-types.js';
import { computeProductAccess, type ProductAccess } from '../../src-shared/impact/product-access.js';
import { productOfGroupName } from '../../src-shared/impact/product-names.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { app, group, groupAssignment, member, members, productMapping, pushMapping, userAssignment, withBody, without } from '../support/impact-snapshot.js';

const APP = 'app-prod';

/**
 * Builds an org where engineering (ana, ben, a suspended and a staged member) and sales (cat,
 * dan) are assigned to the app. ana and cat are also in jira-software-users, which is pushed to
 * the Atlassian group of the same name.
 */
function baseOrg(): SnapshotResource[] {
  return [
    app(APP),
    group('g-eng', 'engineering'),
    group('g-sales', 'sales'),
    group('g-jira', 'jira-software-users'),
    group('g-jira-target', 'jira-software-users', 'APP_GROUP'),
    members('g-eng', [
      member('ana', { department: 'Engineering' }),
      member('ben', { department: 'Engineering' }),
      member('sus', { department: 'Engineering' }, 'SUSPENDED'),
      member('stg', { department: 'Engineering' }, 'STAGED'),
    ]),
    members('g-sales', [member('cat', { department: 'Sales' }), member('dan', { department: 'Sales' })]),
    members('g-jira', [member('ana', { department: 'Engineering' }), member('cat', { department: 'Sales' })]),
    groupAssignment(APP, 'g-eng', 0, ['jira-software', 'confluence']),
    groupAssignment(APP, 'g-sales', 1, ['confluence']),
    pushMapping(APP, 'push-jira', 'g-jira', 'g-jira-target'),
  ];
}

function withMembers(resources: SnapshotResource[], groupId: string, records: ReturnType<typeof member>[]): SnapshotResource[] {
  return [...resources.filter((item) => !(item.kind === 'group-members' && item.id === groupId)), members(groupId, records)];
}

function usersWith(access: ProductAccess, product: AtlassianProduct): string[] {
  return [...(access.products.get(product) ?? [])].sort();
}

function undeterminedFor(access: ProductAccess, product: AtlassianProduct): string[] {
  return [...(access.undetermined.get(product) ?? [])].sort();
}

describe('product access through assignments', () => {
  it('grants products from assignment profiles', () => {
    const access = computeProductAccess(baseOrg());
    expect(usersWith(access, 'confluence')).toEqual(['ana', 'ben', 'cat', 'dan']);
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'ben', 'cat']);
    expect(usersWith(access, 'bitbucket')).toEqual([]);
    expect(access.notes).toEqual([]);
  });

  it('gives an inactive app to nobody', () => {
    const access = computeProductAccess(withBody(baseOrg(), 'app', APP, (body) => (body['status'] = 'INACTIVE')));
    for (const product of ['jira-software', 'confluence'] as const) expect(usersWith(access, product)).toEqual([]);
  });

  it('takes the highest-priority group profile', () => {
    const benInSales = withMembers(baseOrg(), 'g-sales', [member('cat'), member('dan'), member('ben')]);
    const salesFirst = withBody(benInSales, 'app-group-assignment', `${APP}/g-sales`, (body) => (body['priority'] = -1));
    const access = computeProductAccess(salesFirst);
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'cat']);
  });

  it('combines group values when the schema says so', () => {
    const schema: SnapshotResource = {
      kind: 'app-user-schema',
      id: APP,
      name: 'schema',
      body: { definitions: { custom: { properties: { atlassianProducts: { type: 'array', union: 'ENABLE' } } } } },
    };
    const benInSales = withMembers([...baseOrg(), schema], 'g-sales', [member('cat'), member('dan'), member('ben')]);
    const salesBitbucket = withBody(benInSales, 'app-group-assignment', `${APP}/g-sales`, (body) => (body['profile'] = { atlassianProducts: ['bitbucket'] }));
    const access = computeProductAccess(salesBitbucket);
    expect(usersWith(access, 'bitbucket')).toEqual(['ben', 'cat', 'dan']);
    expect(usersWith(access, 'confluence')).toEqual(['ana', 'ben']);
  });

  it('assigns the Everyone group to every user', () => {
    const access = computeProductAccess([...baseOrg(), group('g-everyone', 'Everyone', 'BUILT_IN'), groupAssignment(APP, 'g-everyone', 5, ['bitbucket'])]);
    expect(usersWith(access, 'bitbucket')).toEqual([]);
    const everyoneFirst = computeProductAccess([...baseOrg(), group('g-everyone', 'Everyone', 'BUILT_IN'), groupAssignment(APP, 'g-everyone', -1, ['bitbucket'])]);
    expect(usersWith(everyoneFirst, 'bitbucket')).toEqual(['ana', 'ben', 'cat', 'dan']);
  });

  it('notes an assigned group without members', () => {
    const access = computeProductAccess([...baseOrg(), group('g-other', 'other'), groupAssignment(APP, 'g-other', 5, ['bitbucket'])]);
    expect(usersWith(access, 'bitbucket')).toEqual([]);
    expect(access.notes).toEqual(['Atlassian app-prod is assigned to group other, whose members are not in the snapshot, so they are not counted.']);
  });

  it('prefers a direct assignment profile', () => {
    const access = computeProductAccess([...baseOrg(), userAssignment(APP, 'ben', ['bitbucket']), userAssignment(APP, 'eve', ['jira-servicemanagement'])]);
    expect(usersWith(access, 'bitbucket')).toEqual(['ben']);
    expect(usersWith(access, 'confluence')).toEqual(['ana', 'cat', 'dan']);
    expect(usersWith(access, 'jsm-agent')).toEqual(['eve']);
    expect(access.logins.get('eve')).toBe('eve@acme.test');
  });
});

describe('product access through group push', () => {
  it('grants nothing through an inactive push', () => {
    const access = computeProductAccess(withBody(baseOrg(), 'group-push-mapping', `${APP}/push-jira`, (body) => (body['status'] = 'INACTIVE')));
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'ben']);
  });

  it('uses the target group name', () => {
    const renamed = withBody(baseOrg(), 'group', 'g-jira-target', (body) => (body['profile'] = { name: 'confluence-users' }));
    const access = computeProductAccess(renamed);
    expect(usersWith(access, 'confluence')).toEqual(['ana', 'ben', 'cat', 'dan']);
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'ben']);
  });

  it('falls back to the source group name', () => {
    const access = computeProductAccess(baseOrg().filter((item) => item.id !== 'g-jira-target'));
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'ben', 'cat']);
  });

  it('applies product overrides', () => {
    const none = computeProductAccess(baseOrg(), { productOverrides: { 'JIRA-SOFTWARE-USERS': null } });
    expect(usersWith(none, 'jira-software')).toEqual(['ana', 'ben']);
    const bitbucket = computeProductAccess(baseOrg(), { productOverrides: { 'jira-software-users': 'bitbucket' } });
    expect(usersWith(bitbucket, 'bitbucket')).toEqual(['ana', 'cat']);
  });

  it('marks holders undetermined without pushed members', () => {
    const access = computeProductAccess(without(baseOrg(), 'group-members', 'g-jira'));
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'ben']);
    expect(undeterminedFor(access, 'jira-software')).toEqual(['cat', 'dan']);
    expect(access.notes).toEqual(['Atlassian app-prod: the members of pushed group jira-software-users are not in the snapshot, so who gets jira-software through it is not known.']);
  });

  it('needs the app for a pushed group', () => {
    const access = computeProductAccess(withMembers(baseOrg(), 'g-jira', [member('ana'), member('zed')]));
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'ben']);
  });
});

describe('product access through the mapping', () => {
  const byDepartment = 'user.department=="Engineering" ? {"bitbucket","confluence"} : (isMemberOfGroup("g-jira") ? {"jira-servicemanagement"} : {})';

  it('evaluates the mapping before assignment profiles', () => {
    const access = computeProductAccess([...baseOrg(), productMapping(APP, byDepartment), userAssignment(APP, 'ben', ['jira-software'])]);
    expect(usersWith(access, 'bitbucket')).toEqual(['ana', 'ben']);
    expect(usersWith(access, 'confluence')).toEqual(['ana', 'ben']);
    expect(usersWith(access, 'jsm-agent')).toEqual(['cat']);
    expect(usersWith(access, 'jira-software')).toEqual(['ana', 'cat']);
  });

  it('reads a custom attribute name', () => {
    const mapping = withBody([productMapping(APP, '{"bitbucket"}')], 'profile-mapping', `prm-${APP}`, (body) => {
      body['properties'] = { licences: { expression: '{"bitbucket"}' } };
    });
    const access = computeProductAccess([...baseOrg(), ...mapping], { productAttribute: 'licences' });
    expect(usersWith(access, 'bitbucket')).toEqual(['ana', 'ben', 'cat', 'dan']);
  });

  it('marks unevaluable users undetermined', () => {
    const expression = 'user.department=="Engineering" ? {"bitbucket"} : (isMemberOfGroup("g-uncaptured") ? {"confluence"} : {})';
    const access = computeProductAccess([...baseOrg(), productMapping(APP, expression)]);
    expect(usersWith(access, 'bitbucket')).toEqual(['ana', 'ben']);
    expect(undeterminedFor(access, 'confluence')).toEqual(['cat', 'dan']);
    expect(undeterminedFor(access, 'jira-software')).toEqual(['dan']);
    expect(access.notes).toHaveLength(1);
    expect(access.notes[0]).toContain('2 user(s)');
    expect(access.notes[0]).toContain('g-uncaptured');
  });

  it('marks everyone undetermined for an unsupported expression', () => {
    const access = computeProductAccess([...baseOrg(), productMapping(APP, 'user.level > 2 ? {"bitbucket"} : {}')]);
    expect(usersWith(access, 'bitbucket')).toEqual([]);
    expect(undeterminedFor(access, 'bitbucket')).toEqual(['ana', 'ben', 'cat', 'dan']);
    expect(access.notes[0]).toContain("Operator '>' is not supported");
  });
});

describe('product names', () => {
  const cases: Array<[string, AtlassianProduct | undefined]> = [
    ['jira-software-users', 'jira-software'],
    ['Jira-Users', 'jira-software'],
    ['confluence-users', 'confluence'],
    ['bitbucket-users', 'bitbucket'],
    ['jira-servicemanagement-users', 'jsm-agent'],
    ['jira-servicedesk-users', 'jsm-agent'],
    ['CS-jsm-agents', 'jsm-agent'],
    ['site-admins', undefined],
    ['confluence-users-extra', undefined],
  ];

  it.each(cases)('%s', (name, product) => {
    expect(productOfGroupName(name)).toBe(product);
  });
});

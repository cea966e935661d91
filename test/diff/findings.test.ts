import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { ResourceChange } from '../../src-shared/diff/diff-types.js';
import { PROD_APP, SEED_RESOURCES, added, changed, findingsOf, removed } from './findings-fixtures.js';

// The findings pass as a whole: the generic fallback, kinds without rules, the product
// attribute option, the sort order, and the promise that every change gives a finding.

function signOn(app: JsonObject): JsonObject {
  return (app['settings'] as JsonObject)['signOn'] as JsonObject;
}

function siteUrlChange(): ResourceChange {
  return changed('app', PROD_APP, ['/settings/app/siteUrl'], (app) => { ((app['settings'] as JsonObject)['app'] as JsonObject)['siteUrl'] = 'https://nq.atlassian.net'; });
}

describe('generic findings', () => {
  const auth0Client: ResourceChange = { kind: 'auth0-client', id: 'client-1', name: 'Support portal', change: 'added', changedPaths: [], beforeText: '', afterText: '{}' };

  it('describes an unknown kind added', () => {
    expect(findingsOf([auth0Client])).toEqual([
      { code: 'resource-added', severity: 'low', kind: 'auth0-client', resourceIds: ['client-1'], sentence: "Resource 'Support portal' (auth0-client) was added." },
    ]);
  });

  it('lists the changed paths of an unknown kind', () => {
    const change: ResourceChange = { ...auth0Client, change: 'changed', changedPaths: ['/callbacks/0', '/name'] };
    expect(findingsOf([change]).map((finding) => finding.sentence)).toEqual(["Resource 'Support portal' (auth0-client): 2 fields changed: /callbacks/0 and /name."]);
  });

  it('describes a field no rule covers', () => {
    expect(findingsOf([siteUrlChange()])).toEqual([
      { code: 'resource-changed', severity: 'low', kind: 'app', resourceIds: [PROD_APP], sentence: "App 'Atlassian Cloud': 1 field changed: /settings/app/siteUrl." },
    ]);
  });

  it('lists only the paths rules left', () => {
    const change = changed('app', PROD_APP, ['/settings/app/siteUrl', '/settings/signOn/ssoAcsUrl'], (app) => {
      ((app['settings'] as JsonObject)['app'] as JsonObject)['siteUrl'] = 'https://nq.atlassian.net';
      signOn(app)['ssoAcsUrl'] = 'https://auth.atlassian.com/login/callback?connection=saml-0000';
    });
    expect(findingsOf([change]).map((finding) => finding.code)).toEqual(['app-acs-url-changed', 'resource-changed']);
  });

  it('names the leftover path', () => {
    const change = changed('app', PROD_APP, ['/settings/app/siteUrl', '/status'], (app) => {
      ((app['settings'] as JsonObject)['app'] as JsonObject)['siteUrl'] = 'https://nq.atlassian.net';
      app['status'] = 'INACTIVE';
    });
    expect(findingsOf([change]).at(-1)?.sentence).toBe("App 'Atlassian Cloud': 1 field changed: /settings/app/siteUrl.");
  });

  it('caps the listed paths at five', () => {
    const paths = ['/a', '/b', '/c', '/d', '/e', '/f', '/g'];
    expect(findingsOf([changed('app', PROD_APP, paths, () => undefined)])[0]?.sentence).toBe("App 'Atlassian Cloud': 7 fields changed: /a, /b, /c, /d, /e and 2 more.");
  });

  it('describes a change without paths', () => {
    expect(findingsOf([changed('app', PROD_APP, [], () => undefined)])[0]?.sentence).toBe("App 'Atlassian Cloud' changed.");
  });

  it('names a user type by its label', () => {
    const change = changed('user-type', 'otyyEwUICNZYJvI7lVVe', ['/description'], (userType) => { userType['description'] = 'Staff'; });
    expect(findingsOf([change])[0]?.sentence).toBe("User type 'User': 1 field changed: /description.");
  });

  it('keeps sub-resource owners in ids', () => {
    const change = changed('app-signing-key', `${PROD_APP}/ZL0Uuxj1LQkP6kjrABllu6OIQ7c1Dhl3ZCBm9MyRlP0`, ['/expiresAt'], (key) => { key['expiresAt'] = '2029-01-01T00:00:00.000Z'; });
    expect(findingsOf([change])[0]?.resourceIds).toEqual([`${PROD_APP}/ZL0Uuxj1LQkP6kjrABllu6OIQ7c1Dhl3ZCBm9MyRlP0`, PROD_APP]);
  });
});

describe('every change gives a finding', () => {
  const cases: Array<[string, (resource: (typeof SEED_RESOURCES)[number]) => ResourceChange]> = [
    ['removed', (resource) => removed(resource.kind, resource.id)],
    ['added', (resource) => ({ ...removed(resource.kind, resource.id), change: 'added', before: undefined, after: resource })],
    ['changed', (resource) => ({ ...removed(resource.kind, resource.id), change: 'changed', after: resource, changedPaths: ['/unknownField'] })],
  ];

  it.each(cases)('for each seed resource %s', (_label, changeOf) => {
    const silent = SEED_RESOURCES.filter((resource) => findingsOf([changeOf(resource)]).length === 0).map((resource) => `${resource.kind} ${resource.id}`);
    expect(silent).toEqual([]);
  });
});

describe('product attribute option', () => {
  const remapDepartment = (): ResourceChange =>
    changed('profile-mapping', 'prmyXyjt57YPucRvfW8Y', ['/properties/department/expression'], (mapping) => {
      ((mapping['properties'] as JsonObject)['department'] as JsonObject)['expression'] = 'user.costCenter';
    });

  it('makes the named attribute critical', () => {
    expect(findingsOf([remapDepartment()], { productAttribute: 'department' })[0]).toEqual({
      code: 'product-mapping-changed',
      severity: 'critical',
      kind: 'profile-mapping',
      resourceIds: ['prmyXyjt57YPucRvfW8Y', PROD_APP],
      sentence: "Profile mapping Okta user → 'Atlassian Cloud': `department` now maps from `user.costCenter` (was `user.department`).",
    });
  });

  it('leaves the default attribute medium', () => {
    expect(findingsOf([remapDepartment()])[0]?.severity).toBe('medium');
  });
});

describe('finding order', () => {
  const changes = (): ResourceChange[] => [
    changed('group', '00gn8fg5V9QKgp38c8eP', ['/profile/description'], (group) => { (group['profile'] as JsonObject)['description'] = 'IT'; }),
    removed('group-rule', '0prDL14svt6RZll1tfSb'),
    changed('policy-rule', 'rstQomxKFykBd7WCQInV/ruleb99q93PU4HP0IyTJ', ['/priority'], (rule) => { rule['priority'] = 0; }),
    added('group', '00gNEWgroup000000001', 'jsm-agents-emea', {}),
    removed('group-rule', '0pr7Wms321hgzItNk0MN'),
    changed('app', PROD_APP, ['/status'], (app) => { app['status'] = 'INACTIVE'; }),
  ];
  const expected = ['app-deactivated', 'group-rule-deleted', 'group-rule-deleted', 'policy-rule-priority-changed', 'group-added', 'group-description-changed'];

  it('sorts by severity then kind', () => {
    expect(findingsOf(changes()).map((finding) => finding.code)).toEqual(expected);
  });

  it('sorts one kind by resource name', () => {
    const ruleSentences = findingsOf(changes()).filter((finding) => finding.code === 'group-rule-deleted').map((finding) => finding.sentence);
    expect(ruleSentences).toEqual(["Group rule 'CS → jsm-agents' was deleted.", "Group rule 'Engineering department' was deleted."]);
  });

  it('ignores the input order', () => {
    expect(findingsOf(changes().reverse())).toEqual(findingsOf(changes()));
  });
});

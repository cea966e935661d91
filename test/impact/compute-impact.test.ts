import { describe, expect, it } from 'vitest';
import type { AtlassianProduct } from '../../src-shared/diff/diff-types.js';
import { computeImpact, type AccessImpactDetails } from '../../src-shared/impact/compute-impact.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import {
  DENY_APP,
  allowApp,
  app,
  forGroups,
  group,
  groupAssignment,
  member,
  members,
  policy,
  productMapping,
  pushMapping,
  rule,
  withBody,
  without,
} from '../support/impact-snapshot.js';

const APP = 'app-prod';
const PRODUCTS_BY_DEPARTMENT =
  'user.department=="Engineering" ? {"jira-software","confluence","bitbucket"} : (user.department=="Sales" ? {"confluence"} : {})';

/**
 * Builds an org where engineering (ana, ben, eve) and sales (cat, dan, eve, fay) are assigned
 * to the app, whose mapping gives products by department. confluence-users (ana, cat, fay) is
 * pushed, so fay, in Marketing, has Confluence only through the push. dan's login sorts first.
 */
function baseOrg(): SnapshotResource[] {
  const ana = member('ana', { department: 'Engineering' });
  const ben = member('ben', { department: 'Engineering' });
  const cat = member('cat', { department: 'Sales' });
  const dan = member('dan', { department: 'Sales', login: 'aaron.dan@acme.test' });
  const eve = member('eve', { department: 'Sales' });
  const fay = member('fay', { department: 'Marketing' });
  return [
    app(APP, 'pol-app'),
    group('g-eng', 'engineering'),
    group('g-sales', 'sales'),
    group('g-conf', 'confluence-users'),
    group('g-conf-target', 'confluence-users', 'APP_GROUP'),
    members('g-eng', [ana, ben, eve]),
    members('g-sales', [cat, dan, eve, fay]),
    members('g-conf', [ana, cat, fay]),
    groupAssignment(APP, 'g-eng', 0),
    groupAssignment(APP, 'g-sales', 1),
    pushMapping(APP, 'push-conf', 'g-conf', 'g-conf-target'),
    productMapping(APP, PRODUCTS_BY_DEPARTMENT),
    policy('pol-app', 'ACCESS_POLICY', 1),
    rule('pol-app', 'r-eng', 1, forGroups(['g-eng']), allowApp('2FA', 'PT12H')),
    rule('pol-app', 'r-catch-all', 99, null, allowApp('2FA', 'PT12H')),
  ];
}

function lost(impact: AccessImpactDetails, product: AtlassianProduct): string[] {
  return impact.products.find((entry) => entry.product === product)?.lost.map((user) => user.id) ?? [];
}

function gained(impact: AccessImpactDetails, product: AtlassianProduct): string[] {
  return impact.products.find((entry) => entry.product === product)?.gained.map((user) => user.id) ?? [];
}

function changedProducts(impact: AccessImpactDetails): string[] {
  return impact.products.filter((entry) => entry.gained.length + entry.lost.length > 0).map((entry) => entry.product);
}

describe('impact of an unchanged snapshot', () => {
  it('lists nobody', () => {
    const impact = computeImpact(baseOrg(), baseOrg());
    expect(impact.products.map((entry) => entry.product)).toEqual(['jira-software', 'confluence', 'bitbucket', 'jsm-agent']);
    expect(changedProducts(impact)).toEqual([]);
    expect(impact.signOn).toEqual({ newlyDenied: [], newlyChallenged: [] });
    expect(impact.notes).toEqual([]);
  });
});

describe('product impact', () => {
  it('removed group assignment loses its only members', () => {
    const impact = computeImpact(baseOrg(), without(baseOrg(), 'app-group-assignment', `${APP}/g-sales`));
    expect(lost(impact, 'confluence')).toEqual(['dan', 'cat', 'fay']);
    expect(changedProducts(impact)).toEqual(['confluence']);
    expect(impact.signOn).toEqual({ newlyDenied: [], newlyChallenged: [] });
  });

  it('names users by id and login', () => {
    const impact = computeImpact(baseOrg(), without(baseOrg(), 'app-group-assignment', `${APP}/g-sales`));
    const confluence = impact.products.find((entry) => entry.product === 'confluence');
    expect(confluence?.lost[0]).toEqual({ id: 'dan', login: 'aaron.dan@acme.test' });
  });

  it('deactivated push loses push-only users', () => {
    const after = withBody(baseOrg(), 'group-push-mapping', `${APP}/push-conf`, (body) => (body['status'] = 'INACTIVE'));
    const impact = computeImpact(baseOrg(), after);
    expect(lost(impact, 'confluence')).toEqual(['fay']);
    expect(changedProducts(impact)).toEqual(['confluence']);
  });

  it('mapping change moves sales off Confluence', () => {
    const after = withBody(baseOrg(), 'profile-mapping', `prm-${APP}`, (body) => {
      body['properties'] = { atlassianProducts: { expression: 'user.department=="Engineering" ? {"jira-software","confluence","bitbucket"} : {}' } };
    });
    const impact = computeImpact(baseOrg(), after);
    expect(lost(impact, 'confluence')).toEqual(['dan', 'eve']);
    expect(changedProducts(impact)).toEqual(['confluence']);
  });

  it('mapping change grants products', () => {
    const after = withBody(baseOrg(), 'profile-mapping', `prm-${APP}`, (body) => {
      body['properties'] = { atlassianProducts: { expression: 'user.department=="Marketing" ? {"jira-servicemanagement"} : {"confluence"}' } };
    });
    const impact = computeImpact(baseOrg(), after);
    expect(gained(impact, 'jsm-agent')).toEqual(['fay']);
    expect(lost(impact, 'jira-software')).toEqual(['ana', 'ben']);
    expect(lost(impact, 'bitbucket')).toEqual(['ana', 'ben']);
    expect(lost(impact, 'confluence')).toEqual([]);
  });

  it('undetermined users are not listed', () => {
    const after = withBody(baseOrg(), 'profile-mapping', `prm-${APP}`, (body) => {
      body['properties'] = { atlassianProducts: { expression: 'String.substringBefore(user.department, " ") == "Sales" ? {} : {}' } };
    });
    const impact = computeImpact(baseOrg(), after);
    expect(changedProducts(impact)).toEqual([]);
    expect(impact.notes).toHaveLength(1);
    expect(impact.notes[0]).toMatch(/^After: Atlassian app-prod: the atlassianProducts value of 6 user\(s\) could not be worked out/);
  });
});

describe('sign-on impact', () => {
  it('managed device rule challenges engineering', () => {
    const after = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => {
      body['conditions'] = forGroups(['g-eng'], { device: { registered: true, managed: true } });
    });
    const impact = computeImpact(baseOrg(), after);
    expect(impact.signOn.newlyChallenged.map((user) => user.id)).toEqual(['ana', 'ben', 'eve']);
    expect(impact.signOn.newlyDenied).toEqual([]);
    expect(impact.signOnReasons['ana']).toEqual(['Atlassian app-prod now requires a registered device', 'Atlassian app-prod now requires a managed device']);
    expect(changedProducts(impact)).toEqual([]);
  });

  it('deny rule newly denies sales', () => {
    const after = [...baseOrg(), rule('pol-app', 'r-sales-deny', 0, forGroups(['g-sales']), DENY_APP)];
    const impact = computeImpact(baseOrg(), after);
    expect(impact.signOn.newlyDenied.map((user) => user.id)).toEqual(['dan', 'cat', 'eve', 'fay']);
    expect(impact.signOn.newlyChallenged).toEqual([]);
    expect(impact.signOnReasons['cat']).toEqual(["Atlassian app-prod: rule 'pol-app: r-sales-deny' denies access"]);
  });

  it('lifted deny is not listed', () => {
    const denied = [...baseOrg(), rule('pol-app', 'r-sales-deny', 0, forGroups(['g-sales']), DENY_APP)];
    const impact = computeImpact(denied, baseOrg());
    expect(impact.signOn).toEqual({ newlyDenied: [], newlyChallenged: [] });
  });

  it('weaker factor mode challenges nobody', () => {
    const after = withBody(baseOrg(), 'policy-rule', 'pol-app/r-catch-all', (body) => (body['actions'] = allowApp('1FA', 'PT24H')));
    expect(computeImpact(baseOrg(), after).signOn.newlyChallenged).toEqual([]);
  });

  it('shorter re-authentication challenges', () => {
    const after = withBody(baseOrg(), 'policy-rule', 'pol-app/r-catch-all', (body) => (body['actions'] = allowApp('2FA', 'PT1H')));
    const impact = computeImpact(baseOrg(), after);
    expect(impact.signOn.newlyChallenged.map((user) => user.id)).toEqual(['dan', 'cat', 'fay']);
    expect(impact.signOnReasons['fay']).toEqual(['Atlassian app-prod now requires re-authentication every 3600 s']);
  });

  it('leaves out users without a decision', () => {
    const after = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => (body['conditions'] = forGroups(['g-uncaptured'])));
    const impact = computeImpact(baseOrg(), after);
    expect(impact.signOn).toEqual({ newlyDenied: [], newlyChallenged: [] });
    expect(impact.notes).toEqual([
      "Atlassian app-prod: sign-on of 6 user(s) on the after side could not be worked out, so they are not compared: whether rule 'pol-app: r-eng' covers the user depends on group members or user types not in the snapshot.",
    ]);
  });
});

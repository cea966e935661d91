import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { newRequirements } from '../../src-shared/impact/requirement-comparison.js';
import { durationSeconds, noRequirements, type SignOnRequirements } from '../../src-shared/impact/rule-requirements.js';
import { signOnDecision, type SignOnDecision } from '../../src-shared/impact/sign-on-requirements.js';
import { indexSnapshot } from '../../src-shared/impact/snapshot-index.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { DENY_APP, allowApp, app, forGroups, group, groupAssignment, member, members, policy, rule, withBody, without } from '../support/impact-snapshot.js';

const APP = 'app-prod';
const OFFICE = 'zone-office';
const ALLOW_SESSION: JsonObject = { signon: { access: 'ALLOW', requireFactor: false, session: { maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 0 } } };

/**
 * Builds an org where engineering (ana, ben) must use a registered device. Contractors (cat) are
 * denied outside the office and re-authenticate every two hours. Everyone else (dan) falls to
 * the catch-all rule, and one default global session policy allows everyone with one factor.
 */
function baseOrg(): SnapshotResource[] {
  return [
    app(APP, 'pol-app'),
    group('g-eng', 'engineering'),
    group('g-ctr', 'contractors'),
    group('g-staff', 'staff'),
    members('g-eng', [member('ana'), member('ben')]),
    members('g-ctr', [member('cat')]),
    members('g-staff', [member('dan')]),
    groupAssignment(APP, 'g-eng', 0),
    groupAssignment(APP, 'g-ctr', 1),
    groupAssignment(APP, 'g-staff', 2),
    policy('pol-app', 'ACCESS_POLICY', 1),
    rule('pol-app', 'r-eng', 1, forGroups(['g-eng'], { device: { registered: true } }), allowApp('2FA', 'PT12H')),
    rule('pol-app', 'r-ctr-outside', 2, forGroups(['g-ctr'], { network: { connection: 'ZONE', exclude: [OFFICE] } }), DENY_APP),
    rule('pol-app', 'r-ctr', 3, forGroups(['g-ctr']), allowApp('2FA', 'PT2H', [{ possession: { phishingResistant: 'REQUIRED' } }])),
    rule('pol-app', 'r-catch-all', 99, null, allowApp('1FA', 'PT12H')),
    policy('pol-session', 'OKTA_SIGN_ON', 9, { system: true }),
    rule('pol-session', 'r-session-default', 1, null, ALLOW_SESSION),
  ];
}

function decide(resources: SnapshotResource[], userId: string): SignOnDecision {
  const index = indexSnapshot(resources);
  const user = index.users.get(userId);
  const appBody = index.apps[0];
  if (!user || !appBody) throw new Error(`No user ${userId} or no app in the test snapshot`);
  return signOnDecision(index, user, appBody);
}

describe('app sign-in rule choice', () => {
  it('takes the first matching rule', () => {
    const decision = decide(baseOrg(), 'ana');
    expect(decision.access).toBe('ALLOW');
    expect(decision.app?.deviceRegistered).toBe(true);
    expect(decision.app?.factorMode).toBe('2FA');
    expect(decision.app?.reauthenticateSeconds).toBe(12 * 3600);
  });

  it('turns a conditional deny into a zone requirement', () => {
    const decision = decide(baseOrg(), 'cat');
    expect(decision.access).toBe('ALLOW');
    expect(decision.app?.zonesIncluded).toEqual([OFFICE]);
    expect(decision.app?.factorConstraints).toEqual(['possession.phishingResistant']);
    expect(decision.app?.reauthenticateSeconds).toBe(2 * 3600);
  });

  it('falls to the catch-all rule', () => {
    const decision = decide(baseOrg(), 'dan');
    expect(decision.access).toBe('ALLOW');
    expect(decision.app?.factorMode).toBe('1FA');
    expect(decision.app?.deviceRegistered).toBe(false);
  });

  it('skips an excluded user', () => {
    const excluded = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => {
      body['conditions'] = { people: { groups: { include: ['g-eng'] }, users: { exclude: ['ana'] } } };
    });
    expect(decide(excluded, 'ana').app?.factorMode).toBe('1FA');
    expect(decide(excluded, 'ben').app?.factorMode).toBe('2FA');
  });

  it('honours a group exclusion', () => {
    const excluded = withBody(baseOrg(), 'policy-rule', 'pol-app/r-catch-all', (body) => {
      body['conditions'] = { people: { groups: { exclude: ['g-staff'] } } };
    });
    expect(decide(excluded, 'dan').access).toBe('UNKNOWN');
  });

  it('skips an inactive rule', () => {
    const inactive = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => (body['status'] = 'INACTIVE'));
    expect(decide(inactive, 'ana').app?.factorMode).toBe('1FA');
  });

  it('denies through an unconditional deny', () => {
    const denied = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => {
      body['conditions'] = forGroups(['g-eng']);
      body['actions'] = DENY_APP;
    });
    const decision = decide(denied, 'ana');
    expect(decision.access).toBe('DENY');
    expect(decision.reason).toContain('r-eng');
  });

  it('keeps a device-conditioned deny as a condition', () => {
    const denied = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => (body['actions'] = DENY_APP));
    const decision = decide(denied, 'ana');
    expect(decision.access).toBe('ALLOW');
    expect(decision.app?.factorMode).toBe('1FA');
    expect(decision.app?.otherConditions).toEqual(['no sign-in on a registered device']);
  });

  it('reads device and network conditions', () => {
    const strict = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => {
      body['conditions'] = forGroups(['g-eng'], {
        device: { registered: true, managed: true, assurance: { include: ['dae-mac', 'dae-win'] } },
        network: { connection: 'ZONE', include: [OFFICE], exclude: ['zone-tor'] },
        riskScore: { level: 'ANY' },
      });
    });
    const requirements = decide(strict, 'ana').app;
    expect(requirements?.deviceManaged).toBe(true);
    expect(requirements?.deviceAssurance).toEqual(['dae-mac', 'dae-win']);
    expect(requirements?.zonesIncluded).toEqual([OFFICE]);
    expect(requirements?.zonesExcluded).toEqual(['zone-tor']);
    expect(requirements?.otherConditions).toEqual([]);
  });

  it('describes platform and risk conditions', () => {
    const limited = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => {
      body['conditions'] = forGroups(['g-eng'], {
        platform: { include: [{ type: 'DESKTOP', os: { type: 'MACOS' } }] },
        riskScore: { level: 'LOW' },
      });
    });
    expect(decide(limited, 'ana').app?.otherConditions).toEqual(['platform {"include":[{"os":{"type":"MACOS"},"type":"DESKTOP"}]}', 'risk score LOW']);
  });
});

describe('sign-on decisions that stay unknown', () => {
  it('needs the members of named groups', () => {
    const uncaptured = without(baseOrg(), 'group-members', 'g-eng');
    const withMembersElsewhere = [...uncaptured, members('g-other', [member('ana')]), groupAssignment(APP, 'g-other', 3)];
    const decision = decide(withMembersElsewhere, 'ana');
    expect(decision.access).toBe('UNKNOWN');
    expect(decision.reason).toContain('r-eng');
  });

  it('does not evaluate expression conditions', () => {
    const withExpression = withBody(baseOrg(), 'policy-rule', 'pol-app/r-eng', (body) => {
      body['conditions'] = forGroups(['g-eng'], { elCondition: { condition: 'user.profile.department == "Engineering"' } });
    });
    expect(decide(withExpression, 'ana').access).toBe('UNKNOWN');
  });

  it('needs the app sign-in policy', () => {
    expect(decide(without(baseOrg(), 'policy', 'pol-app'), 'ana').access).toBe('UNKNOWN');
  });

  it('needs a rule that covers the user', () => {
    expect(decide(without(baseOrg(), 'policy-rule', 'pol-app/r-catch-all'), 'dan').access).toBe('UNKNOWN');
  });

  it('allows without an app policy link', () => {
    const unlinked = withBody(baseOrg(), 'app', APP, (body) => (body['_links'] = {}));
    const decision = decide(unlinked, 'ana');
    expect(decision.access).toBe('ALLOW');
    expect(decision.app).toBeNull();
  });
});

describe('global session rule choice', () => {
  const contractorSessions = (actions: JsonObject, conditions: JsonObject | null = null): SnapshotResource[] => [
    ...baseOrg(),
    policy('pol-ctr-session', 'OKTA_SIGN_ON', 1, { conditions: forGroups(['g-ctr']) }),
    rule('pol-ctr-session', 'r-ctr-session', 1, conditions, actions),
  ];

  it('applies the default policy to everyone', () => {
    const decision = decide(baseOrg(), 'dan');
    expect(decision.session?.factorMode).toBe('1FA');
    expect(decision.session?.idleSeconds).toBe(120 * 60);
    expect(decision.session?.reauthenticateSeconds).toBeNull();
  });

  it('takes the first policy covering the user', () => {
    const resources = contractorSessions({ signon: { access: 'ALLOW', requireFactor: true, factorPromptMode: 'ALWAYS', session: { maxSessionLifetimeMinutes: 480 } } });
    const contractor = decide(resources, 'cat').session;
    expect(contractor?.factorMode).toBe('2FA');
    expect(contractor?.factorEverySignIn).toBe(true);
    expect(contractor?.reauthenticateSeconds).toBe(480 * 60);
    expect(decide(resources, 'dan').session?.factorMode).toBe('1FA');
  });

  it('denies every app through a session deny', () => {
    const decision = decide(contractorSessions({ signon: { access: 'DENY' } }), 'cat');
    expect(decision.access).toBe('DENY');
    expect(decision.reason).toContain('r-ctr-session');
  });

  it('moves on when no rule matches', () => {
    const decision = decide(contractorSessions({ signon: { access: 'DENY' } }, { people: { users: { include: ['nobody'] } } }), 'cat');
    expect(decision.access).toBe('ALLOW');
    expect(decision.session?.idleSeconds).toBe(120 * 60);
  });
});

describe('new requirements', () => {
  const base: SignOnRequirements = { ...noRequirements(), zonesIncluded: ['z1', 'z2'], reauthenticateSeconds: 3600, deviceAssurance: ['d1', 'd2'] };
  const cases: Array<[string, Partial<SignOnRequirements>, string[]]> = [
    ['nothing new', {}, []],
    ['registered device', { deviceRegistered: true }, ['a registered device']],
    ['managed device', { deviceManaged: true }, ['a managed device']],
    ['fewer assurance policies', { deviceAssurance: ['d1'] }, ['device assurance (d1)']],
    ['more assurance policies', { deviceAssurance: ['d1', 'd2', 'd3'] }, []],
    ['fewer zones', { zonesIncluded: ['z2'] }, ['a sign-in from network zone z2']],
    ['more zones', { zonesIncluded: ['z1', 'z2', 'z3'] }, []],
    ['any network', { zonesIncluded: null }, []],
    ['excluded zone', { zonesExcluded: ['z9'] }, ['no sign-in from network zone z9']],
    ['second factor', { factorMode: '2FA' }, ['two factors']],
    ['factor constraint', { factorConstraints: ['possession.phishingResistant'] }, ['a factor with possession.phishingResistant']],
    ['factor every sign-in', { factorEverySignIn: true }, ['a factor at every sign-in']],
    ['shorter re-authentication', { reauthenticateSeconds: 600 }, ['re-authentication every 600 s']],
    ['longer re-authentication', { reauthenticateSeconds: 7200 }, []],
    ['no re-authentication limit', { reauthenticateSeconds: null }, []],
    ['idle timeout', { idleSeconds: 900 }, ['an idle timeout of 900 s']],
    ['other condition', { otherConditions: ['risk score LOW'] }, ['risk score LOW']],
  ];

  it.each(cases)('%s', (_name, change, expected) => {
    expect(newRequirements(base, { ...base, ...change })).toEqual(expected);
  });

  it('treats a missing side as no requirements', () => {
    expect(newRequirements(null, base)).toEqual(['device assurance (d1, d2)', 'a sign-in from network zone z1 or z2', 're-authentication every 3600 s']);
    expect(newRequirements(base, null)).toEqual([]);
  });
});

describe('ISO 8601 durations', () => {
  const cases: Array<[string, number | undefined]> = [
    ['PT12H', 43_200],
    ['PT0S', 0],
    ['PT30M', 1800],
    ['P1DT2H3M4S', 93_784],
    ['P', undefined],
    ['PT', undefined],
    ['P1W', undefined],
    ['12h', undefined],
  ];

  it.each(cases)('%s', (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });
});

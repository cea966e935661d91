import { describe, expect, it } from 'vitest';
import type { Finding, ResourceChange } from '../../src-shared/diff/diff-types.js';
import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import { APP_POLICY, PROD_APP, added, changed, checkCases, findingsOf, removed, replaced, reversed, type FindingCase } from './findings-fixtures.js';

// Findings for groups, their member lists and the group rules that fill them.

const JIRA_USERS = '00gBGTAyIgewYItLGgY8';
const JIRA_ADMINS = '00g41TEd0dGBfd5K8v4A';
const BITBUCKET_USERS = '00gflYGhgT5mJzgcbEKv';
/** The APP_GROUP 'bitbucket-users' in Atlassian that 'bitbucket-users' is pushed to. */
const BITBUCKET_APP_GROUP = '00g6FzsgUMATctNIrCFk';
const BITBUCKET_PUSH = `${PROD_APP}/gPmSYioKso3QhSMgipcO`;
/** Named only by the expression of the rule 'CS → jsm-agents'. */
const OVERRIDES = '00gtYE0lRu1VpxS3thIA';
const CONTRACTOR_RULE = `${APP_POLICY}/rulYzU8W9RCMO6GA0k0m`;
const CONTRACTORS = '00g9v8XiLY9ftPmiCmyA';
const DEPT_IT = '00gn8fg5V9QKgp38c8eP';
const CS_AGENTS_RULE = '0pr7Wms321hgzItNk0MN';
const ENGINEERING_RULE = '0prDL14svt6RZll1tfSb';
const RETIRED_RULE = '0prtY0MwtQ7qvaF47r7K';
const FELIX = '00uCLeJxoxHpKFMv8EYc';
const TO_APP_MAPPING = 'prmyXyjt57YPucRvfW8Y';
const INGRID_ID = '00ulqYWmKaFkhPJH2i7G';
const FIRST_JIRA_ADMINS = 'felix.galloway@northwindquanta.com, nadia.banerjee@northwindquanta.com, nadia.ramaswamy@northwindquanta.com and 1 more';

const INGRID: JsonObject = {
  id: INGRID_ID,
  status: 'ACTIVE',
  profile: { login: 'ingrid.kealoha@northwindquanta.com', email: 'ingrid.kealoha@northwindquanta.com', firstName: 'Ingrid', lastName: 'Kealoha' },
};

function excludedGroups(rule: JsonObject): string[] {
  return (((rule['conditions'] as JsonObject)['people'] as JsonObject)['groups'] as JsonObject)['exclude'] as string[];
}

function excludeContractors(): ReturnType<typeof changed> {
  return changed('group-rule', ENGINEERING_RULE, ['/conditions/people/groups/exclude'], (rule) => { excludedGroups(rule).push(CONTRACTORS); });
}

function setStatus(status: string): (rule: JsonObject) => void {
  return (rule) => { rule['status'] = status; };
}

function targetGroups(rule: JsonObject): string[] {
  return ((rule['actions'] as JsonObject)['assignUserToGroups'] as JsonObject)['groupIds'] as string[];
}

/** Replaces the exclusions of 'CS → jsm-agents': the group 'contractors' in place of one user. */
function replaceExclusions(): ReturnType<typeof changed> {
  return changed('group-rule', CS_AGENTS_RULE, ['/conditions/people/groups/exclude', '/conditions/people/users/exclude'], (rule) => {
    const people = (rule['conditions'] as JsonObject)['people'] as JsonObject;
    (people['groups'] as JsonObject)['exclude'] = [CONTRACTORS];
    (people['users'] as JsonObject)['exclude'] = [];
  });
}

function withoutIngrid(members: JsonValue): JsonValue {
  return (members as JsonObject[]).filter((member) => member['id'] !== INGRID_ID);
}

const groupCases: FindingCase[] = [
  {
    name: 'assigned and pushed group deleted',
    change: () => removed('group', JIRA_USERS),
    code: 'assigned-group-deleted',
    severity: 'critical',
    resourceIds: [JIRA_USERS, PROD_APP],
    sentence: "Group 'jira-software-users' was deleted while assigned to app 'Atlassian Cloud' and pushed by app 'Atlassian Cloud'.",
  },
  {
    name: 'assigned group deleted',
    change: () => removed('group', JIRA_ADMINS),
    code: 'assigned-group-deleted',
    severity: 'critical',
    resourceIds: [JIRA_ADMINS, PROD_APP],
    sentence: "Group 'jira-admins' was deleted while assigned to app 'Atlassian Cloud'.",
  },
  {
    name: 'unassigned group deleted',
    change: () => removed('group', DEPT_IT),
    code: 'group-deleted',
    severity: 'high',
    resourceIds: [DEPT_IT],
    sentence: "Group 'dept-it' was deleted.",
  },
  {
    name: 'group named by an expression deleted',
    change: () => removed('group', OVERRIDES),
    code: 'group-deleted',
    severity: 'high',
    resourceIds: [OVERRIDES],
    sentence: "Group 'jsm-agent-overrides' was deleted.",
  },
  {
    name: 'push target app group deleted',
    change: () => removed('group', BITBUCKET_APP_GROUP),
    code: 'assigned-group-deleted',
    severity: 'critical',
    resourceIds: [BITBUCKET_APP_GROUP, PROD_APP],
    sentence: "App group 'bitbucket-users' was deleted while the Push Groups target of app 'Atlassian Cloud'.",
  },
  {
    name: 'group added',
    change: () => added('group', '00gNEWgroup000000001', 'jsm-agents-emea', { id: '00gNEWgroup000000001', profile: { name: 'jsm-agents-emea' } }),
    code: 'group-added',
    severity: 'medium',
    resourceIds: ['00gNEWgroup000000001'],
    sentence: "Group 'jsm-agents-emea' was added.",
  },
  {
    name: 'group renamed',
    change: () => changed('group', DEPT_IT, ['/profile/name'], (group) => { (group['profile'] as JsonObject)['name'] = 'dept-information-technology'; }, 'dept-information-technology'),
    code: 'group-renamed',
    severity: 'medium',
    resourceIds: [DEPT_IT],
    sentence: "Group 'dept-it' was renamed to 'dept-information-technology'.",
  },
  {
    name: 'app group renamed',
    change: () => changed('group', BITBUCKET_APP_GROUP, ['/profile/name'], (group) => { (group['profile'] as JsonObject)['name'] = 'bitbucket'; }, 'bitbucket'),
    code: 'group-renamed',
    severity: 'medium',
    resourceIds: [BITBUCKET_APP_GROUP],
    sentence: "App group 'bitbucket-users' was renamed to 'bitbucket'.",
  },
  {
    name: 'group description changed',
    change: () => changed('group', DEPT_IT, ['/profile/description'], (group) => { (group['profile'] as JsonObject)['description'] = 'IT staff'; }),
    code: 'group-description-changed',
    severity: 'low',
    resourceIds: [DEPT_IT],
    sentence: 'Group \'dept-it\': description changed from "Everyone in the IT department, filled by a group rule" to "IT staff".',
  },
];

const memberCases: FindingCase[] = [
  {
    name: 'members lost and gained',
    change: () => replaced('group-members', JIRA_ADMINS, ['/00u06nuUVAjNsCEl4brS', '/00uCLeJxoxHpKFMv8EYc', '/00uIfjNLBUupKFyaWNVF', '/00ulqYWmKaFkhPJH2i7G', '/00uwUa2Ls26sFK8mygRQ'], () => [INGRID]),
    code: 'group-members-removed',
    severity: 'high',
    resourceIds: [JIRA_ADMINS],
    sentence: `Group 'jira-admins' lost 4 members (${FIRST_JIRA_ADMINS}) and gained 1 (ingrid.kealoha@northwindquanta.com).`,
  },
  {
    name: 'members only gained',
    change: () => replaced('group-members', JIRA_ADMINS, [`/${INGRID_ID}`], (members) => [...(members as JsonValue[]), INGRID]),
    code: 'group-members-added',
    severity: 'medium',
    resourceIds: [JIRA_ADMINS],
    sentence: "Group 'jira-admins' gained 1 member (ingrid.kealoha@northwindquanta.com).",
  },
  {
    name: 'app group member lost',
    change: () => replaced('group-members', BITBUCKET_APP_GROUP, [`/${INGRID_ID}`], withoutIngrid),
    code: 'group-members-removed',
    severity: 'high',
    resourceIds: [BITBUCKET_APP_GROUP],
    sentence: "App group 'bitbucket-users' lost 1 member (ingrid.kealoha@northwindquanta.com).",
  },
  {
    name: 'member suspended',
    change: () => replaced('group-members', JIRA_ADMINS, [`/${FELIX}/status`], (members) =>
      (members as JsonObject[]).map((member) => (member['id'] === FELIX ? { ...member, status: 'SUSPENDED' } : member)),
    ),
    code: 'group-members-updated',
    severity: 'low',
    resourceIds: [JIRA_ADMINS],
    sentence: "Group 'jira-admins': status or profile of 1 member changed (felix.galloway@northwindquanta.com).",
  },
  {
    name: 'member list no longer captured',
    change: () => removed('group-members', JIRA_ADMINS),
    code: 'group-members-removed',
    severity: 'high',
    resourceIds: [JIRA_ADMINS],
    sentence: `Group 'jira-admins', which had 4 members (${FIRST_JIRA_ADMINS}), is no longer captured.`,
  },
];

const ruleCases: FindingCase[] = [
  {
    name: 'group rule deleted',
    change: () => removed('group-rule', CS_AGENTS_RULE),
    code: 'group-rule-deleted',
    severity: 'critical',
    resourceIds: [CS_AGENTS_RULE],
    sentence: "Group rule 'CS → jsm-agents' was deleted.",
  },
  {
    name: 'group rule deactivated',
    change: () => changed('group-rule', CS_AGENTS_RULE, ['/status'], setStatus('INACTIVE')),
    code: 'group-rule-deactivated',
    severity: 'critical',
    resourceIds: [CS_AGENTS_RULE],
    sentence: "Group rule 'CS → jsm-agents' was deactivated.",
  },
  {
    name: 'group rule invalid',
    change: () => changed('group-rule', CS_AGENTS_RULE, ['/status'], setStatus('INVALID')),
    code: 'group-rule-invalid',
    severity: 'critical',
    resourceIds: [CS_AGENTS_RULE],
    sentence: "Group rule 'CS → jsm-agents' is now invalid.",
  },
  {
    name: 'group rule activated',
    change: () => changed('group-rule', RETIRED_RULE, ['/status'], setStatus('ACTIVE')),
    code: 'group-rule-activated',
    severity: 'medium',
    resourceIds: [RETIRED_RULE],
    sentence: "Group rule 'Sales engineers in Jira (retired)' was activated.",
  },
  {
    name: 'group rule expression changed',
    change: () => changed('group-rule', ENGINEERING_RULE, ['/conditions/expression/value'], (rule) => {
      ((rule['conditions'] as JsonObject)['expression'] as JsonObject)['value'] = 'user.department=="Eng"';
    }),
    code: 'group-rule-expression-changed',
    severity: 'critical',
    resourceIds: [ENGINEERING_RULE],
    sentence: "Group rule 'Engineering department': expression changed from `user.department==\"Engineering\"` to `user.department==\"Eng\"`.",
  },
  {
    name: 'group rule targets changed',
    change: () => changed('group-rule', ENGINEERING_RULE, ['/actions/assignUserToGroups/groupIds'], (rule) => {
      ((rule['actions'] as JsonObject)['assignUserToGroups'] as JsonObject)['groupIds'] = ['00gZHN7m7i4Qk40QoebK', JIRA_USERS, DEPT_IT];
    }),
    code: 'group-rule-targets-changed',
    severity: 'critical',
    resourceIds: [ENGINEERING_RULE, BITBUCKET_USERS, DEPT_IT],
    sentence: "Group rule 'Engineering department' no longer assigns users to group 'bitbucket-users' and now also assigns users to group 'dept-it'.",
  },
  {
    name: 'group rule exclusion added',
    change: excludeContractors,
    code: 'group-rule-exclusions-added',
    severity: 'high',
    resourceIds: [ENGINEERING_RULE, CONTRACTORS],
    sentence: "Group rule 'Engineering department' now excludes group 'contractors'.",
  },
  {
    name: 'group rule exclusion lifted',
    change: () => reversed(excludeContractors()),
    code: 'group-rule-exclusions-removed',
    severity: 'medium',
    resourceIds: [ENGINEERING_RULE, CONTRACTORS],
    sentence: "Group rule 'Engineering department' no longer excludes group 'contractors'.",
  },
  {
    name: 'group rule exclusions replaced',
    change: replaceExclusions,
    code: 'group-rule-exclusions-added',
    severity: 'high',
    resourceIds: [CS_AGENTS_RULE, CONTRACTORS],
    sentence: "Group rule 'CS → jsm-agents' now excludes group 'contractors' and no longer excludes user sakura.nwosu@northwindquanta.com.",
  },
  {
    name: 'group rule renamed',
    change: () => changed('group-rule', ENGINEERING_RULE, ['/name'], (rule) => { rule['name'] = 'Engineering'; }, 'Engineering'),
    code: 'group-rule-renamed',
    severity: 'medium',
    resourceIds: [ENGINEERING_RULE],
    sentence: "Group rule 'Engineering department' was renamed to 'Engineering'.",
  },
];

describe('group findings', () => checkCases(groupCases));
describe('group member findings', () => checkCases(memberCases));
describe('group rule findings', () => checkCases(ruleCases));

describe('group rule exclusions replaced', () => {
  it('gives one finding', () => {
    expect(findingsOf([replaceExclusions()]).map((finding) => finding.code)).toEqual(['group-rule-exclusions-added']);
  });
});

/** Returns the findings whose first resource id, the changed resource's own, is `id`. */
function findingsAbout(findings: Finding[], id: string): Finding[] {
  return findings.filter((finding) => finding.resourceIds[0] === id);
}

/**
 * Builds the changes after the rule 'CS → jsm-agents' is deleted. Its expression was all that
 * named 'jsm-agent-overrides', so the next snapshot leaves that group and its members out,
 * although Okta still has them.
 */
function overridesLeaveScope(...otherChanges: ResourceChange[]): ResourceChange[] {
  return [removed('group-rule', CS_AGENTS_RULE), removed('group', OVERRIDES), removed('group-members', OVERRIDES), ...otherChanges];
}

describe('group leaving the scope', () => {
  const findings = findingsAbout(findingsOf(overridesLeaveScope()), OVERRIDES);

  it('reports the group out of scope', () => {
    expect(findings.find((finding) => finding.kind === 'group')).toEqual({
      code: 'group-out-of-scope',
      severity: 'low',
      kind: 'group',
      resourceIds: [OVERRIDES],
      sentence: "Group 'jsm-agent-overrides' is no longer captured: nothing in the Atlassian configuration names it any more (it may still exist in Okta).",
    });
  });

  it('notes the member list', () => {
    expect(findings.find((finding) => finding.kind === 'group-members')).toEqual({
      code: 'group-members-out-of-scope',
      severity: 'low',
      kind: 'group-members',
      resourceIds: [OVERRIDES],
      sentence:
        "Group 'jsm-agent-overrides' had 3 members (aiko.alvarez@northwindquanta.com, hamza.suleiman@northwindquanta.com and mei.thorne@ext.northwindquanta.com) when it was last captured.",
    });
  });

  it('gives nothing else', () => {
    expect(findings).toHaveLength(2);
  });
});

describe('app group leaving the scope', () => {
  const findings = findingsAbout(findingsOf([removed('group-push-mapping', BITBUCKET_PUSH), removed('group', BITBUCKET_APP_GROUP), removed('group-members', BITBUCKET_APP_GROUP)]), BITBUCKET_APP_GROUP);

  it('reports the app group out of scope', () => {
    expect(findings.map((finding) => [finding.code, finding.severity, finding.sentence])).toEqual([
      ['group-out-of-scope', 'low', "App group 'bitbucket-users' is no longer captured: nothing in the Atlassian configuration names it any more (it may still exist in Okta)."],
      [
        'group-members-out-of-scope',
        'low',
        "App group 'bitbucket-users' had 105 members (aaliyah.galloway@northwindquanta.com, abdul.mbeki@northwindquanta.com, abdul.petrov2@northwindquanta.com and 102 more) when it was last captured.",
      ],
    ]);
  });
});

/** Changes that each leave a reference to 'jsm-agent-overrides' on the after side, after the rule naming it is gone. */
const remainingReferences: Array<[string, () => ResourceChange]> = [
  ['group rule target', () => changed('group-rule', ENGINEERING_RULE, ['/actions/assignUserToGroups/groupIds'], (rule) => { targetGroups(rule).push(OVERRIDES); })],
  ['group rule exclusion', () => changed('group-rule', ENGINEERING_RULE, ['/conditions/people/groups/exclude'], (rule) => { excludedGroups(rule).push(OVERRIDES); })],
  ['sign-on rule', () => changed('policy-rule', CONTRACTOR_RULE, ['/conditions/people/groups/include'], (rule) => {
    ((((rule['conditions'] as JsonObject)['people'] as JsonObject)['groups'] as JsonObject)['include'] as string[]).push(OVERRIDES);
  })],
  ['group assignment', () => added('app-group-assignment', `${PROD_APP}/${OVERRIDES}`, `Atlassian Cloud: group ${OVERRIDES}`, { id: OVERRIDES, priority: 8, profile: {} })],
  ['push mapping', () => added('group-push-mapping', `${PROD_APP}/gPmNEWmapping0000001`, 'Atlassian Cloud: push', { id: 'gPmNEWmapping0000001', sourceGroupId: OVERRIDES, status: 'ACTIVE' })],
  ['mapping expression', () => changed('profile-mapping', TO_APP_MAPPING, ['/properties/department/expression'], (mapping) => {
    ((mapping['properties'] as JsonObject)['department'] as JsonObject)['expression'] = `isMemberOfGroup("${OVERRIDES}") ? "Support" : user.department`;
  })],
];

describe.each(remainingReferences)('group still named by %s', (_name, reference) => {
  const findings = findingsAbout(findingsOf(overridesLeaveScope(reference())), OVERRIDES);

  it('reports the group deleted', () => {
    expect(findings.find((finding) => finding.kind === 'group')).toEqual({
      code: 'group-deleted',
      severity: 'high',
      kind: 'group',
      resourceIds: [OVERRIDES],
      sentence: "Group 'jsm-agent-overrides' was deleted.",
    });
  });

  it('reports the members removed', () => {
    expect(findings.find((finding) => finding.kind === 'group-members')?.code).toBe('group-members-removed');
  });
});

describe('assigned group deleted in Okta', () => {
  // What Okta does when 'bitbucket-users' is deleted: its assignment and push mapping go with
  // it, and the group rule that assigns users to it turns INVALID but keeps the group's id.
  const changes = [
    removed('group', BITBUCKET_USERS),
    removed('group-members', BITBUCKET_USERS),
    removed('app-group-assignment', `${PROD_APP}/${BITBUCKET_USERS}`),
    removed('group-push-mapping', BITBUCKET_PUSH),
    changed('group-rule', ENGINEERING_RULE, ['/status'], setStatus('INVALID')),
  ];

  it('reports the deletion', () => {
    expect(findingsAbout(findingsOf(changes), BITBUCKET_USERS).find((finding) => finding.kind === 'group')).toEqual({
      code: 'assigned-group-deleted',
      severity: 'critical',
      kind: 'group',
      resourceIds: [BITBUCKET_USERS, PROD_APP],
      sentence: "Group 'bitbucket-users' was deleted while assigned to app 'Atlassian Cloud' and pushed by app 'Atlassian Cloud'.",
    });
  });
});

describe('Okta and app groups of one name', () => {
  it('read apart', () => {
    const changes = [
      replaced('group-members', BITBUCKET_USERS, [`/${INGRID_ID}`], withoutIngrid),
      replaced('group-members', BITBUCKET_APP_GROUP, [`/${INGRID_ID}`], withoutIngrid),
    ];
    expect(findingsOf(changes).map((finding) => finding.sentence)).toEqual([
      "App group 'bitbucket-users' lost 1 member (ingrid.kealoha@northwindquanta.com).",
      "Group 'bitbucket-users' lost 1 member (ingrid.kealoha@northwindquanta.com).",
    ]);
  });
});

import { describe } from 'vitest';
import type { JsonObject, JsonValue } from '../../src-shared/json/json-types.js';
import { PROD_APP, added, changed, checkCases, removed, replaced, reversed, type FindingCase } from './findings-fixtures.js';

// Findings for groups, their member lists and the group rules that fill them.

const JIRA_USERS = '00gBGTAyIgewYItLGgY8';
const JIRA_ADMINS = '00g41TEd0dGBfd5K8v4A';
const BITBUCKET_USERS = '00gflYGhgT5mJzgcbEKv';
const CONTRACTORS = '00g9v8XiLY9ftPmiCmyA';
const DEPT_IT = '00gn8fg5V9QKgp38c8eP';
const CS_AGENTS_RULE = '0pr7Wms321hgzItNk0MN';
const ENGINEERING_RULE = '0prDL14svt6RZll1tfSb';
const RETIRED_RULE = '0prtY0MwtQ7qvaF47r7K';
const FELIX = '00uCLeJxoxHpKFMv8EYc';
const FIRST_JIRA_ADMINS = 'felix.galloway@northwindquanta.com, nadia.banerjee@northwindquanta.com, nadia.ramaswamy@northwindquanta.com and 1 more';

const INGRID: JsonObject = {
  id: '00ulqYWmKaFkhPJH2i7G',
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
    change: () => replaced('group-members', JIRA_ADMINS, ['/00ulqYWmKaFkhPJH2i7G'], (members) => [...(members as JsonValue[]), INGRID]),
    code: 'group-members-added',
    severity: 'medium',
    resourceIds: [JIRA_ADMINS],
    sentence: "Group 'jira-admins' gained 1 member (ingrid.kealoha@northwindquanta.com).",
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
    sentence: "Group rule 'Engineering department' no longer assigns users to 'bitbucket-users' and now also assigns users to 'dept-it'.",
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

import { describe } from 'vitest';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import { PROD_APP, added, changed, checkCases, removed, reversed, type FindingCase } from './findings-fixtures.js';

// Findings for what grants access to the production app: profile mappings, group and direct
// user assignments, and Push Groups mappings.

const TO_APP = 'prmyXyjt57YPucRvfW8Y';
const FROM_APP = 'prmubpNWey45ua1Zwvkd';
const MAPPING_IDS = [TO_APP, PROD_APP];
const JIRA_USERS = '00gBGTAyIgewYItLGgY8';
const JIRA_USERS_IN_ATLASSIAN = '00gsEwSQarnqRkNjEdBi';
const CONFLUENCE_USERS_IN_ATLASSIAN = '00gVu7CW406Q50n2Vzug';
const CS_AGENTS = '00g16u1EekNca2ODdwek';
const DEPT_IT = '00gn8fg5V9QKgp38c8eP';
const PALOMA = `${PROD_APP}/00uGUgyam1uZ86IFpKLh`;
const PUSH = `${PROD_APP}/gPmAHBPkLYc0jyJh7OUw`;

function property(mapping: JsonObject, attribute: string): JsonObject {
  return (mapping['properties'] as JsonObject)[attribute] as JsonObject;
}

function dropProperty(mapping: JsonObject, attribute: string): void {
  delete (mapping['properties'] as JsonObject)[attribute];
}

const mappingCases: FindingCase[] = [
  {
    name: 'product mapping expression changed',
    change: () => changed('profile-mapping', TO_APP, ['/properties/atlassianProducts/expression'], (mapping) => {
      property(mapping, 'atlassianProducts')['expression'] = '{"confluence"}';
    }),
    code: 'product-mapping-changed',
    severity: 'critical',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud': the mapping expression of `atlassianProducts` changed.",
  },
  {
    name: 'product mapping applied on create only',
    change: () => changed('profile-mapping', TO_APP, ['/properties/atlassianProducts/pushStatus'], (mapping) => {
      property(mapping, 'atlassianProducts')['pushStatus'] = 'DONT_PUSH';
    }),
    code: 'product-mapping-changed',
    severity: 'critical',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud': `atlassianProducts` is now applied on user create only (was user create and update).",
  },
  {
    name: 'product mapping removed',
    change: () => changed('profile-mapping', TO_APP, ['/properties/atlassianProducts'], (mapping) => dropProperty(mapping, 'atlassianProducts')),
    code: 'product-mapping-removed',
    severity: 'critical',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud': `atlassianProducts` is no longer mapped.",
  },
  {
    name: 'product mapping added',
    change: () => reversed(changed('profile-mapping', TO_APP, ['/properties/atlassianProducts'], (mapping) => dropProperty(mapping, 'atlassianProducts'))),
    code: 'product-mapping-added',
    severity: 'medium',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud': `atlassianProducts` is now mapped.",
  },
  {
    name: 'mapping with products deleted',
    change: () => removed('profile-mapping', TO_APP),
    code: 'product-mapping-removed',
    severity: 'critical',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud' was deleted, so `atlassianProducts` is no longer mapped.",
  },
  {
    name: 'reverse mapping deleted',
    change: () => removed('profile-mapping', FROM_APP),
    code: 'profile-mapping-removed',
    severity: 'medium',
    resourceIds: [FROM_APP, PROD_APP],
    sentence: "Profile mapping 'Atlassian Cloud' → Okta user was deleted.",
  },
  {
    name: 'other attribute remapped',
    change: () => changed('profile-mapping', TO_APP, ['/properties/department/expression'], (mapping) => { property(mapping, 'department')['expression'] = 'user.costCenter'; }),
    code: 'profile-mapping-attribute-changed',
    severity: 'medium',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud': `department` now maps from `user.costCenter` (was `user.department`).",
  },
  {
    name: 'other attribute unmapped',
    change: () => changed('profile-mapping', TO_APP, ['/properties/organization'], (mapping) => dropProperty(mapping, 'organization')),
    code: 'profile-mapping-attribute-removed',
    severity: 'medium',
    resourceIds: MAPPING_IDS,
    sentence: "Profile mapping Okta user → 'Atlassian Cloud': `organization` is no longer mapped (was `user.organization`).",
  },
];

const assignmentCases: FindingCase[] = [
  {
    name: 'group assignment removed',
    change: () => removed('app-group-assignment', `${PROD_APP}/${JIRA_USERS}`),
    code: 'app-group-assignment-removed',
    severity: 'critical',
    resourceIds: [`${PROD_APP}/${JIRA_USERS}`, PROD_APP, JIRA_USERS],
    sentence: "Group 'jira-software-users' is no longer assigned to app 'Atlassian Cloud'.",
  },
  {
    name: 'group assignment added',
    change: () => added('app-group-assignment', `${PROD_APP}/${DEPT_IT}`, `Atlassian Cloud: group ${DEPT_IT}`, { id: DEPT_IT, priority: 8, profile: {} }),
    code: 'app-group-assignment-added',
    severity: 'medium',
    resourceIds: [`${PROD_APP}/${DEPT_IT}`, PROD_APP, DEPT_IT],
    sentence: "Group 'dept-it' was assigned to app 'Atlassian Cloud'.",
  },
  {
    name: 'app group assigned',
    change: () => added('app-group-assignment', `${PROD_APP}/${CONFLUENCE_USERS_IN_ATLASSIAN}`, `Atlassian Cloud: group ${CONFLUENCE_USERS_IN_ATLASSIAN}`, { id: CONFLUENCE_USERS_IN_ATLASSIAN, priority: 8, profile: {} }),
    code: 'app-group-assignment-added',
    severity: 'medium',
    resourceIds: [`${PROD_APP}/${CONFLUENCE_USERS_IN_ATLASSIAN}`, PROD_APP, CONFLUENCE_USERS_IN_ATLASSIAN],
    sentence: "App group 'confluence-users' was assigned to app 'Atlassian Cloud'.",
  },
  {
    name: 'assignment priority changed',
    change: () => changed('app-group-assignment', `${PROD_APP}/${JIRA_USERS}`, ['/priority'], (assignment) => { assignment['priority'] = 0; }),
    code: 'app-group-assignment-priority-changed',
    severity: 'high',
    resourceIds: [`${PROD_APP}/${JIRA_USERS}`, PROD_APP, JIRA_USERS],
    sentence: "Assignment of group 'jira-software-users' to app 'Atlassian Cloud': assignment priority changed from 3 to 0.",
  },
  {
    name: 'assignment profile changed',
    change: () => changed('app-group-assignment', `${PROD_APP}/${CS_AGENTS}`, ['/profile/atlassianProducts'], (assignment) => {
      (assignment['profile'] as JsonObject)['atlassianProducts'] = ['confluence'];
    }),
    code: 'app-group-assignment-profile-changed',
    severity: 'high',
    resourceIds: [`${PROD_APP}/${CS_AGENTS}`, PROD_APP, CS_AGENTS],
    sentence: "Assignment of group 'CS-jsm-agents' to app 'Atlassian Cloud': `atlassianProducts` changed from [jira-servicemanagement, confluence] to [confluence].",
  },
  {
    name: 'user assignment removed',
    change: () => removed('app-user-assignment', PALOMA),
    code: 'app-user-assignment-removed',
    severity: 'high',
    resourceIds: [PALOMA, PROD_APP],
    sentence: "User paloma.ibarra2@northwindquanta.com is no longer assigned directly to app 'Atlassian Cloud'.",
  },
  {
    name: 'user assignment profile changed',
    change: () => changed('app-user-assignment', PALOMA, ['/profile/atlassianProducts'], (appUser) => { (appUser['profile'] as JsonObject)['atlassianProducts'] = []; }),
    code: 'app-user-assignment-profile-changed',
    severity: 'high',
    resourceIds: [PALOMA, PROD_APP],
    sentence: "Direct assignment of user paloma.ibarra2@northwindquanta.com to app 'Atlassian Cloud': `atlassianProducts` changed from [jira-software] to [].",
  },
  {
    name: 'app username changed',
    change: () => changed('app-user-assignment', PALOMA, ['/credentials/userName'], (appUser) => {
      (appUser['credentials'] as JsonObject)['userName'] = 'paloma.ibarra@northwindquanta.com';
    }),
    code: 'app-user-assignment-username-changed',
    severity: 'high',
    resourceIds: [PALOMA, PROD_APP],
    sentence:
      "Direct assignment of user paloma.ibarra@northwindquanta.com to app 'Atlassian Cloud': app username changed from paloma.ibarra2@northwindquanta.com to paloma.ibarra@northwindquanta.com.",
  },
];

const pushCases: FindingCase[] = [
  {
    name: 'push mapping removed',
    change: () => removed('group-push-mapping', PUSH),
    code: 'group-push-removed',
    severity: 'critical',
    resourceIds: [PUSH, PROD_APP, JIRA_USERS],
    sentence: "Push Groups mapping of group 'jira-software-users' in app 'Atlassian Cloud' was removed.",
  },
  {
    name: 'push mapping deactivated',
    change: () => changed('group-push-mapping', PUSH, ['/status'], (mapping) => { mapping['status'] = 'INACTIVE'; }),
    code: 'group-push-deactivated',
    severity: 'critical',
    resourceIds: [PUSH, PROD_APP, JIRA_USERS],
    sentence: "Push Groups mapping of group 'jira-software-users' in app 'Atlassian Cloud' was deactivated.",
  },
  {
    name: 'push mapping activated',
    change: () => reversed(changed('group-push-mapping', PUSH, ['/status'], (mapping) => { mapping['status'] = 'INACTIVE'; })),
    code: 'group-push-activated',
    severity: 'medium',
    resourceIds: [PUSH, PROD_APP, JIRA_USERS],
    sentence: "Push Groups mapping of group 'jira-software-users' in app 'Atlassian Cloud' was activated.",
  },
  {
    name: 'push target changed',
    change: () => changed('group-push-mapping', PUSH, ['/targetGroupId'], (mapping) => { mapping['targetGroupId'] = CONFLUENCE_USERS_IN_ATLASSIAN; }),
    code: 'group-push-target-changed',
    severity: 'high',
    resourceIds: [PUSH, PROD_APP, JIRA_USERS, JIRA_USERS_IN_ATLASSIAN, CONFLUENCE_USERS_IN_ATLASSIAN],
    sentence: "Push Groups mapping of group 'jira-software-users' in app 'Atlassian Cloud': target changed from app group 'jira-software-users' to app group 'confluence-users'.",
  },
  {
    name: 'push mapping added',
    change: () => added('group-push-mapping', `${PROD_APP}/gPmNEWmapping0000001`, 'Atlassian Cloud: push', { id: 'gPmNEWmapping0000001', sourceGroupId: DEPT_IT, status: 'ACTIVE' }),
    code: 'group-push-added',
    severity: 'medium',
    resourceIds: [`${PROD_APP}/gPmNEWmapping0000001`, PROD_APP, DEPT_IT],
    sentence: "Push Groups mapping of group 'dept-it' in app 'Atlassian Cloud' was added.",
  },
];

describe('profile mapping findings', () => checkCases(mappingCases));
describe('assignment findings', () => checkCases(assignmentCases));
describe('group push findings', () => checkCases(pushCases));

// Grows the atlassian-stack seed into a large org for benchmarks: 20,000 users assigned to the
// production Atlassian app, 2,000 groups, 300 group rules and 50 rules in the app's sign-in
// policy. Deterministic: the same call gives the same org.
import type { JsonObject } from '../src-shared/json/json-types.js';
import { deriveOktaId, seededRandom } from '../src-shared/okta/ids.js';
import { loadSeed } from '../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../src-main/sandbox/seed/seed-types.js';

export const LARGE_ORG = { users: 20_000, groups: 2_000, groupRules: 300, policyRules: 50, assignedTeamGroups: 500 };

const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
const ACCESS_POLICY = 'rstQomxKFykBd7WCQInV';
const JIRA_GROUP = '00gBGTAyIgewYItLGgY8';
const CREATED = '2025-06-01T00:00:00.000Z';
const DEPARTMENTS = ['Engineering', 'Product', 'Customer Support', 'Sales', 'Marketing', 'Finance', 'People', 'Legal', 'IT', 'Security'];

export async function buildLargeOrgSeed(): Promise<SandboxSeed> {
  const seed = await loadSeed('atlassian-stack');
  seed.name = 'large-org';
  const random = seededRandom('large-org');
  const userTypeId = String(seed.userTypes[0]?.['id']);

  const newUsers = addUsers(seed, LARGE_ORG.users - seed.users.length, userTypeId, random);
  const teamGroups = addTeamGroups(seed, LARGE_ORG.groups - seed.groups.length, newUsers, random);
  assignTeamGroups(seed, teamGroups.slice(0, LARGE_ORG.assignedTeamGroups));
  seed.groupMembers[JIRA_GROUP] = [...new Set([...(seed.groupMembers[JIRA_GROUP] ?? []), ...newUsers])];
  addGroupRules(seed, LARGE_ORG.groupRules - seed.groupRules.length, teamGroups.slice(0, LARGE_ORG.assignedTeamGroups));
  addPolicyRules(seed, teamGroups);
  return seed;
}

function addUsers(seed: SandboxSeed, count: number, userTypeId: string, random: () => number): string[] {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = deriveOktaId('user', `large-org:user:${index}`);
    const login = `member${index}@northwindquanta.example`;
    const department = DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)] ?? 'Engineering';
    seed.users.push({
      id, status: 'ACTIVE', created: CREATED, activated: CREATED, statusChanged: CREATED, lastLogin: null, lastUpdated: CREATED, passwordChanged: null,
      type: { id: userTypeId },
      profile: { login, email: login, firstName: 'Member', lastName: String(index), department, costCenter: `CC-${1000 + (index % 50)}`, title: 'Engineer', employeeType: 'Full-time' },
    });
    ids.push(id);
  }
  return ids;
}

function addTeamGroups(seed: SandboxSeed, count: number, users: string[], random: () => number): string[] {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const id = deriveOktaId('group', `large-org:group:${index}`);
    seed.groups.push({
      id, created: CREATED, lastUpdated: CREATED, lastMembershipUpdated: CREATED, objectClass: ['okta:user_group'], type: 'OKTA_GROUP',
      profile: { name: `team-${String(index).padStart(4, '0')}`, description: `Team ${index}` },
    });
    const size = 10 + Math.floor(random() * 40);
    const members = new Set<string>();
    for (let member = 0; member < size; member++) members.add(users[Math.floor(random() * users.length)] ?? '');
    seed.groupMembers[id] = [...members];
    ids.push(id);
  }
  return ids;
}

function assignTeamGroups(seed: SandboxSeed, groups: string[]): void {
  const assignments = seed.appGroupAssignments[PROD_APP] ?? [];
  groups.forEach((groupId, index) => {
    assignments.push({ id: groupId, priority: assignments.length + index, lastUpdated: CREATED, profile: { atlassianProducts: ['jira-software'] } });
  });
  seed.appGroupAssignments[PROD_APP] = assignments;
}

function addGroupRules(seed: SandboxSeed, count: number, targets: string[]): void {
  for (let index = 0; index < count; index++) {
    const target = targets[index % targets.length] ?? '';
    const other = targets[(index + 7) % targets.length] ?? '';
    const department = DEPARTMENTS[index % DEPARTMENTS.length] ?? 'Engineering';
    const expression = index % 3 === 0 ? `isMemberOfGroup("${other}") && user.department=="${department}"` : `user.costCenter=="CC-${1000 + (index % 50)}"`;
    seed.groupRules.push({
      type: 'group_rule', id: deriveOktaId('groupRule', `large-org:rule:${index}`), status: 'ACTIVE', name: `Team rule ${index}`, created: CREATED, lastUpdated: CREATED,
      conditions: { people: { users: { exclude: [] }, groups: { exclude: [] } }, expression: { value: expression, type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: [target] } },
    });
  }
}

function addPolicyRules(seed: SandboxSeed, groups: string[]): void {
  const rules = seed.policyRules[ACCESS_POLICY] ?? [];
  const catchAll = rules.filter((rule) => rule['system'] === true);
  const regular = rules.filter((rule) => rule['system'] !== true);
  for (let index = regular.length; index < LARGE_ORG.policyRules - catchAll.length; index++) {
    regular.push(teamAccessRule(index, groups[index] ?? ''));
  }
  regular.forEach((rule, index) => {
    rule['priority'] = index;
  });
  seed.policyRules[ACCESS_POLICY] = [...regular, ...catchAll];
}

function teamAccessRule(index: number, groupId: string): JsonObject {
  return {
    id: deriveOktaId('accessPolicyRule', `large-org:access-rule:${index}`), status: 'ACTIVE', name: `Team access ${index}`, priority: index, created: CREATED, lastUpdated: CREATED, system: false, type: 'ACCESS_POLICY',
    conditions: { people: { groups: { include: [groupId] } } },
    actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT12H', constraints: [] } } },
  };
}

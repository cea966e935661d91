import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import { buildGroupRuleBodies, planGroupRules } from './group-rules.js';
import { GROUP, PRODUCT_ACCESS_GROUPS, appGroupId, departmentGroupName, groupId } from './group-names.js';
import { DAY_MS, MINUTE_MS, ORG_CREATED_MS, isoTime, randomTimeBetween, seedRandom } from './org-facts.js';
import { DEPARTMENTS, type Person } from './people.js';

/**
 * Groups, memberships and group rules of the seed org. Members come from two sources, as in a
 * real org: people added directly (admins, teams, exceptions) and people matched by the ACTIVE
 * group rules. The built-in Everyone group contains every user, and each pushed product group
 * has an APP_GROUP that represents its copy in Atlassian.
 */

export interface GroupSection {
  groups: JsonObject[];
  groupMembers: Record<string, string[]>;
  groupRules: JsonObject[];
}

/** Departments whose contractors are added to confluence-users by hand, because the Confluence rule covers only staff. */
export const CONTRACTOR_CONFLUENCE_DEPARTMENTS: readonly string[] = ['Customer Support', 'Product', 'Marketing'];

interface GroupPlan {
  name: string;
  description: string;
}

const OKTA_GROUPS: readonly GroupPlan[] = [
  { name: GROUP.jiraSoftware, description: 'Jira Software access on the production site (pushed to Atlassian)' },
  { name: GROUP.confluence, description: 'Confluence access on the production site (pushed to Atlassian)' },
  { name: GROUP.bitbucket, description: 'Bitbucket access (pushed to Atlassian)' },
  { name: GROUP.jsm, description: 'Jira Service Management agents for the IT and security service desks (pushed to Atlassian)' },
  { name: GROUP.csJsmAgents, description: 'Jira Service Management agents for the customer portal, filled by the CS → jsm-agents rule' },
  { name: GROUP.siteAdmins, description: 'Atlassian site administrators' },
  { name: GROUP.jiraAdmins, description: 'Jira administrators' },
  { name: GROUP.confluenceAdmins, description: 'Confluence administrators' },
  { name: GROUP.oktaAdmins, description: 'Okta administrators' },
  { name: GROUP.breakGlassAdmins, description: 'Emergency administrators, reviewed every quarter' },
  ...DEPARTMENTS.map((plan) => ({
    name: departmentGroupName(plan.name),
    description: `Everyone in the ${plan.name} department, filled by a group rule`,
  })),
  { name: GROUP.contractors, description: 'All contractors, filled by a group rule' },
  { name: GROUP.engineeringContractors, description: 'Contractors in Engineering, filled by a group rule' },
  { name: GROUP.interns, description: 'All interns, filled by a group rule' },
  { name: GROUP.engineeringPlatform, description: 'Platform engineering team' },
  { name: GROUP.engineeringMobile, description: 'Mobile engineering team' },
  { name: GROUP.sreOnCall, description: 'Site reliability on-call rotation' },
  { name: GROUP.supportTier2, description: 'Second-line customer support' },
  { name: GROUP.supportTeamLeads, description: 'Customer support team leads, who also need Jira Software' },
  { name: GROUP.jsmAgentOverrides, description: 'People outside Customer Support who work customer tickets' },
  { name: GROUP.salesEngineering, description: 'Sales engineers' },
  { name: GROUP.sandboxTesters, description: 'Testers of the Atlassian sandbox site' },
  { name: GROUP.legacyDeviceExceptions, description: 'Temporary exception from the managed-device rule' },
  { name: GROUP.incidentResponders, description: 'Security incident response team' },
];

/** Builds the groups, their members and the group rules. `prodAppId` owns the pushed APP_GROUPs. */
export function buildGroupSection(people: readonly Person[], prodAppId: string): GroupSection {
  const direct = selectDirectMembers(people);
  const members = new Map<string, Set<Person>>(OKTA_GROUPS.map((plan) => [plan.name, new Set(direct.get(plan.name) ?? [])]));

  const csLead = firstPeople(people, (person) => person.department === 'Customer Support', 1)[0];
  if (csLead === undefined) throw new Error('The seed has no Customer Support department.');
  const rules = planGroupRules(csLead.login);
  for (const rule of rules.filter((plan) => plan.status === 'ACTIVE')) {
    const matched = people.filter((person) =>
      !rule.excludedLogins.includes(person.login) &&
      rule.matches(person, (groupName) => direct.get(groupName)?.includes(person) ?? false));
    for (const target of rule.targets) {
      const targetMembers = members.get(target);
      if (targetMembers === undefined) throw new Error(`Group rule '${rule.name}' targets unknown group '${target}'.`);
      for (const person of matched) targetMembers.add(person);
    }
  }

  const groupMembers: Record<string, string[]> = { [groupId(GROUP.everyone)]: people.map((person) => person.id) };
  for (const [name, set] of members) {
    groupMembers[groupId(name)] = inPeopleOrder(people, set);
  }
  for (const name of PRODUCT_ACCESS_GROUPS) {
    groupMembers[appGroupId(name)] = inPeopleOrder(people, members.get(name) ?? new Set());
  }

  const idOfLogin = (login: string): string => {
    const person = people.find((candidate) => candidate.login === login);
    if (person === undefined) throw new Error(`No seeded user has login '${login}'.`);
    return person.id;
  };
  return {
    groups: buildGroupBodies(prodAppId, people, groupMembers),
    groupMembers,
    groupRules: buildGroupRuleBodies(rules, idOfLogin),
  };
}

/** Chooses the people added to groups by hand, drawn in employee-number order so the choice is stable. */
function selectDirectMembers(people: readonly Person[]): Map<string, Person[]> {
  const active = (person: Person): boolean => person.status === 'ACTIVE';
  const inDepartment = (department: string, title?: string) => (person: Person): boolean =>
    person.department === department && (title === undefined || person.title === title);
  const isLead = (person: Person): boolean => DEPARTMENTS.some((plan) => plan.leadTitle === person.title);

  const itStaff = firstPeople(people, (person) => active(person) && person.department === 'IT' && person.employmentType === 'Full-time', 6);
  const identityEngineers = firstPeople(people, (person) => active(person) && inDepartment('IT', 'Identity Engineer')(person), 4);
  const engineeringManagers = firstPeople(people, (person) => active(person) && inDepartment('Engineering', 'Engineering Manager')(person), 2);
  const ciso = firstPeople(people, (person) => inDepartment('Security')(person) && isLead(person), 1);
  const engineers = people.filter((person) => inDepartment('Engineering')(person) && person.employmentType !== 'Intern' && !isLead(person));
  const supportTeamLeads = firstPeople(people, inDepartment('Customer Support', 'Support Team Lead'), 20);
  const sreEngineers = firstPeople(people, (person) => active(person) && inDepartment('Engineering', 'Site Reliability Engineer')(person), 20);

  return new Map<string, Person[]>([
    [GROUP.siteAdmins, itStaff.slice(0, 3)],
    [GROUP.oktaAdmins, [...identityEngineers, ...ciso]],
    [GROUP.jiraAdmins, [...itStaff.slice(3, 5), ...engineeringManagers]],
    [GROUP.confluenceAdmins, [...itStaff.slice(3, 5), ...firstPeople(people, (person) => active(person) && inDepartment('People')(person), 1)]],
    [GROUP.breakGlassAdmins, [...itStaff.slice(0, 1), ...identityEngineers.slice(0, 1)]],
    [GROUP.engineeringPlatform, engineers.filter((_, index) => index % 4 === 1)],
    [GROUP.engineeringMobile, engineers.filter((_, index) => index % 4 === 2).slice(0, 18)],
    [GROUP.sreOnCall, sreEngineers],
    [GROUP.supportTier2, firstPeople(people, inDepartment('Customer Support', 'Support Engineer'), 14)],
    [GROUP.supportTeamLeads, supportTeamLeads],
    [GROUP.jsmAgentOverrides, [
      ...firstPeople(people, (person) => active(person) && inDepartment('People', 'HR Business Partner')(person), 3),
      ...firstPeople(people, (person) => active(person) && inDepartment('Legal', 'Paralegal')(person), 1),
    ]],
    [GROUP.salesEngineering, firstPeople(people, inDepartment('Sales', 'Sales Engineer'), 20)],
    [GROUP.sandboxTesters, [
      ...firstPeople(people, (person) => active(person) && inDepartment('Engineering', 'QA Engineer')(person), 6),
      ...itStaff.slice(1, 3),
      ...firstPeople(people, (person) => active(person) && inDepartment('Product', 'Product Manager')(person), 2),
    ]],
    [GROUP.legacyDeviceExceptions, firstPeople(people, (person) => active(person) && inDepartment('Finance')(person) && !isLead(person), 3)],
    [GROUP.incidentResponders, [
      ...firstPeople(people, (person) => inDepartment('Security')(person) && person.employmentType !== 'Intern', 20),
      ...sreEngineers.slice(0, 2),
    ]],
    // Direct members of rule-managed groups: access that no rule grants.
    [GROUP.jiraSoftware, [
      ...supportTeamLeads,
      ...firstPeople(people, (person) => active(person) && inDepartment('Marketing', 'Marketing Operations Analyst')(person), 2),
    ]],
    [GROUP.confluence, firstPeople(people, (person) =>
      person.employmentType === 'Contractor' && CONTRACTOR_CONFLUENCE_DEPARTMENTS.includes(person.department), 20)],
    [GROUP.bitbucket, firstPeople(people, inDepartment('Security', 'Application Security Engineer'), 10)],
    [GROUP.jsm, firstPeople(people, inDepartment('Security', 'Security Analyst'), 10)],
  ]);
}

function firstPeople(people: readonly Person[], predicate: (person: Person) => boolean, count: number): Person[] {
  return people.filter(predicate).slice(0, count);
}

function inPeopleOrder(people: readonly Person[], members: ReadonlySet<Person>): string[] {
  return people.filter((person) => members.has(person)).map((person) => person.id);
}

/**
 * Builds the group bodies. A group's `lastMembershipUpdated` is shortly after its newest
 * member was created, as if each person joined their groups on their first day.
 */
function buildGroupBodies(prodAppId: string, people: readonly Person[], groupMembers: Record<string, string[]>): JsonObject[] {
  const random = seedRandom('groups');
  const createdOf = new Map(people.map((person) => [person.id, person.createdMs]));
  const membershipUpdated = (id: string, groupCreatedMs: number): string => {
    const newest = Math.max(groupCreatedMs, ...(groupMembers[id] ?? []).map((member) => createdOf.get(member) ?? 0));
    return isoTime(newest + 2 * MINUTE_MS);
  };

  const everyone: JsonObject = {
    id: groupId(GROUP.everyone),
    created: isoTime(ORG_CREATED_MS),
    lastUpdated: isoTime(ORG_CREATED_MS),
    lastMembershipUpdated: membershipUpdated(groupId(GROUP.everyone), ORG_CREATED_MS),
    objectClass: ['okta:user_group'],
    type: 'BUILT_IN',
    profile: { name: GROUP.everyone, description: 'All users in the organization' },
  };

  const oktaGroups = OKTA_GROUPS.map((plan): JsonObject => {
    const created = randomTimeBetween(random, ORG_CREATED_MS + DAY_MS, ORG_CREATED_MS + 45 * DAY_MS);
    return {
      id: groupId(plan.name),
      created: isoTime(created),
      lastUpdated: isoTime(randomTimeBetween(random, created, ORG_CREATED_MS + 300 * DAY_MS)),
      lastMembershipUpdated: membershipUpdated(groupId(plan.name), created),
      objectClass: ['okta:user_group'],
      type: 'OKTA_GROUP',
      profile: { name: plan.name, description: plan.description },
    };
  });

  // NOTE: Okta does not document the objectClass of the app group that Group Push creates for
  // Atlassian, so `okta:app_group` is an assumption. `source.id` names the owning app.
  const appGroups = PRODUCT_ACCESS_GROUPS.map((name): JsonObject => {
    const created = randomTimeBetween(random, ORG_CREATED_MS + 50 * DAY_MS, ORG_CREATED_MS + 55 * DAY_MS);
    return {
      id: appGroupId(name),
      created: isoTime(created),
      lastUpdated: isoTime(created),
      lastMembershipUpdated: membershipUpdated(appGroupId(name), created),
      objectClass: ['okta:app_group'],
      type: 'APP_GROUP',
      profile: { name, description: `Atlassian group ${name}, maintained by Group Push` },
      source: { id: prodAppId },
    };
  });

  return [everyone, ...oktaGroups, ...appGroups];
}

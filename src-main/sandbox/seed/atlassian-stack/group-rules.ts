import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import { DAY_MS, ORG_CREATED_MS, isoTime, randomTimeBetween, seedId, seedRandom } from './org-facts.js';
import type { Person } from './people.js';
import { GROUP, departmentGroupName, groupId } from './group-names.js';

/**
 * Group rules of the seed org. Each rule carries its Okta expression and a predicate that
 * computes the same match in TypeScript, so the generator can fill rule-managed groups. The
 * seed test evaluates the expression text on its own and checks that the two agree.
 *
 * Rules reference with `isMemberOfGroup` only groups whose members are added directly, so no
 * rule depends on another rule's result and the order in which rules run cannot matter.
 */

export interface RulePlan {
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  expression: string;
  /** Computes the expression for one person. `isMember(groupName)` reads direct memberships. */
  matches: (person: Person, isMember: (groupName: string) => boolean) => boolean;
  /** Names of the groups the rule assigns matched users to. */
  targets: string[];
  /** Logins kept out of the rule even when they match. */
  excludedLogins: string[];
}

/** The department rules: each puts a department into its department group and its usual products. */
const DEPARTMENT_PRODUCT_GROUPS: ReadonlyArray<[department: string, productGroups: string[]]> = [
  ['Engineering', [GROUP.jiraSoftware, GROUP.bitbucket]],
  ['Product', [GROUP.jiraSoftware]],
  ['Customer Support', []],
  ['Sales', []],
  ['Marketing', []],
  ['Finance', []],
  ['People', []],
  ['Legal', []],
  ['IT', [GROUP.jsm, GROUP.jiraSoftware]],
  ['Security', [GROUP.jiraSoftware]],
];

/** Builds the rule plans. `csLeadLogin` is the Customer Support lead, who is excluded from the JSM agent rule. */
export function planGroupRules(csLeadLogin: string): RulePlan[] {
  const departmentRules = DEPARTMENT_PRODUCT_GROUPS.map(([department, productGroups]): RulePlan => ({
    name: `${department} department`,
    status: 'ACTIVE',
    expression: `user.department=="${department}"`,
    matches: (person) => person.department === department,
    targets: [departmentGroupName(department), ...productGroups],
    excludedLogins: [],
  }));

  return [
    ...departmentRules,
    {
      name: 'Contractors',
      status: 'ACTIVE',
      expression: 'user.employeeType=="Contractor"',
      matches: (person) => person.employmentType === 'Contractor',
      targets: [GROUP.contractors],
      excludedLogins: [],
    },
    {
      name: 'Engineering contractors',
      status: 'ACTIVE',
      expression: 'user.employeeType=="Contractor" && user.department=="Engineering"',
      matches: (person) => person.employmentType === 'Contractor' && person.department === 'Engineering',
      targets: [GROUP.engineeringContractors],
      excludedLogins: [],
    },
    {
      name: 'Interns',
      status: 'ACTIVE',
      expression: 'user.employeeType=="Intern"',
      matches: (person) => person.employmentType === 'Intern',
      targets: [GROUP.interns],
      excludedLogins: [],
    },
    {
      name: 'Confluence for staff',
      status: 'ACTIVE',
      expression: 'user.employeeType=="Full-time" || user.employeeType=="Part-time" || user.employeeType=="Intern"',
      matches: (person) => person.employmentType !== 'Contractor',
      targets: [GROUP.confluence],
      excludedLogins: [],
    },
    {
      name: 'CS → jsm-agents',
      status: 'ACTIVE',
      expression: `user.department=="Customer Support" || isMemberOfGroup("${groupId(GROUP.jsmAgentOverrides)}")`,
      matches: (person, isMember) => person.department === 'Customer Support' || isMember(GROUP.jsmAgentOverrides),
      targets: [GROUP.csJsmAgents],
      excludedLogins: [csLeadLogin],
    },
    {
      // Sales engineers are not in jira-software-users, so reactivating this INACTIVE rule
      // grants them Jira Software.
      name: 'Sales engineers in Jira (retired)',
      status: 'INACTIVE',
      expression: `user.department=="Sales" && isMemberOfGroup("${groupId(GROUP.salesEngineering)}")`,
      matches: (person, isMember) => person.department === 'Sales' && isMember(GROUP.salesEngineering),
      targets: [GROUP.jiraSoftware],
      excludedLogins: [],
    },
  ];
}

/** Returns the id of a rule. Group rules share the `0pr` prefix with sign-on policy rules, so the key names the kind. */
export function groupRuleId(ruleName: string): string {
  return seedId('groupRule', `group-rule/${ruleName}`);
}

/** Builds the `GroupRule` bodies. `idOfLogin` resolves the excluded logins to user ids. */
export function buildGroupRuleBodies(plans: readonly RulePlan[], idOfLogin: (login: string) => string): JsonObject[] {
  const random = seedRandom('group-rules');
  return plans.map((plan) => {
    const created = randomTimeBetween(random, ORG_CREATED_MS + 46 * DAY_MS, ORG_CREATED_MS + 60 * DAY_MS);
    const lastUpdated = randomTimeBetween(random, created, ORG_CREATED_MS + 400 * DAY_MS);
    return {
      type: 'group_rule',
      id: groupRuleId(plan.name),
      status: plan.status,
      name: plan.name,
      created: isoTime(created),
      lastUpdated: isoTime(lastUpdated),
      conditions: {
        people: {
          users: { exclude: plan.excludedLogins.map(idOfLogin) },
          groups: { exclude: [] },
        },
        expression: { value: plan.expression, type: 'urn:okta:expression:1.0' },
      },
      actions: { assignUserToGroups: { groupIds: plan.targets.map(groupId) } },
    };
  });
}

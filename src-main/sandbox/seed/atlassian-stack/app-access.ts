import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import type { SeedProvisioning } from '../seed-types.js';
import { PROD_APP_ID, SANDBOX_APP_ID } from './apps.js';
import { GROUP, PRODUCT_ACCESS_GROUPS, appGroupId, groupId } from './group-names.js';
import { CONTRACTOR_CONFLUENCE_DEPARTMENTS } from './groups.js';
import { COMPANY_NAME, DAY_MS, ORG_CREATED_MS, isoTime, randomTimeBetween, seedId, seedRandom, seedUuid } from './org-facts.js';
import type { Person } from './people.js';

/**
 * Access to each app: group assignments with their priority and assignment profile, a few
 * direct user assignments, the production app's SCIM connection and provisioning feature, and
 * the Group Push mappings that create the product groups in Atlassian.
 */

export interface AccessSection {
  appGroupAssignments: Record<string, JsonObject[]>;
  appUserAssignments: Record<string, JsonObject[]>;
  provisioning: Record<string, SeedProvisioning>;
  groupPushMappings: Record<string, JsonObject[]>;
}

type Product = 'jira-software' | 'confluence' | 'bitbucket' | 'jira-servicemanagement';
const ALL_PRODUCTS: Product[] = ['jira-software', 'confluence', 'bitbucket', 'jira-servicemanagement'];

/**
 * Production group assignments in priority order. For a user in several assigned groups, Okta
 * applies the assignment profile of the group with the lowest priority number.
 */
const PROD_GROUP_ASSIGNMENTS: ReadonlyArray<[group: string, products: Product[]]> = [
  [GROUP.csJsmAgents, ['jira-servicemanagement', 'confluence']],
  [GROUP.jsm, ['jira-servicemanagement', 'jira-software', 'confluence']],
  [GROUP.bitbucket, ['bitbucket', 'jira-software', 'confluence']],
  [GROUP.jiraSoftware, ['jira-software', 'confluence']],
  [GROUP.confluence, ['confluence']],
  [GROUP.siteAdmins, ALL_PRODUCTS],
  [GROUP.jiraAdmins, ['jira-software', 'jira-servicemanagement', 'confluence']],
  [GROUP.confluenceAdmins, ['confluence']],
];

const SANDBOX_GROUP_ASSIGNMENTS: ReadonlyArray<[group: string, products: Product[]]> = [
  [GROUP.sandboxTesters, ['jira-software', 'confluence', 'jira-servicemanagement']],
  [GROUP.siteAdmins, ALL_PRODUCTS],
  [GROUP.jiraAdmins, ['jira-software', 'jira-servicemanagement']],
];

/** Builds the assignment, provisioning and Group Push sections for both apps. */
export function buildAccessSection(people: readonly Person[]): AccessSection {
  const random = seedRandom('app-access');
  return {
    appGroupAssignments: {
      [PROD_APP_ID]: groupAssignments(random, PROD_GROUP_ASSIGNMENTS, ORG_CREATED_MS + 50 * DAY_MS, { organization: COMPANY_NAME }),
      [SANDBOX_APP_ID]: groupAssignments(random, SANDBOX_GROUP_ASSIGNMENTS, ORG_CREATED_MS + 155 * DAY_MS, {}),
    },
    appUserAssignments: {
      [PROD_APP_ID]: prodUserAssignments(random, people),
      [SANDBOX_APP_ID]: sandboxUserAssignments(random, people),
    },
    provisioning: { [PROD_APP_ID]: prodProvisioning() },
    groupPushMappings: { [PROD_APP_ID]: pushMappings(random) },
  };
}

/** Builds group assignments. `commonProfile` contains the app user attributes that every assigned group sets alike. */
function groupAssignments(
  random: () => number,
  plan: ReadonlyArray<[group: string, products: Product[]]>,
  fromMs: number,
  commonProfile: JsonObject,
): JsonObject[] {
  return plan.map(([group, products], priority) => ({
    id: groupId(group),
    lastUpdated: isoTime(randomTimeBetween(random, fromMs, fromMs + 30 * DAY_MS)),
    priority,
    profile: { atlassianProducts: products, ...commonProfile },
  }));
}

interface DirectAssignment {
  person: Person;
  products: Product[];
}

/** Picks the first ACTIVE person who matches `predicate`. Throws when no seeded user matches. */
function firstActive(people: readonly Person[], description: string, predicate: (person: Person) => boolean): Person {
  const person = people.find((candidate) => candidate.status === 'ACTIVE' && predicate(candidate));
  if (person === undefined) throw new Error(`The seed has no ACTIVE user who is ${description}.`);
  return person;
}

function prodUserAssignments(random: () => number, people: readonly Person[]): JsonObject[] {
  const direct: DirectAssignment[] = [
    // A financial analyst who tracks budget tickets in Jira, which none of their groups grants.
    { person: firstActive(people, 'a financial analyst', (person) => person.title === 'Financial Analyst'), products: ['jira-software'] },
    // A contractor whom no group gives Confluence.
    {
      person: firstActive(people, 'a contractor without Confluence', (person) =>
        person.employmentType === 'Contractor' && !CONTRACTOR_CONFLUENCE_DEPARTMENTS.includes(person.department)),
      products: ['confluence'],
    },
    // An auditor-facing GRC analyst who reads every product.
    { person: firstActive(people, 'a GRC analyst', (person) => person.title === 'GRC Analyst'), products: ALL_PRODUCTS },
  ];

  return direct.map(({ person, products }) => {
    const created = randomTimeBetween(random, Math.max(person.createdMs, ORG_CREATED_MS + 60 * DAY_MS) + DAY_MS, ORG_CREATED_MS + 450 * DAY_MS);
    const lastSync = randomTimeBetween(random, created, ORG_CREATED_MS + 470 * DAY_MS);
    return {
      id: person.id,
      externalId: seedUuid(`atlassian-account/${person.login}`),
      created: isoTime(created),
      lastUpdated: isoTime(lastSync),
      scope: 'USER',
      status: 'PROVISIONED',
      statusChanged: isoTime(created),
      passwordChanged: null,
      syncState: 'SYNCHRONIZED',
      lastSync: isoTime(lastSync),
      credentials: { userName: person.login },
      profile: {
        givenName: person.firstName,
        familyName: person.lastName,
        email: person.login,
        displayName: `${person.firstName} ${person.lastName}`,
        title: person.title,
        department: person.department,
        organization: COMPANY_NAME,
        atlassianProducts: products,
      },
    };
  });
}

function sandboxUserAssignments(random: () => number, people: readonly Person[]): JsonObject[] {
  const direct: DirectAssignment[] = [
    { person: firstActive(people, 'a product designer', (person) => person.title === 'Product Designer'), products: ['jira-software', 'confluence'] },
    { person: firstActive(people, 'a support team lead', (person) => person.title === 'Support Team Lead'), products: ['jira-servicemanagement'] },
  ];

  // The sandbox app does no provisioning, so its app users are ACTIVE and never synchronized.
  return direct.map(({ person, products }) => {
    const created = randomTimeBetween(random, Math.max(person.createdMs, ORG_CREATED_MS + 160 * DAY_MS) + DAY_MS, ORG_CREATED_MS + 450 * DAY_MS);
    return {
      id: person.id,
      created: isoTime(created),
      lastUpdated: isoTime(created),
      scope: 'USER',
      status: 'ACTIVE',
      statusChanged: isoTime(created),
      passwordChanged: null,
      syncState: 'DISABLED',
      credentials: { userName: person.login },
      profile: {
        givenName: person.firstName,
        familyName: person.lastName,
        email: person.login,
        displayName: `${person.firstName} ${person.lastName}`,
        department: person.department,
        atlassianProducts: products,
      },
    };
  });
}

/** Builds the SCIM connection to the Atlassian directory, without a bearer token because Okta never returns one. */
function prodProvisioning(): SeedProvisioning {
  return {
    connection: {
      authScheme: 'TOKEN',
      baseUrl: `https://api.atlassian.com/scim/directory/${seedUuid('atlassian-scim-directory/prod')}`,
      status: 'ENABLED',
      profile: { authScheme: 'TOKEN' },
    },
    features: [{
      name: 'USER_PROVISIONING',
      status: 'ENABLED',
      capabilities: {
        create: { lifecycleCreate: { status: 'ENABLED' } },
        update: {
          profile: { status: 'ENABLED' },
          lifecycleDeactivate: { status: 'ENABLED' },
          // Atlassian accounts sign in through SAML, so Okta does not sync passwords.
          password: { status: 'DISABLED', seed: 'RANDOM', change: 'KEEP_EXISTING' },
        },
      },
    }],
  };
}

function pushMappings(random: () => number): JsonObject[] {
  return PRODUCT_ACCESS_GROUPS.map((name) => {
    const created = randomTimeBetween(random, ORG_CREATED_MS + 50 * DAY_MS, ORG_CREATED_MS + 55 * DAY_MS);
    const lastPush = randomTimeBetween(random, Date.parse('2026-04-20T00:00:00.000Z'), Date.parse('2026-04-28T00:00:00.000Z'));
    return {
      id: seedId('groupPushMapping', name),
      created: isoTime(created),
      lastPush: isoTime(lastPush),
      lastUpdated: isoTime(created),
      sourceGroupId: groupId(name),
      targetGroupId: appGroupId(name),
      status: 'ACTIVE',
    };
  });
}

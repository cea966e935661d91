import { buildAccessSection } from './atlassian-stack/app-access.js';
import { buildAppUserSchemas, buildProfileMappings, buildUserTypes, DEFAULT_USER_TYPE_ID } from './atlassian-stack/app-profiles.js';
import { buildApps, PROD_APP_ID } from './atlassian-stack/apps.js';
import { buildGroupSection } from './atlassian-stack/groups.js';
import { COMPANY_NAME, SEED_NAME } from './atlassian-stack/org-facts.js';
import { buildPeople } from './atlassian-stack/people.js';
import { buildPolicySection } from './atlassian-stack/policies.js';
import type { SigningKeyMaterial } from './atlassian-stack/signing-keys.js';
import type { SandboxSeed } from './seed-types.js';

/**
 * Builds the default seed of the sandbox org: Northwind Quanta, whose Okta org gates a
 * production and a sandbox Atlassian Cloud site. The result depends only on `signingKeys`
 * (the certificates in signing-keys.json), so two builds from the same keys are equal.
 * Throws when a key the seed needs is missing.
 */
export function buildAtlassianStackSeed(signingKeys: readonly SigningKeyMaterial[]): SandboxSeed {
  const people = buildPeople(DEFAULT_USER_TYPE_ID);
  const admin = people.find((person) => person.status === 'ACTIVE' && person.title === 'Identity Engineer');
  if (admin === undefined) throw new Error('The seed has no ACTIVE identity engineer to act as Okta administrator.');

  const { apps, appKeys } = buildApps(signingKeys);
  const { groups, groupMembers, groupRules } = buildGroupSection(people, PROD_APP_ID);
  const access = buildAccessSection(people);
  const policies = buildPolicySection(admin.id);

  return {
    name: SEED_NAME,
    description: `${COMPANY_NAME}: an Okta org with ${people.length} users that gates a production Atlassian Cloud site `
      + '(SAML, SCIM provisioning, Group Push) and a sandbox site (SAML only).',
    userTypes: buildUserTypes(admin.id),
    users: people.map((person) => person.body),
    groups,
    groupMembers,
    groupRules,
    apps,
    appKeys,
    appUserSchemas: buildAppUserSchemas(),
    profileMappings: buildProfileMappings(),
    appGroupAssignments: access.appGroupAssignments,
    appUserAssignments: access.appUserAssignments,
    provisioning: access.provisioning,
    groupPushMappings: access.groupPushMappings,
    policies: policies.policies,
    policyRules: policies.policyRules,
    appAccessPolicies: policies.appAccessPolicies,
    networkZones: policies.networkZones,
    deviceAssurances: policies.deviceAssurances,
  };
}

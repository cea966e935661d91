import { seedId } from './org-facts.js';

/**
 * Names of the seed org's groups that other parts of the seed refer to. The Atlassian product
 * groups follow Atlassian's default group names, because Group Push creates groups of the same
 * name in Atlassian, where site admins grant product access to groups.
 */
export const GROUP = {
  everyone: 'Everyone',
  jiraSoftware: 'jira-software-users',
  confluence: 'confluence-users',
  bitbucket: 'bitbucket-users',
  jsm: 'jira-servicemanagement-users',
  csJsmAgents: 'CS-jsm-agents',
  siteAdmins: 'site-admins',
  jiraAdmins: 'jira-admins',
  confluenceAdmins: 'confluence-admins',
  oktaAdmins: 'okta-admins',
  breakGlassAdmins: 'break-glass-admins',
  contractors: 'contractors',
  engineeringContractors: 'contractors-engineering',
  interns: 'interns',
  engineeringPlatform: 'engineering-platform',
  engineeringMobile: 'engineering-mobile',
  sreOnCall: 'sre-oncall',
  supportTier2: 'support-tier2',
  supportTeamLeads: 'support-team-leads',
  jsmAgentOverrides: 'jsm-agent-overrides',
  salesEngineering: 'sales-engineering',
  sandboxTesters: 'atlassian-sandbox-testers',
  legacyDeviceExceptions: 'legacy-device-exceptions',
  incidentResponders: 'security-incident-responders',
} as const;

/** The product-access groups, pushed to the production Atlassian site. */
export const PRODUCT_ACCESS_GROUPS: readonly string[] = [
  GROUP.jiraSoftware, GROUP.confluence, GROUP.bitbucket, GROUP.jsm, GROUP.csJsmAgents,
];

/** Returns the name of the group that contains a department, for example `dept-customer-support`. */
export function departmentGroupName(department: string): string {
  return `dept-${department.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Returns the id of the Okta group (OKTA_GROUP or BUILT_IN) called `name`. */
export function groupId(name: string): string {
  return seedId('group', `okta-group/${name}`);
}

/**
 * Returns the id of the APP_GROUP through which Okta represents the Atlassian group that
 * Group Push maintains for `name`. It differs from the id of the Okta group of the same name.
 */
export function appGroupId(name: string): string {
  return seedId('group', `app-group/${name}`);
}

import type { SandboxSeed } from './seed-types.js';

/** Returns a seed with every section empty, to build small orgs in code. */
export function emptySeed(name = 'empty'): SandboxSeed {
  return {
    name,
    description: 'An org with nothing in it.',
    userTypes: [],
    users: [],
    groups: [],
    groupMembers: {},
    groupRules: [],
    apps: [],
    appKeys: {},
    appUserSchemas: {},
    profileMappings: [],
    appGroupAssignments: {},
    appUserAssignments: {},
    provisioning: {},
    groupPushMappings: {},
    policies: [],
    policyRules: {},
    appAccessPolicies: {},
    networkZones: [],
    deviceAssurances: [],
  };
}

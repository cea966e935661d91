/**
 * The requests that return each body of a sandbox seed, so that a test can validate every
 * seeded body against the response schema of the operation that serves it.
 */
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import type { JsonObject } from '../../src-shared/json/json-types.js';

/** A seeded body and the GET request whose response it is. */
export interface SeedBodyCheck {
  /** Section and id, for test names and messages: `apps 0oa1gjh63g214q0Hq0g4`. */
  label: string;
  path: string;
  body: JsonObject;
}

/** Lists one check per body in the seed, for every section except `groupMembers` and `appAccessPolicies`, which hold ids only. */
export function seedBodyChecks(seed: SandboxSeed): SeedBodyCheck[] {
  const checks: SeedBodyCheck[] = [];
  const add = (section: string, id: string, path: string, body: JsonObject): void => {
    checks.push({ label: `${section} ${id}`, path, body });
  };

  for (const body of seed.userTypes) add('userTypes', idOf(body), `/api/v1/meta/types/user/${idOf(body)}`, body);
  for (const body of seed.users) add('users', idOf(body), `/api/v1/users/${idOf(body)}`, body);
  for (const body of seed.groups) add('groups', idOf(body), `/api/v1/groups/${idOf(body)}`, body);
  for (const body of seed.groupRules) add('groupRules', idOf(body), `/api/v1/groups/rules/${idOf(body)}`, body);
  for (const body of seed.apps) add('apps', idOf(body), `/api/v1/apps/${idOf(body)}`, body);
  for (const body of seed.profileMappings) add('profileMappings', idOf(body), `/api/v1/mappings/${idOf(body)}`, body);
  for (const body of seed.policies) add('policies', idOf(body), `/api/v1/policies/${idOf(body)}`, body);
  for (const body of seed.networkZones) add('networkZones', idOf(body), `/api/v1/zones/${idOf(body)}`, body);
  for (const body of seed.deviceAssurances) add('deviceAssurances', idOf(body), `/api/v1/device-assurances/${idOf(body)}`, body);

  for (const [appId, keys] of Object.entries(seed.appKeys)) {
    for (const key of keys) add('appKeys', `${appId}/${String(key['kid'])}`, `/api/v1/apps/${appId}/credentials/keys/${String(key['kid'])}`, key);
  }
  for (const [appId, schema] of Object.entries(seed.appUserSchemas)) {
    add('appUserSchemas', appId, `/api/v1/meta/schemas/apps/${appId}/default`, schema);
  }
  for (const [appId, assignments] of Object.entries(seed.appGroupAssignments)) {
    for (const body of assignments) add('appGroupAssignments', `${appId}/${idOf(body)}`, `/api/v1/apps/${appId}/groups/${idOf(body)}`, body);
  }
  for (const [appId, assignments] of Object.entries(seed.appUserAssignments)) {
    for (const body of assignments) add('appUserAssignments', `${appId}/${idOf(body)}`, `/api/v1/apps/${appId}/users/${idOf(body)}`, body);
  }
  for (const [appId, provisioning] of Object.entries(seed.provisioning)) {
    add('provisioning', `${appId}/connection`, `/api/v1/apps/${appId}/connections/default`, provisioning.connection);
    for (const feature of provisioning.features) {
      const name = String(feature['name']);
      add('provisioning', `${appId}/${name}`, `/api/v1/apps/${appId}/features/${name}`, feature);
    }
  }
  for (const [appId, mappings] of Object.entries(seed.groupPushMappings)) {
    for (const body of mappings) add('groupPushMappings', `${appId}/${idOf(body)}`, `/api/v1/apps/${appId}/group-push/mappings/${idOf(body)}`, body);
  }
  for (const [policyId, rules] of Object.entries(seed.policyRules)) {
    for (const body of rules) add('policyRules', `${policyId}/${idOf(body)}`, `/api/v1/policies/${policyId}/rules/${idOf(body)}`, body);
  }
  return checks;
}

function idOf(body: JsonObject): string {
  return String(body['id']);
}

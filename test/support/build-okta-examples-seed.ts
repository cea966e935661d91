/**
 * Builds resources/sandbox/okta-examples/org.json, a sandbox seed whose bodies are the example
 * payloads of Okta's Management API OpenAPI spec, so that capture is tested on JSON that Okta
 * wrote rather than JSON that we wrote.
 *
 * The examples come from unrelated scenarios. Where one example names another object (an app
 * in a mapping, a group in a rule), the builder points that id at an object of this seed. An
 * example gets a new id when another chosen example already uses its id or when its id is a
 * placeholder such as `policyId`. `_links` and `_embedded` are dropped because the sandbox
 * builds them at response time. EXAMPLE_REPAIRS lists every other change to an example.
 *
 * The builder reads the spec from the shared folder beside the repository, so it runs only on
 * a developer machine. The product reads the committed org.json.
 *
 * Run:  npx tsx test/support/build-okta-examples-seed.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import { deriveOktaId, type OktaIdKind } from '../../src-shared/okta/ids.js';
import { formatValidationErrors, loadOktaSpec } from './okta-spec.js';
import { seedBodyChecks } from './seed-spec-checks.js';

export const OKTA_EXAMPLES_SEED_NAME = 'okta-examples';
const OUTPUT_PATH = fileURLToPath(new URL(`../../resources/sandbox/${OKTA_EXAMPLES_SEED_NAME}/org.json`, import.meta.url));

/** Ids that the examples give their own objects and that the seed keeps. */
const ID = {
  samlApp: '0oafxqCAJWWGELFTYASJ',
  customSamlApp: '0oa1gjh63g214q0Hq0g4',
  defaultUserType: 'otyz9fj2jMiRBC1ZT1d6',
  westCoastGroup: '00g1emaKYZTWRYYRRTSK',
  squabbleGroup: '00gak46y5hydV6NdM0g4',
  groupMemberUser: '00u118oQYT4TBTemp0g4',
  tonyUser: '00u3ojhmm3cCa3a221d7',
  lockedOutUser: '00u3m5wrdPjJYUFb81d6',
  johnUser: '00u3ojdzgjrAhuYGg1d7',
  myIpZone: 'nzowc1U5Jh5xuAK0o0g3',
  macOsDeviceAssurance: 'dae3m8o4rWhwReDeM1c5',
  activeSigningKid: 'mXtzOtml09Dg1ZCeKxTRBo3KrQuBWFkJ5oxhVagjTzo',
} as const;

/** Changes to example values other than ids, each with the reason. */
export const EXAMPLE_REPAIRS: readonly string[] = [
  'ListAllKeyCredentialsExample: the property `x5t#S256"` (with a stray quote) is renamed `x5t#S256`, the JWK thumbprint name.',
  'device-condition-with-oamp-response: the empty `conditions.elCondition` object is dropped, because the schema requires `condition` in it.',
  'Sign-on policy rule priorities are renumbered from 1 in seed order, because all five examples have priority 0.',
  'The app user schema `id`s get the app id in place of `{appId}` or another example app id.',
];

/** Reads the examples, builds the seed, validates every body against the spec and writes org.json. */
async function main(): Promise<void> {
  const spec = await loadOktaSpec();
  const seed = buildOktaExamplesSeed(new ExampleSource(spec.document), spec.version);

  const failures = seedBodyChecks(seed)
    .map((check) => ({ check, result: spec.validateResponse({ method: 'GET', path: check.path, status: 200, body: check.body }) }))
    .filter(({ result }) => !result.valid);
  for (const { check, result } of failures) console.error(`${check.label} is invalid:\n${formatValidationErrors(result)}`);
  if (failures.length > 0) throw new Error(`${failures.length} seed bodies do not match the spec; org.json was not written.`);

  await mkdir(dirname(OUTPUT_PATH), { recursive: true });
  await writeFile(OUTPUT_PATH, `${JSON.stringify(seed, null, 2)}\n`);
  console.log(`Wrote ${OUTPUT_PATH}: ${describeCounts(seed)}.`);
}

/** The example payloads of the spec (`components.examples`), copied without `_links` and `_embedded`. */
export class ExampleSource {
  private readonly examples: JsonObject;

  constructor(document: JsonObject) {
    const components = document['components'];
    const examples = isJsonObject(components) ? components['examples'] : undefined;
    if (!isJsonObject(examples)) throw new Error('The spec has no components.examples.');
    this.examples = examples;
  }

  /** Returns a copy of one example object, or with `index`, of one element of an example that is a list. */
  object(name: string, index?: number): JsonObject {
    const example = this.examples[name];
    let value = isJsonObject(example) ? example['value'] : undefined;
    if (index !== undefined) value = Array.isArray(value) ? value[index] : undefined;
    if (!isJsonObject(value)) {
      throw new Error(`The spec has no example object ${name}${index === undefined ? '' : `[${index}]`}: check the name in components.examples.`);
    }
    return withoutServerFields(value) as JsonObject;
  }

  /** Returns copies of every element of an example that is a list of objects. */
  list(name: string): JsonObject[] {
    const example = this.examples[name];
    const value = isJsonObject(example) ? example['value'] : undefined;
    if (!Array.isArray(value)) throw new Error(`The spec example ${name} is not a list.`);
    return value.map((_, index) => this.object(name, index));
  }
}

function withoutServerFields(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutServerFields);
  if (!isJsonObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== '_links' && key !== '_embedded') copy[key] = withoutServerFields(child);
  }
  return copy;
}

/** Builds the seed from the spec's examples, naming `specVersion` in its description. */
export function buildOktaExamplesSeed(examples: ExampleSource, specVersion: string): SandboxSeed {
  const apps = [examples.object('Saml2.0ResponseEx'), examples.object('GetApplicationsResponseEx')];
  const appKeys = buildAppKeys(examples);
  for (const app of apps) setPath(app, ['credentials', 'signing', 'kid'], ID.activeSigningKid);

  const policies = buildPolicies(examples);
  return {
    name: OKTA_EXAMPLES_SEED_NAME,
    description:
      `Example payloads from Okta's Management API OpenAPI spec (release ${specVersion}), ` +
      'joined into one org: two SAML 2.0 apps with signing keys, one of them with provisioning and Group Push, five users, three groups, ' +
      'a group rule, an Okta sign-on policy and an app sign-in policy with their rules.',
    userTypes: examples.list('ListsAllUserTypes'),
    users: buildUsers(examples),
    groups: buildGroups(examples),
    groupMembers: { [ID.westCoastGroup]: [ID.groupMemberUser], '00garwpuyxHaWOkdV0g4': [], [ID.squabbleGroup]: [] },
    groupRules: [buildGroupRule(examples)],
    apps,
    appKeys: { [ID.samlApp]: appKeys, [ID.customSamlApp]: structuredClone(appKeys) },
    appUserSchemas: {
      [ID.samlApp]: withSchemaId(examples.object('AppUserSchemaResponse'), ID.samlApp),
      [ID.customSamlApp]: withSchemaId(examples.object('DefaultAppUserSchemaResponse'), ID.customSamlApp),
    },
    profileMappings: [buildProfileMapping(examples, apps[0] ?? {})],
    appGroupAssignments: { [ID.samlApp]: [{ ...examples.object('GroupAssignmentExListResponse', 0), id: ID.westCoastGroup }] },
    appUserAssignments: {
      [ID.samlApp]: [
        { ...examples.object('AppUserListEx', 0), id: ID.tonyUser },
        { ...examples.object('AppUserProvResponse'), id: ID.johnUser },
      ],
    },
    provisioning: {
      [ID.samlApp]: {
        connection: examples.object('ProvisioningConnectionTokenResponseWithProfileZscalerEx'),
        features: examples.list('AppFeatureListResponseEx'),
      },
    },
    groupPushMappings: { [ID.samlApp]: buildGroupPushMappings(examples) },
    policies: policies.policies,
    policyRules: policies.policyRules,
    appAccessPolicies: { [ID.samlApp]: policies.accessPolicyId, [ID.customSamlApp]: policies.accessPolicyId },
    networkZones: buildNetworkZones(examples),
    deviceAssurances: buildDeviceAssurances(examples),
  };
}

function buildUsers(examples: ExampleSource): JsonObject[] {
  // create-user-with-authentication-provider-response is left out: it has the same login as
  // user-example, and logins are unique in an org.
  const users = [examples.object('user-example'), examples.object('ListUsersResponse', 0), ...examples.list('ListUsersQResponse')];
  for (const user of users) {
    if (isJsonObject(user['type'])) user['type'] = { id: ID.defaultUserType };
  }
  return users;
}

function buildGroups(examples: ExampleSource): JsonObject[] {
  return [
    examples.object('group-example'),
    examples.object('list-groups-examples', 1),
    examples.object('list-groups-filter', 1),
  ];
}

function buildGroupRule(examples: ExampleSource): JsonObject {
  const rule = examples.object('group-rule-example');
  setPath(rule, ['conditions', 'people', 'users', 'exclude'], [ID.lockedOutUser]);
  setPath(rule, ['actions', 'assignUserToGroups', 'groupIds'], [ID.squabbleGroup]);
  return rule;
}

/** Returns the example keys with the one that expires last first, as the app's active key. */
function buildAppKeys(examples: ExampleSource): JsonObject[] {
  const keys = examples.list('ListAllKeyCredentialsExample').map((key) => {
    const { ['x5t#S256"']: thumbprint, ...rest } = key;
    return thumbprint === undefined ? rest : { ...rest, 'x5t#S256': thumbprint };
  });
  return keys.sort((a, b) => String(b['expiresAt']).localeCompare(String(a['expiresAt'])));
}

function withSchemaId(schema: JsonObject, appId: string): JsonObject {
  return { ...schema, id: `https://{yourOktaDomain}/meta/schemas/apps/${appId}/default` };
}

function buildProfileMapping(examples: ExampleSource, targetApp: JsonObject): JsonObject {
  const mapping = examples.object('RetrieveMappingsResponse');
  setPath(mapping, ['source', 'id'], ID.defaultUserType);
  setPath(mapping, ['target', 'id'], String(targetApp['id']));
  setPath(mapping, ['target', 'name'], String(targetApp['name']));
  // NOTE: the example maps firstName and lastName, which neither app user schema example
  // defines. The seed keeps the mapping as written.
  return mapping;
}

function buildGroupPushMappings(examples: ExampleSource): JsonObject[] {
  const sources = [ID.westCoastGroup, ID.squabbleGroup];
  return examples.list('ListGroupPushMappingsResponse_Example').map((mapping, index) => ({ ...mapping, sourceGroupId: sources[index] ?? ID.westCoastGroup }));
}

function buildPolicies(examples: ExampleSource): { policies: JsonObject[]; policyRules: Record<string, JsonObject[]>; accessPolicyId: string } {
  const signOnPolicy = examples.object('list-okta-sign-on-policy-response', 0);
  signOnPolicy['id'] = newId('policy', 'okta-sign-on-policy');
  setPath(signOnPolicy, ['conditions', 'people', 'groups', 'include'], [ID.westCoastGroup]);

  const accessPolicy = examples.object('create-access-policy-response');
  accessPolicy['id'] = newId('accessPolicy', 'access-policy');

  return {
    policies: [signOnPolicy, accessPolicy],
    policyRules: {
      [String(signOnPolicy['id'])]: buildSignOnRules(examples),
      [String(accessPolicy['id'])]: buildAccessRules(examples),
    },
    accessPolicyId: String(accessPolicy['id']),
  };
}

/** Returns the global session (OKTA_SIGN_ON) rules. Four examples share one id, so all but the first of them get new ids. */
function buildSignOnRules(examples: ExampleSource): JsonObject[] {
  const rules = [
    examples.object('list-all-sign-on-policy-rule-response', 0),
    examples.object('skip-factor-challenge-on-prem-rule-response'),
    examples.object('radius-rule-response'),
    examples.object('cloud-rule-response'),
    examples.object('deny-rule-response'),
  ];
  rules.forEach((rule, index) => {
    if (index >= 2) rule['id'] = newId('policyRule', `sign-on-rule-${index}`);
    rule['priority'] = index + 1;
    const network = isJsonObject(rule['conditions']) ? rule['conditions']['network'] : undefined;
    if (isJsonObject(network) && Array.isArray(network['include'])) network['include'] = [ID.myIpZone];
  });
  return rules;
}

/**
 * Returns the app sign-in (ACCESS_POLICY) rules, the catch-all rule last. The rule examples
 * that name a group, zone or user type are left out because each fails the AccessPolicyRule
 * schema in several places (`constraints` as an object, lower-case authenticator types).
 */
function buildAccessRules(examples: ExampleSource): JsonObject[] {
  const managedDevice = examples.object('device-condition-with-oamp-response');
  setPath(managedDevice, ['conditions', 'device', 'assurance', 'include'], [ID.macOsDeviceAssurance]);
  const conditions = managedDevice['conditions'];
  if (isJsonObject(conditions)) delete conditions['elCondition'];

  const catchAll = examples.object('list-all-access-policy-rule-response', 0);
  catchAll['id'] = newId('accessPolicyRule', 'catch-all-rule');
  return [managedDevice, catchAll];
}

/** Returns the network zones of RetrieveAllZones except the legacy DYNAMIC zone, whose `proxyType` is not in the spec's enum. */
function buildNetworkZones(examples: ExampleSource): JsonObject[] {
  return examples.list('RetrieveAllZones').filter((zone) => zone['type'] !== 'DYNAMIC');
}

/** Returns one device assurance policy per platform. Every example has the same id, so all but macOS get a new one. */
function buildDeviceAssurances(examples: ExampleSource): JsonObject[] {
  const macOs = examples.object('DeviceAssuranceMacOSResponse');
  const others = ['DeviceAssuranceWindowsResponse', 'DeviceAssuranceIosResponse', 'DeviceAssuranceAndroidResponse'].map((name) => ({
    ...examples.object(name),
    id: newId('deviceAssurance', name),
  }));
  return [macOs, ...others];
}

function newId(kind: OktaIdKind, key: string): string {
  return deriveOktaId(kind, `${OKTA_EXAMPLES_SEED_NAME}:${key}`);
}

/** Sets a value at a path of an example, and fails when the path does not exist there. */
function setPath(target: JsonObject, path: readonly string[], value: JsonValue): void {
  let node: JsonValue | undefined = target;
  for (const key of path.slice(0, -1)) node = isJsonObject(node) ? node[key] : undefined;
  const last = path[path.length - 1];
  if (!isJsonObject(node) || last === undefined) throw new Error(`The example has no object at ${path.slice(0, -1).join('.')}.`);
  node[last] = value;
}

function describeCounts(seed: SandboxSeed): string {
  const nested = (sections: Record<string, unknown[]>): number => Object.values(sections).reduce((sum, items) => sum + items.length, 0);
  return [
    `${seed.apps.length} apps`,
    `${nested(seed.appKeys)} app keys`,
    `${seed.users.length} users`,
    `${seed.groups.length} groups`,
    `${seed.groupRules.length} group rules`,
    `${seed.policies.length} policies`,
    `${nested(seed.policyRules)} policy rules`,
    `${seed.networkZones.length} network zones`,
    `${seed.deviceAssurances.length} device assurances`,
  ].join(', ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

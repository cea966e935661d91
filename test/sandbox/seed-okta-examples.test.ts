import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, SEEDS_DIRECTORY } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import { buildOktaExamplesSeed, ExampleSource, OKTA_EXAMPLES_SEED_NAME } from '../support/build-okta-examples-seed.js';
import { formatValidationErrors, loadOktaSpec, type OktaSpec } from '../support/okta-spec.js';
import { seedBodyChecks } from '../support/seed-spec-checks.js';

const seed = await loadSeed(OKTA_EXAMPLES_SEED_NAME);
let spec: OktaSpec;

beforeAll(async () => {
  spec = await loadOktaSpec();
});

type Target = 'user' | 'userType' | 'group' | 'app' | 'policy' | 'networkZone' | 'deviceAssurance';

/** One id that a seeded object uses to name another object of the seed. */
interface Reference {
  from: string;
  target: Target;
  id: string;
}

function idsAt(value: JsonValue | undefined, path: readonly string[]): string[] {
  let node = value;
  for (const key of path) node = isJsonObject(node) ? node[key] : undefined;
  if (typeof node === 'string') return [node];
  return Array.isArray(node) ? node.filter((item): item is string => typeof item === 'string') : [];
}

/** Condition fields of policies, policy rules and group rules that name other objects. */
const CONDITION_FIELDS: ReadonlyArray<[readonly string[], Target]> = [
  [['people', 'groups', 'include'], 'group'],
  [['people', 'groups', 'exclude'], 'group'],
  [['people', 'users', 'include'], 'user'],
  [['people', 'users', 'exclude'], 'user'],
  [['userType', 'include'], 'userType'],
  [['userType', 'exclude'], 'userType'],
  [['network', 'include'], 'networkZone'],
  [['network', 'exclude'], 'networkZone'],
  [['device', 'assurance', 'include'], 'deviceAssurance'],
];

function conditionReferences(from: string, conditions: JsonValue | undefined): Reference[] {
  return CONDITION_FIELDS.flatMap(([path, target]) => idsAt(conditions, path).map((id) => ({ from, target, id })));
}

/** Lists every reference between objects of a seed. */
function seedReferences(source: SandboxSeed): Reference[] {
  const references: Reference[] = [];
  const add = (from: string, target: Target, ids: readonly string[]): void => {
    for (const id of ids) references.push({ from, target, id });
  };

  for (const user of source.users) add(`user ${String(user['id'])} type`, 'userType', idsAt(user, ['type', 'id']));
  for (const [groupId, members] of Object.entries(source.groupMembers)) {
    add(`groupMembers ${groupId}`, 'group', [groupId]);
    add(`groupMembers ${groupId} member`, 'user', members);
  }
  for (const rule of source.groupRules) {
    references.push(...conditionReferences(`group rule ${String(rule['id'])}`, rule['conditions']));
    add(`group rule ${String(rule['id'])} action`, 'group', idsAt(rule, ['actions', 'assignUserToGroups', 'groupIds']));
  }

  const appSections = [
    'appKeys', 'appUserSchemas', 'appGroupAssignments', 'appUserAssignments', 'provisioning', 'groupPushMappings', 'appAccessPolicies',
  ] as const;
  for (const section of appSections) add(`${section} key`, 'app', Object.keys(source[section]));
  for (const [appId, assignments] of Object.entries(source.appGroupAssignments)) {
    add(`app ${appId} group assignment`, 'group', assignments.map((assignment) => String(assignment['id'])));
  }
  for (const [appId, assignments] of Object.entries(source.appUserAssignments)) {
    add(`app ${appId} user assignment`, 'user', assignments.map((assignment) => String(assignment['id'])));
  }
  for (const [appId, mappings] of Object.entries(source.groupPushMappings)) {
    add(`app ${appId} group push source`, 'group', mappings.flatMap((mapping) => idsAt(mapping, ['sourceGroupId'])));
  }
  add('appAccessPolicies value', 'policy', Object.values(source.appAccessPolicies));

  for (const mapping of source.profileMappings) {
    for (const side of ['source', 'target'] as const) {
      const end = mapping[side];
      const target: Target = isJsonObject(end) && end['type'] === 'appuser' ? 'app' : 'userType';
      add(`profile mapping ${String(mapping['id'])} ${side}`, target, idsAt(end, ['id']));
    }
  }

  for (const policy of source.policies) references.push(...conditionReferences(`policy ${String(policy['id'])}`, policy['conditions']));
  for (const [policyId, rules] of Object.entries(source.policyRules)) {
    add('policyRules key', 'policy', [policyId]);
    for (const rule of rules) references.push(...conditionReferences(`policy rule ${String(rule['id'])}`, rule['conditions']));
  }
  return references;
}

function idsOf(source: SandboxSeed, target: Target): Set<string> {
  const sections: Record<Target, JsonObject[]> = {
    user: source.users,
    userType: source.userTypes,
    group: source.groups,
    app: source.apps,
    policy: source.policies,
    networkZone: source.networkZones,
    deviceAssurance: source.deviceAssurances,
  };
  return new Set(sections[target].map((item) => String(item['id'])));
}

describe('okta-examples seed references', () => {
  it.each(seedReferences(seed).map((reference) => [`${reference.from} → ${reference.target} ${reference.id}`, reference] as const))(
    '%s resolves',
    (_, reference) => {
      expect(idsOf(seed, reference.target)).toContain(reference.id);
    },
  );

  it('has references to check', () => {
    expect(seedReferences(seed).length).toBeGreaterThan(20);
  });

  it.each(seed.apps.map((app) => [String(app['id']), app] as const))('app %s signs with its key', (appId, app) => {
    const kids = (seed.appKeys[appId] ?? []).map((key) => key['kid']);
    expect(kids[0]).toBe(idsAt(app, ['credentials', 'signing', 'kid'])[0]);
  });

  it.each(Object.entries(seed.appAccessPolicies))('app %s access policy type', (_, policyId) => {
    const policy = seed.policies.find((candidate) => candidate['id'] === policyId);
    expect(policy?.['type']).toBe('ACCESS_POLICY');
  });

  it.each(Object.entries(seed.policyRules))('rules of %s match type', (policyId, rules) => {
    const policyType = seed.policies.find((policy) => policy['id'] === policyId)?.['type'];
    const ruleType = policyType === 'OKTA_SIGN_ON' ? 'SIGN_ON' : policyType;
    expect(rules.map((rule) => rule['type'])).toEqual(rules.map(() => ruleType));
  });

  it.each(['users', 'groups', 'apps', 'policies', 'networkZones', 'deviceAssurances', 'userTypes', 'groupRules'] as const)(
    '%s ids are unique',
    (section) => {
      const ids = seed[section].map((item) => item['id']);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );
});

describe('okta-examples seed bodies', () => {
  it.each(seedBodyChecks(seed).map((check) => [check.label, check] as const))('%s matches the spec', (_, check) => {
    const result = spec.validateResponse({ method: 'GET', path: check.path, status: 200, body: check.body });
    expect(formatValidationErrors(result)).toBe('');
    expect(result.checked).toBe('schema');
  });

  it('bodies carry no _links', async () => {
    const text = await readFile(`${SEEDS_DIRECTORY}${OKTA_EXAMPLES_SEED_NAME}/org.json`, 'utf8');
    expect(text).not.toContain('"_links"');
  });
});

describe('okta-examples seed files', () => {
  it('org.json matches its builder', () => {
    const rebuilt = buildOktaExamplesSeed(new ExampleSource(spec.document), spec.version);
    expect(seed).toEqual(rebuilt);
  });

  it('NOTICE names the spec release', async () => {
    const notice = await readFile(`${SEEDS_DIRECTORY}${OKTA_EXAMPLES_SEED_NAME}/NOTICE`, 'utf8');
    expect(notice).toContain(`release ${spec.version}`);
  });

  it('LICENSE is Apache 2.0', async () => {
    const license = await readFile(`${SEEDS_DIRECTORY}${OKTA_EXAMPLES_SEED_NAME}/LICENSE`, 'utf8');
    expect(license).toContain('Apache License');
    expect(license).toContain('Version 2.0, January 2004');
  });
});

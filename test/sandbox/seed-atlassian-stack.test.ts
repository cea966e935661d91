import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import { isOktaId, type OktaIdKind } from '../../src-shared/okta/ids.js';
import { ORG_JSON_PATH, readSigningKeyFile, serializeSeed } from '../../src-main/sandbox/seed/atlassian-stack/seed-files.js';
import { buildAtlassianStackSeed } from '../../src-main/sandbox/seed/build-atlassian-stack.js';
import { checkSeedShape } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxSeed } from '../../src-main/sandbox/seed/seed-types.js';
import { formatValidationErrors, loadOktaSpec, type OktaSpec } from '../support/okta-spec.js';

// Checks of the default sandbox seed, resources/sandbox/atlassian-stack/org.json. The generator
// must reproduce the committed file, and every id reference inside it must resolve. Group
// memberships must agree with the group rules, and every body must validate against Okta's
// OpenAPI spec as the response of the GET endpoint that returns it.

let seed: SandboxSeed;
let committedText: string;

beforeAll(async () => {
  seed = buildAtlassianStackSeed(await readSigningKeyFile());
  committedText = await readFile(ORG_JSON_PATH, 'utf8');
});

function asObject(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}

function asStrings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Follows a path of property names and returns undefined when a step is missing. */
function at(value: JsonValue | undefined, ...path: string[]): JsonValue | undefined {
  let current = value;
  for (const key of path) current = isJsonObject(current) ? current[key] : undefined;
  return current;
}

function idsOf(bodies: readonly JsonObject[]): Set<string> {
  return new Set(bodies.map((body) => String(body['id'])));
}

function groupNamed(name: string): JsonObject {
  const group = seed.groups.find((candidate) => at(candidate, 'profile', 'name') === name && candidate['type'] !== 'APP_GROUP');
  if (group === undefined) throw new Error(`The seed has no Okta group named '${name}'.`);
  return group;
}

describe('atlassian-stack seed generator', () => {
  it('builds equal seeds twice', async () => {
    const again = buildAtlassianStackSeed(await readSigningKeyFile());
    expect(again).toEqual(seed);
  });

  it('matches the committed org.json', () => {
    expect(serializeSeed(seed)).toBe(committedText);
  });

  it('passes the seed loader check', () => {
    expect(() => checkSeedShape(JSON.parse(committedText), ORG_JSON_PATH)).not.toThrow();
  });
});

describe('atlassian-stack seed counts', () => {
  it('has about 300 users', () => {
    expect(seed.users.length).toBeGreaterThanOrEqual(280);
    expect(seed.users.length).toBeLessThanOrEqual(320);
  });

  it('has about 40 groups', () => {
    expect(seed.groups.length).toBeGreaterThanOrEqual(35);
    expect(seed.groups.length).toBeLessThanOrEqual(45);
  });

  it('has about 15 group rules', () => {
    expect(seed.groupRules.length).toBeGreaterThanOrEqual(12);
    expect(seed.groupRules.length).toBeLessThanOrEqual(18);
  });

  it('has users in every lifecycle status', () => {
    const statuses = new Set(seed.users.map((user) => user['status']));
    for (const status of ['ACTIVE', 'SUSPENDED', 'DEPROVISIONED', 'STAGED']) {
      expect(statuses, status).toContain(status);
    }
  });

  it('has exactly one inactive group rule', () => {
    expect(seed.groupRules.filter((rule) => rule['status'] === 'INACTIVE')).toHaveLength(1);
  });

  it('has one built-in Everyone group', () => {
    const builtIn = seed.groups.filter((group) => group['type'] === 'BUILT_IN');
    expect(builtIn.map((group) => at(group, 'profile', 'name'))).toEqual(['Everyone']);
  });

  it('has the product-access groups', () => {
    const names = new Set(seed.groups.map((group) => at(group, 'profile', 'name')));
    for (const name of ['jira-software-users', 'confluence-users', 'bitbucket-users', 'jira-servicemanagement-users', 'CS-jsm-agents']) {
      expect(names, name).toContain(name);
    }
  });

  it('has a rule feeding CS-jsm-agents', () => {
    const target = String(groupNamed('CS-jsm-agents')['id']);
    const feeding = seed.groupRules.filter((rule) =>
      rule['status'] === 'ACTIVE' && asStrings(at(rule, 'actions', 'assignUserToGroups', 'groupIds')).includes(target));
    expect(feeding.map((rule) => rule['name'])).toEqual(['CS → jsm-agents']);
  });
});

describe('atlassian-stack seed ids', () => {
  const idCases: Array<[string, OktaIdKind, () => string[]]> = [
    ['users', 'user', () => seed.users.map((user) => String(user['id']))],
    ['groups', 'group', () => seed.groups.map((group) => String(group['id']))],
    ['group rules', 'groupRule', () => seed.groupRules.map((rule) => String(rule['id']))],
    ['apps', 'app', () => seed.apps.map((app) => String(app['id']))],
    ['user types', 'userType', () => seed.userTypes.map((type) => String(type['id']))],
    ['profile mappings', 'profileMapping', () => seed.profileMappings.map((mapping) => String(mapping['id']))],
    ['network zones', 'networkZone', () => seed.networkZones.map((zone) => String(zone['id']))],
    ['device assurances', 'deviceAssurance', () => seed.deviceAssurances.map((policy) => String(policy['id']))],
    ['group push mappings', 'groupPushMapping',
      () => Object.values(seed.groupPushMappings).flat().map((mapping) => String(mapping['id']))],
    ['global session policies', 'policy',
      () => seed.policies.filter((policy) => policy['type'] === 'OKTA_SIGN_ON').map((policy) => String(policy['id']))],
    ['app sign-in policies', 'accessPolicy',
      () => seed.policies.filter((policy) => policy['type'] === 'ACCESS_POLICY').map((policy) => String(policy['id']))],
    ['global session rules', 'policyRule',
      () => Object.values(seed.policyRules).flat().filter((rule) => rule['type'] === 'SIGN_ON').map((rule) => String(rule['id']))],
    ['app sign-in rules', 'accessPolicyRule',
      () => Object.values(seed.policyRules).flat().filter((rule) => rule['type'] === 'ACCESS_POLICY').map((rule) => String(rule['id']))],
  ];

  it.each(idCases)('%s have Okta id shapes', (_label, kind, ids) => {
    expect(ids().filter((id) => !isOktaId(id, kind))).toEqual([]);
  });

  it('ids are unique across kinds', () => {
    const all = idCases.flatMap(([, , ids]) => ids());
    const duplicates = all.filter((id, index) => all.indexOf(id) !== index);
    expect(duplicates).toEqual([]);
  });

  it('user logins are unique', () => {
    const logins = seed.users.map((user) => at(user, 'profile', 'login'));
    expect(new Set(logins).size).toBe(logins.length);
  });
});

describe('atlassian-stack seed references', () => {
  it('members are users of existing groups', () => {
    const userIds = idsOf(seed.users);
    const groupIds = idsOf(seed.groups);
    const unresolved = Object.entries(seed.groupMembers).flatMap(([groupId, members]) => [
      ...(groupIds.has(groupId) ? [] : [`group ${groupId}`]),
      ...members.filter((member) => !userIds.has(member)).map((member) => `user ${member} in ${groupId}`),
    ]);
    expect(unresolved).toEqual([]);
  });

  it('every group has a member list', () => {
    expect(seed.groups.map((group) => String(group['id'])).filter((id) => seed.groupMembers[id] === undefined)).toEqual([]);
  });

  it('users reference the seeded user type', () => {
    const typeIds = idsOf(seed.userTypes);
    expect(seed.users.filter((user) => !typeIds.has(String(at(user, 'type', 'id')))).map((user) => user['id'])).toEqual([]);
  });

  it('group rules reference existing groups', () => {
    const groupIds = idsOf(seed.groups);
    const unresolved = seed.groupRules.flatMap((rule) => {
      const targets = asStrings(at(rule, 'actions', 'assignUserToGroups', 'groupIds'));
      const excludedGroups = asStrings(at(rule, 'conditions', 'people', 'groups', 'exclude'));
      const inExpression = [...String(at(rule, 'conditions', 'expression', 'value')).matchAll(/isMemberOf(?:Any)?Group\(([^)]*)\)/g)]
        .flatMap((match) => [...(match[1] ?? '').matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1] ?? ''));
      return [...targets, ...excludedGroups, ...inExpression].filter((id) => !groupIds.has(id)).map((id) => `${String(rule['name'])}: ${id}`);
    });
    expect(unresolved).toEqual([]);
  });

  it('group rule exclusions reference users', () => {
    const userIds = idsOf(seed.users);
    const unresolved = seed.groupRules.flatMap((rule) =>
      asStrings(at(rule, 'conditions', 'people', 'users', 'exclude')).filter((id) => !userIds.has(id)));
    expect(unresolved).toEqual([]);
  });

  it('app-keyed sections reference apps', () => {
    const appIds = idsOf(seed.apps);
    const sections: Array<[string, Record<string, unknown>]> = [
      ['appKeys', seed.appKeys], ['appUserSchemas', seed.appUserSchemas], ['appGroupAssignments', seed.appGroupAssignments],
      ['appUserAssignments', seed.appUserAssignments], ['provisioning', seed.provisioning],
      ['groupPushMappings', seed.groupPushMappings], ['appAccessPolicies', seed.appAccessPolicies],
    ];
    const unresolved = sections.flatMap(([section, map]) => Object.keys(map).filter((id) => !appIds.has(id)).map((id) => `${section}: ${id}`));
    expect(unresolved).toEqual([]);
  });

  it('every app has keys and a schema', () => {
    const missing = seed.apps.map((app) => String(app['id'])).filter((id) => seed.appKeys[id] === undefined || seed.appUserSchemas[id] === undefined);
    expect(missing).toEqual([]);
  });

  it('app signing kid is the first key', () => {
    const mismatched = seed.apps.filter((app) => at(app, 'credentials', 'signing', 'kid') !== seed.appKeys[String(app['id'])]?.[0]?.['kid']);
    expect(mismatched.map((app) => app['label'])).toEqual([]);
  });

  it('group assignments reference groups', () => {
    const groupIds = idsOf(seed.groups);
    const unresolved = Object.values(seed.appGroupAssignments).flat().map((assignment) => String(assignment['id'])).filter((id) => !groupIds.has(id));
    expect(unresolved).toEqual([]);
  });

  it('user assignments reference users', () => {
    const userIds = idsOf(seed.users);
    const unresolved = Object.values(seed.appUserAssignments).flat().map((assignment) => String(assignment['id'])).filter((id) => !userIds.has(id));
    expect(unresolved).toEqual([]);
  });

  it('user assignments have USER scope', () => {
    expect(Object.values(seed.appUserAssignments).flat().filter((assignment) => assignment['scope'] !== 'USER')).toEqual([]);
  });

  it('push mappings join Okta and app groups', () => {
    const groupsById = new Map(seed.groups.map((group) => [String(group['id']), group]));
    const problems = Object.entries(seed.groupPushMappings).flatMap(([appId, mappings]) => mappings.flatMap((mapping) => {
      const source = groupsById.get(String(mapping['sourceGroupId']));
      const target = groupsById.get(String(mapping['targetGroupId']));
      return [
        ...(source?.['type'] === 'OKTA_GROUP' ? [] : [`source ${String(mapping['sourceGroupId'])} is not an Okta group`]),
        ...(target?.['type'] === 'APP_GROUP' && at(target, 'source', 'id') === appId
          ? [] : [`target ${String(mapping['targetGroupId'])} is not an app group of ${appId}`]),
      ];
    }));
    expect(problems).toEqual([]);
  });

  it('push mappings cover product groups', () => {
    const pushed = Object.values(seed.groupPushMappings).flat().map((mapping) => String(mapping['sourceGroupId']));
    const productGroups = ['jira-software-users', 'confluence-users', 'bitbucket-users', 'jira-servicemanagement-users', 'CS-jsm-agents']
      .map((name) => String(groupNamed(name)['id']));
    expect(new Set(pushed)).toEqual(new Set(productGroups));
  });

  it('profile mappings reference types and apps', () => {
    const typeIds = idsOf(seed.userTypes);
    const appIds = idsOf(seed.apps);
    const unresolved = seed.profileMappings.flatMap((mapping) => ['source', 'target'].flatMap((side) => {
      const id = String(at(mapping, side, 'id'));
      const known = at(mapping, side, 'type') === 'user' ? typeIds.has(id) : appIds.has(id);
      return known ? [] : [`${String(mapping['id'])} ${side} ${id}`];
    }));
    expect(unresolved).toEqual([]);
  });

  it('each app maps in both directions', () => {
    const directions = seed.apps.map((app) => {
      const appId = String(app['id']);
      const toApp = seed.profileMappings.some((mapping) => at(mapping, 'target', 'id') === appId && at(mapping, 'source', 'type') === 'user');
      const fromApp = seed.profileMappings.some((mapping) => at(mapping, 'source', 'id') === appId && at(mapping, 'target', 'type') === 'user');
      return [appId, toApp, fromApp];
    });
    expect(directions).toEqual(seed.apps.map((app) => [String(app['id']), true, true]));
  });

  it('app mappings target schema attributes', () => {
    const problems = seed.profileMappings.filter((mapping) => at(mapping, 'target', 'type') === 'appuser').flatMap((mapping) => {
      const schema = seed.appUserSchemas[String(at(mapping, 'target', 'id'))];
      const attributes = new Set([
        ...Object.keys(asObject(at(schema, 'definitions', 'base', 'properties'))),
        ...Object.keys(asObject(at(schema, 'definitions', 'custom', 'properties'))),
      ]);
      return Object.keys(asObject(mapping['properties'])).filter((name) => !attributes.has(name)).map((name) => `${String(mapping['id'])}: ${name}`);
    });
    expect(problems).toEqual([]);
  });

  it('assignment profiles use schema attributes', () => {
    const problems = Object.entries(seed.appGroupAssignments).flatMap(([appId, assignments]) => {
      const custom = new Set(Object.keys(asObject(at(seed.appUserSchemas[appId], 'definitions', 'custom', 'properties'))));
      return assignments.flatMap((assignment) =>
        Object.keys(asObject(assignment['profile'])).filter((name) => !custom.has(name)).map((name) => `${appId}/${String(assignment['id'])}: ${name}`));
    });
    expect(problems).toEqual([]);
  });

  it('products attribute is in every schema', () => {
    const missing = Object.entries(seed.appUserSchemas)
      .filter(([, schema]) => at(schema, 'definitions', 'custom', 'properties', 'atlassianProducts') === undefined)
      .map(([appId]) => appId);
    expect(missing).toEqual([]);
  });

  it('policy conditions reference seeded objects', () => {
    const groupIds = idsOf(seed.groups);
    const userIds = idsOf(seed.users);
    const zoneIds = idsOf(seed.networkZones);
    const assuranceIds = idsOf(seed.deviceAssurances);
    const unresolved: string[] = [];
    const check = (owner: JsonObject, ids: string[], known: Set<string>, what: string): void => {
      for (const id of ids) if (!known.has(id)) unresolved.push(`${String(owner['name'])}: ${what} ${id}`);
    };

    for (const policy of seed.policies) {
      check(policy, asStrings(at(policy, 'conditions', 'people', 'groups', 'include')), groupIds, 'group');
    }
    for (const rule of Object.values(seed.policyRules).flat()) {
      for (const list of ['include', 'exclude']) {
        check(rule, asStrings(at(rule, 'conditions', 'people', 'groups', list)), groupIds, 'group');
        check(rule, asStrings(at(rule, 'conditions', 'people', 'users', list)), userIds, 'user');
        check(rule, asStrings(at(rule, 'conditions', 'network', list)), zoneIds, 'zone');
      }
      check(rule, asStrings(at(rule, 'conditions', 'device', 'assurance', 'include')), assuranceIds, 'device assurance');
    }
    expect(unresolved).toEqual([]);
  });

  it('policy rules belong to seeded policies', () => {
    const policyIds = idsOf(seed.policies);
    expect(Object.keys(seed.policyRules).filter((id) => !policyIds.has(id))).toEqual([]);
  });

  it('rule types match their policy', () => {
    const ruleType: Record<string, string> = { ACCESS_POLICY: 'ACCESS_POLICY', OKTA_SIGN_ON: 'SIGN_ON' };
    const mismatched = seed.policies.flatMap((policy) => (seed.policyRules[String(policy['id'])] ?? [])
      .filter((rule) => rule['type'] !== ruleType[String(policy['type'])])
      .map((rule) => `${String(policy['name'])}/${String(rule['name'])}`));
    expect(mismatched).toEqual([]);
  });

  it('rule priorities are in order', () => {
    const unordered = Object.entries(seed.policyRules).filter(([, rules]) => {
      const priorities = rules.map((rule) => Number(rule['priority']));
      return priorities.some((priority, index) => index > 0 && priority <= (priorities[index - 1] ?? -Infinity));
    }).map(([policyId]) => policyId);
    expect(unordered).toEqual([]);
  });

  it('app sign-in policies end with catch-all', () => {
    const lastRules = seed.policies.filter((policy) => policy['type'] === 'ACCESS_POLICY')
      .map((policy) => seed.policyRules[String(policy['id'])]?.at(-1))
      .map((rule) => [rule?.['priority'], rule?.['system']]);
    expect(lastRules).toEqual(lastRules.map(() => [99, true]));
  });

  it('apps use app sign-in policies', () => {
    const accessPolicyIds = idsOf(seed.policies.filter((policy) => policy['type'] === 'ACCESS_POLICY'));
    expect(Object.values(seed.appAccessPolicies).filter((id) => !accessPolicyIds.has(id))).toEqual([]);
  });

  it('device assurance admins are users', () => {
    const userIds = idsOf(seed.users);
    const unresolved = seed.deviceAssurances.flatMap((policy) => [policy['createdBy'], policy['lastUpdatedBy']])
      .filter((id) => !userIds.has(String(id)));
    expect(unresolved).toEqual([]);
  });
});

/**
 * Evaluates the subset of the Okta expression language that the seed's group rules use:
 * `user.<attribute>=="text"`, `!=`, `&&`, `||`, parentheses and `isMemberOfGroup("<groupId>")`.
 * Throws on anything else, so a rule written in a new form fails the test instead of passing.
 */
function evaluateRuleExpression(expression: string, profile: JsonObject, isMember: (groupId: string) => boolean): boolean {
  const tokens = expression.match(/"[^"]*"|&&|\|\||==|!=|[()]|[A-Za-z_][\w.]*/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, '')) {
    throw new Error(`Unsupported characters in group rule expression: ${expression}`);
  }
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (expected?: string): string => {
    const token = tokens[position++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`Expected ${expected ?? 'a token'} at token ${position} of: ${expression}`);
    }
    return token;
  };
  const literal = (): string => {
    const token = take();
    if (!token.startsWith('"')) throw new Error(`Expected a string literal, got ${token} in: ${expression}`);
    return token.slice(1, -1);
  };

  const primary = (): boolean => {
    const token = take();
    if (token === '(') {
      const value = disjunction();
      take(')');
      return value;
    }
    if (token === 'isMemberOfGroup') {
      take('(');
      const groupId = literal();
      take(')');
      return isMember(groupId);
    }
    if (token.startsWith('user.')) {
      const operator = take();
      const expected = literal();
      const actual = profile[token.slice('user.'.length)];
      if (operator === '==') return actual === expected;
      if (operator === '!=') return actual !== expected;
      throw new Error(`Unsupported operator ${operator} in: ${expression}`);
    }
    throw new Error(`Unsupported token ${token} in: ${expression}`);
  };
  const conjunction = (): boolean => {
    let value = primary();
    while (peek() === '&&') {
      take();
      const right = primary();
      value = value && right;
    }
    return value;
  };
  const disjunction = (): boolean => {
    let value = conjunction();
    while (peek() === '||') {
      take();
      const right = conjunction();
      value = value || right;
    }
    return value;
  };

  const result = disjunction();
  if (position !== tokens.length) throw new Error(`Unexpected ${String(peek())} in: ${expression}`);
  return result;
}

describe('atlassian-stack seed memberships', () => {
  /** Users an ACTIVE or INACTIVE rule selects, after its exclusions. */
  function matchedUsers(rule: JsonObject): Set<string> {
    const excluded = new Set(asStrings(at(rule, 'conditions', 'people', 'users', 'exclude')));
    const expression = String(at(rule, 'conditions', 'expression', 'value'));
    const matched = seed.users.filter((user) => {
      const userId = String(user['id']);
      const isMember = (groupId: string): boolean => seed.groupMembers[groupId]?.includes(userId) ?? false;
      return !excluded.has(userId) && evaluateRuleExpression(expression, asObject(user['profile']), isMember);
    });
    return new Set(matched.map((user) => String(user['id'])));
  }

  function targetsOf(rule: JsonObject): string[] {
    return asStrings(at(rule, 'actions', 'assignUserToGroups', 'groupIds'));
  }

  it('rule expressions use Okta expression type', () => {
    const types = new Set(seed.groupRules.map((rule) => at(rule, 'conditions', 'expression', 'type')));
    expect([...types]).toEqual(['urn:okta:expression:1.0']);
  });

  it('active rules add every match', () => {
    const missing = seed.groupRules.filter((rule) => rule['status'] === 'ACTIVE').flatMap((rule) => {
      const matched = [...matchedUsers(rule)];
      return targetsOf(rule).flatMap((groupId) => {
        const members = new Set(seed.groupMembers[groupId] ?? []);
        const absent = matched.filter((userId) => !members.has(userId));
        return absent.length === 0 ? [] : [`${String(rule['name'])} → ${groupId}: ${absent.length} users missing`];
      });
    });
    expect(missing).toEqual([]);
  });

  it('rule-only groups hold only matches', () => {
    const ruleOnlyGroups = seed.groups.filter((group) => {
      const name = String(at(group, 'profile', 'name'));
      return group['type'] === 'OKTA_GROUP'
        && (name.startsWith('dept-') || ['contractors', 'contractors-engineering', 'interns', 'CS-jsm-agents'].includes(name));
    });
    const extra = ruleOnlyGroups.flatMap((group) => {
      const groupId = String(group['id']);
      const expected = new Set(seed.groupRules.filter((rule) => rule['status'] === 'ACTIVE' && targetsOf(rule).includes(groupId))
        .flatMap((rule) => [...matchedUsers(rule)]));
      const unexpected = (seed.groupMembers[groupId] ?? []).filter((userId) => !expected.has(userId));
      return unexpected.length === 0 ? [] : [`${String(at(group, 'profile', 'name'))}: ${unexpected.length} members no rule adds`];
    });
    expect(ruleOnlyGroups.length).toBeGreaterThan(0);
    expect(extra).toEqual([]);
  });

  it('department groups follow departments', () => {
    const mismatched = seed.users.filter((user) => {
      const department = String(at(user, 'profile', 'department'));
      const groupName = `dept-${department.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      return !(seed.groupMembers[String(groupNamed(groupName)['id'])] ?? []).includes(String(user['id']));
    });
    expect(mismatched.map((user) => at(user, 'profile', 'login'))).toEqual([]);
  });

  it('rule exclusions keep users out', () => {
    const leaked = seed.groupRules.filter((rule) => rule['status'] === 'ACTIVE').flatMap((rule) => {
      const excluded = asStrings(at(rule, 'conditions', 'people', 'users', 'exclude'));
      return excluded.filter((userId) => targetsOf(rule).some((groupId) => seed.groupMembers[groupId]?.includes(userId)));
    });
    expect(leaked).toEqual([]);
  });

  it('inactive rule would add members', () => {
    const wouldAdd = seed.groupRules.filter((rule) => rule['status'] === 'INACTIVE').map((rule) => {
      const matched = [...matchedUsers(rule)];
      return targetsOf(rule).some((groupId) => matched.some((userId) => !(seed.groupMembers[groupId] ?? []).includes(userId)));
    });
    expect(wouldAdd).toEqual(wouldAdd.map(() => true));
  });

  it('Everyone holds every user', () => {
    expect(new Set(seed.groupMembers[String(groupNamed('Everyone')['id'])])).toEqual(idsOf(seed.users));
  });

  it('app groups mirror pushed groups', () => {
    const mismatched = Object.values(seed.groupPushMappings).flat().filter((mapping) =>
      JSON.stringify(seed.groupMembers[String(mapping['sourceGroupId'])]) !== JSON.stringify(seed.groupMembers[String(mapping['targetGroupId'])]));
    expect(mismatched.map((mapping) => mapping['id'])).toEqual([]);
  });
});

describe('atlassian-stack seed content', () => {
  it('signing certificates match their keys', () => {
    const problems = Object.values(seed.appKeys).flat().flatMap((key) => {
      const der = Buffer.from(asStrings(key['x5c'])[0] ?? '', 'base64');
      const certificate = new X509Certificate(der);
      const jwk = certificate.publicKey.export({ format: 'jwk' });
      return [
        ...(createHash('sha256').update(der).digest('base64url') === key['x5t#S256'] ? [] : [`${String(key['kid'])}: x5t#S256`]),
        ...(jwk.n === key['n'] && jwk.e === key['e'] ? [] : [`${String(key['kid'])}: n or e`]),
        ...(new Date(certificate.validTo).toISOString() === key['expiresAt'] ? [] : [`${String(key['kid'])}: expiresAt`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('production app keeps an older key', () => {
    const keyCounts = seed.apps.map((app) => [app['label'], seed.appKeys[String(app['id'])]?.length]);
    expect(keyCounts).toEqual([['Atlassian Cloud', 2], ['Atlassian Cloud (sandbox site)', 1]]);
  });

  it('only the production app provisions', () => {
    const prod = seed.apps.find((app) => app['label'] === 'Atlassian Cloud');
    expect(Object.keys(seed.provisioning)).toEqual([String(prod?.['id'])]);
  });

  it('provisioning connection holds no token', () => {
    const connections = Object.values(seed.provisioning).map((provisioning) => JSON.stringify(provisioning.connection));
    expect(connections.filter((text) => /token"\s*:/i.test(text))).toEqual([]);
  });

  it('seed holds no private key', () => {
    expect(committedText).not.toMatch(/PRIVATE KEY|"d"\s*:|"p"\s*:|"q"\s*:/);
  });

  it('timestamps fall in 2025 and 2026', () => {
    const outside: string[] = [];
    const walk = (value: JsonValue, path: string): void => {
      if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value)) {
        const year = new Date(value).getUTCFullYear();
        // Certificates stay valid past the seed's clock, so only their expiry may be later.
        if (!path.endsWith('/expiresAt') && (year < 2025 || year > 2026)) outside.push(`${path}: ${value}`);
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => walk(item, `${path}/${index}`));
      } else if (isJsonObject(value)) {
        for (const [key, item] of Object.entries(value)) walk(item, `${path}/${key}`);
      }
    };
    walk(JSON.parse(committedText) as JsonValue, '');
    expect(outside).toEqual([]);
  });
});

describe('atlassian-stack seed against Okta spec', () => {
  let spec: OktaSpec;

  beforeAll(async () => {
    spec = await loadOktaSpec();
  });

  /** Each body paired with the GET path that returns it, so it is checked as that operation's 200 response. */
  function responses(): Array<[path: string, body: JsonValue]> {
    const list: Array<[string, JsonValue]> = [['/api/v1/meta/types/user', seed.userTypes]];
    for (const user of seed.users) list.push([`/api/v1/users/${String(user['id'])}`, user]);
    for (const group of seed.groups) list.push([`/api/v1/groups/${String(group['id'])}`, group]);
    for (const rule of seed.groupRules) list.push([`/api/v1/groups/rules/${String(rule['id'])}`, rule]);
    for (const app of seed.apps) list.push([`/api/v1/apps/${String(app['id'])}`, app]);
    for (const [appId, keys] of Object.entries(seed.appKeys)) list.push([`/api/v1/apps/${appId}/credentials/keys`, keys]);
    for (const [appId, schema] of Object.entries(seed.appUserSchemas)) list.push([`/api/v1/meta/schemas/apps/${appId}/default`, schema]);
    for (const mapping of seed.profileMappings) list.push([`/api/v1/mappings/${String(mapping['id'])}`, mapping]);
    for (const [appId, assignments] of Object.entries(seed.appGroupAssignments)) {
      for (const assignment of assignments) list.push([`/api/v1/apps/${appId}/groups/${String(assignment['id'])}`, assignment]);
    }
    for (const [appId, assignments] of Object.entries(seed.appUserAssignments)) {
      for (const assignment of assignments) list.push([`/api/v1/apps/${appId}/users/${String(assignment['id'])}`, assignment]);
    }
    for (const [appId, provisioning] of Object.entries(seed.provisioning)) {
      list.push([`/api/v1/apps/${appId}/connections/default`, provisioning.connection]);
      list.push([`/api/v1/apps/${appId}/features`, provisioning.features]);
    }
    for (const [appId, mappings] of Object.entries(seed.groupPushMappings)) {
      for (const mapping of mappings) list.push([`/api/v1/apps/${appId}/group-push/mappings/${String(mapping['id'])}`, mapping]);
    }
    for (const policy of seed.policies) list.push([`/api/v1/policies/${String(policy['id'])}`, policy]);
    for (const [policyId, rules] of Object.entries(seed.policyRules)) {
      for (const rule of rules) list.push([`/api/v1/policies/${policyId}/rules/${String(rule['id'])}`, rule]);
    }
    for (const zone of seed.networkZones) list.push([`/api/v1/zones/${String(zone['id'])}`, zone]);
    for (const policy of seed.deviceAssurances) list.push([`/api/v1/device-assurances/${String(policy['id'])}`, policy]);
    return list;
  }

  it('every body validates as response', () => {
    const failures = responses().flatMap(([path, body]) => {
      const result = spec.validateResponse({ method: 'GET', path, status: 200, body });
      return result.valid && result.checked === 'schema' ? [] : [`GET ${path} (${result.checked})\n${formatValidationErrors(result)}`];
    });
    expect(failures).toEqual([]);
  });

  it('validation rejects a broken app', () => {
    const app = structuredClone(seed.apps[0] ?? {});
    const signOn = asObject(at(app, 'settings', 'signOn'));
    delete signOn['responseSigned'];
    const result = spec.validateResponse({ method: 'GET', path: `/api/v1/apps/${String(app['id'])}`, status: 200, body: app });
    expect(result.valid).toBe(false);
  });
});

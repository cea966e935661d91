import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../src-shared/json/json-types.js';
import type { Finding, ResourceChange } from '../../src-shared/diff/diff-types.js';
import { findingsFor, type FindingOptions } from '../../src-shared/diff/findings/findings.js';
import type { ResourceKind, SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';

// Snapshot resources built from the default sandbox seed the way capture records them (same
// kinds, ids and names), and helpers that turn an edit of one body into a ResourceChange.

const org = JSON.parse(readFileSync(new URL('../../resources/sandbox/atlassian-stack/org.json', import.meta.url), 'utf8')) as Record<string, JsonValue>;

/** The production Atlassian Cloud app of the seed, labelled 'Atlassian Cloud'. */
export const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
export const APP_POLICY = 'rstQomxKFykBd7WCQInV';
export const ENGINEERING_SESSIONS = '00pWWccdMfLt5rAKDryD';

function list(key: string): JsonObject[] {
  const value = org[key];
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function byId(key: string): Record<string, JsonValue> {
  const value = org[key];
  return isJsonObject(value) ? value : {};
}

function objects(value: JsonValue | undefined): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function text(value: JsonValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function resource(kind: ResourceKind, id: string, name: string, body: JsonValue): SnapshotResource {
  return { kind, id, name, body };
}

function memberRecord(user: JsonObject): JsonObject {
  const profile = isJsonObject(user['profile']) ? user['profile'] : {};
  const keptProfile: JsonObject = {};
  for (const name of ['department', 'email', 'firstName', 'lastName', 'login']) if (profile[name] !== undefined) keptProfile[name] = profile[name];
  return { id: text(user['id']), status: user['status'] ?? null, profile: keptProfile };
}

function groupName(group: JsonObject): string {
  return isJsonObject(group['profile']) ? text(group['profile']['name']) : '';
}

function appResources(): SnapshotResource[] {
  const app = list('apps').find((candidate) => candidate['id'] === PROD_APP) ?? {};
  const label = text(app['label']);
  const provisioning = isJsonObject(byId('provisioning')[PROD_APP]) ? (byId('provisioning')[PROD_APP] as JsonObject) : {};
  const resources = [
    resource('app', PROD_APP, label, app),
    resource('app-user-schema', PROD_APP, `${label}: app user schema`, byId('appUserSchemas')[PROD_APP] ?? {}),
    resource('app-provisioning', PROD_APP, `${label}: provisioning connection`, provisioning['connection'] ?? {}),
    resource('app-saml-metadata', PROD_APP, `${label}: SAML metadata`, '<md:EntityDescriptor entityID="http://www.okta.com/exk1"/>'),
  ];
  for (const key of objects(byId('appKeys')[PROD_APP])) {
    resources.push(resource('app-signing-key', `${PROD_APP}/${text(key['kid'])}`, `${label}: key ${text(key['kid']).slice(0, 12)}`, key));
  }
  for (const feature of objects(provisioning['features'])) {
    resources.push(resource('app-feature', `${PROD_APP}/${text(feature['name'])}`, `${label}: ${text(feature['name'])}`, feature));
  }
  for (const assignment of objects(byId('appGroupAssignments')[PROD_APP])) {
    resources.push(resource('app-group-assignment', `${PROD_APP}/${text(assignment['id'])}`, `${label}: group ${text(assignment['id'])}`, assignment));
  }
  for (const appUser of objects(byId('appUserAssignments')[PROD_APP])) {
    const userName = isJsonObject(appUser['credentials']) ? text(appUser['credentials']['userName']) : '';
    resources.push(resource('app-user-assignment', `${PROD_APP}/${text(appUser['id'])}`, `${label}: ${userName}`, appUser));
  }
  for (const mapping of objects(byId('groupPushMappings')[PROD_APP])) {
    resources.push(resource('group-push-mapping', `${PROD_APP}/${text(mapping['id'])}`, `${label}: push ${text(mapping['sourceGroupId'])}`, mapping));
  }
  for (const mapping of list('profileMappings')) {
    const source = isJsonObject(mapping['source']) ? mapping['source'] : {};
    const target = isJsonObject(mapping['target']) ? mapping['target'] : {};
    if (source['id'] !== PROD_APP && target['id'] !== PROD_APP) continue;
    resources.push(resource('profile-mapping', text(mapping['id']), `${text(source['name'])} → ${text(target['name'])}`, mapping));
  }
  return resources;
}

function directoryResources(): SnapshotResource[] {
  const users = new Map(list('users').map((user) => [text(user['id']), user]));
  const resources: SnapshotResource[] = [];
  for (const group of list('groups')) {
    const id = text(group['id']);
    const members = (byId('groupMembers')[id] as string[] | undefined ?? []).map((userId) => memberRecord(users.get(userId) ?? { id: userId }));
    resources.push(resource('group', id, groupName(group), group), resource('group-members', id, `${groupName(group)}: members`, members));
  }
  for (const rule of list('groupRules')) resources.push(resource('group-rule', text(rule['id']), text(rule['name']), rule));
  for (const userType of list('userTypes')) resources.push(resource('user-type', text(userType['id']), text(userType['displayName']), userType));
  return resources;
}

function policyResources(): SnapshotResource[] {
  const resources: SnapshotResource[] = [];
  for (const policy of list('policies')) {
    const policyId = text(policy['id']);
    resources.push(resource('policy', policyId, text(policy['name']), policy));
    for (const rule of objects(byId('policyRules')[policyId])) {
      resources.push(resource('policy-rule', `${policyId}/${text(rule['id'])}`, `${text(policy['name'])}: ${text(rule['name'])}`, rule));
    }
  }
  for (const zone of list('networkZones')) resources.push(resource('network-zone', text(zone['id']), text(zone['name']), zone));
  for (const policy of list('deviceAssurances')) resources.push(resource('device-assurance', text(policy['id']), text(policy['name']), policy));
  return resources;
}

/** Every seed resource of the production app and what it references, as a snapshot stores them. */
export const SEED_RESOURCES: readonly SnapshotResource[] = [...appResources(), ...directoryResources(), ...policyResources()];

/** Returns the seed resource of a kind and id; throws when the seed has none. */
export function seedResource(kind: ResourceKind, id: string): SnapshotResource {
  const found = SEED_RESOURCES.find((candidate) => candidate.kind === kind && candidate.id === id);
  if (found === undefined) throw new Error(`The seed has no ${kind} with id ${id}.`);
  return found;
}

function texts(resource: SnapshotResource | undefined): string {
  return resource === undefined ? '' : JSON.stringify(resource.body, null, 2);
}

/**
 * Builds the change of a seed resource whose body `edit` modifies in place (on a copy), with the
 * changed paths the comparer would report. `name` overrides the resource name of the after side.
 */
export function changed(kind: ResourceKind, id: string, changedPaths: string[], edit: (body: JsonObject) => void, name?: string): ResourceChange {
  const before = seedResource(kind, id);
  const body = structuredClone(before.body) as JsonObject;
  edit(body);
  const after = { ...before, name: name ?? before.name, body };
  return { kind, id, name: after.name, change: 'changed', before, after, changedPaths, beforeText: texts(before), afterText: texts(after) };
}

/** Builds the change of a seed resource whose body `replace` returns anew (member lists, SAML metadata text). */
export function replaced(kind: ResourceKind, id: string, changedPaths: string[], replace: (body: JsonValue) => JsonValue): ResourceChange {
  const before = seedResource(kind, id);
  const after = { ...before, body: replace(structuredClone(before.body)) };
  return { kind, id, name: after.name, change: 'changed', before, after, changedPaths, beforeText: texts(before), afterText: texts(after) };
}

/** Swaps the sides of a change, so a case can start from an edited body and end at the seed's. */
export function reversed(change: ResourceChange): ResourceChange {
  const kinds = { added: 'removed', removed: 'added', changed: 'changed' } as const;
  return { ...change, change: kinds[change.change], before: change.after, after: change.before, beforeText: change.afterText, afterText: change.beforeText };
}

/** Builds the removal of a seed resource. */
export function removed(kind: ResourceKind, id: string): ResourceChange {
  const before = seedResource(kind, id);
  return { kind, id, name: before.name, change: 'removed', before, changedPaths: [], beforeText: texts(before), afterText: '' };
}

/** Builds the addition of a resource that the seed does not have. */
export function added(kind: ResourceKind, id: string, name: string, body: JsonValue): ResourceChange {
  const after = resource(kind, id, name, body);
  return { kind: after.kind, id: after.id, name: after.name, change: 'added', after, changedPaths: [], beforeText: '', afterText: texts(after) };
}

/** Runs the findings pass on changes against the seed: the before side is the seed, the after side the seed with the changes applied. */
export function findingsOf(changes: ResourceChange[], options?: FindingOptions): Finding[] {
  const keyOf = (kind: string, id: string): string => `${kind} ${id}`;
  const touched = new Set(changes.map((change) => keyOf(change.kind, change.id)));
  const after = SEED_RESOURCES.filter((candidate) => !touched.has(keyOf(candidate.kind, candidate.id)));
  for (const change of changes) if (change.after !== undefined) after.push(change.after);
  return findingsFor(changes, { before: [...SEED_RESOURCES], after }, options);
}

/** One case of a rule table test: a change and the one finding it must give under `code`. */
export interface FindingCase {
  name: string;
  change: () => ResourceChange;
  code: string;
  severity: Finding['severity'];
  resourceIds: string[];
  sentence: string;
}

/** Runs each case alone against the seed and checks its finding's severity, ids and sentence. */
export function checkCases(cases: FindingCase[]): void {
  describe.each(cases)('$name', (testCase) => {
    const findings = findingsOf([testCase.change()]);
    const finding = findings.find((candidate) => candidate.code === testCase.code);

    it('gives the finding', () => {
      expect(finding, `codes given: ${findings.map((candidate) => candidate.code).join(', ')}`).toBeDefined();
    });
    it('has the severity', () => {
      expect(finding?.severity).toBe(testCase.severity);
    });
    it('names the resources', () => {
      expect(finding?.resourceIds).toEqual(testCase.resourceIds);
    });
    it('writes the sentence', () => {
      expect(finding?.sentence).toBe(testCase.sentence);
    });
    it('leaves nothing to the generic finding', () => {
      expect(findings.filter((candidate) => candidate.code.startsWith('resource-'))).toEqual([]);
    });
  });
}

import { objectAt, objectsAt, stringAt, stringsAt, valueAt } from '../diff/findings/json-pointer.js';
import type { JsonObject } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { bodiesOf, nameLookup, ownerOf, type NameLookup } from './resource-lookup.js';

/** One policy rule in words: who it covers, what it decides and what it requires. */
export interface RuleEvidence {
  name: string;
  status: string;
  priority: string;
  people: string;
  access: string;
  authentication: string;
  device: string;
  network: string;
  /** Session idle and lifetime limits (global session rules only), else empty. */
  session: string;
}

/** One sign-on policy, global session or app sign-in, with its rules by priority. */
export interface PolicyEvidence {
  id: string;
  name: string;
  /** `Global session policy` or `App sign-in policy`. */
  type: string;
  status: string;
  priority: string;
  appliesTo: string;
  rules: RuleEvidence[];
}

/**
 * Describes the global session and app sign-in policies of a snapshot and their rules, with
 * group, zone and device assurance ids turned into names. Policies come by type, then priority.
 */
export function describePolicies(resources: readonly SnapshotResource[]): PolicyEvidence[] {
  const names = nameLookup(resources);
  const rules = new Map<string, JsonObject[]>();
  for (const rule of bodiesOf(resources, 'policy-rule')) {
    const list = rules.get(ownerOf(rule.id)) ?? [];
    list.push(rule.body);
    rules.set(ownerOf(rule.id), list);
  }

  return bodiesOf(resources, 'policy')
    .map(({ id, body }) => ({ id, body, order: policyOrder(body) }))
    .sort((a, b) => a.order - b.order || numberOf(a.body, 'priority') - numberOf(b.body, 'priority') || compareIds(a.id, b.id))
    .map(({ id, body }) => ({
      id,
      name: stringAt(body, '/name') ?? id,
      type: body['type'] === 'OKTA_SIGN_ON' ? 'Global session policy' : 'App sign-in policy',
      status: stringAt(body, '/status') ?? 'unknown',
      priority: String(valueAt(body, '/priority') ?? '-'),
      appliesTo: body['system'] === true ? 'default policy: everyone not covered by another' : describePeople(objectAt(body, '/conditions/people'), names),
      rules: (rules.get(id) ?? []).sort((a, b) => numberOf(a, 'priority') - numberOf(b, 'priority')).map((rule) => describeRule(rule, names)),
    }));
}

function describeRule(rule: JsonObject, names: NameLookup): RuleEvidence {
  const signOn = objectAt(rule, '/actions/signon');
  const appSignOn = objectAt(rule, '/actions/appSignOn');
  const isSession = Object.keys(signOn).length > 0;

  return {
    name: stringAt(rule, '/name') ?? String(rule['id']),
    status: stringAt(rule, '/status') ?? 'unknown',
    priority: String(valueAt(rule, '/priority') ?? '-'),
    people: describePeople(objectAt(rule, '/conditions/people'), names),
    access: stringAt(isSession ? signOn : appSignOn, '/access') ?? 'unknown',
    authentication: isSession ? describeSessionFactors(signOn) : describeVerification(objectAt(appSignOn, '/verificationMethod')),
    device: describeDevice(objectAt(rule, '/conditions/device'), names),
    network: describeNetwork(objectAt(rule, '/conditions/network'), names),
    session: isSession ? describeSession(objectAt(signOn, '/session')) : '',
  };
}

/** Describes a people condition: included and excluded groups and users. */
export function describePeople(people: JsonObject, names: NameLookup): string {
  const parts: string[] = [];
  const includedGroups = stringsAt(people, '/groups/include');
  const excludedGroups = stringsAt(people, '/groups/exclude');
  const includedUsers = stringsAt(people, '/users/include');
  const excludedUsers = stringsAt(people, '/users/exclude');

  if (includedGroups.length > 0) parts.push(`groups ${includedGroups.map((id) => names.group(id)).join(', ')}`);
  if (includedUsers.length > 0) parts.push(`${includedUsers.length} user(s) named`);
  if (parts.length === 0) parts.push('everyone');
  if (excludedGroups.length > 0) parts.push(`except groups ${excludedGroups.map((id) => names.group(id)).join(', ')}`);
  if (excludedUsers.length > 0) parts.push(`except ${excludedUsers.length} user(s)`);
  return parts.join('; ');
}

function describeSessionFactors(signOn: JsonObject): string {
  if (signOn['requireFactor'] !== true) return 'password or IdP only; no second factor required';
  const prompt = stringAt(signOn, '/factorPromptMode');
  return `second factor required${prompt === undefined ? '' : ` (prompt: ${prompt.toLowerCase()})`}`;
}

function describeVerification(method: JsonObject): string {
  if (Object.keys(method).length === 0) return 'not stated';
  const parts = [stringAt(method, '/factorMode') ?? stringAt(method, '/type') ?? 'assurance'];
  const reauthenticate = stringAt(method, '/reauthenticateIn');
  if (reauthenticate !== undefined) parts.push(`re-authenticate after ${reauthenticate}`);

  for (const constraint of objectsAt(method, '/constraints')) {
    for (const [factorType, settings] of Object.entries(constraint)) {
      const required = Object.entries(objectAt(settings, '')).filter(([, value]) => value === 'REQUIRED').map(([key]) => key);
      if (required.length > 0) parts.push(`${factorType} factor: ${required.join(', ')}`);
    }
  }
  return parts.join('; ');
}

function describeDevice(device: JsonObject, names: NameLookup): string {
  const parts: string[] = [];
  if (device['registered'] === true) parts.push('registered');
  if (device['managed'] === true) parts.push('managed');
  const assurance = stringsAt(device, '/assurance/include');
  if (assurance.length > 0) parts.push(`assurance ${assurance.map((id) => names.deviceAssurance(id)).join(' or ')}`);
  return parts.length === 0 ? 'any device' : parts.join(', ');
}

function describeNetwork(network: JsonObject, names: NameLookup): string {
  const connection = stringAt(network, '/connection');
  if (connection === undefined || connection === 'ANYWHERE') return 'anywhere';
  const included = stringsAt(network, '/include');
  const excluded = stringsAt(network, '/exclude');
  if (included.length > 0) return `in zones ${included.map((id) => names.zone(id)).join(', ')}`;
  if (excluded.length > 0) return `outside zones ${excluded.map((id) => names.zone(id)).join(', ')}`;
  return connection.toLowerCase();
}

function describeSession(session: JsonObject): string {
  const idle = valueAt(session, '/maxSessionIdleMinutes');
  const lifetime = valueAt(session, '/maxSessionLifetimeMinutes');
  const lifetimeText = lifetime === 0 ? 'no lifetime limit' : `lifetime ${String(lifetime ?? '?')} min`;
  const cookie = session['usePersistentCookie'] === true ? ', persistent cookie' : '';
  return `idle ${String(idle ?? '?')} min, ${lifetimeText}${cookie}`;
}

function policyOrder(body: JsonObject): number {
  return body['type'] === 'OKTA_SIGN_ON' ? 0 : 1;
}

function numberOf(body: JsonObject, key: string): number {
  const value = body[key];
  return typeof value === 'number' ? value : Number.POSITIVE_INFINITY;
}

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

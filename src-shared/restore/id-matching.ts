import { stringAt } from '../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject } from '../json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../snapshot/snapshot-model.js';

/** `kind:id` of a resource, the key the planner uses for both sides. */
export function resourceKey(kind: ResourceKind, id: string): string {
  return `${kind}:${id}`;
}

/** Correspondence between the desired snapshot's resources and the target org's. */
export interface IdMatching {
  /** Desired `kind:id` to the id of the same object in the target org; absent when the org lacks it. */
  toLive: Map<string, string>;
  /** Desired users (id) to target users (id), by login; only for a restore into another org. */
  users: Map<string, string>;
  /** Desired objects (`kind:id`) whose natural key matches several objects in the target org, with a sentence naming them. */
  ambiguous: Array<{ key: string; message: string }>;
}

/**
 * Kinds in the order their natural keys can be computed: an owned kind's key uses its owner's
 * match, so owners come first.
 */
const MATCH_ORDER: readonly ResourceKind[] = [
  'user-type', 'network-zone', 'device-assurance', 'group', 'app', 'policy', 'group-rule',
  'group-members', 'app-signing-key', 'app-saml-metadata', 'app-provisioning', 'app-user-schema',
  'app-feature', 'profile-mapping', 'app-group-assignment', 'app-user-assignment', 'group-push-mapping', 'policy-rule',
];

/**
 * Matches the desired snapshot's resources to the target org's. Within one org, the same id is
 * the same object; an object whose id the org lacks is matched by an exact natural key among the
 * org's objects the snapshot does not know, so an object an earlier restore recreated with a new
 * id is found again. Into another org, ids differ, so every object is matched by natural key: the
 * name for named objects, the matched owner plus the name or referenced id for owned ones, the
 * login for users. A key that matches several objects is reported as ambiguous and left
 * unmatched: the plan stops rather than guess.
 */
export function matchIds(desired: readonly SnapshotResource[], live: readonly SnapshotResource[], crossOrg: boolean): IdMatching {
  const toLive = new Map<string, string>();
  const ambiguous: IdMatching['ambiguous'] = [];
  const users = crossOrg ? matchUsers(desired, live) : new Map<string, string>();
  const liveKeys = new Set(live.map((resource) => resourceKey(resource.kind, resource.id)));
  const desiredKeys = new Set(desired.map((resource) => resourceKey(resource.kind, resource.id)));

  for (const kind of MATCH_ORDER) {
    // Within one org, only objects the snapshot does not know can be a recreated one.
    const candidates = live.filter((resource) => resource.kind === kind && (crossOrg || !desiredKeys.has(resourceKey(kind, resource.id))));
    const liveByNatural = groupBy(candidates, (resource) => naturalKey(resource, undefined, users));
    for (const resource of desired.filter((candidate) => candidate.kind === kind)) {
      const key = resourceKey(kind, resource.id);
      if (!crossOrg && liveKeys.has(key)) {
        toLive.set(key, resource.id);
        continue;
      }
      const natural = naturalKey(resource, toLive, users);
      if (natural === undefined) continue;
      const found = liveByNatural.get(natural) ?? [];
      if (found.length === 1) toLive.set(key, (found[0] as SnapshotResource).id);
      if (found.length > 1) ambiguous.push({ key, message: `The ${kind} '${resource.name}' (${resource.id}) matches ${found.length} objects in the target org: ${found.map((item) => item.id).join(', ')}.` });
    }
  }
  return { toLive, users, ambiguous };
}

/**
 * Returns the key two orgs share for the same object, or undefined when the key cannot be formed.
 * With `toLive`, the owner and referenced ids of a desired resource are first translated into the
 * target org's. Without it (a live resource), they are used as they are.
 */
function naturalKey(resource: SnapshotResource, toLive: Map<string, string> | undefined, users: Map<string, string>): string | undefined {
  const body = isJsonObject(resource.body) ? resource.body : {};
  const mapped = (kind: ResourceKind, id: string | undefined): string | undefined => {
    if (id === undefined) return undefined;
    return toLive === undefined ? id : toLive.get(resourceKey(kind, id));
  };
  const [owner, rest] = splitOwned(resource.id);

  switch (resource.kind) {
    case 'group':
      // Okta groups and the app groups that push creates may share a name, so the type is part of the key.
      return `${stringAt(body, '/type') ?? ''}:${stringAt(body, '/profile/name') ?? ''}`;
    case 'app':
      return stringAt(body, '/label');
    case 'policy':
      return `${stringAt(body, '/type') ?? ''}:${stringAt(body, '/name') ?? ''}`;
    case 'group-rule':
    case 'network-zone':
    case 'device-assurance':
    case 'user-type':
      return stringAt(body, '/name');
    case 'group-members':
      return mapped('group', resource.id);
    case 'app-saml-metadata':
    case 'app-provisioning':
    case 'app-user-schema':
      return mapped('app', resource.id);
    case 'app-signing-key':
      return joined(mapped('app', owner), rest);
    case 'app-feature':
      return joined(mapped('app', owner), rest);
    case 'profile-mapping':
      return joined(mappedEnd(body, 'source', toLive), mappedEnd(body, 'target', toLive));
    case 'app-group-assignment':
      return joined(mapped('app', owner), mapped('group', rest));
    case 'app-user-assignment':
      return joined(mapped('app', owner), toLive === undefined ? rest : users.get(rest ?? ''));
    case 'group-push-mapping':
      return joined(mapped('app', owner), mapped('group', stringAt(body, '/sourceGroupId')));
    case 'policy-rule':
      return joined(mapped('policy', owner), stringAt(body, '/name'));
  }
}

/** Returns the id of a profile mapping end (`source` or `target`). The end names an app or a user type, so its id is translated as either. */
function mappedEnd(body: JsonObject, end: 'source' | 'target', toLive: Map<string, string> | undefined): string | undefined {
  const id = stringAt(body, `/${end}/id`);
  if (id === undefined || toLive === undefined) return id;
  return toLive.get(resourceKey('app', id)) ?? toLive.get(resourceKey('user-type', id));
}

function joined(left: string | undefined, right: string | undefined): string | undefined {
  return left === undefined || right === undefined ? undefined : `${left}/${right}`;
}

/** Splits an owned id `<ownerId>/<id>`; an id without an owner gives the id as both parts. */
export function splitOwned(id: string): [string, string] {
  const slash = id.indexOf('/');
  return slash < 0 ? [id, id] : [id.slice(0, slash), id.slice(slash + 1)];
}

/** Matches users by login, read from group member records and app user assignments on each side. */
function matchUsers(desired: readonly SnapshotResource[], live: readonly SnapshotResource[]): Map<string, string> {
  const liveByLogin = new Map<string, string>();
  for (const [id, login] of usersOf(live)) liveByLogin.set(login.toLowerCase(), id);
  const users = new Map<string, string>();
  for (const [id, login] of usersOf(desired)) {
    const match = liveByLogin.get(login.toLowerCase());
    if (match !== undefined) users.set(id, match);
  }
  return users;
}

/** User id to login, from every member record and app user assignment. */
export function usersOf(resources: readonly SnapshotResource[]): Map<string, string> {
  const logins = new Map<string, string>();
  for (const resource of resources) {
    if (resource.kind === 'group-members' && Array.isArray(resource.body)) {
      for (const record of resource.body) {
        const id = stringAt(record, '/id');
        const login = stringAt(record, '/profile/login') ?? stringAt(record, '/login');
        if (id !== undefined && login !== undefined) logins.set(id, login);
      }
    }
    if (resource.kind === 'app-user-assignment') {
      const id = stringAt(resource.body, '/id');
      const login = stringAt(resource.body, '/_embedded/user/profile/login') ?? stringAt(resource.body, '/credentials/userName');
      if (id !== undefined && login !== undefined) logins.set(id, login);
    }
  }
  return logins;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return groups;
}

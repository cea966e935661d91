import { isJsonObject, type JsonObject } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { byPriority, compareText, objectAt, stringField } from './json-fields.js';

/** A user the snapshot names, from a group's member records or a direct app assignment. */
export interface DirectoryUser {
  id: string;
  login: string;
  /** Okta user status (ACTIVE, SUSPENDED …); null when the user appears only in a direct assignment. */
  status: string | null;
  /** The profile attributes capture kept: login, email, names and what rules and mappings read. */
  profile: JsonObject;
  /** User type id, when the member record has one. */
  typeId: string | undefined;
}

/** One group assigned to an app. */
export interface GroupAssignment {
  groupId: string;
  /** Lower numbers win; a missing priority sorts last. */
  priority: number;
  profile: JsonObject;
}

/** The resources of one snapshot, indexed for the impact model. */
export interface SnapshotIndex {
  apps: JsonObject[];
  groups: Map<string, JsonObject>;
  /**
   * Group id to member user ids, for groups whose members the snapshot contains. Okta's built-in
   * Everyone group, when captured without members, contains every user the snapshot names.
   */
  members: Map<string, Set<string>>;
  users: Map<string, DirectoryUser>;
  /** App id to its group assignments, highest priority first. */
  groupAssignments: Map<string, GroupAssignment[]>;
  /** App id to its direct (`scope: USER`) assignments, keyed by user id. */
  userAssignments: Map<string, Map<string, JsonObject>>;
  /** App id to its group push mappings. */
  pushMappings: Map<string, JsonObject[]>;
  profileMappings: JsonObject[];
  /** App id to its app user schema. */
  appUserSchemas: Map<string, JsonObject>;
  policies: Map<string, JsonObject>;
  /** Policy id to its rules, lowest priority number first. */
  policyRules: Map<string, JsonObject[]>;
}

/** Builds the index of one snapshot's resources. Resources of kinds the model does not read are skipped. */
export function indexSnapshot(resources: readonly SnapshotResource[]): SnapshotIndex {
  const index = emptyIndex();
  for (const resource of resources) addResource(index, resource);
  for (const assignments of index.groupAssignments.values()) assignments.sort(byAssignmentPriority);
  for (const rules of index.policyRules.values()) rules.sort(byPriority);
  addDirectlyAssignedUsers(index);
  addEveryoneMembers(index);
  return index;
}

/** Returns a group's member ids; undefined when the snapshot does not hold the group's members. */
export function membersOf(index: SnapshotIndex, groupId: string): ReadonlySet<string> | undefined {
  return index.members.get(groupId);
}

/** Tells whether a user is in a group; undefined when the snapshot does not hold the group's members. */
export function isMember(index: SnapshotIndex, userId: string, groupId: string): boolean | undefined {
  return membersOf(index, groupId)?.has(userId);
}

/** Returns the group's name from its profile, or undefined when the snapshot lacks the group. */
export function groupName(index: SnapshotIndex, groupId: string): string | undefined {
  return stringField(objectAt(index.groups.get(groupId), 'profile'), 'name');
}

function isEveryoneGroup(group: JsonObject | undefined): boolean {
  return group !== undefined && group['type'] === 'BUILT_IN' && stringField(objectAt(group, 'profile'), 'name') === 'Everyone';
}

function emptyIndex(): SnapshotIndex {
  return {
    apps: [],
    groups: new Map(),
    members: new Map(),
    users: new Map(),
    groupAssignments: new Map(),
    userAssignments: new Map(),
    pushMappings: new Map(),
    profileMappings: [],
    appUserSchemas: new Map(),
    policies: new Map(),
    policyRules: new Map(),
  };
}

function addResource(index: SnapshotIndex, resource: SnapshotResource): void {
  const { body } = resource;
  const [ownerId = '', childId = ''] = splitOwnedId(resource.id);
  if (resource.kind === 'group-members') {
    addMembers(index, resource.id, Array.isArray(body) ? body : []);
    return;
  }
  if (!isJsonObject(body)) return;

  switch (resource.kind) {
    case 'app':
      index.apps.push(body);
      break;
    case 'group':
      index.groups.set(resource.id, body);
      break;
    case 'app-group-assignment':
      listIn(index.groupAssignments, ownerId).push(groupAssignment(childId, body));
      break;
    case 'app-user-assignment':
      mapIn(index.userAssignments, ownerId).set(childId, body);
      break;
    case 'group-push-mapping':
      listIn(index.pushMappings, ownerId).push(body);
      break;
    case 'profile-mapping':
      index.profileMappings.push(body);
      break;
    case 'app-user-schema':
      index.appUserSchemas.set(resource.id, body);
      break;
    case 'policy':
      index.policies.set(resource.id, body);
      break;
    case 'policy-rule':
      listIn(index.policyRules, ownerId).push(body);
      break;
    default:
      break;
  }
}

function addMembers(index: SnapshotIndex, groupId: string, records: readonly unknown[]): void {
  const memberIds = new Set<string>();
  for (const record of records) {
    if (!isJsonObject(record) || typeof record['id'] !== 'string') continue;
    const userId = record['id'];
    memberIds.add(userId);
    // The first member record of a user is the one the index keeps.
    if (!index.users.has(userId)) index.users.set(userId, directoryUser(userId, record));
  }
  index.members.set(groupId, memberIds);
}

function directoryUser(userId: string, record: JsonObject): DirectoryUser {
  const profile = objectAt(record, 'profile') ?? {};
  return {
    id: userId,
    login: stringField(profile, 'login') ?? userId,
    status: stringField(record, 'status') ?? 'ACTIVE',
    profile,
    typeId: stringField(objectAt(record, 'type'), 'id'),
  };
}

/** Adds users known only from a direct assignment, with the app user name as login and no status. */
function addDirectlyAssignedUsers(index: SnapshotIndex): void {
  for (const assignments of index.userAssignments.values()) {
    for (const [userId, appUser] of assignments) {
      if (index.users.has(userId)) continue;
      const login = stringField(objectAt(appUser, 'credentials'), 'userName') ?? userId;
      index.users.set(userId, { id: userId, login, status: null, profile: { login }, typeId: undefined });
    }
  }
}

/** Fills in Okta's built-in Everyone group, which contains every user, when capture kept it without members. */
function addEveryoneMembers(index: SnapshotIndex): void {
  for (const [groupId, group] of index.groups) {
    if (!index.members.has(groupId) && isEveryoneGroup(group)) index.members.set(groupId, new Set(index.users.keys()));
  }
}

function groupAssignment(groupId: string, body: JsonObject): GroupAssignment {
  const priority = body['priority'];
  return {
    groupId,
    priority: typeof priority === 'number' ? priority : Number.POSITIVE_INFINITY,
    profile: objectAt(body, 'profile') ?? {},
  };
}

/** Splits `<ownerId>/<id>` at the first slash. */
function splitOwnedId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return slash < 0 ? [id, ''] : [id.slice(0, slash), id.slice(slash + 1)];
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function mapIn<T>(map: Map<string, Map<string, T>>, key: string): Map<string, T> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

function byAssignmentPriority(a: GroupAssignment, b: GroupAssignment): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  return compareText(a.groupId, b.groupId);
}

import type { JsonObject } from '../json/json-types.js';
import { stringField } from './json-fields.js';
import { groupName, membersOf, type DirectoryUser, type GroupAssignment, type SnapshotIndex } from './snapshot-index.js';

/**
 * Okta user statuses that have no app access: deactivated and suspended users cannot sign in,
 * and staged users have not been activated yet.
 */
const STATUSES_WITHOUT_ACCESS = new Set(['DEPROVISIONED', 'SUSPENDED', 'STAGED']);

/** A user who has an app, and how. */
export interface AppHolder {
  user: DirectoryUser;
  /** The app's group assignments that include the user, highest priority first. */
  groupAssignments: GroupAssignment[];
  /** The user's direct (`scope: USER`) app user, when there is one. */
  directAssignment: JsonObject | undefined;
}

/** Returns the app's label, or its id when it has none. */
export function appLabel(app: JsonObject): string {
  return stringField(app, 'label') ?? String(app['id']);
}

/** Tells whether a user's Okta status lets them use apps. A user known only from a direct assignment has no status and counts as able. */
export function canUseApps(user: DirectoryUser): boolean {
  return user.status === null || !STATUSES_WITHOUT_ACCESS.has(user.status);
}

/** The users who have an app, by user id, and the reasons some could not be counted. */
export interface AppHolders {
  holders: ReadonlyMap<string, AppHolder>;
  notes: readonly string[];
}

/** Each index's app holders, by app body: product access and sign-on both read them. */
const HOLDERS_BY_INDEX = new WeakMap<SnapshotIndex, Map<JsonObject, AppHolders>>();

/**
 * Finds the users who have an app: the app is ACTIVE, and the user is active and is a member of
 * an assigned group or is assigned directly. Assigned groups whose members the snapshot lacks
 * are reported in `notes`, because their members cannot be counted. The result is worked out
 * once per index and app and then shared, so callers must not change it.
 */
export function appHolders(index: SnapshotIndex, app: JsonObject): AppHolders {
  let byApp = HOLDERS_BY_INDEX.get(index);
  if (byApp === undefined) HOLDERS_BY_INDEX.set(index, (byApp = new Map()));
  let found = byApp.get(app);
  if (found === undefined) byApp.set(app, (found = findAppHolders(index, app)));
  return found;
}

function findAppHolders(index: SnapshotIndex, app: JsonObject): AppHolders {
  const holders = new Map<string, AppHolder>();
  const notes: string[] = [];
  if (app['status'] !== 'ACTIVE') return { holders, notes };

  const appId = String(app['id']);
  const holderOf = (user: DirectoryUser): AppHolder => {
    let holder = holders.get(user.id);
    if (!holder) holders.set(user.id, (holder = { user, groupAssignments: [], directAssignment: undefined }));
    return holder;
  };

  for (const assignment of index.groupAssignments.get(appId) ?? []) {
    const members = membersOf(index, assignment.groupId);
    if (!members) {
      notes.push(`${appLabel(app)} is assigned to group ${groupName(index, assignment.groupId) ?? assignment.groupId}, whose members are not in the snapshot, so they are not counted.`);
      continue;
    }
    for (const userId of members) {
      const user = index.users.get(userId);
      if (user && canUseApps(user)) holderOf(user).groupAssignments.push(assignment);
    }
  }

  for (const [userId, appUser] of index.userAssignments.get(appId) ?? []) {
    const user = index.users.get(userId);
    if (user && canUseApps(user)) holderOf(user).directAssignment = appUser;
  }
  return { holders, notes };
}

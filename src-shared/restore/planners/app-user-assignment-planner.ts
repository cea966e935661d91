import { isUnder, objectAt, pointerOf, pointerTokens, stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { copyPointers } from '../request-body.js';
import type { ExpectedField } from '../restore-plan.js';
import { appUserPushedProperties, userReachedThroughGroup } from './app-user-sources.js';
import {
  appLabel,
  changedPointers,
  deletesAllowed,
  describePointers,
  existingTargetId,
  labelOf,
  leaveExtra,
  leaveForMissingApp,
  quotedLabel,
  splitOwnedId,
} from './app-planner-support.js';

const PROFILE = '/profile';
const USER_NAME = '/credentials/userName';

/**
 * Plans the users assigned to an app directly (`<appId>/<userId>`, `scope: USER`). Users an app
 * gets through a group (`scope: GROUP`) come back with the group assignment and have no step.
 * Profile attributes a profile mapping pushes are never sent: Okta computes them from the
 * user's Okta profile, and a value sent would be overwritten.
 */
export const appUserAssignmentPlanner: KindPlanner = {
  kind: 'app-user-assignment',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { appId, childId: userId } = splitOwnedId(pair.kind, pair.id);
    const { desired, live } = pair;
    const liveDirect = live !== undefined && isDirect(live);
    if (desired !== undefined && !isDirect(desired)) return;
    if (desired === undefined) {
      if (liveDirect) planExtra(pair, context, appId, userId);
      return;
    }

    const liveAppId = existingTargetId(context, 'app', appId);
    const liveUserId = liveUserIdOf(context, userId);
    if (liveAppId === undefined) leaveForMissingApp(context, pair, appId);
    else if (liveUserId === undefined) leaveUnmatchedUser(pair, context);
    else if (!liveDirect) planAssign(pair, context, desired, { appId, liveUserId, liveAppId });
    else planProfileUpdate(pair, context, desired, live, { appId, liveUserId, liveAppId });
  },
};

interface AppUserIds {
  appId: string;
  liveUserId: string;
  liveAppId: string;
}

/**
 * Returns the id of the user in the target org. In the same org it is the same id. In another
 * org it is the user with the same login, which `toTarget` maps, or undefined when there is none.
 */
function liveUserIdOf(context: PlanContext, userId: string): string | undefined {
  const mapped = context.toTarget(userId);
  if (typeof mapped !== 'string') return undefined;
  return context.crossOrg && mapped === userId ? undefined : mapped;
}

function isDirect(resource: SnapshotResource): boolean {
  return stringAt(resource.body, '/scope') === 'USER';
}

function userLabel(pair: ResourcePair): string {
  return stringAt(pair.desired?.body ?? pair.live?.body, USER_NAME) ?? labelOf(pair);
}

/** Users are not restored, so a user the target org lacks cannot be assigned. */
function leaveUnmatchedUser(pair: ResourcePair, context: PlanContext): void {
  context.leaveInPlace({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    paths: [],
    reason: `The target org has no user with the login ${quotedLabel(userLabel(pair))}, and a restore does not create users. Create the user, then restore this assignment again.`,
  });
}

/** Assigns the user directly again, with the snapshot's user name and the attributes no mapping pushes, and never a password. */
function planAssign(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, ids: AppUserIds): void {
  const pushed = appUserPushedProperties(context, ids.appId, ids.liveAppId);
  const profile: JsonObject = {};
  for (const [name, value] of Object.entries(objectAt(desired.body, PROFILE))) if (!pushed.has(name)) profile[name] = value;

  const userName = stringAt(desired.body, USER_NAME);
  const body: JsonObject = { id: ids.liveUserId, scope: 'USER', profile: context.toTarget(profile) };
  if (userName !== undefined) body['credentials'] = { userName };

  const fields: ExpectedField[] = [{ pointer: '/scope', value: 'USER' }];
  if (userName !== undefined) fields.push({ pointer: USER_NAME, value: userName });
  for (const name of Object.keys(profile).sort()) fields.push({ pointer: `${PROFILE}${pointerOf(name)}`, value: (body['profile'] as JsonObject)[name] });

  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'assign',
    description: `Assign user ${quotedLabel(userLabel(pair))} to app ${quotedLabel(appLabel(context, ids.appId))} directly again, with the app profile of the snapshot except the attributes profile mappings push.`,
    request: { method: 'POST', path: `/api/v1/apps/${ids.liveAppId}/users`, body },
    check: { path: `/api/v1/apps/${ids.liveAppId}/users/${ids.liveUserId}`, fields },
  });
}

/** Sends only the changed attributes of the app profile (null for a removed one) and the user name when it changed. */
function planProfileUpdate(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, live: SnapshotResource, ids: AppUserIds): void {
  const target = pair.pointers === undefined ? desired.body : copyPointers(live.body, desired.body, pair.pointers);
  const changed = changedPointers(pair.kind, live.body, target);
  const pushed = appUserPushedProperties(context, ids.appId, ids.liveAppId);
  const depth = pointerTokens(PROFILE).length;
  const attributeOf = (pointer: string): string | undefined => (isUnder(pointer, PROFILE) ? pointerTokens(pointer)[depth] : undefined);

  const pushedChanges = changed.filter((pointer) => pushed.has(attributeOf(pointer) ?? ''));
  const names = [...new Set(changed.map(attributeOf).filter((name): name is string => name !== undefined && !pushed.has(name)))].sort();
  const userNameChanged = changed.includes(USER_NAME);
  const readOnly = changed.filter((pointer) => !isUnder(pointer, PROFILE) && pointer !== USER_NAME);
  leaveFields(pair, context, pushedChanges, 'A profile mapping pushes these attributes: Okta computes them from the Okta user profile, so restoring the mapping restores them.');
  leaveFields(pair, context, readOnly, 'Okta sets these fields of an app user itself, from the assignment and the provisioning sync.');
  if (names.length === 0 && !userNameChanged) return;

  const expectedProfile = objectAt(target, PROFILE);
  const profile: JsonObject = {};
  const fields: ExpectedField[] = [];
  for (const name of names) {
    const value = expectedProfile[name] === undefined || expectedProfile[name] === null ? undefined : context.toTarget(expectedProfile[name]);
    profile[name] = value ?? null;
    // NOTE: the update merges the profile it is sent, so a cleared attribute reads back as null; checked against the sandbox, not a real org.
    fields.push({ pointer: `${PROFILE}${pointerOf(name)}`, value: value ?? null });
  }
  const body: JsonObject = names.length > 0 ? { profile } : {};
  const userName = stringAt(target, USER_NAME);
  if (userNameChanged && userName !== undefined) {
    body['credentials'] = { userName };
    fields.push({ pointer: USER_NAME, value: userName });
  }
  if (fields.length === 0) return;

  const path = `/api/v1/apps/${ids.liveAppId}/users/${ids.liveUserId}`;
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'update',
    description: `Set the app profile of user ${quotedLabel(userLabel(pair))} in app ${quotedLabel(appLabel(context, ids.appId))} as in the snapshot (${describePointers(fields.map((field) => field.pointer))}).`,
    request: { method: 'POST', path, body },
    check: { path, fields },
  });
}

function leaveFields(pair: ResourcePair, context: PlanContext, paths: string[], reason: string): void {
  if (paths.length > 0) context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths, reason });
}

/**
 * Removes an extra direct assignment, only with deletes allowed. A user whom an assigned group
 * also reaches keeps the app through the group, so the read-back then finds a GROUP row.
 */
function planExtra(pair: ResourcePair, context: PlanContext, liveAppId: string, userId: string): void {
  const user = quotedLabel(userLabel(pair));
  const app = quotedLabel(context.live.get('app', liveAppId)?.name ?? liveAppId);
  const throughGroup = userReachedThroughGroup(context, liveAppId, userId);
  const consequence = throughGroup
    ? `user ${user} keeps app ${app} through a group assignment, with the group's app profile`
    : `user ${user} loses app ${app}, and with provisioning on, Okta deprovisions the Atlassian account`;
  if (!deletesAllowed(context, pair.kind)) {
    leaveExtra(context, pair, `The direct assignment of user ${user} to app ${app}`, consequence);
    return;
  }

  const path = `/api/v1/apps/${liveAppId}/users/${userId}`;
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'unassign',
    description: `Remove the direct assignment of user ${user} to app ${app}, which the snapshot does not have: ${consequence}.`,
    request: { method: 'DELETE', path },
    check: throughGroup ? { path, fields: [{ pointer: '/scope', value: 'GROUP' }] } : { path, fields: [], absent: true },
    flags: ['deletes'],
  });
}

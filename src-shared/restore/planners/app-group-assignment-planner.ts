import { isUnder, objectAt, valueAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { copyPointers } from '../request-body.js';
import {
  appLabel,
  changedPointers,
  deletesAllowed,
  existingTargetId,
  labelOf,
  leaveExtra,
  leaveForMissingApp,
  quotedLabel,
  splitOwnedId,
} from './app-planner-support.js';

/** The fields `PUT /api/v1/apps/{appId}/groups/{groupId}` writes. */
const WRITABLE = ['/priority', '/profile'];

/**
 * Plans the groups assigned to an app (`<appId>/<groupId>`). The PUT creates or replaces an
 * assignment and always carries the priority, which decides whose app profile wins for a user
 * in several groups. Steps of one app follow ascending desired priority, so that each lands at
 * its place as the ones before it already have theirs.
 */
export const appGroupAssignmentPlanner: KindPlanner = {
  kind: 'app-group-assignment',
  /**
   * Returns the position of a pair among the pairs of this kind: its desired priority, with
   * extra assignments last. NOTE: the orchestrator does not read it yet. Until it plans pairs in
   * this order, a snapshot that lists assignments by id, not by priority, gets its steps in id order.
   */
  planningOrder(pair: Pick<ResourcePair, 'desired' | 'live'>): number {
    return pair.desired === undefined ? Number.POSITIVE_INFINITY : priorityOf(pair.desired);
  },
  plan(pair: ResourcePair, context: PlanContext): void {
    const { appId, childId: groupId } = splitOwnedId(pair.kind, pair.id);
    const { desired, live } = pair;
    if (desired === undefined) {
      planExtra(pair, context, appId, groupId);
      return;
    }

    const liveAppId = existingTargetId(context, 'app', appId);
    if (liveAppId === undefined) leaveForMissingApp(context, pair, appId);
    else planAssignment(pair, context, desired, live, { appId, groupId, liveAppId });
  },
};

interface AssignmentIds {
  appId: string;
  groupId: string;
  liveAppId: string;
}

function groupLabel(context: PlanContext, groupId: string): string {
  return context.desired.get('group', groupId)?.name ?? context.live.get('group', groupId)?.name ?? groupId;
}

function planAssignment(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, live: SnapshotResource | undefined, ids: AssignmentIds): void {
  const target = pair.pointers === undefined || live === undefined ? desired.body : copyPointers(live.body, desired.body, pair.pointers);
  const changed = changedPointers(pair.kind, live?.body, target);
  const unwritable = live === undefined ? [] : changed.filter((pointer) => !WRITABLE.some((field) => isUnder(pointer, field)));
  if (unwritable.length > 0) {
    context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths: unwritable, reason: 'Okta sets these fields of a group assignment itself.' });
  }
  if (changed.length === unwritable.length) return;

  const priority = valueAt(target, '/priority');
  const body: JsonObject = { priority: typeof priority === 'number' ? priority : 0, profile: context.toTarget(objectAt(target, '/profile')) };
  const path = `/api/v1/apps/${ids.liveAppId}/groups/${context.targetId('group', ids.groupId)}`;
  const group = quotedLabel(groupLabel(context, ids.groupId));
  const app = quotedLabel(appLabel(context, ids.appId));

  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: live === undefined ? 'assign' : 'update',
    description:
      live === undefined
        ? `Assign group ${group} to app ${app} again, at priority ${String(body['priority'])} with the app profile of the snapshot.`
        : `Set the assignment of group ${group} to app ${app} as in the snapshot: priority ${String(body['priority'])} and its app profile.`,
    request: { method: 'PUT', path, body },
    check: { path, fields: [{ pointer: '/priority', value: body['priority'] }, { pointer: '/profile', value: body['profile'] }] },
    dependsOn: stepsAhead(context, ids.appId, pair.id, body['priority'] as number),
  });
}

/**
 * Keys of the steps already planned for assignments of the same app with a lower desired
 * priority number, so that the steps run in ascending priority. Only steps planned earlier can
 * be named, so the order covers the whole app only when pairs are planned in `planningOrder`.
 */
function stepsAhead(context: PlanContext, appId: string, ownId: string, priority: number): string[] {
  return context.desired
    .ofKind('app-group-assignment')
    .filter((other) => other.id !== ownId && other.id.startsWith(`${appId}/`) && priorityOf(other) < priority)
    .flatMap((other) => context.stepsFor('app-group-assignment', other.id));
}

function priorityOf(resource: SnapshotResource): number {
  const priority = valueAt(resource.body, '/priority');
  return typeof priority === 'number' ? priority : Number.POSITIVE_INFINITY;
}

/** Unassigns an extra group only with deletes allowed, because its members lose the app and provisioning deactivates their Atlassian accounts. */
function planExtra(pair: ResourcePair, context: PlanContext, liveAppId: string, groupId: string): void {
  const group = quotedLabel(context.live.get('group', groupId)?.name ?? groupId);
  const app = quotedLabel(context.live.get('app', liveAppId)?.name ?? liveAppId);
  const consequence = `members of group ${group} without another assignment lose app ${app}, and with provisioning on, Okta deprovisions their Atlassian accounts`;
  if (!deletesAllowed(context, pair.kind)) {
    leaveExtra(context, pair, `The assignment of group ${group} to app ${app}`, consequence);
    return;
  }

  const path = `/api/v1/apps/${liveAppId}/groups/${groupId}`;
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'unassign',
    description: `Unassign group ${group} from app ${app}, which the snapshot does not assign: ${consequence}.`,
    request: { method: 'DELETE', path },
    check: { path, fields: [], absent: true },
    flags: ['deletes'],
  });
}

import { objectAt, stringAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject } from '../../json/json-types.js';
import type { PlanContext, ResourceLookup } from '../kind-planner.js';

/**
 * Returns the app user attributes that a profile mapping from Okta users to the app pushes
 * (`pushStatus: PUSH`), in the snapshot or in the target org: Okta sets those from the user's
 * Okta profile, so an assignment must not send them.
 */
export function appUserPushedProperties(context: PlanContext, desiredAppId: string, liveAppId: string): Set<string> {
  const pushed = new Set<string>();
  addPushed(context.desired, desiredAppId, pushed);
  addPushed(context.live, liveAppId, pushed);
  return pushed;
}

function addPushed(side: ResourceLookup, appId: string, pushed: Set<string>): void {
  for (const mapping of side.ofKind('profile-mapping')) {
    if (stringAt(mapping.body, '/source/type') !== 'user') continue;
    if (stringAt(mapping.body, '/target/type') !== 'appuser' || stringAt(mapping.body, '/target/id') !== appId) continue;
    for (const [name, property] of Object.entries(objectAt(mapping.body, '/properties'))) {
      if (isJsonObject(property) && property['pushStatus'] === 'PUSH') pushed.add(name);
    }
  }
}

/** Tells whether a member of a group assigned to the app in the target org is this user, so that the app reaches them through the group. */
export function userReachedThroughGroup(context: PlanContext, liveAppId: string, userId: string): boolean {
  return context.live
    .ofKind('app-group-assignment')
    .filter((assignment) => assignment.id.startsWith(`${liveAppId}/`))
    .some((assignment) => {
      const members = context.live.get('group-members', assignment.id.slice(liveAppId.length + 1))?.body;
      return Array.isArray(members) && members.some((member) => isJsonObject(member) && member['id'] === userId);
    });
}

import { objectsAt, stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject, JsonValue } from '../../json/json-types.js';
import type { PlanContext, ResourceLookup } from '../kind-planner.js';

/**
 * Member records, as capture stores them in a `group-members` body: the user's `id`, `status`,
 * `type` and a `profile` with `login`, `email`, the names and the attributes rules read.
 * Users themselves are not captured, so these records are where Butterfly finds a user's
 * login, which is how a restore into another org matches users.
 */

/** Returns the member records of a `group-members` body. */
export function memberRecords(body: JsonValue | undefined): JsonObject[] {
  return objectsAt(body ?? null, '');
}

export function recordId(record: JsonObject): string {
  return String(record['id']);
}

/** Returns the login of a member record, or undefined when capture did not keep it. */
export function recordLogin(record: JsonObject): string | undefined {
  return stringAt(record, '/profile/login');
}

/** Returns a label for a user in messages: the login, else the id. */
export function userLabel(record: JsonObject): string {
  return recordLogin(record) ?? recordId(record);
}

const desiredRecordIndexes = new WeakMap<ResourceLookup, Map<string, JsonObject>>();

/** Returns a member record of the desired side with this user id, from any group. The index is built once per plan. */
export function desiredUserRecord(context: PlanContext, userId: string): JsonObject | undefined {
  let index = desiredRecordIndexes.get(context.desired);
  if (!index) {
    index = new Map();
    for (const resource of context.desired.ofKind('group-members')) for (const record of memberRecords(resource.body)) index.set(recordId(record), record);
    desiredRecordIndexes.set(context.desired, index);
  }
  return index.get(userId);
}

const liveUserIndexes = new WeakMap<ResourceLookup, Set<string>>();

/** Tells whether the target org's capture has a user with this id, in a member record or an app user assignment. */
function liveHasUser(context: PlanContext, userId: string): boolean {
  let index = liveUserIndexes.get(context.live);
  if (!index) {
    index = new Set();
    for (const resource of context.live.ofKind('group-members')) for (const record of memberRecords(resource.body)) index.add(recordId(record));
    for (const resource of context.live.ofKind('app-user-assignment')) {
      const id = stringAt(resource.body, '/id');
      if (id !== undefined) index.add(id);
    }
    liveUserIndexes.set(context.live, index);
  }
  return index.has(userId);
}

/**
 * Returns the id in the target org of a user of the desired snapshot, or undefined when that org
 * has no such user. In the same org the id is the same. In another org `toTarget` gives the id
 * of the user with the same login, which the orchestrator matched from the member records and
 * app user assignments of both sides. An id it leaves unchanged is a match only when the target
 * org's capture has that id too (two sandbox orgs from one seed share their ids).
 */
export function targetUserIdOf(context: PlanContext, desiredUserId: string): string | undefined {
  if (!context.crossOrg) return desiredUserId;
  const mapped = context.toTarget(desiredUserId);
  if (typeof mapped === 'string' && mapped !== desiredUserId) return mapped;
  return liveHasUser(context, desiredUserId) ? desiredUserId : undefined;
}

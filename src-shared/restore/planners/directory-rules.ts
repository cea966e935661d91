import { objectAt, stringAt, stringsAt, valueAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../json/json-types.js';
import { evaluateExpressionText, ExpressionError } from '../../okta/expression-language.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { cloneJson, copyPointers, withValueAt } from '../request-body.js';
import { desiredUserRecord, memberRecords, recordId, recordLogin, targetUserIdOf, userLabel } from './directory-members.js';
import { pairName } from './directory-steps.js';

/** Reading group rules: their target groups, their writable fields, and whether one assigns a given user. */

export function ruleTargetGroupIds(body: JsonValue): string[] {
  return stringsAt(body, '/actions/assignUserToGroups/groupIds');
}

export function ruleStatus(body: JsonValue): string | undefined {
  return stringAt(body, '/status');
}

/** Returns the group rules of the desired snapshot that are ACTIVE and assign users to the group (an id of the desired snapshot). */
export function activeRulesAssigning(context: PlanContext, groupId: string): SnapshotResource[] {
  return context.desired.ofKind('group-rule').filter((rule) => ruleStatus(rule.body) === 'ACTIVE' && ruleTargetGroupIds(rule.body).includes(groupId));
}

/** The outcome of evaluating a rule for one user, `unknown` when the snapshot lacks what the expression needs. */
export type RuleVerdict = 'assigned' | 'not-assigned' | 'unknown';

/**
 * Works out whether a rule of the desired snapshot assigns the user of a member record, as Okta
 * does on activation: deprovisioned users and the users and groups the rule excludes are
 * skipped, then the expression decides. A group membership that the rule reads
 * (`isMemberOfGroup`, excluded groups) counts as known only when the snapshot and the target org
 * agree on it: when Okta runs the rule, the plan may not yet have restored that membership. The
 * user is matched by id or login, so the record may come from either side.
 */
export function ruleVerdict(context: PlanContext, rule: JsonValue, record: JsonObject): RuleVerdict {
  if (record['status'] === 'DEPROVISIONED' || isExcludedUser(context, rule, record)) return 'not-assigned';

  const membership = (groupId: string): boolean | undefined => {
    const desired = isMemberIn(context.desired.get('group-members', groupId), record);
    const live = isMemberIn(context.live.get('group-members', context.targetId('group', groupId)), record);
    return desired === live ? desired : undefined;
  };
  const excludedGroups = stringsAt(rule, '/conditions/people/groups/exclude').map(membership);
  if (excludedGroups.includes(true)) return 'not-assigned';
  if (excludedGroups.includes(undefined)) return 'unknown';

  const expression = stringAt(rule, '/conditions/expression/value');
  if (expression === undefined) return 'unknown';
  try {
    const user = objectAt(record, '/profile');
    return evaluateExpressionText(expression, { user, isMemberOfGroup: membership }) === true ? 'assigned' : 'not-assigned';
  } catch (error) {
    if (error instanceof ExpressionError) return 'unknown';
    throw error;
  }
}

function isExcludedUser(context: PlanContext, rule: JsonValue, record: JsonObject): boolean {
  const login = recordLogin(record)?.toLowerCase();
  return stringsAt(rule, '/conditions/people/users/exclude').some((userId) => {
    if (userId === recordId(record)) return true;
    const excluded = desiredUserRecord(context, userId);
    return login !== undefined && excluded !== undefined && recordLogin(excluded)?.toLowerCase() === login;
  });
}

const memberKeyIndexes = new WeakMap<SnapshotResource, Set<string>>();

/**
 * Tells whether the user is among a group's member records, by id or login (without case).
 * Returns undefined when the group's members were not captured. Each group's ids and logins are
 * indexed once, because the check runs for every member of every group a rule targets.
 */
function isMemberIn(members: SnapshotResource | undefined, record: JsonObject): boolean | undefined {
  if (!members) return undefined;
  let keys = memberKeyIndexes.get(members);
  if (!keys) {
    keys = new Set();
    for (const other of memberRecords(members.body)) {
      keys.add(`id:${recordId(other)}`);
      const login = recordLogin(other);
      if (login !== undefined) keys.add(`login:${login.toLowerCase()}`);
    }
    memberKeyIndexes.set(members, keys);
  }
  const login = recordLogin(record);
  return keys.has(`id:${recordId(record)}`) || (login !== undefined && keys.has(`login:${login.toLowerCase()}`));
}

/** The fields of a group rule that a create or replace request sends. */
const RULE_WRITABLE_FIELDS = ['type', 'name', 'conditions', 'actions'];

/** Returns the writable fields of a rule body. */
export function writableRule(body: JsonValue): JsonObject {
  const result: JsonObject = {};
  for (const key of RULE_WRITABLE_FIELDS) {
    const value = valueAt(body, `/${key}`);
    if (value !== undefined) result[key] = cloneJson(value);
  }
  return result;
}

/**
 * Returns the writable fields of a desired rule as the target org needs them: ids of groups (in
 * the actions, the excluded groups and the expression) and of excluded users through
 * `toTarget`. A field scope starts from the live rule and takes only the chosen pointers.
 */
export function targetedRule(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): JsonObject {
  const writable = writableRule(desired.body);
  const targeted = withoutUnmatchedUsers(pair, context.toTarget(writable), context);
  if (pair.pointers === undefined || !pair.live) return targeted;
  return writableRule(copyPointers(writableRule(pair.live.body), targeted, pair.pointers));
}

/**
 * Drops, in a restore into another org, the excluded users that org has no match for, with a
 * warning, because Okta rejects an id it does not know. The ids have been through `toTarget`,
 * and `targetUserIdOf` gives back a matched id unchanged.
 */
function withoutUnmatchedUsers(pair: ResourcePair, targeted: JsonValue, context: PlanContext): JsonObject {
  const rule = isJsonObject(targeted) ? targeted : {};
  const pointer = '/conditions/people/users/exclude';
  const excluded = stringsAt(rule, pointer);
  if (!context.crossOrg || excluded.length === 0) return rule;

  const kept = excluded.filter((userId) => targetUserIdOf(context, userId) !== undefined);
  if (kept.length === excluded.length) return rule;

  const labels = excluded
    .filter((userId) => !kept.includes(userId))
    .map((userId) => {
      const record = desiredUserRecord(context, userId);
      return record ? userLabel(record) : userId;
    });
  context.warn({
    code: 'excluded-user-not-in-target-org',
    message: `Group rule '${pairName(pair)}' excludes users that the target org has no user with the same login for: ${labels.join(', ')}. They are left out of the rule's exclusions.`,
    kind: 'group-rule',
    resourceId: pair.id,
  });
  const result = withValueAt(rule, pointer, kept);
  return isJsonObject(result) ? result : {};
}

/** Tells whether two lists contain the same ids, in any order. */
export function sameIdSet(left: readonly string[], right: readonly string[]): boolean {
  const leftIds = new Set(left);
  const rightIds = new Set(right);
  return leftIds.size === rightIds.size && [...leftIds].every((id) => rightIds.has(id));
}

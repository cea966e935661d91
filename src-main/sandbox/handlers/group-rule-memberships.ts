import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';
import { ruleTargetGroupIds } from './group-deletion.js';
import { exclusionsOf, expressionOf } from './group-rule-checks.js';
import { parseRuleExpression, UnsupportedExpressionError, type RuleExpression, type RuleSubject } from './group-rule-expression.js';

interface RuleMembership {
  groupId: string;
  userId: string;
}

/**
 * Memberships that each activated rule added, per org, so that deleting a rule with
 * `removeUsers=true` can take them back. Memberships from the seed are not recorded. The
 * records live outside OrgState, so they are lost when the state is rebuilt from a seed.
 */
const addedByRule = new WeakMap<OrgState, Map<string, RuleMembership[]>>();

/**
 * Adds every user the rule's expression matches to the rule's target groups, as Okta does when a
 * rule is activated. Deprovisioned users and the users and groups the rule excludes are skipped.
 * NOTE: an expression the sandbox cannot evaluate adds no one, and the activation still succeeds.
 */
export function applyRuleMemberships(state: OrgState, rule: JsonObject): void {
  const expression = parseOrUndefined(expressionOf(rule));
  if (!expression) return;

  const ruleId = String(rule['id']);
  const targets = ruleTargetGroupIds(rule).filter((groupId) => state.groups.get(groupId)?.['type'] === 'OKTA_GROUP');
  const excluded = exclusionsOf(rule);
  const records = addedByRule.get(state) ?? new Map<string, RuleMembership[]>();
  addedByRule.set(state, records);

  for (const user of state.users.values()) {
    const userId = String(user['id']);
    if (user['status'] === 'DEPROVISIONED' || excluded.userIds.includes(userId)) continue;

    const subject = subjectFor(state, user);
    if (excluded.groupIds.some((groupId) => subject.groupIds.has(groupId))) continue;
    if (expression(subject) !== true) continue;

    for (const groupId of targets) {
      if (addMember(state, groupId, userId)) records.set(ruleId, [...(records.get(ruleId) ?? []), { groupId, userId }]);
    }
  }
}

/** Removes the memberships that the rule added and clears the record of them. */
export function removeRuleMemberships(state: OrgState, ruleId: string): void {
  for (const { groupId, userId } of addedByRule.get(state)?.get(ruleId) ?? []) {
    if (state.groupMembers.get(groupId)?.delete(userId)) touchMembership(state, groupId);
  }
  clearRuleMembershipRecord(state, ruleId);
}

/** Clears the record of the memberships that the rule added, and leaves the memberships in place. */
export function clearRuleMembershipRecord(state: OrgState, ruleId: string): void {
  addedByRule.get(state)?.delete(ruleId);
}

function parseOrUndefined(text: string): RuleExpression | undefined {
  try {
    return parseRuleExpression(text);
  } catch (error) {
    if (error instanceof UnsupportedExpressionError) return undefined;
    throw error;
  }
}

function subjectFor(state: OrgState, user: JsonObject): RuleSubject {
  const userId = String(user['id']);
  const groupIds = new Set([...state.groupMembers].filter(([, members]) => members.has(userId)).map(([groupId]) => groupId));
  const profile = isJsonObject(user['profile']) ? user['profile'] : {};
  return {
    profileValue: (attribute) => profile[attribute],
    groupIds,
    groupName: (groupId) => {
      const groupProfile = state.groups.get(groupId)?.['profile'];
      return isJsonObject(groupProfile) && typeof groupProfile['name'] === 'string' ? groupProfile['name'] : undefined;
    },
  };
}

/** Adds a member and returns whether the user was not a member before. */
function addMember(state: OrgState, groupId: string, userId: string): boolean {
  const members = state.groupMembers.get(groupId) ?? new Set<string>();
  state.groupMembers.set(groupId, members);
  if (members.has(userId)) return false;

  members.add(userId);
  touchMembership(state, groupId);
  return true;
}

function touchMembership(state: OrgState, groupId: string): void {
  const group = state.groups.get(groupId);
  if (group) group['lastMembershipUpdated'] = state.nowIso();
}

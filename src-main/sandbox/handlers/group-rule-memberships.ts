import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';
import { ruleTargetGroupIds } from './group-deletion.js';
import { exclusionsOf, expressionOf, parseRuleExpressionOrReject } from './group-rule-checks.js';
import { compileRuleExpression, type RuleExpression, type RuleSubject } from './group-rule-expression.js';
import { UnsupportedExpressionError } from './group-rule-expression-errors.js';

export interface RuleMembership {
  groupId: string;
  userId: string;
}

/**
 * Memberships that each rule manages, per org, so that deleting a rule with `removeUsers=true`
 * can take them back and re-activating an edited rule can drop the users it no longer matches.
 * Memberships a rule added while the server ran are recorded as they are added; the seed's are
 * recorded on demand (see recordMatchedMemberships). The records live outside OrgState, so they
 * are lost when the state is rebuilt from a seed.
 */
const addedByRule = new WeakMap<OrgState, Map<string, RuleMembership[]>>();

/** The memberships that activating a rule adds, worked out before anything changes. */
export interface RuleMembershipPlan {
  additions: RuleMembership[];
  /** Memberships the rule manages whose user its expression no longer matches. */
  removals: RuleMembership[];
  /** The reason the sandbox adds no one, set when it cannot evaluate the expression. */
  unsupported?: string;
}

/**
 * Works out which users the rule's expression matches and which target groups they are not
 * yet members of, as Okta adds them when a rule is activated. Deprovisioned users and the
 * users and groups the rule excludes are skipped. It changes nothing, so that an activation
 * that fails leaves the org as it was. Throws Okta's 400 for an expression that does not parse.
 * NOTE: an expression the sandbox cannot evaluate adds no one, and the activation still succeeds.
 */
export function planRuleMemberships(state: OrgState, rule: JsonObject): RuleMembershipPlan {
  const tree = parseRuleExpressionOrReject(expressionOf(rule));
  let expression: RuleExpression;
  try {
    expression = compileRuleExpression(tree);
  } catch (error) {
    if (error instanceof UnsupportedExpressionError) return { additions: [], removals: [], unsupported: error.message };
    throw error;
  }

  const targets = ruleTargetGroupIds(rule).filter((groupId) => state.groups.get(groupId)?.['type'] === 'OKTA_GROUP');
  const excluded = exclusionsOf(rule);
  const groupsOfUser = membershipIndex(state);
  const additions: RuleMembership[] = [];
  const matched = new Set<string>();
  for (const user of state.users.values()) {
    const userId = String(user['id']);
    if (!ruleMatches(state, user, expression, excluded, groupsOfUser)) continue;
    matched.add(userId);

    for (const groupId of targets) {
      if (!state.groupMembers.get(groupId)?.has(userId)) additions.push({ groupId, userId });
    }
  }
  const managed = addedByRule.get(state)?.get(String(rule['id'])) ?? [];
  const removals = managed.filter((membership) => !matched.has(membership.userId));
  return { additions, removals };
}

function ruleMatches(state: OrgState, user: JsonObject, expression: RuleExpression, excluded: ReturnType<typeof exclusionsOf>, groupsOfUser: Map<string, Set<string>>): boolean {
  const userId = String(user['id']);
  if (user['status'] === 'DEPROVISIONED' || excluded.userIds.includes(userId)) return false;
  const subject = subjectFor(state, user, groupsOfUser);
  if (excluded.groupIds.some((groupId) => subject.groupIds.has(groupId))) return false;
  return expression(subject) === true;
}

/**
 * Records as managed by the rule every current member of its target groups whom its expression
 * matches, as Okta treats the users a rule put in a group. Called before a rule's expression is
 * replaced or the rule is deleted with `removeUsers=true`, so the seed's memberships count too.
 * NOTE: a user added to a target group by hand who also matches the rule counts as the rule's;
 * Okta tracks how each membership was made, and the sandbox does not.
 */
export function recordMatchedMemberships(state: OrgState, rule: JsonObject): void {
  let expression: RuleExpression;
  try {
    expression = compileRuleExpression(parseRuleExpressionOrReject(expressionOf(rule)));
  } catch {
    return;
  }
  const ruleId = String(rule['id']);
  const records = addedByRule.get(state) ?? new Map<string, RuleMembership[]>();
  addedByRule.set(state, records);
  const recorded = records.get(ruleId) ?? [];
  const known = new Set(recorded.map(({ groupId, userId }) => `${groupId}/${userId}`));
  const excluded = exclusionsOf(rule);
  const groupsOfUser = membershipIndex(state);

  for (const groupId of ruleTargetGroupIds(rule)) {
    for (const userId of state.groupMembers.get(groupId) ?? []) {
      const user = state.users.get(userId);
      if (!user || known.has(`${groupId}/${userId}`) || !ruleMatches(state, user, expression, excluded, groupsOfUser)) continue;
      recorded.push({ groupId, userId });
      known.add(`${groupId}/${userId}`);
    }
  }
  records.set(ruleId, recorded);
}

/** Removes memberships the rule no longer matches and forgets them. */
export function dropRuleMemberships(state: OrgState, ruleId: string, removals: RuleMembership[]): void {
  const records = addedByRule.get(state)?.get(ruleId) ?? [];
  for (const { groupId, userId } of removals) {
    if (state.groupMembers.get(groupId)?.delete(userId)) touchMembership(state, groupId);
  }
  const dropped = new Set(removals.map(({ groupId, userId }) => `${groupId}/${userId}`));
  addedByRule.get(state)?.set(ruleId, records.filter(({ groupId, userId }) => !dropped.has(`${groupId}/${userId}`)));
}

/** Adds the planned memberships and records them as added by the rule. */
export function applyRuleMemberships(state: OrgState, ruleId: string, additions: RuleMembership[]): void {
  const records = addedByRule.get(state) ?? new Map<string, RuleMembership[]>();
  addedByRule.set(state, records);
  const recorded = records.get(ruleId) ?? [];
  for (const { groupId, userId } of additions) {
    if (addMember(state, groupId, userId)) recorded.push({ groupId, userId });
  }
  records.set(ruleId, recorded);
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

/**
 * The groups of every user, built in one pass over the memberships, so that evaluating a rule
 * for every user costs the number of memberships rather than users times groups.
 */
function membershipIndex(state: OrgState): Map<string, Set<string>> {
  const groupsOfUser = new Map<string, Set<string>>();
  for (const [groupId, members] of state.groupMembers) {
    for (const userId of members) {
      const groups = groupsOfUser.get(userId) ?? new Set<string>();
      groups.add(groupId);
      groupsOfUser.set(userId, groups);
    }
  }
  return groupsOfUser;
}

function subjectFor(state: OrgState, user: JsonObject, groupsOfUser: Map<string, Set<string>>): RuleSubject {
  const groupIds = groupsOfUser.get(String(user['id'])) ?? new Set<string>();
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

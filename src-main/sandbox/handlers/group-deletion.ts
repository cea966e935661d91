import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';

/**
 * Deletes a group with everything that Okta removes along with it: its memberships, its
 * assignments to apps and the group push mappings that push it. Every group rule that assigns
 * users to the group turns `INVALID`, and Okta then only lets the rule be read or deleted.
 * The rule keeps the deleted id in `actions.assignUserToGroups.groupIds`. Policies and policy
 * rules lose the id from their group conditions.
 */
export function deleteGroupAndReferences(state: OrgState, groupId: string): void {
  state.groups.delete(groupId);
  state.groupMembers.delete(groupId);

  for (const assignments of state.appGroupAssignments.values()) assignments.delete(groupId);

  for (const mappings of state.groupPushMappings.values()) {
    for (const [mappingId, mapping] of mappings) {
      if (mapping['sourceGroupId'] === groupId) mappings.delete(mappingId);
    }
  }

  for (const rule of state.groupRules.values()) {
    if (!ruleTargetGroupIds(rule).includes(groupId)) continue;
    rule['status'] = 'INVALID';
    rule['lastUpdated'] = state.nowIso();
  }

  removeFromPolicyConditions(state, groupId);
}

/**
 * Removes the group id from `conditions.people.groups.include` and `.exclude` of every policy
 * and policy rule, and touches `lastUpdated` of each one changed.
 * NOTE: Okta does not document what happens to policies that name a deleted group. Removing
 * the id keeps the org consistent, so that a policy or rule read back can be written back
 * unchanged. A rule whose `include` list becomes empty then no longer limits who it applies to.
 */
function removeFromPolicyConditions(state: OrgState, groupId: string): void {
  const policiesAndRules = [...state.policies.values(), ...[...state.policyRules.values()].flat()];
  for (const item of policiesAndRules) {
    if (removeGroupFromConditions(item['conditions'], groupId)) item['lastUpdated'] = state.nowIso();
  }
}

/** Removes the id from `people.groups.include` and `.exclude`, and returns whether either list contained it. */
function removeGroupFromConditions(conditions: JsonValue | undefined, groupId: string): boolean {
  const people = isJsonObject(conditions) ? conditions['people'] : undefined;
  const groups = isJsonObject(people) ? people['groups'] : undefined;
  if (!isJsonObject(groups)) return false;

  let removed = false;
  for (const list of ['include', 'exclude']) {
    const ids = groups[list];
    if (!Array.isArray(ids) || !ids.includes(groupId)) continue;
    groups[list] = ids.filter((id) => id !== groupId);
    removed = true;
  }
  return removed;
}

/** Returns the ids of the group push mappings, in any app, whose source or target is the group. */
export function pushMappingsUsingGroup(state: OrgState, groupId: string): string[] {
  return [...state.groupPushMappings.values()]
    .flatMap((mappings) => [...mappings.values()])
    .filter((mapping) => mapping['sourceGroupId'] === groupId || mapping['targetGroupId'] === groupId)
    .map((mapping) => String(mapping['id']));
}

/** Returns `actions.assignUserToGroups.groupIds` of a group rule, or an empty list. */
export function ruleTargetGroupIds(rule: JsonObject): string[] {
  const actions = rule['actions'];
  const assign = isJsonObject(actions) ? actions['assignUserToGroups'] : undefined;
  const groupIds = isJsonObject(assign) ? assign['groupIds'] : undefined;
  return Array.isArray(groupIds) ? groupIds.filter((id): id is string => typeof id === 'string') : [];
}

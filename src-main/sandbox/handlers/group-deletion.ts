import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';

/**
 * Deletes a group with everything that Okta removes along with it: its memberships, its
 * assignments to apps and the group push mappings that push it. Every group rule that assigns
 * users to the group turns `INVALID`, and Okta then only lets the rule be read or deleted.
 * The rule keeps the deleted id in `actions.assignUserToGroups.groupIds`.
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

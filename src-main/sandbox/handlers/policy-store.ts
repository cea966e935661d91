import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';
import { findOrThrow } from '../http/body-checks.js';
import { notFound } from '../http/sandbox-error.js';
import { inPriorityOrder } from './policy-priorities.js';

/** Returns the stored policy with this id, or throws Okta's 404 naming it. */
export function findPolicy(state: OrgState, policyId: string): JsonObject {
  return findOrThrow(state.policies, policyId, 'Policy');
}

/** Returns the stored rule with this id in this policy, or throws Okta's 404 naming it. */
export function findPolicyRule(state: OrgState, policyId: string, ruleId: string): JsonObject {
  const rule = rulesOf(state, policyId).find((candidate) => candidate['id'] === ruleId);
  if (rule === undefined) throw notFound(`${ruleId} (PolicyRule)`);
  return rule;
}

/** Returns the stored policies of one type in evaluation order. */
export function policiesOfType(state: OrgState, type: string): JsonObject[] {
  return inPriorityOrder([...state.policies.values()].filter((policy) => policy['type'] === type));
}

/** Returns the stored rules of a policy in evaluation order (an empty list for a policy without rules). */
export function rulesOf(state: OrgState, policyId: string): JsonObject[] {
  return state.policyRules.get(policyId) ?? [];
}

/** Returns the ids of the apps whose app sign-in policy is this one. */
export function appsUsingPolicy(state: OrgState, policyId: string): string[] {
  return [...state.appAccessPolicies.entries()].filter(([, id]) => id === policyId).map(([appId]) => appId);
}

/**
 * Builds the default rule Okta adds to every new app sign-in policy: "Catch-all Rule", system,
 * priority 99, no conditions, allowing access with one factor and re-authentication every 12
 * hours. The actions follow the spec's `list-all-access-policy-rule-response` example.
 */
export function newCatchAllRule(state: OrgState): JsonObject {
  const now = state.nowIso();
  return {
    id: state.newId('accessPolicyRule'),
    status: 'ACTIVE',
    name: 'Catch-all Rule',
    priority: 99,
    created: now,
    lastUpdated: now,
    system: true,
    conditions: null,
    actions: {
      appSignOn: {
        access: 'ALLOW',
        verificationMethod: { factorMode: '1FA', type: 'ASSURANCE', reauthenticateIn: 'PT12H', constraints: [] },
      },
    },
    type: 'ACCESS_POLICY',
  };
}

import type { OktaIdKind } from '../../../src-shared/okta/ids.js';
import { ACCESS_POLICY_RULE_PRIORITIES, DEFAULT_PRIORITIES, type PriorityScheme } from './policy-priorities.js';

/**
 * Rules of each policy type that the sandbox enforces. The facts come from the Okta Management API
 * spec, release 2026.06.3: the `PolicyType` enum and its descriptions, the Policy tag's
 * "Policy limitations" section and the note on `createPolicyRule`.
 */

/** Every value of the spec's `PolicyType` enum. */
export const POLICY_TYPES: ReadonlySet<string> = new Set([
  'ACCESS_POLICY',
  'ENTITY_RISK',
  'IDP_DISCOVERY',
  'MFA_ENROLL',
  'OKTA_SIGN_ON',
  'PASSWORD',
  'POST_AUTH_SESSION',
  'PROFILE_ENROLLMENT',
  'DEVICE_SIGNAL_COLLECTION',
  'SESSION_VIOLATION_DETECTION',
  'CLIENT_UPDATE',
  'IDENTITY_CLAIM_SOURCING',
]);

/** Types the spec marks read-only. An org has exactly the policies Okta made, so none can be created. */
const READ_ONLY_TYPES: ReadonlySet<string> = new Set([
  'ENTITY_RISK',
  'IDP_DISCOVERY',
  'POST_AUTH_SESSION',
  'SESSION_VIOLATION_DETECTION',
  'CLIENT_UPDATE',
  'IDENTITY_CLAIM_SOURCING',
]);

/** Types whose policies contain only their one default rule, so `createPolicyRule` rejects them. */
const SINGLE_RULE_TYPES: ReadonlySet<string> = new Set(['PROFILE_ENROLLMENT', 'POST_AUTH_SESSION', 'CLIENT_UPDATE', 'IDENTITY_CLAIM_SOURCING']);

/** Maximum number of policies of one type in an org, where the spec gives one. */
const MAX_POLICIES: Record<string, number> = { ACCESS_POLICY: 5000, PROFILE_ENROLLMENT: 500 };

/** Maximum number of rules in one policy, default rule included, where the spec gives one. */
const MAX_RULES: Record<string, number> = { ACCESS_POLICY: 100 };

export function isReadOnlyPolicyType(type: string): boolean {
  return READ_ONLY_TYPES.has(type);
}

export function allowsNewRules(policyType: string): boolean {
  return !SINGLE_RULE_TYPES.has(policyType);
}

export function maxPolicies(type: string): number | undefined {
  return MAX_POLICIES[type];
}

export function maxRules(policyType: string): number | undefined {
  return MAX_RULES[policyType];
}

/** Returns the `type` of rules in a policy of this type: `SIGN_ON` for `OKTA_SIGN_ON`, else the policy type. */
export function ruleTypeFor(policyType: string): string {
  return policyType === 'OKTA_SIGN_ON' ? 'SIGN_ON' : policyType;
}

/** Id prefix of a new policy: `rst` for app sign-in policies, `00p` for the rest. */
export function policyIdKind(type: string): OktaIdKind {
  return type === 'ACCESS_POLICY' ? 'accessPolicy' : 'policy';
}

/** Id prefix of a new rule: `rul` in app sign-in policies, `0pr` in the rest. */
export function ruleIdKind(policyType: string): OktaIdKind {
  return policyType === 'ACCESS_POLICY' ? 'accessPolicyRule' : 'policyRule';
}

/** Returns the numbering of the rules in a policy of this type. */
export function rulePriorities(policyType: string): PriorityScheme {
  return policyType === 'ACCESS_POLICY' ? ACCESS_POLICY_RULE_PRIORITIES : DEFAULT_PRIORITIES;
}

/** Reads the `activate` query parameter, which defaults to true. */
export function activateRequested(query: URLSearchParams): boolean {
  return query.get('activate')?.toLowerCase() !== 'false';
}

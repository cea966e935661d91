import { policyNoun } from '../../diff/findings/policy-findings.js';
import { stringAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import { splitOwned } from '../id-matching.js';
import { omitKeys } from '../request-body.js';

/**
 * Request bodies, paths and labels shared by the policy and policy rule planners.
 */

export const POLICIES = '/api/v1/policies';

/**
 * Fields a policy or rule body never sends: Okta sets them itself, `status` changes only
 * through the lifecycle operations, and `system` marks what Okta created (the default policy
 * or rule), which no request can change.
 */
export const POLICY_READ_ONLY = ['id', 'created', 'lastUpdated', '_links', '_embedded', 'system', 'status'];

/**
 * Read-only fields whose difference is not reported: the id differs in another org, the noise
 * rules skip `lastUpdated` and the hypermedia, and `status` is planned apart.
 */
export const POLICY_IGNORED = ['id', 'lastUpdated', '_links', '_embedded', 'status'];

/** Okta Admin Console page of each policy type. */
const POLICY_PAGES: Readonly<Record<string, string>> = {
  ACCESS_POLICY: 'Okta Admin Console → Security → Authentication Policies',
  OKTA_SIGN_ON: 'Okta Admin Console → Security → Global Session Policy',
};

/** Returns the Admin Console page where a policy of this body's type is edited. */
export function policyPage(body: JsonValue | undefined): string {
  return POLICY_PAGES[stringAt(body, '/type') ?? ''] ?? 'Okta Admin Console → Security';
}

/** Names a policy in a sentence, such as `authentication policy 'Atlassian Cloud sign-in'`. */
export function describePolicy(body: JsonValue | undefined, fallbackName: string): string {
  return `${policyNoun(body).toLowerCase()} '${stringAt(body, '/name') ?? fallbackName}'`;
}

/** Names a rule with its policy, such as `rule 'Contractors' of authentication policy 'Atlassian Cloud sign-in'`. */
export function describeRule(rule: SnapshotResource, policy: SnapshotResource | undefined): string {
  const ruleName = stringAt(rule.body, '/name') ?? rule.name;
  if (policy === undefined) return `policy rule '${ruleName}'`;
  return `rule '${ruleName}' of ${describePolicy(policy.body, policy.name)}`;
}

/** Returns the writable top-level fields of a policy or rule body. */
export function writableFields(body: JsonValue | undefined): JsonObject {
  return omitKeys(body, POLICY_READ_ONLY);
}

/** Tells whether Okta created the policy or rule itself (`system: true`): the default policy of a type, or a policy's default rule. */
export function isSystemObject(body: JsonValue | undefined): boolean {
  return isJsonObject(body) && body['system'] === true;
}

/**
 * Policy types that the Okta Management API spec (`PolicyType`, release 2026.06.3) marks
 * read-only: every org has the one Okta made, and none can be created.
 */
const READ_ONLY_TYPES: ReadonlySet<string> = new Set(['ENTITY_RISK', 'IDP_DISCOVERY', 'POST_AUTH_SESSION', 'SESSION_VIOLATION_DETECTION', 'CLIENT_UPDATE', 'IDENTITY_CLAIM_SOURCING']);

/** Tells whether the API can create a policy like this one: not a default policy, and not of a type only Okta creates. */
export function policyCanBeCreated(body: JsonValue | undefined): boolean {
  const type = stringAt(body, '/type');
  return type !== undefined && !isSystemObject(body) && !READ_ONLY_TYPES.has(type);
}

/** Tells whether an id, or part of a path, is a placeholder for an object that an earlier step creates. */
export function isPlaceholder(id: string): boolean {
  return id.includes('{{new:');
}

/** Returns the path of one rule from its id in the target org, `<policyId>/<ruleId>`, which may contain placeholders. */
export function rulePath(targetRuleId: string): string {
  const [policyId, ruleId] = splitOwned(targetRuleId);
  return `${POLICIES}/${policyId}/rules/${ruleId}`;
}

/** Returns the id of the policy that owns a rule, from the rule's resource id `<policyId>/<ruleId>`. */
export function ownerPolicyId(ruleId: string): string {
  return splitOwned(ruleId)[0];
}

/** Returns the ACTIVE or INACTIVE status of a body, or undefined for any other value. */
export function lifecycleStatus(body: JsonValue | undefined): 'ACTIVE' | 'INACTIVE' | undefined {
  const status = stringAt(body, '/status');
  return status === 'ACTIVE' || status === 'INACTIVE' ? status : undefined;
}

/**
 * Returns the priority Okta gives the first rule of a policy of this type. The Okta Management
 * API spec (Policy tag) gives 0 as the highest priority of an app sign-in (ACCESS_POLICY) rule,
 * and 1 for the rules of the other types and for policies.
 */
export function firstRulePriority(policyType: string | undefined): number {
  return policyType === 'ACCESS_POLICY' ? 0 : 1;
}

export const FIRST_POLICY_PRIORITY = 1;

/** Returns the `type` of the rules of a policy of this type: `SIGN_ON` in a global session (OKTA_SIGN_ON) policy, else the policy's type. */
export function ruleTypeFor(policyType: string): string {
  return policyType === 'OKTA_SIGN_ON' ? 'SIGN_ON' : policyType;
}

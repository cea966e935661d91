import { stringAt, valueAt } from '../../diff/findings/json-pointer.js';
import { compareCodeUnits } from '../../json/canonical-json.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext } from '../kind-planner.js';
import { FIRST_POLICY_PRIORITY, firstRulePriority, isPlaceholder, isSystemObject, ownerPolicyId } from './policy-bodies.js';
import { PriorityChain, type ListedItem } from './policy-priority-chain.js';

/**
 * State the policy and rule planners keep between the pairs of one plan. It contains the
 * priority chain of each rule list and policy list they write to, the rules already planned with
 * their recreated policy, and the default rules matched by their role. It is kept per plan
 * context, so two plans never share it.
 */
export interface PolicyPlanState {
  /** Rule lists by the policy's id in the desired snapshot. */
  ruleChains: Map<string, PriorityChain>;
  /** Policy lists by policy type. */
  policyChains: Map<string, PriorityChain>;
  /** Desired ids of rules whose steps are planned with their recreated policy. */
  plannedRules: Set<string>;
  /** Target-org ids of default rules that take the actions of a desired default rule they do not match by id or name. */
  matchedDefaultRules: Set<string>;
}

const states = new WeakMap<PlanContext, PolicyPlanState>();

export function policyPlanState(context: PlanContext): PolicyPlanState {
  let state = states.get(context);
  if (state === undefined) {
    state = { ruleChains: new Map(), policyChains: new Map(), plannedRules: new Set(), matchedDefaultRules: new Set() };
    states.set(context, state);
  }
  return state;
}

/** Returns the chain of the rules of a desired policy, built from both sides on first use. */
export function ruleChainOf(context: PlanContext, policyId: string): PriorityChain {
  const chains = policyPlanState(context).ruleChains;
  let chain = chains.get(policyId);
  if (chain === undefined) {
    chain = buildRuleChain(context, policyId);
    chains.set(policyId, chain);
  }
  return chain;
}

/** Returns the chain of the policies of one type, built from both sides on first use. */
export function policyChainOf(context: PlanContext, type: string): PriorityChain {
  const chains = policyPlanState(context).policyChains;
  let chain = chains.get(type);
  if (chain === undefined) {
    chain = buildPolicyChain(context, type);
    chains.set(type, chain);
  }
  return chain;
}

/** Returns the movable (non-default) rules of a desired policy in evaluation order. */
export function desiredRulesOf(context: PlanContext, policyId: string): SnapshotResource[] {
  return inEvaluationOrder(context.desired.ofKind('policy-rule').filter((rule) => ownerPolicyId(rule.id) === policyId));
}

/**
 * Builds a rule chain. Capture lists every rule of a policy, so the target org's rules are
 * numbered from the type's first priority in their evaluation order, whatever numbers the
 * capture contains: that is where Okta puts a rule that requests a priority.
 */
function buildRuleChain(context: PlanContext, policyId: string): PriorityChain {
  const desiredRules = desiredRulesOf(context, policyId).filter((rule) => !isSystemObject(rule.body));
  const first = firstRulePriority(ruleListType(context, policyId, desiredRules));
  const livePolicyId = context.targetId('policy', policyId);

  const liveToDesired = new Map<string, string>();
  for (const rule of desiredRules) {
    const target = context.targetId('policy-rule', rule.id);
    if (!isPlaceholder(target)) liveToDesired.set(target, rule.id);
  }
  const liveRules = isPlaceholder(livePolicyId)
    ? []
    : inEvaluationOrder(context.live.ofKind('policy-rule').filter((rule) => ownerPolicyId(rule.id) === livePolicyId && !isSystemObject(rule.body)));
  const live: ListedItem[] = liveRules.map((rule, index) => ({ key: liveToDesired.get(rule.id) ?? liveKey(rule.id), priority: first + index }));

  return new PriorityChain(first, desiredRules.map((rule) => rule.id), live);
}

/**
 * Builds a policy chain. Capture takes only some policies of a type (the apps' sign-in
 * policies, the global session policies that name groups in scope), so the others sit between
 * them: the chain keeps the priorities Okta reported, which count those others too.
 */
function buildPolicyChain(context: PlanContext, type: string): PriorityChain {
  const ofType = (resource: SnapshotResource): boolean => stringAt(resource.body, '/type') === type && !isSystemObject(resource.body);
  const desiredPolicies = inEvaluationOrder(context.desired.ofKind('policy').filter(ofType));

  const liveToDesired = new Map<string, string>();
  for (const policy of desiredPolicies) {
    const target = context.targetId('policy', policy.id);
    if (!isPlaceholder(target)) liveToDesired.set(target, policy.id);
  }
  const live: ListedItem[] = [];
  for (const policy of inEvaluationOrder(context.live.ofKind('policy').filter(ofType))) {
    const priority = priorityOf(policy);
    if (priority !== undefined) live.push({ key: liveToDesired.get(policy.id) ?? liveKey(policy.id), priority });
  }

  return new PriorityChain(FIRST_POLICY_PRIORITY, desiredPolicies.map((policy) => policy.id), live);
}

/** Returns the key of a live item that no desired item matches. Okta ids contain no colon, so it never equals a desired id. */
export function liveKey(liveId: string): string {
  return `live:${liveId}`;
}

/** Returns the policy type of a rule list: the desired policy's, else a rule's (only `OKTA_SIGN_ON` rules have another type, `SIGN_ON`). */
function ruleListType(context: PlanContext, policyId: string, rules: SnapshotResource[]): string | undefined {
  const policyType = stringAt(context.desired.get('policy', policyId)?.body, '/type');
  if (policyType !== undefined) return policyType;
  return rules.map((rule) => stringAt(rule.body, '/type')).find((type) => type !== undefined);
}

/** Sorts as Okta evaluates: system items last, then by priority, then by id. */
export function inEvaluationOrder(resources: readonly SnapshotResource[]): SnapshotResource[] {
  const rank = (resource: SnapshotResource): number => priorityOf(resource) ?? Number.MAX_SAFE_INTEGER;
  return [...resources].sort(
    (a, b) => Number(isSystemObject(a.body)) - Number(isSystemObject(b.body)) || rank(a) - rank(b) || compareCodeUnits(a.id, b.id),
  );
}

function priorityOf(resource: SnapshotResource): number | undefined {
  const value = valueAt(resource.body, '/priority');
  return typeof value === 'number' ? value : undefined;
}

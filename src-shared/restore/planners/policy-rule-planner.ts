import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { pairName, planExtraObjectDelete } from './directory-steps.js';
import { describeRule, isSystemObject, ownerPolicyId } from './policy-bodies.js';
import { policyPlanState } from './policy-plan-state.js';
import { planRuleCreate, planRuleDelete, planRuleUpdate } from './policy-rule-steps.js';

/**
 * Plans policy rules (`<policyId>/<ruleId>`). An existing rule gets a PUT of the writable fields,
 * which also sets the priority when the rule must move, and a lifecycle step for the status. The
 * conditions go through `toTarget`, so group, zone and device assurance ids are remapped. A
 * deleted rule gets a POST at its priority, and, with deletes allowed, an extra one a DELETE.
 *
 * Priorities are set top-down through one chain per policy (policy-priority-chain.ts): each
 * write to a policy's rules depends on the one before, so Okta's renumbering lands on the
 * snapshot's order. A default rule keeps its name, place and conditions, and only its actions
 * are restored. The rules of a policy the plan recreates are planned with that policy.
 */
export const policyRulePlanner: KindPlanner = {
  kind: 'policy-rule',
  plan(pair, context) {
    if (pair.desired && policyPlanState(context).plannedRules.has(pair.desired.id)) return;
    if (pair.desired && pair.live) planRuleUpdate(pair, pair.desired, pair.live, context.targetId('policy-rule', pair.id), context);
    else if (pair.desired) planRuleCreate(pair, pair.desired, context);
    else if (pair.live) planExtraRule(pair, pair.live, context);
  },
};

/**
 * Plans a rule only the target org has. It is left alone when it is a default rule that takes
 * a desired default rule's actions, or when the plan deletes its policy, which removes it too.
 */
function planExtraRule(pair: ResourcePair, live: SnapshotResource, context: PlanContext): void {
  if (policyPlanState(context).matchedDefaultRules.has(live.id)) return;
  const livePolicyId = ownerPolicyId(live.id);
  if (context.stepsFor('policy', livePolicyId).some((key) => key.endsWith(':delete'))) return;

  const label = describeRule(live, context.live.get('policy', livePolicyId));
  if (isSystemObject(live.body)) {
    context.leaveInPlace({
      kind: 'policy-rule',
      resourceId: pair.id,
      name: pairName(pair),
      paths: [],
      reason: `The snapshot has no default ${label}, but Okta never deletes a policy's default rule.`,
    });
    return;
  }
  planExtraObjectDelete(pair, live, label, context, () => planRuleDelete(pair, live, context));
}

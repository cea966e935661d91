import { pointerOf, stringAt, valueAt } from '../../diff/findings/json-pointer.js';
import { normalizeForDiff } from '../../diff/noise-rules.js';
import { canonicalJson } from '../../json/canonical-json.js';
import { jsonEqual } from '../../json/json-equal.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { omitKeys } from '../request-body.js';
import { addDeleteStep, addLifecycleStep, checkFieldsOf, fieldInScope, leafFieldsOf, leaveReadOnlyDifferences, pairName, sameAfterNoise, scopedBody } from './directory-steps.js';
import {
  describeRule,
  isPlaceholder,
  isSystemObject,
  lifecycleStatus,
  ownerPolicyId,
  policyCanBeCreated,
  policyPage,
  POLICIES,
  POLICY_IGNORED,
  POLICY_READ_ONLY,
  rulePath,
  ruleTypeFor,
  writableFields,
} from './policy-bodies.js';
import { policyPlanState, ruleChainOf } from './policy-plan-state.js';

/**
 * Steps for one policy rule: an update (PUT) that also moves the rule, a create at its
 * priority, the default rule's actions, and a status change. Used by the rule planner, and by
 * the policy planner for the rules of a policy it recreates.
 */

/** Fields of a default rule (`system: true`) that Okta keeps: it cannot be renamed, moved or given other conditions. */
const DEFAULT_RULE_FIXED = ['name', 'priority', 'conditions'];

/** Plans a rule that both sides have. `targetRuleId` is its id in the target org, `<policyId>/<ruleId>`. */
export function planRuleUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, targetRuleId: string, context: PlanContext): void {
  leaveReadOnlyDifferences({ ...pair, live }, context, POLICY_READ_ONLY, POLICY_IGNORED);
  if (isSystemObject(live.body)) planDefaultRuleUpdate(pair, desired, live, targetRuleId, context);
  else planMovableRuleUpdate(pair, desired, live, targetRuleId, context);
}

/**
 * Plans a rule that the target org lacks: a POST at the priority that puts it where the
 * snapshot has it. A default rule cannot be created: see `planMissingDefaultRule`.
 */
export function planRuleCreate(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const policyId = ownerPolicyId(pair.id);
  const desiredPolicy = context.desired.get('policy', policyId);
  const target = context.targetId('policy-rule', pair.id);
  const livePolicyId = ownerPolicyId(target);
  const label = describeRule(desired, desiredPolicy);
  if (isPlaceholder(livePolicyId) && desiredPolicy !== undefined && !policyCanBeCreated(desiredPolicy.body)) {
    context.leaveInPlace({
      kind: 'policy-rule',
      resourceId: pair.id,
      name: desired.name,
      paths: [],
      reason: `The target org lacks the policy that contains ${label}, and only Okta creates that policy.`,
    });
    return;
  }
  if (isSystemObject(desired.body)) {
    planMissingDefaultRule(pair, desired, context);
    return;
  }

  const ruleName = stringAt(desired.body, '/name') ?? desired.name;
  const listPath = `${POLICIES}/${livePolicyId}/rules`;
  warnOnNamesake(pair, ruleName, livePolicyId, context);

  const chain = ruleChainOf(context, policyId);
  const body = withRuleType(writableFields(context.toTarget(desired.body)), stringAt(desiredPolicy?.body, '/type'));
  body['priority'] = chain.place(pair.id);
  const status = lifecycleStatus(desired.body) ?? 'ACTIVE';
  const key = context.addStep({
    kind: 'policy-rule',
    resourceId: pair.id,
    name: desired.name,
    action: 'create',
    description: `Create ${label} again at priority ${String(body['priority'])}${status === 'INACTIVE' ? ', INACTIVE' : ''}: it was deleted, so it comes back with a new id.`,
    request: { method: 'POST', path: status === 'INACTIVE' ? `${listPath}?activate=false` : listPath, body },
    creates: { kind: 'policy-rule', desiredId: pair.id, idPointer: '/id', lookup: { path: listPath, pointer: '/name', value: ruleName } },
    check: { path: rulePath(target), fields: [...leafFieldsOf(body), { pointer: '/status', value: status }] },
    dependsOn: chain.lastStep === undefined ? [] : [chain.lastStep],
    flags: ['recreates'],
  });
  chain.lastStep = key;
}

/**
 * Plans a rule that only the target org has: a DELETE, when deletes are allowed. A default
 * rule is never deleted, and the rules of a policy the plan deletes go with it.
 */
export function planRuleDelete(pair: ResourcePair, live: SnapshotResource, context: PlanContext): void {
  addDeleteStep(context, {
    pair,
    live,
    objectPath: rulePath(live.id),
    description: `Delete ${describeRule(live, context.live.get('policy', ownerPolicyId(live.id)))}, which the snapshot does not have.`,
  });
}

/**
 * Plans a rule that Okta may move: one PUT carries the restored fields and the priority, which
 * is the rule's new place when it moved and its current place otherwise (Okta moves a rule
 * whose PUT requests another). Deactivation comes before the PUT, activation after it.
 */
function planMovableRuleUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, targetRuleId: string, context: PlanContext): void {
  const chain = ruleChainOf(context, ownerPolicyId(pair.id));
  const path = rulePath(targetRuleId);
  const label = describeRule(desired, context.desired.get('policy', ownerPolicyId(pair.id)));
  const desiredPolicyType = stringAt(context.desired.get('policy', ownerPolicyId(pair.id))?.body, '/type');
  const wanted = withRuleType(writableFields(scopedBody(pair, context.toTarget(desired.body), live.body)), desiredPolicyType);
  const current = writableFields(live.body);
  const moves = fieldInScope(pair, '/priority') && !chain.isInPlace(pair.id);
  const edits = !sameAfterNoise('policy-rule', omitKeys(wanted, ['priority']), omitKeys(current, ['priority']));
  const status = statusChange(pair, desired, live);

  const dependsOn: string[] = [];
  if (status === 'INACTIVE') {
    dependsOn.push(addLifecycleStep(context, { pair, objectPath: path, transition: 'deactivate', description: `Deactivate ${label}, as in the snapshot.` }));
  }
  if (moves || edits) {
    const priority = moves ? chain.place(pair.id) : chain.priorityOf(pair.id);
    const body: JsonObject = priority === undefined ? omitKeys(wanted, ['priority']) : { ...wanted, priority };
    const key = context.addStep({
      kind: 'policy-rule',
      resourceId: pair.id,
      name: pairName(pair),
      action: 'update',
      description: updateDescription(label, moves, edits, priority),
      request: { method: 'PUT', path, body },
      check: { path, fields: checkFieldsOf(body, pair) },
      dependsOn: chain.lastStep === undefined ? [...dependsOn] : [...dependsOn, chain.lastStep],
    });
    chain.lastStep = key;
    dependsOn.push(key);
  }
  if (status === 'ACTIVE') {
    addLifecycleStep(context, { pair, objectPath: path, transition: 'activate', description: `Activate ${label}, as in the snapshot.`, dependsOn });
  }
}

function updateDescription(label: string, moves: boolean, edits: boolean, priority: number | undefined): string {
  const place = `priority ${String(priority)}`;
  if (moves && edits) return `Replace the settings of ${label} with those in the snapshot, and move it to ${place}, its place in the snapshot's evaluation order.`;
  if (moves) return `Move ${label} to ${place}, its place in the snapshot's evaluation order.`;
  return `Replace the settings of ${label} with those in the snapshot. It keeps ${place}.`;
}

/**
 * Plans a default rule: Okta keeps its name, place and conditions, and rejects a deactivation,
 * so only its other fields (its actions) are restored. A difference in the kept fields is
 * reported as left in place.
 */
function planDefaultRuleUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, targetRuleId: string, context: PlanContext): void {
  const path = rulePath(targetRuleId);
  const label = `the default ${describeRule(desired, context.desired.get('policy', ownerPolicyId(pair.id)))}`;
  const current = writableFields(live.body);
  const wanted = omitKeys(writableFields(scopedBody(pair, context.toTarget(desired.body), live.body)), DEFAULT_RULE_FIXED);
  if (current['name'] !== undefined) wanted['name'] = current['name'];
  leaveDefaultRuleFields(pair, desired, live, context);

  const status = statusChange(pair, desired, live);
  const dependsOn: string[] = [];
  if (!sameAfterNoise('policy-rule', wanted, omitKeys(current, ['priority', 'conditions']))) {
    dependsOn.push(
      context.addStep({
        kind: 'policy-rule',
        resourceId: pair.id,
        name: pairName(pair),
        action: 'update',
        description: `Replace the actions of ${label} with those in the snapshot. Okta keeps its name, place and conditions.`,
        request: { method: 'PUT', path, body: wanted },
        check: { path, fields: checkFieldsOf(wanted, pair) },
      }),
    );
  }
  if (status === 'ACTIVE') {
    addLifecycleStep(context, { pair, objectPath: path, transition: 'activate', description: `Activate ${label}, as in the snapshot.`, dependsOn });
  }
}

/** Reports the fields of a default rule that differ but that Okta does not let change, each with the reason. */
function leaveDefaultRuleFields(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  const wanted = normalizeForDiff('policy-rule', desired.body);
  const current = normalizeForDiff('policy-rule', live.body);
  const kept = ['name', 'conditions']
    .map((key) => pointerOf(key))
    .filter((pointer) => fieldInScope(pair, pointer) && !jsonEqual(valueAt(wanted, pointer), valueAt(current, pointer)));
  const deactivation = fieldInScope(pair, '/status') && lifecycleStatus(desired.body) === 'INACTIVE' && lifecycleStatus(live.body) === 'ACTIVE';
  if (kept.length === 0 && !deactivation) return;

  const reasons: string[] = [];
  if (kept.length > 0) reasons.push(`Okta keeps the ${kept.map((pointer) => pointer.slice(1)).join(' and ')} of a policy's default rule: only its actions can change.`);
  if (deactivation) reasons.push("Okta does not deactivate a policy's default rule.");
  context.leaveInPlace({
    kind: 'policy-rule',
    resourceId: pair.id,
    name: pairName(pair),
    paths: [...kept, ...(deactivation ? ['/status'] : [])],
    reason: reasons.join(' '),
  });
}

/**
 * Plans a default rule that the target org lacks. Okta adds a policy's default rule itself:
 * - in a policy the plan recreates, the new default rule gets an id the plan cannot know, so a
 *   person sets its actions;
 * - in another org, where the default rules may have other names, the target policy's own
 *   default rule takes the snapshot's actions;
 * - a policy without any default rule is left as it is.
 */
function planMissingDefaultRule(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const policyId = ownerPolicyId(pair.id);
  const desiredPolicy = context.desired.get('policy', policyId);
  const livePolicyId = context.targetId('policy', policyId);
  const label = describeRule(desired, desiredPolicy);

  if (isPlaceholder(livePolicyId)) {
    addDefaultRuleManual(pair, desired, desiredPolicy, context);
    return;
  }
  const liveDefault = context.live.ofKind('policy-rule').find((rule) => ownerPolicyId(rule.id) === livePolicyId && isSystemObject(rule.body));
  if (liveDefault !== undefined) {
    policyPlanState(context).matchedDefaultRules.add(liveDefault.id);
    planRuleUpdate(pair, desired, liveDefault, liveDefault.id, context);
    return;
  }
  context.leaveInPlace({
    kind: 'policy-rule',
    resourceId: pair.id,
    name: desired.name,
    paths: [],
    reason: `The target org's policy has no default rule to take the actions of ${label}, and Okta adds a default rule only when it creates a policy.`,
  });
}

function addDefaultRuleManual(pair: ResourcePair, desired: SnapshotResource, desiredPolicy: SnapshotResource | undefined, context: PlanContext): void {
  const ruleName = stringAt(desired.body, '/name') ?? desired.name;
  const policyName = stringAt(desiredPolicy?.body, '/name') ?? ownerPolicyId(pair.id);
  const actions = valueAt(desired.body, '/actions');
  context.addManual({
    kind: 'policy-rule',
    resourceId: pair.id,
    name: desired.name,
    title: `Set the actions of the default rule '${ruleName}' in the recreated policy '${policyName}'`,
    where: `${policyPage(desiredPolicy?.body)} → ${policyName} → ${ruleName}`,
    instructions: [
      `Okta adds a default rule to the policy '${policyName}' when the restore creates it again, with Okta's own actions and an id the plan cannot know in advance.`,
      `Edit that rule and set its actions to those in the snapshot: ${actions === undefined ? 'none' : canonicalJson(actions)}.`,
      'Until then, users whom no other rule of the policy matches get the default rule as Okta created it.',
    ],
    blocksVerification: true,
  });
}

/** Returns the status the snapshot requires, when the status is in scope and differs from the target org's. */
function statusChange(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource): 'ACTIVE' | 'INACTIVE' | undefined {
  if (!fieldInScope(pair, '/status')) return undefined;
  const wanted = lifecycleStatus(desired.body);
  return wanted !== undefined && wanted !== lifecycleStatus(live.body) ? wanted : undefined;
}

/**
 * Adds the rule `type` that the policy's type implies when the body lacks one, because Okta's
 * request schema uses it as the discriminator of rule types.
 */
function withRuleType(body: JsonObject, policyType: string | undefined): JsonObject {
  if (body['type'] !== undefined || policyType === undefined) return body;
  return { ...body, type: ruleTypeFor(policyType) };
}

/**
 * Warns when the target policy already has another rule with the name of a rule the plan
 * creates: after an interrupted create, the lookup by name could not tell the two apart.
 */
function warnOnNamesake(pair: ResourcePair, ruleName: string, livePolicyId: string, context: PlanContext): void {
  if (isPlaceholder(livePolicyId)) return;
  const namesake = context.live.ofKind('policy-rule').find((rule) => ownerPolicyId(rule.id) === livePolicyId && stringAt(rule.body, '/name') === ruleName);
  if (namesake === undefined) return;
  context.warn({
    code: 'ambiguous-create-lookup',
    message: `The target policy already has a rule named '${ruleName}' (id ${namesake.id}). If the restore stops while creating the snapshot's rule of that name, resuming it cannot tell the two apart: rename or delete the other rule first.`,
    kind: 'policy-rule',
    resourceId: pair.id,
  });
}

import { stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { omitKeys } from '../request-body.js';
import {
  addDeleteStep,
  addLifecycleStep,
  checkFieldsOf,
  fieldInScope,
  leafFieldsOf,
  leaveReadOnlyDifferences,
  pairName,
  planExtraObjectDelete,
  sameAfterNoise,
  scopedBody,
} from './directory-steps.js';
import { describePolicy, isSystemObject, lifecycleStatus, POLICIES, POLICY_IGNORED, POLICY_READ_ONLY, policyCanBeCreated, writableFields } from './policy-bodies.js';
import { desiredRulesOf, policyChainOf, policyPlanState, ruleChainOf } from './policy-plan-state.js';
import { planRuleCreate } from './policy-rule-steps.js';

/**
 * Plans policies (app sign-in and global session policies): a PUT of the writable fields
 * (conditions through `toTarget`) with the priority that keeps the snapshot's order among the
 * captured policies of the type, and a lifecycle step for the status. A default policy keeps
 * its place and stays active. A deleted policy is created INACTIVE, its rules are created in it,
 * and then it is activated. With deletes allowed, an extra policy is deleted with its rules,
 * never a default one.
 */
export const policyPlanner: KindPlanner = {
  kind: 'policy',
  plan(pair, context) {
    if (pair.desired && pair.live) planPolicyUpdate(pair, pair.desired, pair.live, context);
    else if (pair.desired) planPolicyCreate(pair, pair.desired, context);
    else if (pair.live) planExtraPolicy(pair, pair.live, context);
  },
};

function planPolicyUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  leaveReadOnlyDifferences(pair, context, POLICY_READ_ONLY, POLICY_IGNORED);
  const path = `${POLICIES}/${context.targetId('policy', pair.id)}`;
  const label = describePolicy(desired.body, desired.name);
  const type = stringAt(live.body, '/type') ?? '';
  const system = isSystemObject(live.body);
  const wanted = writableFields(scopedBody(pair, context.toTarget(desired.body), live.body));
  if (wanted['type'] !== type) leaveTypeInPlace(pair, label, type, wanted, context);

  const current = writableFields(live.body);
  const chain = system ? undefined : policyChainOf(context, type);
  const moves = chain !== undefined && fieldInScope(pair, '/priority') && !chain.isInPlace(pair.id);
  const edits = !sameAfterNoise('policy', omitKeys(wanted, ['priority']), omitKeys(current, ['priority']));
  const status = statusChange(pair, desired, live, system, label, context);

  const dependsOn: string[] = [];
  if (status === 'INACTIVE') {
    const description = `Deactivate ${label}, as in the snapshot. Okta rejects this while an app uses the policy.`;
    dependsOn.push(addLifecycleStep(context, { pair, objectPath: path, transition: 'deactivate', description }));
  }
  if (moves || edits) {
    // A default policy always comes last: its priority is left out, so Okta keeps it.
    let priority: number | undefined;
    if (chain !== undefined) priority = moves ? chain.place(pair.id) : chain.priorityOf(pair.id);
    const body: JsonObject = priority === undefined ? omitKeys(wanted, ['priority']) : { ...wanted, priority };
    const key = context.addStep({
      kind: 'policy',
      resourceId: pair.id,
      name: pairName(pair),
      action: 'update',
      description: moves ? `Replace the settings of ${label} with those in the snapshot, at priority ${String(priority)}: its place in the snapshot's order.` : `Replace the settings of ${label} with those in the snapshot.`,
      request: { method: 'PUT', path, body },
      check: { path, fields: checkFieldsOf(body, pair) },
      dependsOn: chain?.lastStep === undefined ? [...dependsOn] : [...dependsOn, chain.lastStep],
    });
    if (chain !== undefined) chain.lastStep = key;
    dependsOn.push(key);
  }
  if (status === 'ACTIVE') addLifecycleStep(context, { pair, objectPath: path, transition: 'activate', description: `Activate ${label}, as in the snapshot.`, dependsOn });
}

/**
 * Plans a deleted policy: a POST that creates it INACTIVE at its place among the policies of
 * its type, the creates of its rules (all of them, so it never runs with some missing), and the
 * activation once they exist. Okta adds a default rule to a new app sign-in policy, whose
 * actions a person sets (see planMissingDefaultRule in policy-rule-steps.ts).
 */
function planPolicyCreate(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const label = describePolicy(desired.body, desired.name);
  const type = stringAt(desired.body, '/type');
  if (type === undefined || !policyCanBeCreated(desired.body)) {
    const reason = type === undefined ? `The snapshot's ${label} has no type, so it cannot be created.` : `The target org lacks ${label}, and only Okta creates ${isSystemObject(desired.body) ? 'default policies' : `${type} policies`}.`;
    context.leaveInPlace({ kind: 'policy', resourceId: pair.id, name: desired.name, paths: [], reason });
    return;
  }

  const policyName = stringAt(desired.body, '/name') ?? desired.name;
  warnOnNamesake(pair, type, policyName, context);
  const chain = policyChainOf(context, type);
  const body = writableFields(context.toTarget(desired.body));
  body['priority'] = chain.place(pair.id);
  const path = `${POLICIES}/${context.targetId('policy', pair.id)}`;
  const createKey = context.addStep({
    kind: 'policy',
    resourceId: pair.id,
    name: desired.name,
    action: 'create',
    description: `Create ${label} again, INACTIVE, at priority ${String(body['priority'])}: it was deleted, so it comes back with a new id, and the apps and rules that use it get the new one.`,
    request: { method: 'POST', path: `${POLICIES}?activate=false`, body },
    creates: {
      kind: 'policy',
      desiredId: pair.id,
      idPointer: '/id',
      lookup: { path: `${POLICIES}?type=${encodeURIComponent(type)}&q=${encodeURIComponent(policyName)}`, pointer: '/name', value: policyName },
    },
    check: { path, fields: leafFieldsOf(body) },
    dependsOn: chain.lastStep === undefined ? [] : [chain.lastStep],
    flags: ['recreates'],
  });
  chain.lastStep = createKey;

  const lastRuleStep = planRulesOfNewPolicy(pair.id, createKey, context);
  const dependsOn = lastRuleStep === createKey ? [createKey] : [createKey, lastRuleStep];
  if (lifecycleStatus(desired.body) === 'INACTIVE') {
    // NOTE: the spec documents `activate=false` on create for Classic Engine orgs only, so an
    // Identity Engine org may create the policy ACTIVE. The explicit deactivation covers that.
    const description = `Deactivate ${label}, as in the snapshot, in case Okta created it active.`;
    addLifecycleStep(context, { pair, objectPath: path, transition: 'deactivate', description, dependsOn });
  } else {
    addLifecycleStep(context, { pair, objectPath: path, transition: 'activate', description: `Activate ${label} now that its rules exist, as in the snapshot.`, dependsOn });
  }
}

/**
 * Plans the creates of every rule a recreated policy has in the snapshot, in evaluation order
 * after the policy's create, and returns the key of the last step. The rule planner skips
 * these rules later.
 */
function planRulesOfNewPolicy(policyId: string, createKey: string, context: PlanContext): string {
  const state = policyPlanState(context);
  const chain = ruleChainOf(context, policyId);
  chain.lastStep ??= createKey;
  for (const rule of desiredRulesOf(context, policyId)) {
    state.plannedRules.add(rule.id);
    planRuleCreate({ kind: 'policy-rule', id: rule.id, desired: rule, live: undefined, pointers: undefined, explicit: false }, rule, context);
  }
  return chain.lastStep;
}

function planExtraPolicy(pair: ResourcePair, live: SnapshotResource, context: PlanContext): void {
  const label = describePolicy(live.body, live.name);
  if (isSystemObject(live.body)) {
    context.leaveInPlace({ kind: 'policy', resourceId: pair.id, name: live.name, paths: [], reason: `The snapshot has no ${label}, but Okta never deletes a default policy.` });
    return;
  }
  planExtraObjectDelete(pair, live, label, context, () => {
    addDeleteStep(context, {
      pair,
      live,
      objectPath: `${POLICIES}/${live.id}`,
      description: `Delete ${label} and its rules, which the snapshot does not have. Okta rejects this while an app uses the policy.`,
    });
  });
}

/**
 * Returns the status the snapshot requires, when the status is in scope and differs from the target org's.
 * A default policy cannot be deactivated, so that difference is reported as left in place.
 */
function statusChange(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, system: boolean, label: string, context: PlanContext): 'ACTIVE' | 'INACTIVE' | undefined {
  if (!fieldInScope(pair, '/status')) return undefined;
  const wanted = lifecycleStatus(desired.body);
  if (wanted === undefined || wanted === lifecycleStatus(live.body)) return undefined;
  if (wanted === 'INACTIVE' && system) {
    context.leaveInPlace({ kind: 'policy', resourceId: pair.id, name: pairName(pair), paths: ['/status'], reason: `The snapshot has ${label} INACTIVE, but Okta never deactivates a default policy.` });
    return undefined;
  }
  return wanted;
}

/** Keeps the target org's policy type in the body and reports the difference: Okta never changes the type of a policy. */
function leaveTypeInPlace(pair: ResourcePair, label: string, type: string, wanted: JsonObject, context: PlanContext): void {
  context.leaveInPlace({
    kind: 'policy',
    resourceId: pair.id,
    name: pairName(pair),
    paths: ['/type'],
    reason: `The snapshot has ${label} as a ${String(wanted['type'])} policy and the target org as a ${type} policy, and Okta never changes the type of a policy.`,
  });
  wanted['type'] = type;
}

/**
 * Warns when the target org already has another policy of the type with the name of one the
 * plan creates: after an interrupted create, the lookup by name could not tell the two apart.
 */
function warnOnNamesake(pair: ResourcePair, type: string, policyName: string, context: PlanContext): void {
  const namesake = context.live.ofKind('policy').find((policy) => stringAt(policy.body, '/type') === type && stringAt(policy.body, '/name') === policyName);
  if (namesake === undefined) return;
  context.warn({
    code: 'ambiguous-create-lookup',
    message: `The target org already has a ${type} policy named '${policyName}' (id ${namesake.id}). If the restore stops while creating the snapshot's policy of that name, resuming it cannot tell the two apart: rename or delete the other policy first.`,
    kind: 'policy',
    resourceId: pair.id,
  });
}

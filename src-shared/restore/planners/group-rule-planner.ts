import { stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { planRuleReplacement, RULES, RULES_WHERE, ruleCheck, ruleLookup, type RuleChange } from './directory-rule-replacement.js';
import { ruleStatus, ruleTargetGroupIds, sameIdSet, targetedRule, writableRule } from './directory-rules.js';
import {
  addDeleteStep,
  addLifecycleStep,
  addNameClashManual,
  capitalize,
  checkFieldsOf,
  describeResource,
  fieldInScope,
  leaveReadOnlyDifferences,
  liveNameHolder,
  pairName,
  planExtraObject,
  sameAfterNoise,
} from './directory-steps.js';

/** Top-level read-only fields of a group rule. `status` changes only through the lifecycle operations. */
const RULE_READ_ONLY = ['id', 'created', 'lastUpdated', 'status', '_embedded', '_links'];
const RULE_IGNORED = ['id', 'lastUpdated', 'status', '_embedded', '_links'];

/**
 * Plans group rules. Okta edits a rule only while it is INACTIVE, so an ACTIVE rule is
 * deactivated, replaced and activated again. Its target groups (`actions`) cannot change at
 * all, so a rule whose targets differ, or one that is INVALID because a target group was
 * deleted, is replaced by a new rule (see directory-rule-replacement.ts). Every group id goes
 * through `toTarget`, so a rule that names a recreated group waits for the group's create step.
 */
export const groupRulePlanner: KindPlanner = {
  kind: 'group-rule',
  plan(pair, context) {
    if (pair.desired && ruleStatus(pair.desired.body) === 'INVALID') {
      leaveInvalidDesiredRule(pair, pair.desired, context);
      return;
    }
    if (pair.desired && pair.live) planRuleUpdate(pair, pair.desired, pair.live, context);
    else if (pair.desired) planRuleCreate(pair, pair.desired, context);
    else planExtraObject(pair, context, (live) => planRuleDelete(pair, live, context));
  },
};

function planRuleUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  leaveReadOnlyDifferences(pair, context, RULE_READ_ONLY, RULE_IGNORED);
  const liveStatus = ruleStatus(live.body);
  const desiredFields = targetedRule(pair, desired, context);
  const finalStatus = fieldInScope(pair, '/status') || liveStatus === 'INVALID' ? ruleStatus(desired.body) : liveStatus;
  const change: RuleChange = { pair, live, desiredFields, finalStatus: finalStatus === 'ACTIVE' ? 'ACTIVE' : 'INACTIVE' };

  const targetsChanged = !sameIdSet(ruleTargetGroupIds(desiredFields), ruleTargetGroupIds(live.body));
  if (liveStatus === 'INVALID' || targetsChanged) planRuleReplacement(change, context);
  else planRuleEdit(change, context);
}

/**
 * Plans an edit of a rule whose target groups stay: the PUT (between a deactivation and an
 * activation when the rule is ACTIVE), or only the lifecycle step when the status alone differs.
 */
function planRuleEdit(change: RuleChange, context: PlanContext): void {
  const { pair, live } = change;
  const label = describeResource('group-rule', pairName(pair));
  const path = `${RULES}/${context.targetId('group-rule', pair.id)}`;
  const current = writableRule(live.body);
  const liveStatus = ruleStatus(live.body);
  // The targets are the same set, and sending them in the live order keeps the read-back equal to what was sent.
  const desiredFields: JsonObject = { ...change.desiredFields, ...(current['actions'] !== undefined ? { actions: current['actions'] } : {}) };

  if (sameAfterNoise('group-rule', desiredFields, current)) {
    if (change.finalStatus === liveStatus) return;
    addLifecycleStep(context, {
      pair,
      objectPath: path,
      transition: change.finalStatus === 'ACTIVE' ? 'activate' : 'deactivate',
      description:
        change.finalStatus === 'ACTIVE'
          ? `Activate ${label}, as in the snapshot. Okta then adds the users its expression matches to its groups.`
          : `Deactivate ${label}, as in the snapshot. Users keep the memberships it gave them.`,
    });
    return;
  }

  const name = stringAt(desiredFields, '/name');
  const holder = name === undefined ? undefined : liveNameHolder(context, 'group-rule', name, (body) => stringAt(body, '/name'), live.id);
  if (holder) {
    addNameClashManual(context, pair, holder, RULES_WHERE);
    return;
  }

  const dependsOn: string[] = [];
  if (liveStatus === 'ACTIVE') {
    dependsOn.push(
      addLifecycleStep(context, {
        pair,
        objectPath: path,
        transition: 'deactivate',
        description: `Deactivate ${label} so that it can be edited: Okta changes a rule only while it is INACTIVE. Users keep the memberships it gave them.`,
      }),
    );
  }
  const updateKey = context.addStep({
    kind: 'group-rule',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'update',
    description: `Replace the name and conditions of ${label} with those in the snapshot.`,
    request: { method: 'PUT', path, body: desiredFields },
    check: { path, fields: checkFieldsOf(desiredFields, pair) },
    dependsOn,
  });
  if (change.finalStatus === 'ACTIVE') {
    addLifecycleStep(context, {
      pair,
      objectPath: path,
      transition: 'activate',
      description: `Activate ${label} again after the edit. Okta then re-evaluates its expression for every user.`,
      dependsOn: [updateKey],
    });
  }
}

function planRuleCreate(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const label = describeResource('group-rule', desired.name);
  const desiredFields = targetedRule({ ...pair, pointers: undefined }, desired, context);
  const name = stringAt(desiredFields, '/name') ?? desired.name;
  const holder = liveNameHolder(context, 'group-rule', name, (body) => stringAt(body, '/name'), undefined);
  if (holder) {
    addNameClashManual(context, pair, holder, RULES_WHERE);
    return;
  }

  const path = `${RULES}/${context.targetId('group-rule', pair.id)}`;
  const createKey = context.addStep({
    kind: 'group-rule',
    resourceId: pair.id,
    name: desired.name,
    action: 'create',
    description: `Create ${label} again: it was deleted, so it comes back with a new id. Okta creates every rule INACTIVE.`,
    request: { method: 'POST', path: RULES, body: desiredFields },
    creates: { kind: 'group-rule', desiredId: pair.id, idPointer: '/id', lookup: ruleLookup(name) },
    check: ruleCheck(path, desiredFields),
    flags: ['recreates'],
  });
  if (ruleStatus(desired.body) !== 'ACTIVE') return;

  addLifecycleStep(context, {
    pair,
    objectPath: path,
    transition: 'activate',
    description: `Activate ${label}, as in the snapshot. Okta then adds the users its expression matches to its groups.`,
    dependsOn: [createKey],
  });
}

function planRuleDelete(pair: ResourcePair, live: SnapshotResource, context: PlanContext): void {
  const label = describeResource('group-rule', live.name);
  const path = `${RULES}/${live.id}`;
  const dependsOn: string[] = [];
  if (ruleStatus(live.body) === 'ACTIVE') {
    dependsOn.push(
      addLifecycleStep(context, {
        pair,
        objectPath: path,
        transition: 'deactivate',
        description: `Deactivate ${label}, which the snapshot does not have, before deleting it. Users keep the memberships it gave them.`,
        flags: ['deletes'],
      }),
    );
  }
  addDeleteStep(context, {
    pair,
    live,
    objectPath: path,
    requestPath: `${path}?removeUsers=false`,
    description: `Delete ${label}, which the snapshot does not have, with removeUsers=false: users keep the group memberships it gave them.`,
    dependsOn,
  });
}

function leaveInvalidDesiredRule(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  context.leaveInPlace({
    kind: 'group-rule',
    resourceId: pair.id,
    name: desired.name,
    paths: pair.pointers ?? [],
    reason: `${capitalize(describeResource('group-rule', desired.name))} was INVALID in the snapshot: a group it assigned users to had been deleted. Okta accepts no rule whose target group does not exist, so Butterfly does not restore it.`,
  });
}

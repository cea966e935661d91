import { stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { placeholderFor } from '../placeholders.js';
import type { CreateLookup, StepCheck } from '../restore-plan.js';
import { ruleStatus } from './directory-rules.js';
import { addLifecycleStep, addNameClashManual, describeResource, leafFieldsOf, liveNameHolder, pairName } from './directory-steps.js';

export const RULES = '/api/v1/groups/rules';
export const RULES_WHERE = 'Okta Admin Console → Directory → Groups → Rules';

/** Okta's maximum length of a group rule name (`GroupRule.name`, `maxLength: 50`). */
const MAX_RULE_NAME_LENGTH = 50;

/** A rule of the target org to bring to the writable fields and status of the snapshot. */
export interface RuleChange {
  pair: ResourcePair;
  live: SnapshotResource;
  /** The writable fields to send, with ids already in the target org's terms. */
  desiredFields: JsonObject;
  finalStatus: 'ACTIVE' | 'INACTIVE';
}

/** Finds a rule by its exact name. `search` matches part of the name, so the pointer makes it exact. */
export function ruleLookup(name: string): CreateLookup {
  return { path: `${RULES}?search=${encodeURIComponent(name)}`, pointer: '/name', value: name };
}

export function ruleCheck(path: string, sent: JsonObject): StepCheck {
  return { path, fields: leafFieldsOf(sent) };
}

/**
 * Returns the name a replacement rule is created under while the old rule still has the
 * snapshot's name, because Okta keeps group rule names unique. It is derived from the rule's id,
 * so the same plan always uses the same name and a resumed restore finds the rule by it.
 */
export function temporaryRuleName(ruleId: string): string {
  return `Butterfly restore ${ruleId}`.slice(0, MAX_RULE_NAME_LENGTH);
}

/**
 * Plans the replacement of a rule whose target groups must change, which Okta does not allow
 * on an existing rule. The new rule is created and activated before the old one is deactivated
 * and deleted with `removeUsers=false`, so users keep their memberships and the groups are never
 * without an active rule. While the old rule has the snapshot's name, the new one is created
 * under a temporary name and renamed (deactivate, PUT, activate) once the old one is gone.
 * An INVALID old rule does nothing and cannot be renamed, so it is deleted first instead.
 */
export function planRuleReplacement(change: RuleChange, context: PlanContext): void {
  const { pair, live, desiredFields } = change;
  const finalName = stringAt(desiredFields, '/name') ?? pairName(pair);
  const holder = liveNameHolder(context, 'group-rule', finalName, (body) => stringAt(body, '/name'), live.id);
  if (holder) {
    addNameClashManual(context, pair, holder, RULES_WHERE);
    return;
  }

  if (ruleStatus(live.body) === 'INVALID') planInvalidRuleReplacement(change, context);
  else planReplacementBeforeDelete(change, finalName, context);
}

function planReplacementBeforeDelete(change: RuleChange, finalName: string, context: PlanContext): void {
  const { pair, live, desiredFields } = change;
  const label = describeResource('group-rule', pairName(pair));
  const oldPath = `${RULES}/${context.targetId('group-rule', pair.id)}`;
  const newPath = `${RULES}/${placeholderFor('group-rule', pair.id)}`;
  const temporaryName = stringAt(live.body, '/name') === finalName ? temporaryRuleName(pair.id) : undefined;
  const createBody: JsonObject = { ...desiredFields, name: temporaryName ?? finalName };

  const renameNote = temporaryName
    ? ` It is created under the temporary name '${temporaryName}', because Okta rejects two rules with the same name, and renamed to '${finalName}' once the old rule is deleted.`
    : '';
  let last = context.addStep({
    kind: 'group-rule',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'create',
    keySuffix: 'replacement',
    description: `Create a new rule to replace ${label}, because Okta cannot change the groups a rule assigns users to.${renameNote}`,
    request: { method: 'POST', path: RULES, body: createBody },
    creates: { kind: 'group-rule', desiredId: pair.id, idPointer: '/id', lookup: ruleLookup(temporaryName ?? finalName) },
    check: ruleCheck(newPath, createBody),
    flags: ['replaces-rule'],
  });

  if (change.finalStatus === 'ACTIVE') {
    last = addLifecycleStep(context, {
      pair,
      objectPath: newPath,
      transition: 'activate',
      keySuffix: 'replacement',
      description: `Activate the new rule that replaces ${label}, so that it assigns matching users to the snapshot's groups.`,
      dependsOn: [last],
      flags: ['replaces-rule'],
    });
  }
  if (ruleStatus(live.body) === 'ACTIVE') {
    last = addLifecycleStep(context, {
      pair,
      objectPath: oldPath,
      transition: 'deactivate',
      keySuffix: 'replaced',
      description: `Deactivate the old ${label} so that it can be deleted. Users keep the memberships it gave them.`,
      dependsOn: [last],
      flags: ['replaces-rule'],
    });
  }
  last = addOldRuleDelete(change, oldPath, [last], `Delete the old ${label}, replaced by the new rule`, context);

  if (temporaryName) planRename(change, newPath, finalName, last, context);
}

/** Renames the replacement rule to the snapshot's name. An ACTIVE rule is deactivated around the edit. */
function planRename(change: RuleChange, newPath: string, finalName: string, after: string, context: PlanContext): void {
  const { pair, desiredFields } = change;
  const label = describeResource('group-rule', pairName(pair));
  let last = after;
  if (change.finalStatus === 'ACTIVE') {
    last = addLifecycleStep(context, {
      pair,
      objectPath: newPath,
      transition: 'deactivate',
      keySuffix: 'rename',
      description: `Deactivate the new rule for ${label} so that it can be renamed: Okta edits a rule only while it is INACTIVE. Users keep their memberships.`,
      dependsOn: [last],
      flags: ['replaces-rule'],
    });
  }
  const body: JsonObject = { ...desiredFields, name: finalName };
  last = context.addStep({
    kind: 'group-rule',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'update',
    keySuffix: 'rename',
    description: `Rename the new rule from its temporary name to '${finalName}', the name in the snapshot.`,
    request: { method: 'PUT', path: newPath, body },
    check: ruleCheck(newPath, body),
    dependsOn: [last],
    flags: ['replaces-rule'],
  });
  if (change.finalStatus === 'ACTIVE') {
    addLifecycleStep(context, {
      pair,
      objectPath: newPath,
      transition: 'activate',
      keySuffix: 'rename',
      description: `Activate the renamed ${label} again.`,
      dependsOn: [last],
      flags: ['replaces-rule'],
    });
  }
}

/**
 * Replaces an INVALID rule (one of its target groups was deleted). Okta lets an INVALID rule be
 * only read or deleted, and it assigns no one, so it is deleted first and the new rule is then
 * created under the snapshot's name.
 */
function planInvalidRuleReplacement(change: RuleChange, context: PlanContext): void {
  const { pair, desiredFields } = change;
  const label = describeResource('group-rule', pairName(pair));
  const oldPath = `${RULES}/${context.targetId('group-rule', pair.id)}`;
  const newPath = `${RULES}/${placeholderFor('group-rule', pair.id)}`;
  const name = stringAt(desiredFields, '/name') ?? pairName(pair);

  const deleteKey = addOldRuleDelete(change, oldPath, [], `Delete ${label}, which is INVALID in the target org because a group it assigned users to was deleted (Okta lets an INVALID rule only be read or deleted)`, context);
  const createKey = context.addStep({
    kind: 'group-rule',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'create',
    keySuffix: 'replacement',
    description: `Create ${label} again as a new rule with the snapshot's target groups, in place of the INVALID one.`,
    request: { method: 'POST', path: RULES, body: desiredFields },
    creates: { kind: 'group-rule', desiredId: pair.id, idPointer: '/id', lookup: ruleLookup(name) },
    check: ruleCheck(newPath, desiredFields),
    dependsOn: [deleteKey],
    flags: ['replaces-rule'],
  });
  if (change.finalStatus !== 'ACTIVE') return;

  addLifecycleStep(context, {
    pair,
    objectPath: newPath,
    transition: 'activate',
    keySuffix: 'replacement',
    description: `Activate the new ${label}, so that it assigns matching users to the snapshot's groups.`,
    dependsOn: [createKey],
    flags: ['replaces-rule'],
  });
}

/** Deletes the rule being replaced with `removeUsers=false`, so that users keep the memberships it gave them. */
function addOldRuleDelete(change: RuleChange, oldPath: string, dependsOn: string[], what: string, context: PlanContext): string {
  return context.addStep({
    kind: 'group-rule',
    resourceId: change.pair.id,
    name: pairName(change.pair),
    action: 'delete',
    keySuffix: 'replaced',
    description: `${what}, with removeUsers=false: users keep the group memberships it gave them.`,
    request: { method: 'DELETE', path: `${oldPath}?removeUsers=false` },
    check: { path: oldPath, fields: [], absent: true },
    dependsOn,
    flags: ['replaces-rule'],
  });
}

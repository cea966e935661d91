import { pointerOf, pointerTokens } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { memberRecords, recordId, targetUserIdOf, userLabel } from './directory-members.js';
import { activeRulesAssigning, ruleVerdict } from './directory-rules.js';
import { capitalize, describeResource, listForMessage, pairName } from './directory-steps.js';
import { groupTypeOf } from './group-planner.js';

const GROUPS = '/api/v1/groups';

/**
 * Plans the members of a group (`group-members`, whose id is the group's): adds the users the
 * snapshot has and the org lacks, and with deletes allowed removes the others. Users that a
 * group rule ACTIVE in the snapshot assigns to the group are left to the rule: Okta adds them
 * back when the rule is activated, and a direct membership would outlive the rule.
 * NOTE: a rule that is already ACTIVE in the target org and not reactivated by the plan does not
 * run again for existing users, so a matching user missing from the group stays missing until
 * their profile changes.
 */
export const groupMembersPlanner: KindPlanner = {
  kind: 'group-members',
  plan(pair, context) {
    if (!pair.desired) {
      leaveMembersOfExtraGroup(pair, context);
      return;
    }
    const group = groupOf(pair, context);
    const type = groupTypeOf(group) ?? 'OKTA_GROUP';
    if (type !== 'OKTA_GROUP') {
      reportUnwritableMembers(pair, groupLabelOf(pair, group), type, context);
      return;
    }
    planMembers(pair, pair.desired, groupLabelOf(pair, group), context);
  },
};

/** A member to add or remove, with its id in the target org. */
interface MemberChange {
  userId: string;
  record: JsonObject;
}

function planMembers(pair: ResourcePair, desired: SnapshotResource, groupLabel: string, context: PlanContext): void {
  const groupId = context.targetId('group', pair.id);
  const liveRecords = memberRecords(pair.live?.body);
  const liveIds = new Set(liveRecords.map(recordId));
  const rules = activeRulesAssigning(context, pair.id);

  const desiredUserIds = new Set<string>();
  const unmatched: string[] = [];
  const leftToRules = new Map<string, string[]>();
  for (const record of memberRecords(desired.body)) {
    const userId = targetUserIdOf(context, recordId(record));
    if (userId === undefined) {
      if (userInScope(pair, recordId(record))) unmatched.push(userLabel(record));
      continue;
    }
    desiredUserIds.add(userId);
    if (liveIds.has(userId) || !userInScope(pair, recordId(record))) continue;

    const rule = rules.find((candidate) => ruleVerdict(context, candidate.body, record) === 'assigned');
    if (rule) leftToRules.set(rule.name, [...(leftToRules.get(rule.name) ?? []), userLabel(record)]);
    else addMember(pair, groupId, groupLabel, { userId, record }, context);
  }

  warnUnmatched(pair, groupLabel, unmatched, context);
  warnLeftToRules(pair, groupLabel, leftToRules, context);

  const extras = liveRecords.filter((record) => !desiredUserIds.has(recordId(record)) && userInScope(pair, recordId(record)));
  planExtraMembers(pair, groupId, groupLabel, extras, rules, context);
}

function addMember(pair: ResourcePair, groupId: string, groupLabel: string, change: MemberChange, context: PlanContext): void {
  context.addStep({
    kind: 'group-members',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'add-member',
    keySuffix: change.userId,
    description: `Add ${userLabel(change.record)} to ${groupLabel}.`,
    request: { method: 'PUT', path: `${GROUPS}/${groupId}/users/${change.userId}` },
  });
}

/**
 * Plans the removal of members the snapshot lacks. A member that a desired ACTIVE rule assigns,
 * or may assign when its expression cannot be evaluated, is never removed.
 */
function planExtraMembers(pair: ResourcePair, groupId: string, groupLabel: string, extras: JsonObject[], rules: SnapshotResource[], context: PlanContext): void {
  const removable: JsonObject[] = [];
  for (const record of extras) {
    const rule = rules.find((candidate) => ruleVerdict(context, candidate.body, record) !== 'not-assigned');
    if (!rule) {
      removable.push(record);
      continue;
    }
    context.leaveInPlace({
      kind: 'group-members',
      resourceId: pair.id,
      name: pairName(pair),
      paths: [pointerOf(recordId(record))],
      reason: `${capitalize(userLabel(record))} stays in ${groupLabel}: group rule '${rule.name}', ACTIVE in the snapshot, assigns this user to the group (or may: its expression cannot be evaluated from the snapshot).`,
    });
  }
  if (removable.length === 0) return;

  const blocked = !context.options.allowDeletes
    ? 'deletes are off. Run the restore with --allow-deletes to remove them'
    : !context.sectionComplete('group-members')
      ? 'the group-members section was not captured complete on both sides. Capture both sides again before removing members'
      : undefined;
  if (blocked !== undefined) {
    context.leaveInPlace({
      kind: 'group-members',
      resourceId: pair.id,
      name: pairName(pair),
      paths: removable.map((record) => pointerOf(recordId(record))),
      reason: `${removable.length} member(s) of ${groupLabel} are not in the snapshot (${listForMessage(removable.map(userLabel))}), and ${blocked}.`,
    });
    return;
  }

  for (const record of removable) {
    context.addStep({
      kind: 'group-members',
      resourceId: pair.id,
      name: pairName(pair),
      action: 'remove-member',
      keySuffix: recordId(record),
      description: `Remove ${userLabel(record)} from ${groupLabel}: the snapshot does not have this membership.`,
      request: { method: 'DELETE', path: `${GROUPS}/${groupId}/users/${recordId(record)}` },
      flags: ['deletes'],
    });
  }
}

/**
 * Tells whether a user's membership is in scope: always for the whole resource, and for a field
 * scope when a pointer names the user's id (members compare as a set keyed by id).
 */
function userInScope(pair: ResourcePair, userId: string): boolean {
  if (pair.pointers === undefined) return true;
  return pair.pointers.some((pointer) => {
    const [first] = pointerTokens(pointer);
    return first === undefined || first === userId;
  });
}

function warnUnmatched(pair: ResourcePair, groupLabel: string, unmatched: string[], context: PlanContext): void {
  if (unmatched.length === 0) return;
  context.warn({
    code: 'member-not-in-target-org',
    message: `${unmatched.length} member(s) of ${groupLabel} in the snapshot have no user with the same login in the target org, so they are not added: ${listForMessage(unmatched)}. Create these users in the target org (or check their logins), capture it again and plan the restore again.`,
    kind: 'group-members',
    resourceId: pair.id,
  });
}

function warnLeftToRules(pair: ResourcePair, groupLabel: string, leftToRules: Map<string, string[]>, context: PlanContext): void {
  for (const [ruleName, users] of leftToRules) {
    context.warn({
      code: 'members-left-to-rule',
      message: `${users.length} member(s) of ${groupLabel} are not added directly, because group rule '${ruleName}' assigns them and Okta adds them back when the rule is active: ${listForMessage(users)}.`,
      kind: 'group-members',
      resourceId: pair.id,
    });
  }
}

function leaveMembersOfExtraGroup(pair: ResourcePair, context: PlanContext): void {
  if (!pair.live) return;
  context.leaveInPlace({
    kind: 'group-members',
    resourceId: pair.id,
    name: pair.live.name,
    paths: [],
    reason: 'The snapshot does not have this group, so its members follow what the plan does with the group itself.',
  });
}

/** Reports membership differences of a group that Okta does not let the API change. */
function reportUnwritableMembers(pair: ResourcePair, groupLabel: string, type: string, context: PlanContext): void {
  if (type === 'APP_GROUP') {
    context.addManual({
      kind: 'group-members',
      resourceId: pair.id,
      name: pairName(pair),
      title: `Restore the members of ${groupLabel} at its source`,
      where: 'The directory or app the group is imported from, then Okta Admin Console → Directory → Directory Integrations (or the app’s Import tab)',
      instructions: [
        `${capitalize(groupLabel)} has type APP_GROUP: its members come from a directory or app import, and the API cannot change them.`,
        'Change the membership at the source to match the snapshot, then run an import in Okta.',
      ],
      blocksVerification: true,
    });
    return;
  }
  context.leaveInPlace({
    kind: 'group-members',
    resourceId: pair.id,
    name: pairName(pair),
    paths: [],
    reason: `${capitalize(groupLabel)} has type ${type}: Okta manages its members itself.`,
  });
}

/** Returns the group whose members these are: from the snapshot, else from the target org. */
function groupOf(pair: ResourcePair, context: PlanContext): SnapshotResource | undefined {
  return context.desired.get('group', pair.id) ?? (pair.live ? context.live.get('group', pair.live.id) : undefined);
}

function groupLabelOf(pair: ResourcePair, group: SnapshotResource | undefined): string {
  return describeResource('group', group?.name ?? pairName(pair));
}

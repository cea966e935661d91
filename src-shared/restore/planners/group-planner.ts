import { objectAt, stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject, JsonValue } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import {
  addDeleteStep,
  addNameClashManual,
  capitalize,
  checkFieldsOf,
  describeResource,
  leafFieldsOf,
  leaveReadOnlyDifferences,
  liveNameHolder,
  pairName,
  planExtraObject,
  sameAfterNoise,
  scopedBody,
} from './directory-steps.js';

const GROUPS = '/api/v1/groups';
const WHERE = 'Okta Admin Console → Directory → Groups';

/** Top-level fields of a group that Okta sets itself. Only `profile` can be written. */
const GROUP_READ_ONLY = ['id', 'created', 'lastUpdated', 'lastMembershipUpdated', 'objectClass', 'type', '_embedded', '_links'];

/** Read-only fields whose difference is not reported: the id differs in another org, and the rest are noise. */
const GROUP_IGNORED = ['id', 'lastUpdated', 'lastMembershipUpdated', '_embedded', '_links'];

/**
 * Plans groups. Only an `OKTA_GROUP` can be written: its profile through PUT, and a deleted one
 * comes back through POST with a new id. An `APP_GROUP` comes from a directory or app import,
 * and a `BUILT_IN` group (Everyone) is Okta's own, so their differences are manual steps or
 * left in place.
 */
export const groupPlanner: KindPlanner = {
  kind: 'group',
  plan(pair, context) {
    if (pair.desired && pair.live) planGroupUpdate(pair, pair.desired, pair.live, context);
    else if (pair.desired) planGroupCreate(pair, pair.desired, context);
    else planGroupExtra(pair, context);
  },
};

/** Returns a group's type, which is `OKTA_GROUP` for groups made in Okta. */
export function groupTypeOf(group: SnapshotResource | undefined): string | undefined {
  return group ? stringAt(group.body, '/type') : undefined;
}

function planGroupUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  leaveReadOnlyDifferences(pair, context, GROUP_READ_ONLY, GROUP_IGNORED);
  const desiredFields = objectAt(scopedBody(pair, desired.body, live.body), '/profile');
  const current = objectAt(live.body, '/profile');
  if (sameAfterNoise('group', desiredFields, current)) return;

  const type = groupTypeOf(live);
  if (type !== 'OKTA_GROUP') {
    reportUnwritableProfile(pair, live, type, context);
    return;
  }

  const name = stringAt(desiredFields, '/name');
  const holder = name === undefined ? undefined : liveNameHolder(context, 'group', name, oktaGroupName, live.id);
  if (holder) {
    addNameClashManual(context, pair, holder, WHERE);
    return;
  }

  const path = `${GROUPS}/${context.targetId('group', pair.id)}`;
  const body: JsonObject = { profile: desiredFields };
  context.addStep({
    kind: 'group',
    resourceId: pair.id,
    name: pairName(pair),
    action: 'update',
    description: `Replace the profile (name and description) of ${describeResource('group', pairName(pair))} with the one in the snapshot.`,
    request: { method: 'PUT', path, body },
    check: { path, fields: checkFieldsOf(body, pair) },
  });
}

function planGroupCreate(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const type = groupTypeOf(desired) ?? 'OKTA_GROUP';
  if (type !== 'OKTA_GROUP') {
    addMissingGroupManual(pair, desired, type, context);
    return;
  }

  const profile = objectAt(desired.body, '/profile');
  const groupName = stringAt(profile, '/name') ?? desired.name;
  const holder = liveNameHolder(context, 'group', groupName, oktaGroupName, undefined);
  if (holder) {
    addNameClashManual(context, pair, holder, WHERE);
    return;
  }

  const body: JsonObject = { profile };
  context.addStep({
    kind: 'group',
    resourceId: pair.id,
    name: desired.name,
    action: 'create',
    description: `Create ${describeResource('group', desired.name)} again: it was deleted, so it comes back with a new id, and the rules, assignments and push mappings in the plan that name it use the new one.`,
    request: { method: 'POST', path: GROUPS, body },
    creates: {
      kind: 'group',
      desiredId: pair.id,
      idPointer: '/id',
      lookup: { path: `${GROUPS}?search=${encodeURIComponent(oktaGroupSearch(groupName))}`, pointer: '/profile/name', value: groupName },
    },
    check: { path: `${GROUPS}/${context.targetId('group', pair.id)}`, fields: leafFieldsOf(body) },
    flags: ['recreates'],
  });
}

function planGroupExtra(pair: ResourcePair, context: PlanContext): void {
  const live = pair.live;
  if (!live) return;
  const type = groupTypeOf(live);
  if (type !== 'OKTA_GROUP') {
    context.leaveInPlace({
      kind: 'group',
      resourceId: pair.id,
      name: live.name,
      paths: [],
      reason:
        type === 'BUILT_IN'
          ? `${capitalize(describeResource('group', live.name))} is Okta's own and cannot be deleted.`
          : `${capitalize(describeResource('group', live.name))} has type ${String(type)}: it comes from a directory or app import, which would bring it back. Remove it at its source.`,
    });
    return;
  }

  planExtraObject(pair, context, () => {
    addDeleteStep(context, {
      pair,
      live,
      objectPath: `${GROUPS}/${live.id}`,
      description: `Delete ${describeResource('group', live.name)}, which the snapshot does not have. Okta removes its members, app assignments and push mappings with it, and the group rules that assign users to it become INVALID.`,
    });
  });
}

/** Reports a profile difference of a group that only its source can change. */
function reportUnwritableProfile(pair: ResourcePair, live: SnapshotResource, type: string | undefined, context: PlanContext): void {
  const label = describeResource('group', pairName(pair));
  if (type === 'APP_GROUP') {
    context.addManual({
      kind: 'group',
      resourceId: pair.id,
      name: pairName(pair),
      title: `Change the profile of ${label} at its source`,
      where: 'The directory or app the group is imported from, then Okta Admin Console → Directory → Directory Integrations (or the app’s Import tab)',
      instructions: [
        `${capitalize(label)} has type APP_GROUP: Okta imports it from a directory or an app, and its profile cannot be written through the API.`,
        `Set its name to '${String(stringAt(pair.desired?.body ?? null, '/profile/name'))}' and its description as in the snapshot in the source, then run an import in Okta.`,
      ],
      blocksVerification: true,
    });
    return;
  }
  context.leaveInPlace({
    kind: 'group',
    resourceId: pair.id,
    name: live.name,
    paths: ['/profile'],
    reason: `${capitalize(label)} has type ${String(type)}, whose profile Okta does not let anyone change.`,
  });
}

function addMissingGroupManual(pair: ResourcePair, desired: SnapshotResource, type: string, context: PlanContext): void {
  const label = describeResource('group', desired.name);
  const fromImport = type === 'APP_GROUP';
  context.addManual({
    kind: 'group',
    resourceId: pair.id,
    name: desired.name,
    title: fromImport ? `Import ${label} again` : `Find Okta's built-in ${label}`,
    where: fromImport ? 'Okta Admin Console → Directory → Directory Integrations, or the Import tab of the app the group comes from' : WHERE,
    instructions: fromImport
      ? [
          `${capitalize(label)} has type APP_GROUP: it came from a directory or app import, and the API cannot create it.`,
          'Make sure the group exists at its source and run an import, then plan the restore again so that rules, assignments and members that name it can be restored.',
        ]
      : [
          `${capitalize(label)} has type BUILT_IN: Okta creates it itself, and the API cannot create it.`,
          'Check that the target org is the one intended; every Okta org has its built-in groups.',
        ],
    blocksVerification: true,
  });
}

/**
 * Returns the `search` expression that finds the `OKTA_GROUP` with this exact name. An app group
 * may have the same name (an imported copy of a pushed group), and `q` would also return it
 * and every group whose name starts with the same text.
 */
function oktaGroupSearch(name: string): string {
  return `type eq "OKTA_GROUP" and profile.name eq "${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Returns the name of an `OKTA_GROUP`, the only type whose names Okta keeps unique. */
function oktaGroupName(body: JsonValue): string | undefined {
  return stringAt(body, '/type') === 'OKTA_GROUP' ? stringAt(body, '/profile/name') : undefined;
}

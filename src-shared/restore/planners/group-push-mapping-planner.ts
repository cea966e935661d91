import { stringAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import type { CreateLookup } from '../restore-plan.js';
import {
  appLabel,
  changedPointers,
  deletesAllowed,
  existingTargetId,
  fieldInScope,
  labelOf,
  leaveExtra,
  leaveForMissingApp,
  quotedLabel,
  splitOwnedId,
} from './app-planner-support.js';

/**
 * Plans the group push mappings of an app (`<appId>/<mappingId>`): which Okta group is pushed to
 * which Atlassian group. A mapping's groups are fixed, so only its status is updated. A missing
 * mapping is created anew with a new id. An extra one is deactivated and deleted, and the
 * Atlassian group stays.
 */
export const groupPushMappingPlanner: KindPlanner = {
  kind: 'group-push-mapping',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { appId } = splitOwnedId(pair.kind, pair.id);
    const { desired, live } = pair;
    if (desired === undefined) {
      if (live !== undefined) planExtra(pair, context, live, appId);
      return;
    }

    const liveAppId = existingTargetId(context, 'app', appId);
    if (liveAppId === undefined) leaveForMissingApp(context, pair, appId);
    else if (live === undefined) planCreate(pair, context, desired, { appId, liveAppId });
    else planStatus(pair, context, desired, live, { appId, liveAppId });
  },
};

interface PushIds {
  appId: string;
  liveAppId: string;
}

function groupLabel(context: PlanContext, groupId: string | undefined): string {
  if (groupId === undefined) return '(unknown group)';
  return context.desired.get('group', groupId)?.name ?? context.live.get('group', groupId)?.name ?? groupId;
}

/** Okta pushes groups only for an app whose provisioning connection is enabled. */
function provisioningEnabled(context: PlanContext, liveAppId: string): boolean {
  return stringAt(context.live.get('app-provisioning', liveAppId)?.body, '/status') === 'ENABLED';
}

function addProvisioningFirst(pair: ResourcePair, context: PlanContext, appId: string, blockedAction: string): void {
  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    title: `Enable provisioning of app ${quotedLabel(appLabel(context, appId))}, then restore its group push`,
    where: `Okta Admin Console → Applications → ${appLabel(context, appId)} → Provisioning → Integration`,
    instructions: [
      `Okta pushes groups only while the app's provisioning connection is enabled, and it is not in the target org, so the plan cannot ${blockedAction}.`,
      "Enable the connection as the manual step for the app's provisioning describes, then restore this group push mapping again.",
    ],
    blocksVerification: true,
  });
}

/** Creates the mapping again. The Atlassian group is named by id while the target org has it, else by name, which links to or creates it. */
function planCreate(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, ids: PushIds): void {
  const sourceId = stringAt(desired.body, '/sourceGroupId') ?? '';
  const targetId = stringAt(desired.body, '/targetGroupId');
  const status = stringAt(desired.body, '/status') ?? 'ACTIVE';
  const source = quotedLabel(groupLabel(context, sourceId));
  if (!provisioningEnabled(context, ids.liveAppId)) {
    addProvisioningFirst(pair, context, ids.appId, `push group ${source} again`);
    return;
  }

  const sourceGroupId = context.targetId('group', sourceId);
  const liveTargetId = targetId === undefined ? undefined : existingTargetId(context, 'group', targetId);
  const body: JsonObject = { sourceGroupId };
  if (liveTargetId !== undefined) body['targetGroupId'] = liveTargetId;
  else body['targetGroupName'] = groupLabel(context, targetId);
  body['status'] = status;

  const listPath = `/api/v1/apps/${ids.liveAppId}/group-push/mappings`;
  const lookup: CreateLookup = { path: `${listPath}?sourceGroupId=${sourceGroupId}`, pointer: '/sourceGroupId', value: sourceGroupId };
  const fields = [
    { pointer: '/0/sourceGroupId', value: sourceGroupId },
    { pointer: '/0/status', value: status },
    ...(liveTargetId === undefined ? [] : [{ pointer: '/0/targetGroupId', value: liveTargetId }]),
  ];
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'create',
    description: `Push group ${source} to the Atlassian group ${quotedLabel(groupLabel(context, targetId))} of app ${quotedLabel(appLabel(context, ids.appId))} again (${status}); the mapping gets a new id.`,
    request: { method: 'POST', path: listPath, body },
    creates: { kind: pair.kind, desiredId: pair.id, idPointer: '/id', lookup },
    check: { path: lookup.path, fields },
    flags: ['recreates'],
  });
}

/** Sets the status of the snapshot; the other fields of a mapping cannot change. */
function planStatus(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, live: SnapshotResource, ids: PushIds): void {
  const fixed = changedPointers(pair.kind, live.body, desired.body).filter((pointer) => pointer !== '/status' && fieldInScope(pair, pointer));
  if (fixed.length > 0) {
    context.leaveInPlace({
      kind: pair.kind,
      resourceId: pair.id,
      name: labelOf(pair),
      paths: fixed,
      reason: 'The groups of a group push mapping are fixed when it is created. To push another group, delete the mapping and create a new one in the Okta Admin Console.',
    });
  }

  const status = stringAt(desired.body, '/status');
  if (!fieldInScope(pair, '/status') || status === undefined || status === stringAt(live.body, '/status')) return;
  const source = quotedLabel(groupLabel(context, stringAt(desired.body, '/sourceGroupId')));
  if (status === 'ACTIVE' && !provisioningEnabled(context, ids.liveAppId)) {
    addProvisioningFirst(pair, context, ids.appId, `activate the push of group ${source}`);
    return;
  }

  const path = `/api/v1/apps/${ids.liveAppId}/group-push/mappings/${splitOwnedId(pair.kind, live.id).childId}`;
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: status === 'ACTIVE' ? 'activate' : 'deactivate',
    description:
      status === 'ACTIVE'
        ? `Resume pushing group ${source} to Atlassian.`
        : `Stop pushing group ${source} to Atlassian; the Atlassian group and its members stay as they are.`,
    request: { method: 'PATCH', path, body: { status } },
    check: { path, fields: [{ pointer: '/status', value: status }] },
  });
}

/**
 * Deletes an extra mapping, only with deletes allowed. Okta deletes a mapping only while it is
 * INACTIVE, so it is deactivated first. `deleteTargetGroup=false` keeps the Atlassian group.
 */
function planExtra(pair: ResourcePair, context: PlanContext, live: SnapshotResource, liveAppId: string): void {
  const source = quotedLabel(groupLabel(context, stringAt(live.body, '/sourceGroupId')));
  const consequence = `Okta stops pushing group ${source} to Atlassian; the Atlassian group stays, and its members no longer follow the Okta group`;
  if (!deletesAllowed(context, pair.kind)) {
    leaveExtra(context, pair, `The push of group ${source} to Atlassian`, consequence);
    return;
  }

  const path = `/api/v1/apps/${liveAppId}/group-push/mappings/${splitOwnedId(pair.kind, pair.id).childId}`;
  const dependsOn: string[] = [];
  if (stringAt(live.body, '/status') !== 'INACTIVE') {
    dependsOn.push(
      context.addStep({
        kind: pair.kind,
        resourceId: pair.id,
        name: labelOf(pair),
        action: 'deactivate',
        description: `Stop pushing group ${source} to Atlassian, so that its mapping, which the snapshot does not have, can be deleted.`,
        request: { method: 'PATCH', path, body: { status: 'INACTIVE' } },
        check: { path, fields: [{ pointer: '/status', value: 'INACTIVE' }] },
        flags: ['deletes'],
      }),
    );
  }
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'delete',
    description: `Delete the push mapping of group ${source}, which the snapshot does not have, keeping the Atlassian group: ${consequence}.`,
    request: { method: 'DELETE', path: `${path}?deleteTargetGroup=false` },
    check: { path, fields: [], absent: true },
    dependsOn,
    flags: ['deletes'],
  });
}

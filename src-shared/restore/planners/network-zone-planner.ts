import { stringAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { omitKeys } from '../request-body.js';
import {
  addDeleteStep,
  addLifecycleStep,
  addNameClashManual,
  capitalize,
  checkFieldsOf,
  describeResource,
  fieldInScope,
  leafFieldsOf,
  leaveReadOnlyDifferences,
  liveNameHolder,
  pairName,
  planExtraObject,
  sameAfterNoise,
  scopedBody,
} from './directory-steps.js';

const ZONES = '/api/v1/zones';
const WHERE = 'Okta Admin Console → Security → Networks';

/**
 * Fields a zone body never sends: Okta sets them itself, and `status` changes only through the
 * lifecycle operations.
 */
const ZONE_READ_ONLY = ['id', 'created', 'lastUpdated', '_links', 'system', 'status'];

/** Read-only fields whose difference is not reported: the id differs in another org, the rest are noise or planned apart. */
const ZONE_IGNORED = ['id', 'lastUpdated', '_links', 'status'];

/**
 * Plans network zones. An existing zone gets a PUT of the writable fields and a lifecycle step
 * for the status, a deleted one a POST, and an extra one, with deletes allowed, a deactivation
 * then a DELETE. Okta's system zones can be modified but neither created nor deleted, and the
 * type of a zone cannot change.
 */
export const networkZonePlanner: KindPlanner = {
  kind: 'network-zone',
  plan(pair, context) {
    if (pair.desired && pair.live) planZoneUpdate(pair, pair.desired, pair.live, context);
    else if (pair.desired) planZoneCreate(pair, pair.desired, context);
    else planExtraObject(pair, context, (live) => planZoneDelete(pair, live, context));
  },
};

function planZoneUpdate(pair: ResourcePair, desired: SnapshotResource, live: SnapshotResource, context: PlanContext): void {
  const path = `${ZONES}/${context.targetId('network-zone', pair.id)}`;
  const desiredFields = omitKeys(scopedBody(pair, desired.body, live.body), ZONE_READ_ONLY);
  const current = omitKeys(live.body, ZONE_READ_ONLY);
  leaveReadOnlyDifferences(pair, context, ZONE_READ_ONLY, ZONE_IGNORED);

  if (stringAt(desiredFields, '/type') !== stringAt(current, '/type')) {
    addTypeChangeManual(pair, desiredFields, current, context);
    return;
  }

  const dependsOn: string[] = [];
  if (!sameAfterNoise('network-zone', desiredFields, current)) {
    const key = context.addStep({
      kind: 'network-zone',
      resourceId: pair.id,
      name: pairName(pair),
      action: 'update',
      description: `Replace the settings of ${describeResource('network-zone', pairName(pair))} with those in the snapshot.`,
      request: { method: 'PUT', path, body: desiredFields },
      check: { path, fields: checkFieldsOf(desiredFields, pair) },
    });
    dependsOn.push(key);
  }

  const desiredStatus = stringAt(desired.body, '/status');
  const liveStatus = stringAt(live.body, '/status');
  if (fieldInScope(pair, '/status') && desiredStatus !== liveStatus && isZoneStatus(desiredStatus)) {
    planStatusChange(pair, path, desiredStatus, dependsOn, context);
  }
}

function planZoneCreate(pair: ResourcePair, desired: SnapshotResource, context: PlanContext): void {
  const name = desired.name;
  if (isSystemZone(desired.body)) {
    addSystemZoneManual(pair, context);
    return;
  }
  const zoneName = stringAt(desired.body, '/name') ?? name;
  const holder = liveNameHolder(context, 'network-zone', zoneName, (body) => stringAt(body, '/name'), undefined);
  if (holder) {
    addNameClashManual(context, pair, holder, WHERE);
    return;
  }

  const body = omitKeys(desired.body, ZONE_READ_ONLY);
  const path = `${ZONES}/${context.targetId('network-zone', pair.id)}`;
  const createKey = context.addStep({
    kind: 'network-zone',
    resourceId: pair.id,
    name,
    action: 'create',
    description: `Create ${describeResource('network-zone', name)} again: it was deleted, so it comes back with a new id and the policy rules that name it use the new one.`,
    request: { method: 'POST', path: ZONES, body },
    creates: { kind: 'network-zone', desiredId: pair.id, idPointer: '/id', lookup: { path: ZONES, pointer: '/name', value: zoneName } },
    check: { path, fields: leafFieldsOf(body) },
    flags: ['recreates'],
  });

  // Okta creates a zone ACTIVE when the request names no status.
  if (stringAt(desired.body, '/status') === 'INACTIVE') planStatusChange(pair, path, 'INACTIVE', [createKey], context);
}

function planZoneDelete(pair: ResourcePair, live: SnapshotResource, context: PlanContext): void {
  const label = describeResource('network-zone', live.name);
  if (isSystemZone(live.body)) {
    context.leaveInPlace({
      kind: 'network-zone',
      resourceId: pair.id,
      name: live.name,
      paths: [],
      reason: `${capitalize(label)} is one of Okta's system zones, which cannot be deleted.`,
    });
    return;
  }

  const path = `${ZONES}/${live.id}`;
  const dependsOn: string[] = [];
  if (stringAt(live.body, '/status') === 'ACTIVE') {
    dependsOn.push(
      addLifecycleStep(context, {
        pair,
        objectPath: path,
        transition: 'deactivate',
        description: `Deactivate ${label}, which the snapshot does not have, because Okta deletes only inactive zones.`,
        flags: ['deletes'],
      }),
    );
  }
  addDeleteStep(context, {
    pair,
    live,
    objectPath: path,
    description: `Delete ${label}, which the snapshot does not have. Okta rejects this while a policy or policy rule still names the zone.`,
    dependsOn,
  });
}

function planStatusChange(pair: ResourcePair, path: string, status: 'ACTIVE' | 'INACTIVE', dependsOn: string[], context: PlanContext): void {
  const label = describeResource('network-zone', pairName(pair));
  addLifecycleStep(context, {
    pair,
    objectPath: path,
    transition: status === 'ACTIVE' ? 'activate' : 'deactivate',
    description: status === 'ACTIVE' ? `Activate ${label}, as in the snapshot.` : `Deactivate ${label}, as in the snapshot.`,
    dependsOn,
  });
}

function addTypeChangeManual(pair: ResourcePair, desiredFields: JsonValue, current: JsonValue, context: PlanContext): void {
  const label = describeResource('network-zone', pairName(pair));
  context.addManual({
    kind: 'network-zone',
    resourceId: pair.id,
    name: pairName(pair),
    title: `Recreate ${label} as a ${String(stringAt(desiredFields, '/type'))} zone`,
    where: WHERE,
    instructions: [
      `The snapshot has ${label} as a ${String(stringAt(desiredFields, '/type'))} zone, and the target org has it as a ${String(stringAt(current, '/type'))} zone. Okta cannot change the type of a zone.`,
      `Create a ${String(stringAt(desiredFields, '/type'))} zone with the snapshot's settings, point the policy rules that name the zone at the new one, then deactivate and delete the old zone.`,
    ],
    blocksVerification: true,
  });
}

function addSystemZoneManual(pair: ResourcePair, context: PlanContext): void {
  const label = describeResource('network-zone', pairName(pair));
  context.addManual({
    kind: 'network-zone',
    resourceId: pair.id,
    name: pairName(pair),
    title: `Check the system zone ${pairName(pair)}`,
    where: WHERE,
    instructions: [
      `${capitalize(label)} is one of Okta's system zones, which Okta creates itself and the API cannot create.`,
      'Find the zone in the target org (Okta may show it under another name) and set its gateways and proxies by hand to those in the snapshot.',
    ],
    blocksVerification: true,
  });
}

function isSystemZone(body: JsonValue): boolean {
  return isJsonObject(body) && body['system'] === true;
}

function isZoneStatus(value: string | undefined): value is 'ACTIVE' | 'INACTIVE' {
  return value === 'ACTIVE' || value === 'INACTIVE';
}

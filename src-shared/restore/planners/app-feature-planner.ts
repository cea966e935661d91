import { isUnder, valueAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { cloneJson, withValueAt } from '../request-body.js';
import {
  appLabel,
  changedPointers,
  describePointers,
  existingTargetId,
  expectedFields,
  fieldInScope,
  labelOf,
  leaveForMissingApp,
  quotedLabel,
  splitOwnedId,
} from './app-planner-support.js';

/** Features whose capabilities `PUT /api/v1/apps/{appId}/features/{name}` accepts, per Okta's spec (release 2026.06.3). */
const WRITABLE_FEATURES: ReadonlySet<string> = new Set(['USER_PROVISIONING', 'INBOUND_PROVISIONING']);

const CAPABILITIES = '/capabilities';

/**
 * Plans an app's provisioning features (`<appId>/<featureName>`). The update endpoint merges the
 * capabilities it is sent into the feature, so a capability can be changed but not removed, and
 * the feature's `status` follows its capabilities.
 */
export const appFeaturePlanner: KindPlanner = {
  kind: 'app-feature',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { appId, childId: featureName } = splitOwnedId(pair.kind, pair.id);
    const { desired, live } = pair;
    if (desired === undefined) {
      leaveWhole(pair, context, 'Okta lists the features of an app while its provisioning is on, and no API removes one. Turning provisioning off, by hand, removes them.');
      return;
    }

    const liveAppId = existingTargetId(context, 'app', appId);
    if (liveAppId === undefined) leaveForMissingApp(context, pair, appId);
    else if (live === undefined) addProvisioningFirst(pair, context, appId, featureName);
    else if (!WRITABLE_FEATURES.has(featureName)) leaveWhole(pair, context, `Okta has no API to write the ${featureName} feature of an app.`);
    else planUpdate(pair, context, desired, live, { appId, liveAppId, featureName });
  },
};

function leaveWhole(pair: ResourcePair, context: PlanContext, reason: string): void {
  context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths: [], reason });
}

function leaveFields(pair: ResourcePair, context: PlanContext, paths: string[], reason: string): void {
  if (paths.length > 0) context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths, reason });
}

/** Okta creates the features of an app along with its provisioning connection, which only a person can set up for Atlassian. */
function addProvisioningFirst(pair: ResourcePair, context: PlanContext, appId: string, featureName: string): void {
  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    title: `Turn on provisioning of app ${quotedLabel(appLabel(context, appId))}, then restore its ${featureName} feature`,
    where: `Okta Admin Console → Applications → ${appLabel(context, appId)} → Provisioning`,
    instructions: [
      `Okta creates the ${featureName} feature when the provisioning connection is set up, and no API creates it: set up the connection first (see the manual step for the app's provisioning).`,
      `Then restore the ${featureName} feature again from this snapshot, or set its options in the Provisioning → To App tab as the snapshot has them.`,
    ],
    blocksVerification: true,
  });
}

interface FeatureIds {
  appId: string;
  liveAppId: string;
  featureName: string;
}

function planUpdate(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, live: SnapshotResource, ids: FeatureIds): void {
  const changed = changedPointers(pair.kind, live.body, desired.body).filter((pointer) => fieldInScope(pair, pointer));
  const capabilityChanges = changed.filter((pointer) => isUnder(pointer, CAPABILITIES));
  const removed = capabilityChanges.filter((pointer) => isUnset(valueAt(desired.body, pointer)));
  const writes = capabilityChanges.filter((pointer) => !removed.includes(pointer));

  leaveFields(pair, context, removed, 'The feature update merges what it is sent, so a capability the snapshot lacks cannot be removed. Change it in the Provisioning → To App tab of the app.');
  const other = changed.filter((pointer) => !isUnder(pointer, CAPABILITIES));
  leaveFields(pair, context, other, "Okta sets these fields of a feature itself: its status follows its capabilities, and its name and description are fixed.");
  if (writes.length === 0) return;

  const body = pair.pointers === undefined ? wholeCapabilities(desired) : changedCapabilities(desired, writes);
  const path = `/api/v1/apps/${ids.liveAppId}/features/${ids.featureName}`;
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'update',
    description: `Set the ${ids.featureName} capabilities of app ${quotedLabel(appLabel(context, ids.appId))} as in the snapshot (${describePointers(writes)}).`,
    request: { method: 'PUT', path, body },
    check: { path, fields: expectedFields(desired.body, writes) },
  });
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Copies the desired capabilities whole. The endpoint merges them, so unchanged ones are sent as they already are. */
function wholeCapabilities(desired: SnapshotResource): JsonObject {
  const capabilities = valueAt(desired.body, CAPABILITIES);
  return isJsonObject(capabilities) ? cloneJson(capabilities) : {};
}

/** Builds a capabilities object with only the changed capabilities, each at its place. */
function changedCapabilities(desired: SnapshotResource, pointers: readonly string[]): JsonObject {
  let body: JsonObject = {};
  for (const pointer of pointers) {
    const value = valueAt(desired.body, pointer);
    if (value !== undefined) body = withValueAt(body, pointer.slice(CAPABILITIES.length), value) as JsonObject;
  }
  return body;
}

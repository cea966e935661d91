import { isUnder, objectAt, pointerOf, pointerTokens, stringAt } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../json/json-types.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import { copyPointers } from '../request-body.js';
import type { ExpectedField } from '../restore-plan.js';
import { appLabel, changedPointers, describePointers, existingTargetId, labelOf, leaveForMissingApp, quotedLabel } from './app-planner-support.js';

const PROPERTIES = '/properties';

/** Value of a property in `POST /api/v1/mappings/{id}` that removes it from the mapping. */
const REMOVED_PROPERTY: JsonObject = { expression: null, pushStatus: null };

/**
 * Plans a profile mapping between Okta users and an app's users. The update merges the
 * properties it is sent, so the request carries exactly the properties that change, and a
 * property the snapshot lacks is sent as `{ expression: null, pushStatus: null }`. Okta creates
 * and deletes mappings only with their app, so a missing mapping is a manual step.
 */
export const profileMappingPlanner: KindPlanner = {
  kind: 'profile-mapping',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { desired, live } = pair;
    if (desired === undefined) {
      leave(pair, context, [], 'Okta has no API to delete a profile mapping: a mapping goes away only with its app or user type.');
      return;
    }

    const appId = appEndOf(desired.body);
    if (appId !== undefined && existingTargetId(context, 'app', appId) === undefined) leaveForMissingApp(context, pair, appId);
    else if (live === undefined) addMissingMapping(pair, context, desired, appId);
    else planUpdate(pair, context, desired, live, appId);
  },
};

function leave(pair: ResourcePair, context: PlanContext, paths: string[], reason: string): void {
  context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths, reason });
}

/** Returns the id of the app at one end of the mapping (the end of type `appuser`). */
function appEndOf(body: JsonValue): string | undefined {
  for (const end of ['/source', '/target']) {
    if (stringAt(body, `${end}/type`) === 'appuser') return stringAt(body, `${end}/id`);
  }
  return undefined;
}

function planUpdate(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, live: SnapshotResource, appId: string | undefined): void {
  const target = pair.pointers === undefined ? desired.body : copyPointers(live.body, desired.body, pair.pointers);
  const changed = changedPointers(pair.kind, live.body, target);
  const names = changedPropertyNames(changed, live.body, target);

  const fixed = changed.filter((pointer) => !isUnder(pointer, PROPERTIES));
  if (fixed.length > 0) leave(pair, context, fixed, 'The source and target of a profile mapping are fixed when Okta creates it, and no request changes them.');
  if (names.length === 0) return;

  const properties: JsonObject = {};
  const fields: ExpectedField[] = [];
  const removed: string[] = [];
  for (const name of names) {
    const expected = objectAt(target, PROPERTIES)[name];
    const value = expected === undefined || expected === null ? undefined : context.toTarget(expected);
    if (value === undefined) removed.push(name);
    properties[name] = value ?? { ...REMOVED_PROPERTY };
    fields.push({ pointer: `${PROPERTIES}${pointerOf(name)}`, value });
  }

  const path = `/api/v1/mappings/${context.targetId('profile-mapping', pair.id)}`;
  const removal = removed.length > 0 ? `, removing ${removed.join(', ')}` : '';
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'update',
    description: `Set the profile mapping ${quotedLabel(labelOf(pair))} as in the snapshot${removal} (${describePointers(fields.map((field) => field.pointer))}).`,
    request: { method: 'POST', path, body: { properties } },
    check: { path, fields },
    // A mapping may only name attributes the app user schema has, so a schema change goes first.
    dependsOn: appId === undefined ? [] : context.stepsFor('app-user-schema', appId),
  });
}

/** Names of the properties that differ: the property under each changed pointer, or every property when the whole object differs. */
function changedPropertyNames(changed: string[], live: JsonValue, target: JsonValue): string[] {
  const names = new Set<string>();
  const depth = pointerTokens(PROPERTIES).length;
  for (const pointer of changed) {
    if (!isUnder(pointer, PROPERTIES)) continue;
    const name = pointerTokens(pointer)[depth];
    if (name !== undefined) names.add(name);
    else for (const side of [live, target]) for (const key of Object.keys(objectAt(side, PROPERTIES))) names.add(key);
  }
  return [...names].sort();
}

/** Okta creates the mappings of an app with the app, and no API creates one, so the properties are set by hand. */
function addMissingMapping(pair: ResourcePair, context: PlanContext, desired: SnapshotResource, appId: string | undefined): void {
  const properties = objectAt(desired.body, PROPERTIES);
  const lines = Object.keys(properties)
    .sort()
    .map((name) => {
      const property = properties[name];
      const expression = isJsonObject(property) ? String(property['expression'] ?? '') : '';
      const push = isJsonObject(property) && property['pushStatus'] === 'PUSH' ? 'apply on create and update' : 'apply on create only';
      return `${name} = ${expression} (${push})`;
    });
  const where = appId === undefined ? 'Okta Admin Console → Directory → Profile Editor' : `Okta Admin Console → Directory → Profile Editor → ${appLabel(context, appId)} User → Mappings`;

  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    title: `Set the profile mapping ${quotedLabel(labelOf(pair))} by hand`,
    where,
    instructions: [
      'Okta creates the profile mappings of an app with the app, and no API creates one. Open the mapping between the same two profiles in the Profile Editor.',
      `Set these attributes as the snapshot has them: ${lines.length === 0 ? 'none' : lines.join('; ')}.`,
      'Save the mappings; Okta asks whether to apply them to the users already assigned.',
    ],
    blocksVerification: true,
  });
}

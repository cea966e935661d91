import { isUnder, objectAt, pointerOf, pointerTokens, stringAt, valueAt } from '../../diff/findings/json-pointer.js';
import type { JsonObject, JsonValue } from '../../json/json-types.js';
import type { KindPlanner, PlanContext, ResourcePair } from '../kind-planner.js';
import type { ExpectedField } from '../restore-plan.js';
import { copyPointers } from '../request-body.js';
import { appLabel, changedPointers, describePointers, existingTargetId, labelOf, leaveForMissingApp, quotedLabel } from './app-planner-support.js';

const CUSTOM_PROPERTIES = '/definitions/custom/properties';
const BASE = '/definitions/base';
const TITLE = '/title';

/**
 * Plans an app's user schema (id: the app id). `POST /api/v1/meta/schemas/apps/{appId}/default`
 * is a partial update: the request carries only the custom properties that change, each whole,
 * and a property to remove is sent as `null`, as Okta's description of the endpoint in its
 * Management API spec (release 2026.06.3) requires.
 * Base properties come from the integration and stay as they are.
 */
export const appUserSchemaPlanner: KindPlanner = {
  kind: 'app-user-schema',
  plan(pair: ResourcePair, context: PlanContext): void {
    const { desired, live } = pair;
    if (desired === undefined) {
      leave(pair, context, [], 'Okta keeps the user schema of an app for as long as the app exists, and no API deletes it.');
      return;
    }
    const liveAppId = existingTargetId(context, 'app', pair.id);
    if (liveAppId === undefined) {
      leaveForMissingApp(context, pair, pair.id);
      return;
    }

    const target = pair.pointers === undefined || live === undefined ? desired.body : copyPointers(live.body, desired.body, pair.pointers);
    const changed = changedPointers(pair.kind, live?.body, target);
    planUpdate(pair, context, target, changed, liveAppId);
    leaveUnwritable(pair, context, changed);
  },
};

function leave(pair: ResourcePair, context: PlanContext, paths: string[], reason: string): void {
  context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths, reason });
}

/** Sends the changed custom properties, whole or `null`, and the title when it changed. */
function planUpdate(pair: ResourcePair, context: PlanContext, target: JsonValue, changed: string[], liveAppId: string): void {
  const names = changedPropertyNames(changed, pair.live?.body, target);
  const titleChanged = changed.includes(TITLE) && stringAt(target, TITLE) !== undefined;
  if (names.length === 0 && !titleChanged) return;

  const properties: JsonObject = {};
  for (const name of names) properties[name] = valueAt(target, `${CUSTOM_PROPERTIES}${pointerOf(name)}`) ?? null;
  const body: JsonObject = names.length > 0 ? { definitions: { custom: { properties } } } : {};
  if (titleChanged) body['title'] = stringAt(target, TITLE) ?? '';

  const fields: ExpectedField[] = names.map((name) => ({ pointer: `${CUSTOM_PROPERTIES}${pointerOf(name)}`, value: properties[name] ?? undefined }));
  if (titleChanged) fields.push({ pointer: TITLE, value: body['title'] });
  const path = `/api/v1/meta/schemas/apps/${liveAppId}/default`;
  const removed = names.filter((name) => properties[name] === null);
  const removal = removed.length > 0 ? `, removing ${removed.join(', ')}` : '';
  context.addStep({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    action: 'update',
    description: `Set the custom attributes of the app user schema of ${quotedLabel(appLabel(context, pair.id))} as in the snapshot${removal} (${describePointers(fields.map((field) => field.pointer))}).`,
    request: { method: 'POST', path, body },
    check: { path, fields },
  });
}

/** Names of the custom properties that differ: the property under each changed pointer, or every property when the whole list differs. */
function changedPropertyNames(changed: string[], live: JsonValue | undefined, target: JsonValue): string[] {
  const names = new Set<string>();
  for (const pointer of changed) {
    if (!isUnder(pointer, CUSTOM_PROPERTIES)) continue;
    const name = pointerTokens(pointer)[pointerTokens(CUSTOM_PROPERTIES).length];
    if (name !== undefined) {
      names.add(name);
      continue;
    }
    for (const side of [live, target]) for (const key of Object.keys(objectAt(side, CUSTOM_PROPERTIES))) names.add(key);
  }
  return [...names].sort();
}

/** Leaves the differences the endpoint cannot write, each group with its reason. */
function leaveUnwritable(pair: ResourcePair, context: PlanContext, changed: string[]): void {
  const base = changed.filter((pointer) => isUnder(pointer, BASE));
  if (base.length > 0) leave(pair, context, base, 'Base attributes of an app user schema come from the integration, and a restore does not change them.');

  const other = changed.filter((pointer) => !isUnder(pointer, BASE) && !isUnder(pointer, CUSTOM_PROPERTIES) && pointer !== TITLE);
  if (other.length > 0) {
    leave(
      pair,
      context,
      other,
      "Okta sets these fields of an app user schema itself: the list of required custom attributes follows each attribute's own required flag, and the ids, name and dates are read-only.",
    );
  }
}

import { isUnder, pointerOf, valueAt } from '../../diff/findings/json-pointer.js';
import { normalizeForDiff } from '../../diff/noise-rules.js';
import { jsonEqual } from '../../json/json-equal.js';
import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import type { ResourceKind, SnapshotResource } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { copyPointers } from '../request-body.js';
import type { ExpectedField, StepFlag } from '../restore-plan.js';

/**
 * Helpers shared by the planners of the directory kinds: network zones, device assurance
 * policies, groups, group members, group rules and user types.
 */

/** The label of each directory kind in messages and descriptions. */
export const DIRECTORY_KIND_LABELS: Partial<Record<ResourceKind, string>> = {
  'network-zone': 'network zone',
  'device-assurance': 'device assurance policy',
  group: 'group',
  'group-members': 'group membership',
  'group-rule': 'group rule',
  'user-type': 'user type',
};

/** Returns the label of a resource for step names and messages: its desired name, else its live one. */
export function pairName(pair: ResourcePair): string {
  return pair.desired?.name ?? pair.live?.name ?? pair.id;
}

/** Returns the text with its first letter in upper case, for a sentence that starts with a label. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Most items a message lists by name before it gives the count of the rest. */
const LISTED_ITEMS = 10;

/** Joins labels for a message, listing at most ten and counting the rest, so a large group does not flood the preview. */
export function listForMessage(labels: readonly string[]): string {
  if (labels.length <= LISTED_ITEMS) return labels.join(', ');
  return `${labels.slice(0, LISTED_ITEMS).join(', ')} and ${labels.length - LISTED_ITEMS} more`;
}

/** Names a resource in a sentence, such as `group rule 'Engineering department'`. */
export function describeResource(kind: ResourceKind, name: string): string {
  return `${DIRECTORY_KIND_LABELS[kind] ?? kind} '${name}'`;
}

/**
 * Tells whether a field is in scope: always for a whole resource, and for a field scope when
 * one of the chosen pointers is the field or contains it.
 */
export function fieldInScope(pair: ResourcePair, pointer: string): boolean {
  return pair.pointers === undefined || pair.pointers.some((chosen) => isUnder(pointer, chosen));
}

/**
 * Returns the body to write: the desired body for a whole resource, and for a field scope the
 * live body with the desired values copied at the chosen pointers only.
 */
export function scopedBody(pair: ResourcePair, desiredBody: JsonValue, liveBody: JsonValue): JsonValue {
  return pair.pointers === undefined ? desiredBody : copyPointers(liveBody, desiredBody, pair.pointers);
}

/** Tells whether two bodies of a kind are the same after the noise rules (set-like arrays, null against absent). */
export function sameAfterNoise(kind: ResourceKind, left: JsonValue, right: JsonValue): boolean {
  return jsonEqual(normalizeForDiff(kind, left), normalizeForDiff(kind, right));
}

/**
 * Lists the fields a read-back must find after a write of `sent`: every leaf of the body (an
 * array counts as one leaf), or for a field scope only the chosen pointers that the body contains.
 */
export function checkFieldsOf(sent: JsonValue, pair: ResourcePair): ExpectedField[] {
  if (pair.pointers !== undefined) {
    return pair.pointers.filter((pointer) => valueAt(sent, pointer) !== undefined).map((pointer) => ({ pointer, value: valueAt(sent, pointer) }));
  }
  return leafFieldsOf(sent);
}

/** Lists every leaf of a body as a field a read-back must find. An array counts as one leaf. */
export function leafFieldsOf(sent: JsonValue): ExpectedField[] {
  return leafFields(sent, []);
}

function leafFields(value: JsonValue, tokens: string[]): ExpectedField[] {
  if (!isJsonObject(value) || (Object.keys(value).length === 0 && tokens.length > 0)) return [{ pointer: pointerOf(...tokens), value }];
  return Object.entries(value).flatMap(([key, item]) => leafFields(item, [...tokens, key]));
}

/**
 * Reports, as left in place, the top-level fields in scope that differ but that Okta sets
 * itself and rejects in a request (`created`, a group's `type`). `ignored` lists fields that
 * never count: the id, which differs in another org, and fields the noise rules already skip.
 */
export function leaveReadOnlyDifferences(pair: ResourcePair, context: PlanContext, readOnlyKeys: readonly string[], ignored: readonly string[]): void {
  if (!pair.desired || !pair.live) return;
  const desired = normalizeForDiff(pair.kind, pair.desired.body);
  const live = normalizeForDiff(pair.kind, pair.live.body);

  const paths = readOnlyKeys
    .filter((key) => !ignored.includes(key))
    .map((key) => pointerOf(key))
    .filter((pointer) => fieldInScope(pair, pointer) && !jsonEqual(valueAt(desired, pointer), valueAt(live, pointer)));
  if (paths.length === 0) return;

  context.leaveInPlace({
    kind: pair.kind,
    resourceId: pair.id,
    name: pairName(pair),
    paths,
    reason: `Okta sets ${paths.join(', ')} itself and does not accept ${paths.length === 1 ? 'it' : 'them'} in a request.`,
  });
}

/** Runs `planExtraObjectDelete` on the pair's live object, named in sentences by its kind's label. */
export function planExtraObject(pair: ResourcePair, context: PlanContext, planDelete: (live: SnapshotResource) => void): void {
  const live = pair.live;
  if (!live) return;
  planExtraObjectDelete(pair, live, describeResource(pair.kind, live.name), context, () => planDelete(live));
}

/**
 * Plans the removal of an object that only the target org has, when the user allowed deletes and
 * the kind's section was captured complete on both sides. Otherwise the object is reported as
 * left in place, with the way to opt in. `label` names the object in a sentence.
 */
export function planExtraObjectDelete(pair: ResourcePair, live: SnapshotResource, label: string, context: PlanContext, planDelete: () => void): void {
  if (!context.options.allowDeletes) {
    context.leaveInPlace({
      kind: pair.kind,
      resourceId: pair.id,
      name: live.name,
      paths: [],
      // Once this restore runs, an object only the restored rules named may fall out of the app's
      // scope, so the advice names it by id rather than suggesting the same scope again.
      reason: `The snapshot has no ${label}, and deletes are off. To delete it, add --allow-deletes to this restore, or later restore with --scope id:${pair.kind}:${pair.id} --allow-deletes.`,
    });
    return;
  }
  if (!context.sectionComplete(pair.kind)) {
    context.leaveInPlace({
      kind: pair.kind,
      resourceId: pair.id,
      name: live.name,
      paths: [],
      reason: `The ${pair.kind} section was not captured complete on both sides, so Butterfly cannot tell that ${label} is extra. Capture both sides again before deleting it.`,
    });
    return;
  }
  planDelete();
}

/** Input of `addDeleteStep`. */
export interface DeleteStepInput {
  pair: ResourcePair;
  /** The object in the target org. */
  live: SnapshotResource;
  /** GET path of the object, whose read-back must return 404 after the delete. */
  objectPath: string;
  /** The DELETE path when it differs from `objectPath`, such as one with `?removeUsers=false`. */
  requestPath?: string;
  description: string;
  dependsOn?: string[];
}

/** Adds a DELETE step flagged `deletes` whose read-back expects 404, and returns its key. */
export function addDeleteStep(context: PlanContext, input: DeleteStepInput): string {
  return context.addStep({
    kind: input.pair.kind,
    resourceId: input.pair.id,
    name: input.live.name,
    action: 'delete',
    description: input.description,
    request: { method: 'DELETE', path: input.requestPath ?? input.objectPath },
    check: { path: input.objectPath, fields: [], absent: true },
    ...(input.dependsOn ? { dependsOn: input.dependsOn } : {}),
    flags: ['deletes'],
  });
}

/** Input of `addLifecycleStep`: the object's path without `/lifecycle/...`, and where the step goes in the plan. */
export interface LifecycleStepInput {
  pair: ResourcePair;
  /** GET path of the object, such as `/api/v1/zones/nzo…`. The request adds `/lifecycle/<transition>`. */
  objectPath: string;
  transition: 'activate' | 'deactivate';
  description: string;
  dependsOn?: string[];
  keySuffix?: string;
  flags?: StepFlag[];
  /** The id the step is filed under, by default the pair's id. */
  resourceId?: string;
}

/** Adds a POST `…/lifecycle/activate|deactivate` step whose read-back expects the new status, and returns its key. */
export function addLifecycleStep(context: PlanContext, input: LifecycleStepInput): string {
  return context.addStep({
    kind: input.pair.kind,
    resourceId: input.resourceId ?? input.pair.id,
    name: pairName(input.pair),
    action: input.transition,
    description: input.description,
    request: { method: 'POST', path: `${input.objectPath}/lifecycle/${input.transition}` },
    check: { path: input.objectPath, fields: [{ pointer: '/status', value: input.transition === 'activate' ? 'ACTIVE' : 'INACTIVE' }] },
    ...(input.dependsOn ? { dependsOn: input.dependsOn } : {}),
    ...(input.keySuffix ? { keySuffix: input.keySuffix } : {}),
    ...(input.flags ? { flags: input.flags } : {}),
  });
}

/**
 * Returns another object of the target org that already has `name`, which Okta keeps unique
 * for the kind, so a create or rename to that name would be rejected. `ownLiveId` is the
 * object being written, which may keep its own name.
 */
export function liveNameHolder(
  context: PlanContext,
  kind: ResourceKind,
  name: string,
  nameOf: (body: JsonValue) => string | undefined,
  ownLiveId: string | undefined,
): SnapshotResource | undefined {
  return context.live.ofKind(kind).find((resource) => resource.id !== ownLiveId && nameOf(resource.body) === name);
}

/** Adds the manual step for a name that another object of the target org already has. */
export function addNameClashManual(context: PlanContext, pair: ResourcePair, holder: SnapshotResource, where: string): void {
  const label = describeResource(pair.kind, pairName(pair));
  context.addManual({
    kind: pair.kind,
    resourceId: pair.id,
    name: pairName(pair),
    title: `Free the name of ${label}`,
    where,
    instructions: [
      `The target org already has another ${DIRECTORY_KIND_LABELS[pair.kind] ?? pair.kind} named '${holder.name}' (id ${holder.id}), and Okta rejects a second object with the same name.`,
      `Rename or delete that object, then plan the restore again so that ${label} can be written.`,
    ],
    blocksVerification: true,
  });
}

import { isUnder, pointerOf, valueAt } from '../../diff/findings/json-pointer.js';
import { normalizeForDiff } from '../../diff/noise-rules.js';
import { jsonEqual } from '../../json/json-equal.js';
import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import type { ResourceKind } from '../../snapshot/snapshot-model.js';
import type { PlanContext, ResourcePair } from '../kind-planner.js';
import { placeholdersIn } from '../placeholders.js';
import type { ExpectedField } from '../restore-plan.js';

/**
 * Helpers shared by the planners of the app kinds: ids of app-owned resources, field scopes,
 * differences between bodies, and the wording of what a plan leaves in place.
 */

/** The parts of an app-owned resource id, `<appId>/<id>`. */
export interface OwnedId {
  appId: string;
  childId: string;
}

/** Splits `<appId>/<id>` at its first slash. Throws for an id without one, which capture never produces for these kinds. */
export function splitOwnedId(kind: ResourceKind, id: string): OwnedId {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) {
    throw new Error(`Invalid ${kind} id '${id}': expected '<appId>/<id>', as capture stores the resources an app owns.`);
  }
  return { appId: id.slice(0, slash), childId: id.slice(slash + 1) };
}

/** Returns the label of the pair for descriptions: the desired name, else the live one, else the id. */
export function labelOf(pair: ResourcePair): string {
  return pair.desired?.name ?? pair.live?.name ?? pair.id;
}

/** Returns the label of an app of the desired snapshot, else of the target org, else its id. */
export function appLabel(context: PlanContext, appId: string): string {
  return context.desired.get('app', appId)?.name ?? context.live.get('app', appId)?.name ?? appId;
}

/**
 * Returns the id an object of the desired snapshot has in the target org, or undefined when the
 * target org lacks it and `targetId` can only give a placeholder.
 * NOTE: this relies on `targetId` recording nothing: a placeholder blocks the plan only when a
 * planned request carries it.
 */
export function existingTargetId(context: PlanContext, kind: ResourceKind, desiredId: string): string | undefined {
  const id = context.targetId(kind, desiredId);
  return placeholdersIn(id).length > 0 ? undefined : id;
}

/**
 * Tells whether a field is in the scope of the pair: every field for a whole resource, else a
 * field at or below one of the scope's pointers.
 */
export function fieldInScope(pair: ResourcePair, pointer: string): boolean {
  return pair.pointers === undefined || pair.pointers.some((scoped) => isUnder(pointer, scoped));
}

/**
 * Lists the JSON pointers where two bodies differ after the noise rules of `kind`. Objects are
 * compared member by member down to the first member that differs, and arrays as whole values,
 * so each pointer names a field a request sets as one value.
 */
export function changedPointers(kind: ResourceKind, before: JsonValue | undefined, after: JsonValue | undefined): string[] {
  const normalizedBefore = before === undefined ? undefined : normalizeForDiff(kind, before);
  const normalizedAfter = after === undefined ? undefined : normalizeForDiff(kind, after);
  return differingPointers(normalizedBefore, normalizedAfter, '');
}

function differingPointers(before: JsonValue | undefined, after: JsonValue | undefined, pointer: string): string[] {
  if (jsonEqual(before, after)) return [];
  if (!isJsonObject(before) || !isJsonObject(after)) return [pointer];

  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].sort().flatMap((key) => differingPointers(before[key], after[key], `${pointer}${pointerOf(key)}`));
}

/** Builds the fields a read-back must find: the value of `body` at each pointer, undefined where the body lacks it. */
export function expectedFields(body: JsonValue, pointers: readonly string[]): ExpectedField[] {
  return pointers.map((pointer) => ({ pointer, value: valueAt(body, pointer) }));
}

/** Lists pointers for a description: at most `max`, then a count of the rest. */
export function describePointers(pointers: readonly string[], max = 4): string {
  const listed = pointers.slice(0, max).map((pointer) => pointer.slice(1).replaceAll('/', '.'));
  const rest = pointers.length - listed.length;
  return rest > 0 ? `${listed.join(', ')} and ${rest} more` : listed.join(', ');
}

/** Tells whether the plan may delete extra objects of `kind`: the user allowed deletes and the section is complete on both sides. */
export function deletesAllowed(context: PlanContext, kind: ResourceKind): boolean {
  return context.options.allowDeletes && context.sectionComplete(kind);
}

/**
 * Leaves an extra object of the target org in place because deletes are not allowed, with a
 * reason that names the option to opt in. `consequence` describes what deleting it would do.
 */
export function leaveExtra(context: PlanContext, pair: ResourcePair, subject: string, consequence: string): void {
  const reason = context.options.allowDeletes
    ? `${subject} is not in the snapshot, but the ${pair.kind} section was not captured complete on both sides, so the plan cannot tell that it is really extra. Capture both sides again without errors to delete it (${consequence}).`
    : `${subject} is not in the snapshot. The plan deletes nothing unless asked: restore with --allow-deletes to remove it (${consequence}).`;
  context.leaveInPlace({ kind: pair.kind, resourceId: pair.id, name: labelOf(pair), paths: [], reason });
}

/** Leaves a resource of an app that the target org lacks: Butterfly never recreates an app, so nothing of it can be written. */
export function leaveForMissingApp(context: PlanContext, pair: ResourcePair, appId: string): void {
  context.leaveInPlace({
    kind: pair.kind,
    resourceId: pair.id,
    name: labelOf(pair),
    paths: [],
    reason: `App ${quotedLabel(appLabel(context, appId))} is not in the target org, and a restore never recreates an app. Nothing of the app can be written until it is created again by hand, as the manual step for the app describes.`,
  });
}

/** Quotes a label for a sentence. */
export function quotedLabel(label: string): string {
  return `'${label}'`;
}

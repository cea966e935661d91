import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { validationFailed } from '../http/sandbox-error.js';

/**
 * Numbering of one ordered list: the policies of one type, or the rules of one policy.
 * Okta numbers the movable items contiguously from `first` in evaluation order and keeps the
 * system items (default policy, default rule) after them.
 */
export interface PriorityScheme {
  /** Priority of the first movable item. */
  first: number;
  /** Fixed priority of every system item. When absent, system items continue the count. */
  systemPriority?: number;
}

/**
 * App sign-in (ACCESS_POLICY) rules. The spec's Policy tag (release 2026.06.3) states that the
 * highest priority such a rule can take is 0 and that the default rule has priority 99.
 */
export const ACCESS_POLICY_RULE_PRIORITIES: PriorityScheme = { first: 0, systemPriority: 99 };

/** Policies and the rules of every other policy type: the spec's Policy tag gives 1 as the highest priority. */
export const DEFAULT_PRIORITIES: PriorityScheme = { first: 1 };

/** Reads `priority` from a request body: undefined when absent or null, else a whole number. */
export function requestedPriority(body: JsonObject, objectName: string): number | undefined {
  const value = body['priority'];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationFailed(objectName, [`priority: ${JSON.stringify(value)} is not a whole number.`]);
  }
  return value;
}

/** Returns a copy of the list in evaluation order: by priority, system items last, ties in list order. */
export function inPriorityOrder(items: JsonObject[]): JsonObject[] {
  const rank = (item: JsonObject): number => (typeof item['priority'] === 'number' ? item['priority'] : Number.MAX_SAFE_INTEGER);
  return [...items].sort((a, b) => Number(isSystem(a)) - Number(isSystem(b)) || rank(a) - rank(b));
}

/**
 * Returns the list in evaluation order with `item` put at the `requested` priority and every
 * priority renumbered. `item` replaces the element with the same id, or is new.
 * - An undefined `requested` leaves an existing item where it is and puts a new one last.
 * - A priority past the end puts the item last, and one before `first` puts it first.
 * - A system item keeps its place whatever is requested: callers reject moving it.
 */
export function placeAtPriority(items: JsonObject[], item: JsonObject, requested: number | undefined, scheme: PriorityScheme): JsonObject[] {
  const ordered = inPriorityOrder(items);
  if (isSystem(item)) {
    return renumber(ordered.map((existing) => (existing['id'] === item['id'] ? item : existing)), scheme);
  }

  const currentIndex = ordered.filter((existing) => !isSystem(existing)).findIndex((existing) => existing['id'] === item['id']);
  const others = ordered.filter((existing) => existing['id'] !== item['id']);
  const movable = others.filter((existing) => !isSystem(existing));
  const system = others.filter(isSystem);

  let index = currentIndex >= 0 ? currentIndex : movable.length;
  if (requested !== undefined) index = Math.min(Math.max(requested - scheme.first, 0), movable.length);
  movable.splice(index, 0, item);

  return renumber([...movable, ...system], scheme);
}

/** Returns the list in evaluation order without the item with this id, renumbered. */
export function removeFromPriorities(items: JsonObject[], id: string, scheme: PriorityScheme): JsonObject[] {
  return renumber(inPriorityOrder(items).filter((item) => item['id'] !== id), scheme);
}

/** Tells whether Okta created the item (`system: true`): the default policy or rule. */
export function isSystem(item: JsonObject): boolean {
  return item['system'] === true;
}

/** Sets `priority` on every item of a list already in evaluation order, and returns the list. */
function renumber(ordered: JsonObject[], scheme: PriorityScheme): JsonObject[] {
  const movableCount = ordered.filter((item) => !isSystem(item)).length;
  let movableSeen = 0;
  let systemSeen = 0;
  for (const item of ordered) {
    if (isSystem(item)) {
      item['priority'] = scheme.systemPriority ?? scheme.first + movableCount + systemSeen;
      systemSeen++;
    } else {
      item['priority'] = scheme.first + movableSeen;
      movableSeen++;
    }
  }
  return ordered;
}

import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { SandboxError } from './sandbox-error.js';

/**
 * The order of one paged list, and how its `after` cursor finds where the next page starts.
 * A cursor must keep working when its own item is deleted between two pages, so each order
 * resumes from what the cursor encodes, not from the position of the item:
 * - `ID_ORDER` sorts by id, and the cursor is the last id, so the next page starts at the
 *   first id above it.
 * - `keyOrder` sorts by a key that ends with the id, and the cursor encodes that key.
 * - `PRIORITY_ORDER` keeps evaluation order, and the cursor encodes the priority.
 * The last two also take a plain id as the cursor while the item with that id exists.
 */
export interface ListOrder {
  /** Returns a copy of the items in list order. */
  sort(items: JsonObject[]): JsonObject[];
  /** Returns the cursor that points just past this item. */
  cursorAfter(item: JsonObject): string;
  /** Returns the index in `sorted` where the page after `cursor` starts. */
  startAfter(sorted: JsonObject[], cursor: string): number;
}

/**
 * Orders by id, comparing UTF-16 code units, as most sandbox lists are. Any string is a valid
 * cursor. NOTE: Okta does not document the order of its lists, and the sandbox chose id order
 * so that paging survives deletes.
 */
export const ID_ORDER: ListOrder = {
  sort: sortById,
  cursorAfter: (item) => idOf(item),
  startAfter: firstIdAfter,
};

/**
 * Orders by the key `keyOf` returns, ascending or descending. The key must end with the id,
 * so that no two items share it. The cursor is the key as base64url JSON, and the next page
 * starts at the first key past it, whether or not the item still exists.
 */
export function keyOrder(keyOf: (item: JsonObject) => JsonValue[], direction: 1 | -1 = 1): ListOrder {
  const compare = (a: JsonValue[], b: JsonValue[]): number => direction * compareKeys(a, b);
  return {
    sort: (items) => [...items].sort((a, b) => compare(keyOf(a), keyOf(b))),
    cursorAfter: (item) => encodeCursor(keyOf(item)),
    startAfter: (sorted, cursor) => {
      const key = decodeCursor(cursor);
      if (key === undefined) return afterItemWithId(sorted, cursor);
      return firstIndex(sorted, (item) => compare(keyOf(item), key) > 0);
    },
  };
}

/**
 * Keeps the evaluation order of policies or policy rules. Their priorities are renumbered
 * when one is deleted, so the item that followed a deleted one takes its priority. The cursor
 * encodes the id and the priority: the next page starts after the item when it still exists,
 * and otherwise at the first item whose priority is at least the cursor's.
 * NOTE: when the cursor's item is deleted and, between the same two pages, items before it
 * are added or deleted, the next page repeats or skips that many items, because their
 * priorities shift too.
 */
export const PRIORITY_ORDER: ListOrder = {
  sort: (items) => [...items],
  cursorAfter: (item) => encodeCursor([idOf(item), priorityOf(item)]),
  startAfter: (sorted, cursor) => {
    const [id, priority] = decodeCursor(cursor) ?? [];
    if (typeof id !== 'string' || typeof priority !== 'number') return afterItemWithId(sorted, cursor);
    const position = sorted.findIndex((item) => idOf(item) === id);
    if (position >= 0) return position + 1;
    return firstIndex(sorted, (item) => priorityOf(item) >= priority);
  },
};

/**
 * Resolves a cursor that is a plain id, as clients that build the cursor from the last item
 * send it, to the index after that item. Throws Okta's 400 when no item has the id, because
 * such a cursor carries nothing to resume from.
 */
function afterItemWithId(sorted: JsonObject[], cursor: string): number {
  const position = sorted.findIndex((item) => idOf(item) === cursor);
  if (position < 0) throw invalidCursor(cursor);
  return position + 1;
}

/**
 * Sorts by id. App user and group member lists run to tens of thousands of items and are
 * sorted on every page request, so a list already in order is only copied, and otherwise each
 * id is read once.
 */
function sortById(items: JsonObject[]): JsonObject[] {
  const inOrder = items.every((item, index) => index === 0 || compareText(idOf(items[index - 1] as JsonObject), idOf(item)) <= 0);
  if (inOrder) return [...items];

  const keyed = items.map((item): [string, JsonObject] => [idOf(item), item]);
  keyed.sort(([a], [b]) => compareText(a, b));
  return keyed.map(([, item]) => item);
}

/** Finds the first item whose id is above the cursor by binary search, since the list is sorted by id. */
function firstIdAfter(sorted: JsonObject[], cursor: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareText(idOf(sorted[middle] as JsonObject), cursor) > 0) high = middle;
    else low = middle + 1;
  }
  return low;
}

function idOf(item: JsonObject): string {
  const id = item['id'];
  return typeof id === 'string' ? id : '';
}

function priorityOf(item: JsonObject): number {
  const priority = item['priority'];
  return typeof priority === 'number' ? priority : Number.MAX_SAFE_INTEGER;
}

function firstIndex(sorted: JsonObject[], isAfterCursor: (item: JsonObject) => boolean): number {
  const index = sorted.findIndex(isAfterCursor);
  return index < 0 ? sorted.length : index;
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Compares two keys element by element. Null sorts after every other value. */
function compareKeys(a: JsonValue[], b: JsonValue[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const byPart = compareKeyParts(a[index] ?? null, b[index] ?? null);
    if (byPart !== 0) return byPart;
  }
  return 0;
}

/**
 * Compares numbers as numbers and everything else as text, with the locale's collation first
 * and code units to break its ties, so that distinct values never compare equal.
 */
function compareKeyParts(a: JsonValue, b: JsonValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const textA = typeof a === 'string' ? a : JSON.stringify(a);
  const textB = typeof b === 'string' ? b : JSON.stringify(b);
  return textA.localeCompare(textB) || compareText(textA, textB);
}

function encodeCursor(key: JsonValue[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor this module encoded, or returns undefined for any other value. */
function decodeCursor(cursor: string): JsonValue[] | undefined {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(key) ? (key as JsonValue[]) : undefined;
  } catch {
    return undefined;
  }
}

function invalidCursor(cursor: string): SandboxError {
  return new SandboxError(400, OKTA_ERROR.invalidPaging, 'Invalid paging request.', [
    `after: '${cursor.slice(0, 100)}' is not a cursor of this list. Use the cursor from the next link of the previous page.`,
  ]);
}

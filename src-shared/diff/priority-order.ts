import { compareCodeUnits } from '../json/canonical-json.js';
import { isJsonObject } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';

/*
 * How policies and policy rules compare by order. Okta evaluates the rules of a policy, and the
 * policies of one type, by priority, and renumbers the priorities whenever one is added, removed
 * or moved. So the number is noise and the order is the configuration.
 *
 * Only resources that both sides hold in the same list take part: the rules of one policy, or
 * the captured policies of one type. Their order on each side is system items last (the default
 * rule or policy), then priority, then id. The longest run of them that keeps its order on both
 * sides stays in place, and every other one has moved. Each one's position is the number of
 * in-place resources above it on that side. An in-place resource has the same position on both
 * sides. A moved one has a different position: with the same one it would keep its order against
 * every in-place resource, and the run would not be the longest.
 *
 * So renumbering, adding or removing other rules changes no position. Moving one rule past two
 * or more others changes that rule's position only. Swapping two neighbours changes the position
 * of one of them, the same one whichever side comes first. The noise rules put the position in
 * place of `priority`, so a delta shows positions, and the priorities Okta sent stay in the bodies.
 */

/** Order positions of one comparison, keyed like the maps passed to `comparePriorityOrder`. */
export interface OrderPositions {
  before: Map<string, number>;
  after: Map<string, number>;
}

interface Ordered {
  key: string;
  list: string;
  priority: number;
  system: boolean;
  id: string;
}

/**
 * Computes the order position of every policy and policy rule that both sides hold with a
 * numeric priority. Resources without a position compare their priority as captured. Swapping
 * the sides swaps the two maps and changes nothing else.
 */
export function comparePriorityOrder(before: ReadonlyMap<string, SnapshotResource>, after: ReadonlyMap<string, SnapshotResource>): OrderPositions {
  const positions: OrderPositions = { before: new Map(), after: new Map() };
  const { lists, movedBetweenLists } = sharedLists(before, after);
  for (const { beforeOrder, afterOrder } of lists) {
    const inPlace = keysInPlace(beforeOrder, afterOrder);
    assignPositions(beforeOrder, inPlace, positions.before);
    assignPositions(afterOrder, inPlace, positions.after);
  }
  // Positions in two different lists cannot be compared: the field that names the list (a
  // policy's `type`) shows the move, and the priority compares as equal.
  for (const key of movedBetweenLists) {
    positions.before.set(key, 0);
    positions.after.set(key, 0);
  }
  return positions;
}

interface SharedLists {
  /** Each list that both sides hold, each side's keys in evaluation order. */
  lists: Array<{ beforeOrder: string[]; afterOrder: string[] }>;
  /** Keys that are in one list on the before side and in another on the after side. */
  movedBetweenLists: string[];
}

function sharedLists(before: ReadonlyMap<string, SnapshotResource>, after: ReadonlyMap<string, SnapshotResource>): SharedLists {
  const lists = new Map<string, { before: Ordered[]; after: Ordered[] }>();
  const movedBetweenLists: string[] = [];
  for (const [key, resource] of before) {
    const old = orderedEntry(key, resource);
    const current = after.has(key) ? orderedEntry(key, after.get(key) as SnapshotResource) : undefined;
    if (old === undefined || current === undefined) continue;
    if (old.list !== current.list) {
      movedBetweenLists.push(key);
      continue;
    }

    const list = lists.get(old.list) ?? { before: [], after: [] };
    list.before.push(old);
    list.after.push(current);
    lists.set(old.list, list);
  }
  const orders = [...lists.values()].map((list) => ({ beforeOrder: evaluationOrder(list.before), afterOrder: evaluationOrder(list.after) }));
  return { lists: orders, movedBetweenLists };
}

function orderedEntry(key: string, resource: SnapshotResource): Ordered | undefined {
  const body = resource.body;
  if (!isJsonObject(body) || typeof body['priority'] !== 'number') return undefined;

  let list: string;
  if (resource.kind === 'policy-rule') list = `rules of policy ${resource.id.split('/')[0] ?? ''}`;
  else if (resource.kind === 'policy') list = `policies of type ${JSON.stringify(body['type'] ?? null)}`;
  else return undefined;
  return { key, list, priority: body['priority'], system: body['system'] === true, id: resource.id };
}

function evaluationOrder(entries: Ordered[]): string[] {
  const sorted = [...entries].sort((a, b) => Number(a.system) - Number(b.system) || a.priority - b.priority || compareCodeUnits(a.id, b.id));
  return sorted.map((entry) => entry.key);
}

/**
 * Returns the keys of a longest common subsequence of two orders of the same keys. The two
 * orders are first put in a fixed sequence (the smaller one, compared key by key, goes first),
 * so swapping the arguments picks the same keys when several runs are equally long.
 */
function keysInPlace(beforeOrder: string[], afterOrder: string[]): Set<string> {
  const [first, second] = compareSequences(beforeOrder, afterOrder) <= 0 ? [beforeOrder, afterOrder] : [afterOrder, beforeOrder];
  const indexInFirst = new Map(first.map((key, index) => [key, index]));
  const sequence = second.map((key) => indexInFirst.get(key) ?? -1);
  return new Set(longestIncreasingRun(sequence).map((position) => second[position] ?? ''));
}

function assignPositions(order: string[], inPlace: Set<string>, positions: Map<string, number>): void {
  let inPlaceAbove = 0;
  for (const key of order) {
    positions.set(key, inPlaceAbove);
    if (inPlace.has(key)) inPlaceAbove++;
  }
}

/** Returns the positions of a longest strictly increasing subsequence (patience sorting, O(n log n)). */
function longestIncreasingRun(values: number[]): number[] {
  // tails[length - 1] is the position of the smallest last value of an increasing run of that length.
  const tails: number[] = [];
  const previous: number[] = [];
  values.forEach((value, position) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[tails[middle] ?? 0] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    previous[position] = low > 0 ? (tails[low - 1] ?? -1) : -1;
    tails[low] = position;
  });

  const run: number[] = [];
  for (let position = tails.at(-1) ?? -1; position >= 0; position = previous[position] ?? -1) run.push(position);
  return run.reverse();
}

function compareSequences(a: string[], b: string[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const order = compareCodeUnits(a[index] ?? '', b[index] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

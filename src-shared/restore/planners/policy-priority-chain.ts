import { comparePriorityOrder } from '../../diff/priority-order.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';

/** One movable item of a list in the target org (a rule of one policy, or a policy of one type) and its priority there. */
export interface ListedItem {
  key: string;
  priority: number;
}

/**
 * Simulates, at planning time, how Okta renumbers one ordered list while the plan's writes run,
 * so that each write can send the priority that puts its item where the snapshot has it.
 *
 * Okta keeps the priorities of the movable items contiguous in evaluation order. A write that
 * requests priority `p` puts the item at that place and shifts every item from `p` down by one,
 * and taking an item out shifts the items below it up. System items (the default rule or
 * policy) always come last and take no part.
 *
 * The items that already keep their order on both sides (the longest such run, as the diff
 * computes it in priority-order.ts) are settled from the start. Every other item that a write
 * places goes right below the nearest settled item above it in the desired order, or to the
 * top when there is none, and is settled from then on. Settled items therefore stay in the
 * desired order after each write, whatever order the writes come in, and items the plan does
 * not place (outside the scope, or extra) keep their place among them. Writes come top-down
 * when they are placed in desired order, as the orchestrator does for a captured snapshot.
 *
 * Every write to the list depends on the previous one (`lastStep`), because each priority is
 * right only after the writes before it.
 */
export class PriorityChain {
  private readonly priorities = new Map<string, number>();
  private readonly settled: Set<string>;
  /** Key of the last step that writes to the list; the next write depends on it. */
  lastStep: string | undefined;

  /**
   * @param first priority of the first movable item of the list
   * @param desiredOrder keys of the desired list's movable items, in evaluation order
   * @param live movable items of the list in the target org, with their priorities there
   */
  constructor(
    private readonly first: number,
    private readonly desiredOrder: readonly string[],
    live: readonly ListedItem[],
  ) {
    for (const item of live) this.priorities.set(item.key, item.priority);
    this.settled = keysInPlace(desiredOrder, live);
  }

  /** Tells whether an item is in the target org's list and already in its desired place. */
  isInPlace(key: string): boolean {
    return this.settled.has(key);
  }

  /** Returns the item's priority at this point of the plan, or undefined for an item the list lacks. */
  priorityOf(key: string): number | undefined {
    return this.priorities.get(key);
  }

  /**
   * Moves an item of the list, or inserts a new one, right below the nearest settled item above
   * it in the desired order, and returns the priority the write must send.
   */
  place(key: string): number {
    const current = this.priorities.get(key);
    if (current !== undefined) this.takeOut(key, current);

    const above = this.settledItemAbove(key);
    const priority = above === undefined ? this.first : (this.priorities.get(above) ?? this.first - 1) + 1;
    for (const [other, value] of this.priorities) if (value >= priority) this.priorities.set(other, value + 1);
    this.priorities.set(key, priority);
    this.settled.add(key);
    return priority;
  }

  /** Returns the keys of the list in evaluation order, as the writes planned so far leave it. */
  order(): string[] {
    return [...this.priorities].sort((a, b) => a[1] - b[1]).map(([key]) => key);
  }

  private takeOut(key: string, priority: number): void {
    this.priorities.delete(key);
    for (const [other, value] of this.priorities) if (value > priority) this.priorities.set(other, value - 1);
  }

  private settledItemAbove(key: string): string | undefined {
    const index = this.desiredOrder.indexOf(key);
    for (let above = index - 1; above >= 0; above--) {
      const candidate = this.desiredOrder[above];
      if (candidate !== undefined && this.settled.has(candidate) && this.priorities.has(candidate)) return candidate;
    }
    return undefined;
  }
}

/**
 * Returns the keys on both sides that keep their order: those whose order position, as the
 * diff computes it, is the same on both sides. The diff works on resources, so each key
 * becomes a stand-in policy of one list whose priority is its place on that side.
 */
function keysInPlace(desiredOrder: readonly string[], live: readonly ListedItem[]): Set<string> {
  const desired = new Map(desiredOrder.map((key, index) => [key, standIn(key, index)]));
  const current = new Map(live.filter((item) => desired.has(item.key)).map((item) => [item.key, standIn(item.key, item.priority)]));
  const positions = comparePriorityOrder(desired, current);
  return new Set([...current.keys()].filter((key) => positions.before.get(key) === positions.after.get(key)));
}

function standIn(key: string, priority: number): SnapshotResource {
  return { kind: 'policy', id: key, name: key, body: { type: 'one list', priority } };
}

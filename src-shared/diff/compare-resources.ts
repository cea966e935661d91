import { compareCodeUnits, prettyCanonicalJson } from '../json/canonical-json.js';
import { jsonEqual } from '../json/json-equal.js';
import { isJsonObject, type JsonValue } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { diffBodies } from './body-delta.js';
import type { ResourceChange } from './diff-types.js';
import { comparesAsRecordSet, normalizeForDiff } from './noise-rules.js';
import { comparePriorityOrder } from './priority-order.js';

/** The resource-level result of comparing two snapshots. */
export interface ResourceComparison {
  /** Resources added, removed or changed, sorted by kind, then id (UTF-16 code unit order). */
  changes: ResourceChange[];
  /** Resources on both sides that differ in noise only, or not at all. */
  unchanged: number;
}

/**
 * Compares two sides resource by resource, keyed by kind and id. Each body goes through the
 * noise rules first, so a difference in noise alone is no change. A resource whose raw bodies
 * and order positions are equal skips the noise rules, and jsondiffpatch runs only on bodies
 * that still differ after them.
 * Throws when one side contains two resources with the same kind and id.
 */
export function compareResources(before: SnapshotResource[], after: SnapshotResource[]): ResourceComparison {
  const beforeByKey = indexByKindAndId(before, 'before');
  const afterByKey = indexByKindAndId(after, 'after');
  const positions = comparePriorityOrder(beforeByKey, afterByKey);

  const changes: ResourceChange[] = [];
  let unchanged = 0;
  for (const [key, old] of beforeByKey) {
    const current = afterByKey.get(key);
    if (current === undefined) {
      changes.push(removedChange(old));
      continue;
    }
    const change = compareBoth(old, current, positions.before.get(key), positions.after.get(key));
    if (change === undefined) unchanged++;
    else changes.push(change);
  }
  for (const [key, current] of afterByKey) {
    if (!beforeByKey.has(key)) changes.push(addedChange(current));
  }

  changes.sort((a, b) => compareCodeUnits(a.kind, b.kind) || compareCodeUnits(a.id, b.id));
  return { changes, unchanged };
}

function indexByKindAndId(resources: SnapshotResource[], side: string): Map<string, SnapshotResource> {
  const byKey = new Map<string, SnapshotResource>();
  for (const resource of resources) {
    const key = `${resource.kind}\u0000${resource.id}`;
    if (byKey.has(key)) {
      throw new Error(`The ${side} side contains two ${resource.kind} resources with id ${resource.id}, but ids must be unique within a kind.`);
    }
    byKey.set(key, resource);
  }
  return byKey;
}

function compareBoth(old: SnapshotResource, current: SnapshotResource, beforePosition?: number, afterPosition?: number): ResourceChange | undefined {
  // Normalizing depends only on the kind, the body and the order position, so equal inputs give equal outputs.
  if (beforePosition === afterPosition && jsonEqual(old.body, current.body)) return undefined;
  const [beforeBody, afterBody] = comparesAsRecordSet(current.kind) ? withoutEqualRecords(old.body, current.body) : [old.body, current.body];
  const difference = diffBodies(
    normalizeForDiff(old.kind, beforeBody, { orderPosition: beforePosition }),
    normalizeForDiff(current.kind, afterBody, { orderPosition: afterPosition }),
  );
  if (difference === undefined) return undefined;
  return withSideTexts({
    kind: current.kind,
    id: current.id,
    name: current.name,
    change: 'changed',
    before: old,
    after: current,
    delta: difference.delta,
    changedPaths: difference.changedPaths,
  });
}

/**
 * Leaves out the records that are equal on both sides of a record set, before the noise rules
 * run. Each record is normalized on its own, so equal records stay equal and the delta does not
 * change. A group of 20,000 members with one change then normalizes two records, not 40,000.
 * Returns the bodies as they are unless every record on both sides has its own non-empty id.
 */
function withoutEqualRecords(before: JsonValue, after: JsonValue): [JsonValue, JsonValue] {
  const beforeById = recordsById(before);
  const afterById = recordsById(after);
  if (beforeById === undefined || afterById === undefined) return [before, after];

  const equal = new Set<string>();
  for (const [id, record] of beforeById) if (jsonEqual(record, afterById.get(id))) equal.add(id);
  const differing = (records: Map<string, JsonValue>): JsonValue[] => [...records].filter(([id]) => !equal.has(id)).map(([, record]) => record);
  return [differing(beforeById), differing(afterById)];
}

function recordsById(body: JsonValue): Map<string, JsonValue> | undefined {
  if (!Array.isArray(body)) return undefined;
  const byId = new Map<string, JsonValue>();
  for (const record of body) {
    const id = isJsonObject(record) ? record['id'] : undefined;
    if (typeof id !== 'string' || id === '' || byId.has(id)) return undefined;
    byId.set(id, record);
  }
  return byId;
}

function addedChange(resource: SnapshotResource): ResourceChange {
  return withSideTexts({ kind: resource.kind, id: resource.id, name: resource.name, change: 'added', after: resource, changedPaths: [] });
}

function removedChange(resource: SnapshotResource): ResourceChange {
  return withSideTexts({ kind: resource.kind, id: resource.id, name: resource.name, change: 'removed', before: resource, changedPaths: [] });
}

/**
 * Adds `beforeText` and `afterText` as members that are written on first read and then kept.
 * Printing a 20,000-member group takes longer than the rest of a comparison, and a caller that
 * only counts or lists changes never reads the texts. Reading them (JSON.stringify, structured
 * clone, spread) works as for plain members. The texts show the bodies as they are at that read.
 */
function withSideTexts(change: Omit<ResourceChange, 'beforeText' | 'afterText'>): ResourceChange {
  defineLazyText(change, 'beforeText', change.before);
  defineLazyText(change, 'afterText', change.after);
  return change as ResourceChange;
}

function defineLazyText(change: object, member: 'beforeText' | 'afterText', side: SnapshotResource | undefined): void {
  let text: string | undefined;
  Object.defineProperty(change, member, {
    enumerable: true,
    configurable: true,
    get: () => (text ??= side === undefined ? '' : prettyCanonicalJson(side.body)),
    set: (value: string) => {
      text = value;
    },
  });
}

import { valueAt } from '../diff/findings/json-pointer.js';
import type { AccessImpact } from '../diff/diff-types.js';
import { PRODUCT_NAMES } from '../diff/headline.js';
import { computeImpact } from '../impact/compute-impact.js';
import type { JsonObject, JsonValue } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { resourceKey } from './id-matching.js';
import { copyPointers } from './request-body.js';
import type { LeftInPlace, PlanOptions, ThresholdCheck } from './restore-plan.js';

/** A resource in scope, with its ids already translated into the target org's. */
export interface PredictedChange {
  /** The live version; undefined when the target org lacks it. */
  live: SnapshotResource | undefined;
  /** The desired version with target ids; undefined for an object only the target org has. */
  target: SnapshotResource | undefined;
  pointers: string[] | undefined;
  /** True when the plan deletes the live object. */
  deleted: boolean;
}

/**
 * Returns the target org as it will be once the plan has run. Each resource in scope is replaced
 * by its desired version (only the chosen fields for a field scope), objects the plan deletes are
 * gone, and what the plan leaves in place is kept as it is.
 */
export function predictedState(live: readonly SnapshotResource[], changes: readonly PredictedChange[], leftInPlace: readonly LeftInPlace[]): SnapshotResource[] {
  const kept = new Set(leftInPlace.filter((item) => item.paths.length === 0).map((item) => resourceKey(item.kind, item.resourceId)));
  const byKey = new Map(live.map((resource) => [resourceKey(resource.kind, resource.id), resource]));
  for (const change of changes) {
    const liveKey = change.live ? resourceKey(change.live.kind, change.live.id) : undefined;
    if (change.deleted && liveKey !== undefined) {
      byKey.delete(liveKey);
      continue;
    }
    if (change.target === undefined || (liveKey !== undefined && kept.has(liveKey))) continue;
    const body = change.pointers && change.live ? copyPointers(change.live.body, change.target.body, change.pointers) : change.target.body;
    if (liveKey !== undefined) byKey.delete(liveKey);
    byKey.set(resourceKey(change.target.kind, change.target.id), { ...change.target, id: change.live?.id ?? change.target.id, body });
  }
  return [...byKey.values()];
}

/**
 * Adds to the predicted state the members that active rules will put in their target groups
 * (target group id to member records), each member once.
 */
export function withRuleMemberships(predicted: SnapshotResource[], additions: ReadonlyMap<string, JsonObject[]>): SnapshotResource[] {
  if (additions.size === 0) return predicted;
  const result = [...predicted];
  for (const [groupId, records] of additions) {
    const index = result.findIndex((resource) => resource.kind === 'group-members' && resource.id === groupId);
    const existing = index < 0 ? undefined : result[index];
    const current = Array.isArray(existing?.body) ? existing.body : [];
    const known = new Set(current.map((record) => String(valueAt(record, '/id'))));
    const merged: JsonValue[] = [...current, ...records.filter((record) => !known.has(String(record['id'])))];
    const resource: SnapshotResource = { kind: 'group-members', id: groupId, name: existing?.name ?? groupId, body: merged };
    if (index < 0) result.push(resource);
    else result[index] = resource;
  }
  return result;
}

/** Computes who gains and loses access to what when the plan runs. */
export function planImpact(live: readonly SnapshotResource[], predicted: readonly SnapshotResource[]): AccessImpact {
  const details = computeImpact(live, predicted);
  return { products: details.products, signOn: details.signOn };
}

/**
 * Checks the largest loss (of one product, or at sign-on) against the threshold: more than
 * `thresholdUsers` users, or more than `thresholdPercent` of the users assigned to the app in
 * the live org, blocks the plan unless the user overrides it.
 */
export function checkThreshold(impact: AccessImpact, live: readonly SnapshotResource[], options: PlanOptions): ThresholdCheck {
  const losses = [
    ...impact.products.map((product) => ({ what: PRODUCT_NAMES[product.product], count: product.lost.length })),
    { what: 'sign-in (newly denied)', count: impact.signOn.newlyDenied.length },
  ];
  const worst = losses.reduce((largest, loss) => (loss.count > largest.count ? loss : largest), { what: '', count: 0 });
  const assignedUsers = assignedUserCount(live);
  const percent = assignedUsers > 0 ? (worst.count * 100) / assignedUsers : 0;
  const exceeded = worst.count > options.thresholdUsers || percent > options.thresholdPercent;
  const product = worst.count > 0 ? worst.what : undefined;

  return {
    lostUsers: worst.count,
    product,
    assignedUsers,
    exceeded,
    overridden: exceeded && options.overrideThreshold,
    message: thresholdMessage(worst, percent, exceeded, options),
  };
}

/** Users the live org gives an app to: assigned directly, or members of an assigned group. */
function assignedUserCount(live: readonly SnapshotResource[]): number {
  const assignedGroups = new Set(live.filter((resource) => resource.kind === 'app-group-assignment').map((resource) => resource.id.slice(resource.id.indexOf('/') + 1)));
  const users = new Set<string>();
  for (const resource of live) {
    if (resource.kind === 'app-user-assignment') users.add(String(valueAt(resource.body, '/id')));
    if (resource.kind === 'group-members' && assignedGroups.has(resource.id) && Array.isArray(resource.body)) {
      for (const member of resource.body) users.add(String(valueAt(member, '/id')));
    }
  }
  return users.size;
}

function thresholdMessage(worst: { what: string; count: number }, percent: number, exceeded: boolean, options: PlanOptions): string {
  const limit = `the limit is more than ${options.thresholdUsers} users or ${options.thresholdPercent}% of assigned users`;
  if (worst.count === 0) return `No user loses a product or is newly denied at sign-in (${limit}).`;
  const loss = `${worst.count} users (${percent.toFixed(1)}% of assigned users) would lose ${worst.what}`;
  if (!exceeded) return `${loss}; ${limit}, so the plan may run.`;
  if (options.overrideThreshold) return `${loss}; ${limit}, and the override was given.`;
  return `${loss}; ${limit}. Check the impact, then run again with --override-threshold if this loss is intended.`;
}

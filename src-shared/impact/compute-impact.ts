import { ATLASSIAN_PRODUCTS, type AccessImpact, type AtlassianProduct, type ProductImpact, type UserRef } from '../diff/diff-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import type { ImpactOptions } from './impact-options.js';
import { compareText } from './json-fields.js';
import { productAccessOf, type ProductAccess } from './product-access.js';
import { compareSignOn } from './sign-on-impact.js';
import { indexSnapshot } from './snapshot-index.js';

export type { ImpactOptions } from './impact-options.js';

/** The access impact, with what the model could not work out and why each user is listed at sign-on. */
export interface AccessImpactDetails extends AccessImpact {
  /** Sentences on what could not be worked out; the users concerned are left out of the lists, never guessed. */
  notes: string[];
  /** User id to why they are newly denied or challenged at sign-on. */
  signOnReasons: Record<string, string[]>;
}

/**
 * Works out who gains or loses each Atlassian product, and who is newly denied or challenged at
 * sign-on, between two snapshots. A user whose product is undetermined on one side is not
 * listed as gaining or losing it. Lists are sorted by login. See `product-access.ts` and
 * `sign-on-requirements.ts` for the model and its assumptions.
 */
export function computeImpact(before: readonly SnapshotResource[], after: readonly SnapshotResource[], options: ImpactOptions = {}): AccessImpactDetails {
  const beforeIndex = indexSnapshot(before);
  const afterIndex = indexSnapshot(after);
  const beforeAccess = productAccessOf(beforeIndex, options);
  const afterAccess = productAccessOf(afterIndex, options);
  const logins = new Map([...beforeAccess.logins, ...afterAccess.logins]);
  const signOn = compareSignOn(beforeIndex, afterIndex);

  return {
    products: ATLASSIAN_PRODUCTS.map((product) => productImpact(product, beforeAccess, afterAccess, logins)),
    signOn: {
      newlyDenied: userRefs(signOn.newlyDenied, logins),
      newlyChallenged: userRefs(signOn.newlyChallenged, logins),
    },
    notes: [
      ...beforeAccess.notes.map((note) => `Before: ${note}`),
      ...afterAccess.notes.map((note) => `After: ${note}`),
      ...signOn.notes,
    ],
    signOnReasons: Object.fromEntries(signOn.reasons),
  };
}

function productImpact(product: AtlassianProduct, before: ProductAccess, after: ProductAccess, logins: ReadonlyMap<string, string>): ProductImpact {
  const had = before.products.get(product) ?? new Set<string>();
  const has = after.products.get(product) ?? new Set<string>();
  const unknownBefore = before.undetermined.get(product) ?? new Set<string>();
  const unknownAfter = after.undetermined.get(product) ?? new Set<string>();

  const gained = [...has].filter((userId) => !had.has(userId) && !unknownBefore.has(userId));
  const lost = [...had].filter((userId) => !has.has(userId) && !unknownAfter.has(userId));
  return { product, gained: userRefs(gained, logins), lost: userRefs(lost, logins) };
}

/** Names users by id and login, sorted by login and then id. */
function userRefs(userIds: Iterable<string>, logins: ReadonlyMap<string, string>): UserRef[] {
  const refs = [...userIds].map((id) => ({ id, login: logins.get(id) ?? id }));
  return refs.sort((a, b) => compareText(a.login, b.login) || compareText(a.id, b.id));
}

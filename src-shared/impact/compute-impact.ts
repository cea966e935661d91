import { ATLASSIAN_PRODUCTS, type AccessImpact, type AtlassianProduct, type ProductImpact, type UserRef } from '../diff/diff-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import type { ImpactOptions } from './impact-options.js';
import { compareText } from './json-fields.js';
import { productAccessOf, type ProductAccess } from './product-access.js';
import { compareSignOn, SignOnSide } from './sign-on-impact.js';
import { indexSnapshot, type SnapshotIndex } from './snapshot-index.js';

export type { ImpactOptions } from './impact-options.js';

/** The access impact, with what the model could not work out and why each user is listed at sign-on. */
export interface AccessImpactDetails extends AccessImpact {
  /** Sentences on what could not be worked out; the users concerned are left out of the lists, never guessed. */
  notes: string[];
  /** User id to why they are newly denied or challenged at sign-on. */
  signOnReasons: Record<string, string[]>;
}

/**
 * One snapshot prepared for impact comparisons: indexed, with its product access worked out and
 * its sign-on decisions kept as comparisons ask for them. Walking a series of snapshots, prepare
 * each once and compare neighbours with `compareImpactSides`, instead of `computeImpact` working
 * out every snapshot twice. NOTE: a side is large. For the 20,000-user org of
 * bench/audit-pack.ts, keeping one side raised the live heap by about 30 MiB.
 */
export interface ImpactSide {
  index: SnapshotIndex;
  access: ProductAccess;
  signOn: SignOnSide;
}

/** Indexes a snapshot and works out its product access, for `compareImpactSides`. */
export function prepareImpactSide(resources: readonly SnapshotResource[], options: ImpactOptions = {}): ImpactSide {
  const index = indexSnapshot(resources);
  return { index, access: productAccessOf(index, options), signOn: new SignOnSide(index) };
}

/**
 * Works out who gains or loses each Atlassian product, and who is newly denied or challenged at
 * sign-on, between two snapshots. A user whose product is undetermined on one side is not
 * listed as gaining or losing it. Lists are sorted by login. See `product-access.ts` and
 * `sign-on-requirements.ts` for the model and its assumptions.
 */
export function computeImpact(before: readonly SnapshotResource[], after: readonly SnapshotResource[], options: ImpactOptions = {}): AccessImpactDetails {
  return compareImpactSides(prepareImpactSide(before, options), prepareImpactSide(after, options));
}

/**
 * Same as `computeImpact`, on prepared sides. Both sides must be prepared with the same options.
 * A side may be compared any number of times, with the same result as `computeImpact`.
 */
export function compareImpactSides(before: ImpactSide, after: ImpactSide): AccessImpactDetails {
  const logins = new LoginLookup(before.access.logins, after.access.logins);
  const signOn = compareSignOn(before.signOn, after.signOn);

  return {
    products: ATLASSIAN_PRODUCTS.map((product) => productImpact(product, before.access, after.access, logins)),
    signOn: {
      newlyDenied: userRefs(signOn.newlyDenied, logins),
      newlyChallenged: userRefs(signOn.newlyChallenged, logins),
    },
    notes: [
      ...before.access.notes.map((note) => `Before: ${note}`),
      ...after.access.notes.map((note) => `After: ${note}`),
      ...signOn.notes,
    ],
    signOnReasons: Object.fromEntries(signOn.reasons),
  };
}

/** A user's login on the after side, else on the before side: the two maps read as one, without merging 40,000 entries. */
class LoginLookup {
  constructor(
    private readonly before: ReadonlyMap<string, string>,
    private readonly after: ReadonlyMap<string, string>,
  ) {}

  get(userId: string): string | undefined {
    return this.after.get(userId) ?? this.before.get(userId);
  }
}

function productImpact(product: AtlassianProduct, before: ProductAccess, after: ProductAccess, logins: LoginLookup): ProductImpact {
  const had = before.products.get(product) ?? new Set<string>();
  const has = after.products.get(product) ?? new Set<string>();
  const unknownBefore = before.undetermined.get(product) ?? new Set<string>();
  const unknownAfter = after.undetermined.get(product) ?? new Set<string>();

  const gained = [...has].filter((userId) => !had.has(userId) && !unknownBefore.has(userId));
  const lost = [...had].filter((userId) => !has.has(userId) && !unknownAfter.has(userId));
  return { product, gained: userRefs(gained, logins), lost: userRefs(lost, logins) };
}

/** Names users by id and login, sorted by login and then id. */
function userRefs(userIds: Iterable<string>, logins: LoginLookup): UserRef[] {
  const refs = [...userIds].map((id) => ({ id, login: logins.get(id) ?? id }));
  return refs.sort((a, b) => compareText(a.login, b.login) || compareText(a.id, b.id));
}

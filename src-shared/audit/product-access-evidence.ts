import { ATLASSIAN_PRODUCTS, type AtlassianProduct, type UserRef } from '../diff/diff-types.js';
import type { ImpactOptions } from '../impact/impact-options.js';
import { computeProductAccess } from '../impact/product-access.js';
import { compareText } from '../impact/json-fields.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';

/** Users with one Atlassian product in one snapshot. */
export interface ProductHolders {
  product: AtlassianProduct;
  users: UserRef[];
  /** Users who may hold it, but the snapshot does not say (see the notes). */
  undetermined: number;
}

/** Product access of one snapshot, with what could not be worked out. */
export interface ProductAccessEvidence {
  products: ProductHolders[];
  notes: string[];
}

/** Lists who has each Atlassian product in a snapshot, users sorted by login then id. */
export function describeProductAccess(resources: readonly SnapshotResource[], options: ImpactOptions = {}): ProductAccessEvidence {
  const access = computeProductAccess(resources, options);
  return {
    products: ATLASSIAN_PRODUCTS.map((product) => ({
      product,
      users: [...(access.products.get(product) ?? [])]
        .map((id) => ({ id, login: access.logins.get(id) ?? id }))
        .sort((a, b) => compareText(a.login, b.login) || compareText(a.id, b.id)),
      undetermined: access.undetermined.get(product)?.size ?? 0,
    })),
    notes: access.notes,
  };
}

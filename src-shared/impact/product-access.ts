/**
 * Who has which Atlassian product, worked out from one snapshot.
 *
 * The model, and what it assumes:
 * - A user has an app when the app is ACTIVE, the user's Okta status is not DEPROVISIONED,
 *   SUSPENDED or STAGED, and the user is a member of a group assigned to the app or is assigned
 *   directly. A user known only from a direct assignment has no status in the snapshot and
 *   counts as active.
 * - A user who has the app has product P through it in two ways. First, the user is a member
 *   of an Okta group with an ACTIVE group push mapping to an Atlassian group whose name grants
 *   P, by the caller's `productOverrides` or else `productOfGroupName`. Second, the user's app
 *   profile attribute (`atlassianProducts` unless the options name another) lists P's key:
 *   `jira-software`, `confluence`, `bitbucket`, or `jira-servicemanagement` for JSM agent.
 * - The attribute's value comes from the Okta → app profile mapping when it maps the attribute.
 *   The expression is evaluated on the user's captured profile, with group membership from the
 *   snapshot. Otherwise the value comes from the user's direct assignment, and otherwise from
 *   the highest-priority assigned group the user is in (all of them when the app user schema
 *   combines values across groups).
 * - When the value cannot be worked out (an expression outside the supported subset, a group
 *   whose members were not captured), the user's products that no push mapping grants are
 *   `undetermined` instead of guessed, and `notes` gives the reason.
 * - A user has P when any app in the snapshot grants it. A snapshot contains only Atlassian apps.
 */
import { ATLASSIAN_PRODUCTS, type AtlassianProduct } from '../diff/diff-types.js';
import type { JsonObject } from '../json/json-types.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { appHolders, appLabel, type AppHolder } from './app-assignment.js';
import { DEFAULT_PRODUCT_ATTRIBUTE, type ImpactOptions } from './impact-options.js';
import { stringField } from './json-fields.js';
import { attributeProducts, attributeSourceOf } from './product-attribute.js';
import { productOfGroupName } from './product-names.js';
import { groupName, indexSnapshot, membersOf, type SnapshotIndex } from './snapshot-index.js';

export type UsersByProduct = Map<AtlassianProduct, Set<string>>;

/** The product access of one snapshot. */
export interface ProductAccess {
  /** Product to the ids of users who have it through at least one app. */
  products: UsersByProduct;
  /** Product to the ids of users who may have it, but the snapshot does not say (see `notes`); never a user in `products`. */
  undetermined: UsersByProduct;
  /** App id to that app's own `products`. */
  byApp: Map<string, UsersByProduct>;
  /** User id to login, for every user the snapshot names. */
  logins: Map<string, string>;
  /** Reasons some access could not be worked out, one sentence each. */
  notes: string[];
}

/** Works out who has which Atlassian product in one snapshot. */
export function computeProductAccess(resources: readonly SnapshotResource[], options: ImpactOptions = {}): ProductAccess {
  return productAccessOf(indexSnapshot(resources), options);
}

/** Works out product access from an indexed snapshot. */
export function productAccessOf(index: SnapshotIndex, options: ImpactOptions = {}): ProductAccess {
  const access: ProductAccess = { products: new Map(), undetermined: new Map(), byApp: new Map(), logins: new Map(), notes: [] };
  for (const user of index.users.values()) access.logins.set(user.id, user.login);

  for (const app of index.apps) {
    const appAccess = appProductAccess(index, app, options);
    access.byApp.set(String(app['id']), appAccess.products);
    mergeInto(access.products, appAccess.products);
    mergeInto(access.undetermined, appAccess.undetermined);
    access.notes.push(...appAccess.notes);
  }
  for (const [product, users] of access.undetermined) {
    for (const userId of access.products.get(product) ?? []) users.delete(userId);
  }
  return access;
}

/** One app's share of the product access, filled in by the steps below. */
interface AppAccess {
  products: UsersByProduct;
  undetermined: UsersByProduct;
  notes: string[];
}

function appProductAccess(index: SnapshotIndex, app: JsonObject, options: ImpactOptions): AppAccess {
  const { holders, notes } = appHolders(index, app);
  const access: AppAccess = { products: new Map(), undetermined: new Map(), notes: [...notes] };
  grantPushedProducts(index, app, holders, options, access);
  grantAttributeProducts(index, app, holders, options, access);
  return access;
}

/**
 * Grants products through the app's ACTIVE group push mappings to the app's holders. When a
 * pushed group's members are not in the snapshot, every holder's product is undetermined.
 */
function grantPushedProducts(index: SnapshotIndex, app: JsonObject, holders: ReadonlyMap<string, AppHolder>, options: ImpactOptions, access: AppAccess): void {
  for (const mapping of index.pushMappings.get(String(app['id'])) ?? []) {
    if (mapping['status'] !== 'ACTIVE') continue;
    const sourceGroupId = stringField(mapping, 'sourceGroupId') ?? '';
    const targetGroupId = stringField(mapping, 'targetGroupId') ?? '';
    // NOTE: capture does not follow push targets, so a missing target group is read under the
    // source group's name, the name Okta gives a group it pushes by name. A push linked to a
    // differently named Atlassian group is then credited to the wrong product or to none.
    const targetName = groupName(index, targetGroupId) ?? groupName(index, sourceGroupId);
    if (targetName === undefined) {
      access.notes.push(`${appLabel(app)}: group push mapping ${String(mapping['id'])} names groups that are not in the snapshot, so the product it grants is not known.`);
      continue;
    }
    const product = productOfGroupName(targetName, options.productOverrides);
    if (!product) continue;

    const members = membersOf(index, sourceGroupId);
    if (!members) {
      access.notes.push(`${appLabel(app)}: the members of pushed group ${targetName} are not in the snapshot, so who gets ${product} through it is not known.`);
      for (const userId of holders.keys()) usersOf(access.undetermined, product).add(userId);
      continue;
    }
    for (const userId of members) if (holders.has(userId)) usersOf(access.products, product).add(userId);
  }
}

/**
 * Grants the products each holder's attribute lists. A holder whose value cannot be worked out
 * has every product undetermined, and one note per reason counts the holders.
 */
function grantAttributeProducts(index: SnapshotIndex, app: JsonObject, holders: ReadonlyMap<string, AppHolder>, options: ImpactOptions, access: AppAccess): void {
  const attribute = options.productAttribute ?? DEFAULT_PRODUCT_ATTRIBUTE;
  const source = attributeSourceOf(index, String(app['id']), attribute);
  const unknownReasons = new Map<string, number>();
  for (const holder of holders.values()) {
    const outcome = attributeProducts(index, source, holder);
    if ('products' in outcome) {
      for (const product of outcome.products) usersOf(access.products, product).add(holder.user.id);
      continue;
    }
    unknownReasons.set(outcome.unknown, (unknownReasons.get(outcome.unknown) ?? 0) + 1);
    for (const product of ATLASSIAN_PRODUCTS) usersOf(access.undetermined, product).add(holder.user.id);
  }
  for (const [reason, count] of unknownReasons) {
    access.notes.push(`${appLabel(app)}: the ${attribute} value of ${count} user(s) could not be worked out, so their products from it are not counted: ${reason}`);
  }
}

function usersOf(byProduct: UsersByProduct, product: AtlassianProduct): Set<string> {
  let users = byProduct.get(product);
  if (!users) byProduct.set(product, (users = new Set()));
  return users;
}

function mergeInto(target: UsersByProduct, source: UsersByProduct): void {
  for (const [product, users] of source) {
    const merged = usersOf(target, product);
    for (const userId of users) merged.add(userId);
  }
}

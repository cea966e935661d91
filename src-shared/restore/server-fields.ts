import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { omitPointers } from './request-body.js';

/**
 * Top-level fields Okta sets itself when it creates or changes an object. A recreated object
 * always differs in them and no request can set them, so neither planning nor verification
 * compares them. The body's `id` is among them: the resource key carries the id.
 */
export const SERVER_ASSIGNED_FIELDS = ['/id', '/created', '/createdDate', '/createdBy', '/lastUpdated', '/lastUpdate', '/lastUpdatedBy', '/lastMembershipUpdated', '/statusChanged'];

/** Returns copies of the resources without the fields Okta assigns. */
export function withoutServerFields(resources: readonly SnapshotResource[]): SnapshotResource[] {
  return resources.map((resource) => ({ ...resource, body: omitPointers(resource.body, SERVER_ASSIGNED_FIELDS) }));
}

import type { ResourceKind } from '../snapshot/snapshot-model.js';

/**
 * One part of a snapshot chosen for restore:
 * - `app`: an app and everything captured because of it (keys, mappings, assignments, group
 *   push, the groups and rules behind its assignments, its sign-in policy, and the zones and
 *   device assurance policies those rules name);
 * - `kind`: every resource of one kind;
 * - `resource`: one resource, of one kind or of every kind that uses the id (a group and its
 *   members share the group's id);
 * - `field`: one field of one resource, as a JSON pointer (RFC 6901), such as
 *   `/properties/atlassianProducts` of a profile mapping.
 */
export type ScopeEntry =
  | { type: 'app'; appId: string }
  | { type: 'kind'; kind: ResourceKind }
  | { type: 'resource'; id: string; kind?: ResourceKind }
  | { type: 'field'; id: string; kind?: ResourceKind; pointer: string };

import { stringAt, stringsAt } from '../diff/findings/json-pointer.js';
import type { SnapshotResource } from '../snapshot/snapshot-model.js';
import { bodiesOf, nameLookup } from './resource-lookup.js';

/** One group rule: its condition and the groups it fills. */
export interface GroupRuleEvidence {
  id: string;
  name: string;
  status: string;
  expression: string;
  targets: string;
  excludedUsers: number;
}

/** Describes the group rules of a snapshot, by name then id. */
export function describeGroupRules(resources: readonly SnapshotResource[]): GroupRuleEvidence[] {
  const names = nameLookup(resources);
  return bodiesOf(resources, 'group-rule')
    .map(({ id, body }) => ({
      id,
      name: stringAt(body, '/name') ?? id,
      status: stringAt(body, '/status') ?? 'unknown',
      expression: stringAt(body, '/conditions/expression/value') ?? '(no expression)',
      targets: stringsAt(body, '/actions/assignUserToGroups/groupIds').map((groupId) => names.group(groupId)).join(', '),
      excludedUsers: stringsAt(body, '/conditions/people/users/exclude').length,
    }))
    .sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
}

import { isJsonObject, type JsonValue } from '../../json/json-types.js';
import { groupIdsInExpression } from '../../okta/expression-references.js';
import type { SnapshotResource } from '../../snapshot/snapshot-model.js';
import { stringAt, stringsAt } from './json-pointer.js';

/** The `type` Okta gives an expression object such as a group rule's `conditions.expression`. */
const EXPRESSION_TYPE = 'urn:okta:expression:1.0';

/** Group lists of a group rule, policy or policy rule's people condition, and a group rule's targets. */
const GROUP_LIST_POINTERS = [
  '/actions/assignUserToGroups/groupIds',
  '/conditions/people/groups/include',
  '/conditions/people/groups/exclude',
];

/**
 * Collects the ids of the groups that a side's resources name. It reads the places that capture
 * follows to decide which groups a snapshot contains: app group assignments, the source and
 * target of Push Groups mappings, the targets and exclusions of group rules, the group
 * conditions of policies and policy rules, and `isMemberOfGroup(…)` calls in the expressions of
 * group rules, policy rules and profile mappings. A group's own `group` and `group-members`
 * resources do not count.
 */
export function groupIdsReferencedBy(resources: readonly SnapshotResource[]): Set<string> {
  const ids = new Set<string>();
  for (const resource of resources) {
    for (const id of groupIdsNamedBy(resource)) ids.add(id);
  }
  return ids;
}

function groupIdsNamedBy(resource: SnapshotResource): string[] {
  switch (resource.kind) {
    case 'app-group-assignment':
      // The id is `<appId>/<groupId>`.
      return [resource.id.slice(resource.id.indexOf('/') + 1)];
    case 'group-push-mapping':
      return ['/sourceGroupId', '/targetGroupId'].map((pointer) => stringAt(resource.body, pointer) ?? '').filter((id) => id !== '');
    case 'group-rule':
    case 'policy':
    case 'policy-rule':
      return [...GROUP_LIST_POINTERS.flatMap((pointer) => stringsAt(resource.body, pointer)), ...expressionGroupIds(resource.body)];
    case 'profile-mapping':
      return expressionGroupIds(resource.body);
    default:
      return [];
  }
}

/** Returns the groups named in every expression inside a body: a string under a key `expression`, or the `value` of an expression object. */
function expressionGroupIds(body: JsonValue): string[] {
  if (Array.isArray(body)) return body.flatMap(expressionGroupIds);
  if (!isJsonObject(body)) return [];

  const ids: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const isExpression = key === 'expression' || (key === 'value' && body['type'] === EXPRESSION_TYPE);
    if (typeof value === 'string' && isExpression) ids.push(...groupIdsInExpression(value));
    else ids.push(...expressionGroupIds(value));
  }
  return ids;
}

import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { withLinks } from '../http/links.js';
import type { SandboxRequest } from '../http/route.js';
import type { OrgState } from '../org-state.js';

/**
 * Renders a group the way Okta returns it: the stored body with `_links` (`logo`, `users`,
 * `apps`, `self`) and, when `includeStats` is set (`expand=stats`), `_embedded.stats`.
 * The `wrongGroupUserCount` fault is added to `usersCount`.
 */
export function renderGroup(request: SandboxRequest, group: JsonObject, includeStats = false): JsonObject {
  const id = String(group['id']);
  const rendered = withLinks(group, request.baseUrl, {
    self: { path: `/api/v1/groups/${id}` },
    users: { path: `/api/v1/groups/${id}/users` },
    apps: { path: `/api/v1/groups/${id}/apps` },
  });
  rendered['_links'] = { logo: logoLinks(request.baseUrl), ...(rendered['_links'] as JsonObject) };

  if (includeStats) rendered['_embedded'] = { stats: groupStats(request, id) };
  return rendered;
}

/** Returns the group's members in the order they were added (the members list pages them in id order). */
export function memberIdsOf(state: OrgState, groupId: string): string[] {
  return [...(state.groupMembers.get(groupId) ?? [])];
}

/** Tells whether the `expand` query parameter, a comma-separated list in Okta, includes `value`. */
export function expandIncludes(request: SandboxRequest, value: string): boolean {
  const expand = request.query.get('expand') ?? '';
  return expand.split(',').some((item) => item.trim() === value);
}

function groupStats(request: SandboxRequest, groupId: string): JsonObject {
  const { state } = request;
  const usersCount = memberIdsOf(state, groupId).length + request.faults.wrongGroupUserCount();
  const appsCount = [...state.appGroupAssignments.values()].filter((assignments) => assignments.has(groupId)).length;
  const groupPushMappingsCount = [...state.groupPushMappings.values()]
    .flatMap((mappings) => [...mappings.values()])
    .filter((mapping) => mapping['sourceGroupId'] === groupId).length;
  return { usersCount, appsCount, groupPushMappingsCount };
}

/**
 * Returns the links to a group's logo in two sizes. Okta shows another logo for groups imported
 * from a directory (Active Directory, LDAP), but the sandbox always links the Okta logo.
 */
function logoLinks(baseUrl: string): JsonObject[] {
  return ['medium', 'large'].map((size) => ({
    name: size,
    href: `${baseUrl}/img/logos/groups/okta-${size}.png`,
    type: 'image/png',
  }));
}

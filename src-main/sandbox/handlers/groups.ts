import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { findOrThrow, requireObjectBody } from '../http/body-checks.js';
import { pageOf } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { SandboxError, validationFailed } from '../http/sandbox-error.js';
import type { OrgState } from '../org-state.js';
import { deleteGroupAndReferences, pushMappingsUsingGroup } from './group-deletion.js';
import { listGroups } from './group-list.js';
import { memberIdsOf, renderGroup } from './group-views.js';
import { renderUser } from './user-views.js';

/** `limit` of `GET /api/v1/groups/{groupId}/users`: the spec's default 1000. The spec gives no maximum, so pages are capped at the default. */
const MEMBER_PAGE_LIMITS = { defaultLimit: 1000, maxLimit: 1000 };

const READ = 'okta.groups.read';
const MANAGE = 'okta.groups.manage';

export const groupRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/groups', scope: READ, bucket: 'groups', handle: listGroups },
  { method: 'POST', path: '/api/v1/groups', scope: MANAGE, bucket: 'groups', handle: createGroup },
  { method: 'GET', path: '/api/v1/groups/:groupId', scope: READ, bucket: 'group', handle: getGroup },
  { method: 'PUT', path: '/api/v1/groups/:groupId', scope: MANAGE, bucket: 'group', handle: replaceGroup },
  { method: 'DELETE', path: '/api/v1/groups/:groupId', scope: MANAGE, bucket: 'group', handle: deleteGroup },
  { method: 'GET', path: '/api/v1/groups/:groupId/users', scope: READ, bucket: 'group', handle: listGroupUsers },
  { method: 'PUT', path: '/api/v1/groups/:groupId/users/:userId', scope: MANAGE, bucket: 'group', handle: assignUserToGroup },
  { method: 'DELETE', path: '/api/v1/groups/:groupId/users/:userId', scope: MANAGE, bucket: 'group', handle: unassignUserFromGroup },
];

/** Returns the stored group with this id, or throws Okta's 404. */
export function findGroupOrThrow(state: OrgState, groupId: string): JsonObject {
  return findOrThrow(state.groups, groupId, 'UserGroup');
}

/** Creates an `OKTA_GROUP`. Okta returns the new group with status 200, not 201. */
function createGroup(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const profile = validatedProfile(state, request.body, undefined);
  const now = state.nowIso();
  const group: JsonObject = {
    id: state.newId('group'),
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile,
  };

  state.groups.set(String(group['id']), group);
  return ok(renderGroup(request, group));
}

function getGroup(request: SandboxRequest): SandboxResponse {
  const group = findGroupOrThrow(request.state, request.params['groupId'] ?? '');
  return ok(renderGroup(request, group));
}

/** Replaces the whole profile of an `OKTA_GROUP`. Groups of the other types are read-only. */
function replaceGroup(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const group = findGroupOrThrow(state, request.params['groupId'] ?? '');
  requireOktaGroup(group, 'have its profile replaced');

  group['profile'] = validatedProfile(state, request.body, String(group['id']));
  group['lastUpdated'] = state.nowIso();
  return ok(renderGroup(request, group));
}

/**
 * Deletes an `OKTA_GROUP`, or an `APP_GROUP` that no group push mapping uses, together with its
 * memberships, app assignments and push mappings. The group rules that target it turn `INVALID`.
 */
function deleteGroup(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const group = findGroupOrThrow(state, request.params['groupId'] ?? '');
  const groupId = String(group['id']);

  if (group['type'] === 'BUILT_IN') throw groupTypeForbids(group, 'Groups of type BUILT_IN cannot be deleted.');
  const mappings = pushMappingsUsingGroup(state, groupId);
  if (group['type'] === 'APP_GROUP' && mappings.length > 0) {
    throw groupTypeForbids(group, `An APP_GROUP used in a group push mapping cannot be deleted, and group push mappings ${mappings.join(', ')} use it.`);
  }

  deleteGroupAndReferences(state, groupId);
  return noContent();
}

function listGroupUsers(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const group = findGroupOrThrow(state, request.params['groupId'] ?? '');
  const members = memberIdsOf(state, String(group['id']))
    .map((userId) => state.users.get(userId))
    .filter((user): user is JsonObject => user !== undefined);

  const response = pageOf(request, members, MEMBER_PAGE_LIMITS);
  const page = response.body as JsonObject[];
  return { ...response, body: page.map((user) => renderUser(request, user)) };
}

/** Adds a member to an `OKTA_GROUP`. Adding an existing member changes nothing. */
function assignUserToGroup(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const group = findGroupOrThrow(state, request.params['groupId'] ?? '');
  const user = findOrThrow(state.users, request.params['userId'] ?? '', 'User');
  requireOktaGroup(group, 'have its members changed');

  const groupId = String(group['id']);
  const members = state.groupMembers.get(groupId) ?? new Set<string>();
  state.groupMembers.set(groupId, members);
  if (!members.has(String(user['id']))) {
    members.add(String(user['id']));
    group['lastMembershipUpdated'] = state.nowIso();
  }
  return noContent();
}

/** Removes a member from an `OKTA_GROUP`. Removing a user who is not a member changes nothing. */
function unassignUserFromGroup(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const group = findGroupOrThrow(state, request.params['groupId'] ?? '');
  const user = findOrThrow(state.users, request.params['userId'] ?? '', 'User');
  requireOktaGroup(group, 'have its members changed');

  if (state.groupMembers.get(String(group['id']))?.delete(String(user['id']))) {
    group['lastMembershipUpdated'] = state.nowIso();
  }
  return noContent();
}

/**
 * Maximum length of a group name.
 * NOTE: the spec's `OktaUserGroupProfile` sets no maximum. 255 characters is the limit the
 * sandbox assumes for Okta's group name, without a documented source.
 */
const MAX_GROUP_NAME_LENGTH = 255;

/**
 * Returns the `profile` of a create or replace body, or throws Okta's 400 when the name is
 * missing, too long or another `OKTA_GROUP` has it. The name and the description must be
 * strings, as the spec's `OktaUserGroupProfile` types them. The spec has no example of the
 * duplicate-name error, so its code and cause are those Okta returned in public issue reports.
 * NOTE: Okta does not document whether it ignores case when it compares group names, and the
 * sandbox compares them exactly.
 */
function validatedProfile(state: OrgState, body: unknown, ownId: string | undefined): JsonObject {
  const profile = requireObjectBody(body)['profile'];
  if (!isJsonObject(profile)) throw validationFailed('profile', ['profile: The field cannot be left blank']);

  const name = profile['name'];
  if (typeof name !== 'string' || name.trim() === '') throw validationFailed('name', ['name: The field cannot be left blank']);
  if (name.length > MAX_GROUP_NAME_LENGTH) {
    throw validationFailed('name', [`name: The name is ${name.length} characters long, but the maximum is ${MAX_GROUP_NAME_LENGTH}.`]);
  }
  const description = profile['description'];
  if (description !== undefined && typeof description !== 'string') {
    throw validationFailed('description', [`description: The value must be a string, not ${JSON.stringify(description)}.`]);
  }

  const duplicate = [...state.groups.values()].some(
    (group) => group['id'] !== ownId && group['type'] === 'OKTA_GROUP' && isJsonObject(group['profile']) && group['profile']['name'] === name,
  );
  if (duplicate) throw validationFailed('name', ['name: An object with this field already exists in the current organization']);
  return structuredClone(profile);
}

function requireOktaGroup(group: JsonObject, action: string): void {
  if (group['type'] === 'OKTA_GROUP') return;
  throw groupTypeForbids(group, `Only groups of type OKTA_GROUP can ${action}, and this group has type ${String(group['type'])}.`);
}

/**
 * Returns Okta's 403 `E0000006` for a request that changes a group which only Okta (BUILT_IN)
 * or an app import (APP_GROUP) may change.
 */
function groupTypeForbids(group: JsonObject, cause: string): SandboxError {
  return new SandboxError(403, OKTA_ERROR.forbidden, 'You do not have permission to perform the requested action', [
    `Group ${String(group['id'])}: ${cause}`,
  ]);
}

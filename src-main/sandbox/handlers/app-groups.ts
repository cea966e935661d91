import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { findOrThrow } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { keyOrder } from '../http/list-order.js';
import { pageOf } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { malformedBody, validationFailed } from '../http/sandbox-error.js';
import { isJsonObject } from '../../../src-shared/json/json-types.js';
import { findApp } from './app-render.js';

const APPS_READ = 'okta.apps.read';

const ASSIGNMENT_ORDER = keyOrder((assignment) => [typeof assignment['priority'] === 'number' ? assignment['priority'] : 0, assignment['id'] ?? null]);
const APPS_MANAGE = 'okta.apps.manage';

export const appGroupRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/apps/:appId/groups', scope: APPS_READ, bucket: 'app', handle: listAssignments },
  { method: 'GET', path: '/api/v1/apps/:appId/groups/:groupId', scope: APPS_READ, bucket: 'app', handle: getAssignment },
  { method: 'PUT', path: '/api/v1/apps/:appId/groups/:groupId', scope: APPS_MANAGE, bucket: 'app', handle: assignGroup },
  { method: 'DELETE', path: '/api/v1/apps/:appId/groups/:groupId', scope: APPS_MANAGE, bucket: 'app', handle: unassignGroup },
];

function assignmentsOf(request: SandboxRequest): { appId: string; assignments: Map<string, JsonObject> } {
  const appId = String(findApp(request, request.params['appId'] ?? '')['id']);
  let assignments = request.state.appGroupAssignments.get(appId);
  if (!assignments) {
    assignments = new Map();
    request.state.appGroupAssignments.set(appId, assignments);
  }
  return { appId, assignments };
}

function render(request: SandboxRequest, appId: string, assignment: JsonObject): JsonObject {
  const groupId = String(assignment['id']);
  const rendered = withLinks(assignment, request.baseUrl, {
    app: { path: `/api/v1/apps/${appId}` },
    self: { path: `/api/v1/apps/${appId}/groups/${groupId}` },
    group: { path: `/api/v1/groups/${groupId}` },
  });
  if (request.query.get('expand')?.split(',').includes('group')) {
    const group = request.state.groups.get(groupId);
    if (group) rendered['_embedded'] = { group: structuredClone(group) };
  }
  return rendered;
}

/**
 * Lists assignments by priority, then group id; `q` matches the start of the group name.
 * Assignment priorities do not change when another assignment is removed, so the cursor can
 * carry the priority.
 */
function listAssignments(request: SandboxRequest): SandboxResponse {
  const { appId, assignments } = assignmentsOf(request);
  const q = request.query.get('q')?.toLowerCase();
  const items = [...assignments.values()].filter((assignment) => q === undefined || groupNameOf(request, assignment).toLowerCase().startsWith(q));
  const page = pageOf(request, items, { defaultLimit: 20, maxLimit: 200, minLimit: 20 }, ASSIGNMENT_ORDER);
  return { ...page, body: (page.body as JsonObject[]).map((assignment) => render(request, appId, assignment)) };
}

function groupNameOf(request: SandboxRequest, assignment: JsonObject): string {
  const profile = request.state.groups.get(String(assignment['id']))?.['profile'];
  return isJsonObject(profile) && typeof profile['name'] === 'string' ? profile['name'] : '';
}

function getAssignment(request: SandboxRequest): SandboxResponse {
  const { appId, assignments } = assignmentsOf(request);
  return ok(render(request, appId, findOrThrow(assignments, request.params['groupId'] ?? '', 'ApplicationGroupAssignment')));
}

/**
 * Creates or replaces a group assignment. Without a `priority`, Okta gives the next one after
 * the highest in use; priorities of other assignments do not move.
 */
function assignGroup(request: SandboxRequest): SandboxResponse {
  const { appId, assignments } = assignmentsOf(request);
  const groupId = request.params['groupId'] ?? '';
  findOrThrow(request.state.groups, groupId, 'Group');
  const body = request.body === undefined ? {} : request.body;
  if (!isJsonObject(body)) throw malformedBody('The request body must be a JSON object.');

  const priority = body['priority'] ?? nextPriority(assignments, groupId);
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 0) {
    throw validationFailed('priority', [`priority: '${String(priority)}' is not a whole number of zero or more.`]);
  }
  if (body['profile'] !== undefined && !isJsonObject(body['profile'])) {
    throw validationFailed('profile', ['profile: The assignment profile must be a JSON object.']);
  }

  const assignment: JsonObject = {
    id: groupId,
    lastUpdated: request.state.nowIso(),
    priority,
    profile: structuredClone((body['profile'] ?? assignments.get(groupId)?.['profile'] ?? {}) as JsonObject),
  };
  assignments.set(groupId, assignment);
  return ok(render(request, appId, assignment));
}

function nextPriority(assignments: Map<string, JsonObject>, groupId: string): number {
  const existing = assignments.get(groupId)?.['priority'];
  if (typeof existing === 'number') return existing;
  const used = [...assignments.values()].map((assignment) => Number(assignment['priority'] ?? -1));
  return used.length === 0 ? 0 : Math.max(...used) + 1;
}

function unassignGroup(request: SandboxRequest): SandboxResponse {
  const { assignments } = assignmentsOf(request);
  const groupId = request.params['groupId'] ?? '';
  findOrThrow(assignments, groupId, 'ApplicationGroupAssignment');
  assignments.delete(groupId);
  return noContent();
}

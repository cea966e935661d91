import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { findOrThrow, requireObjectBody, requireString } from '../http/body-checks.js';
import { pageOf } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { notFound, SandboxError, validationFailed } from '../http/sandbox-error.js';
import { findApp } from './app-render.js';
import { appUserFrom, appUserSources, externalIdFor, renderAppUser, type AppUserSource } from './app-user-view.js';

const APPS_READ = 'okta.apps.read';
const APPS_MANAGE = 'okta.apps.manage';

export const appUserRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/apps/:appId/users', scope: APPS_READ, bucket: 'app', handle: listAppUsers },
  { method: 'POST', path: '/api/v1/apps/:appId/users', scope: APPS_MANAGE, bucket: 'app', handle: assignUser },
  { method: 'GET', path: '/api/v1/apps/:appId/users/:userId', scope: APPS_READ, bucket: 'app', handle: getAppUser },
  { method: 'POST', path: '/api/v1/apps/:appId/users/:userId', scope: APPS_MANAGE, bucket: 'app', handle: updateAppUser },
  { method: 'DELETE', path: '/api/v1/apps/:appId/users/:userId', scope: APPS_MANAGE, bucket: 'app', handle: unassignUser },
];

function listAppUsers(request: SandboxRequest): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  const appId = String(app['id']);
  const sources = appUserSources(request, app);
  const q = request.query.get('q')?.toLowerCase();
  const ids = [...sources.keys()].filter((userId) => q === undefined || matchesQuery(request, userId, sources, q));

  const page = pageOf(request, ids.map((id) => ({ id })), { defaultLimit: 50, maxLimit: 500 });
  const body = (page.body as JsonObject[]).map(({ id }) => {
    const userId = String(id);
    return renderAppUser(request, appId, appUserFrom(request, appId, userId, sources.get(userId) as AppUserSource));
  });
  return { ...page, body };
}

/** `q` matches the start of the user's app user name, first name, last name or email. */
function matchesQuery(request: SandboxRequest, userId: string, sources: Map<string, AppUserSource>, q: string): boolean {
  const profile = (request.state.users.get(userId)?.['profile'] ?? {}) as JsonObject;
  const source = sources.get(userId) as AppUserSource;
  const userName = source.scope === 'USER' ? (source.assignment['credentials'] as JsonObject | undefined)?.['userName'] : profile['login'];
  return [userName, profile['firstName'], profile['lastName'], profile['email']].some(
    (value) => typeof value === 'string' && value.toLowerCase().startsWith(q),
  );
}

function findAppUser(request: SandboxRequest): { appId: string; appUser: JsonObject } {
  const app = findApp(request, request.params['appId'] ?? '');
  const appId = String(app['id']);
  const userId = request.params['userId'] ?? '';
  const source = appUserSources(request, app).get(userId);
  if (!source) throw notFound(`${userId} (AppUser)`);
  return { appId, appUser: appUserFrom(request, appId, userId, source) };
}

function getAppUser(request: SandboxRequest): SandboxResponse {
  const { appId, appUser } = findAppUser(request);
  return ok(renderAppUser(request, appId, appUser));
}

function assignUser(request: SandboxRequest): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  const body = requireObjectBody(request.body);
  const userId = requireString(body, 'id', 'id');
  const user = findOrThrow(request.state.users, userId, 'User');
  const appId = String(app['id']);
  const now = request.state.nowIso();

  const login = String((user['profile'] as JsonObject | undefined)?.['login'] ?? userId);
  const credentials = (body['credentials'] ?? { userName: login }) as JsonObject;
  const provisioned = request.state.provisioning.get(appId)?.connection['status'] === 'ENABLED';
  const assignment: JsonObject = {
    id: userId,
    created: now,
    lastUpdated: now,
    scope: 'USER',
    status: provisioned ? 'PROVISIONED' : 'ACTIVE',
    statusChanged: now,
    syncState: provisioned ? 'SYNCHRONIZED' : 'DISABLED',
    credentials: { userName: String(credentials['userName'] ?? login) },
    profile: structuredClone((body['profile'] ?? {}) as JsonObject),
  };
  if (provisioned) assignment['externalId'] = externalIdFor(appId, userId);
  const direct = request.state.appUserAssignments.get(appId) ?? new Map<string, JsonObject>();
  direct.set(userId, assignment);
  request.state.appUserAssignments.set(appId, direct);
  return ok(renderAppUser(request, appId, assignment));
}

/** Merges `credentials.userName` and `profile` into a direct assignment; group-scoped users take their profile from the group. */
function updateAppUser(request: SandboxRequest): SandboxResponse {
  const { appId, appUser } = findAppUser(request);
  const body = requireObjectBody(request.body);
  if (appUser['scope'] !== 'USER') {
    throw validationFailed('appUser', ['profile: The profile of a user assigned through a group comes from the group assignment.']);
  }
  if (body['profile'] !== undefined) appUser['profile'] = { ...(appUser['profile'] as JsonObject), ...(body['profile'] as JsonObject) };
  const userName = (body['credentials'] as JsonObject | undefined)?.['userName'];
  if (typeof userName === 'string') appUser['credentials'] = { userName };
  appUser['lastUpdated'] = request.state.nowIso();
  return ok(renderAppUser(request, appId, appUser));
}

/** Removes a direct assignment. A user assigned only through a group cannot be unassigned here. */
function unassignUser(request: SandboxRequest): SandboxResponse {
  const { appId, appUser } = findAppUser(request);
  if (appUser['scope'] !== 'USER') {
    throw new SandboxError(403, 'E0000046', 'Deactivate application for user forbidden.', [
      'The user is assigned through a group; remove the group assignment or the group membership instead.',
    ]);
  }
  request.state.appUserAssignments.get(appId)?.delete(String(appUser['id']));
  return noContent();
}

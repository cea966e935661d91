import { createHash } from 'node:crypto';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { SandboxRequest } from '../http/route.js';
import { withLinks } from '../http/links.js';

/** The source of an app user: a direct assignment, or the group assignment that wins for the user. */
export type AppUserSource = { scope: 'USER'; assignment: JsonObject } | { scope: 'GROUP'; groupAssignment: JsonObject };

/**
 * Finds an app's users as Okta reports them: the direct (`scope: USER`) assignments plus,
 * while the app is ACTIVE, every member of an assigned group (`scope: GROUP`). A user reached
 * both ways is reported once, as USER. A group-scoped user's profile comes from the assigned
 * group with the highest priority (the lowest number) that contains the user. Returns the
 * sources sorted by user id, the order the paging cursor relies on; `appUserFrom` builds the
 * bodies, so a list request builds only the page it returns.
 */
export function appUserSources(request: SandboxRequest, app: JsonObject): Map<string, AppUserSource> {
  const { state } = request;
  const appId = String(app['id']);
  const sources = new Map<string, AppUserSource>();
  for (const [userId, assignment] of state.appUserAssignments.get(appId) ?? []) {
    sources.set(userId, { scope: 'USER', assignment });
  }

  if (app['status'] === 'ACTIVE') {
    for (const groupAssignment of assignmentsByPriority(request, appId)) {
      for (const userId of state.groupMembers.get(String(groupAssignment['id'])) ?? []) {
        if (!sources.has(userId) && state.users.has(userId)) sources.set(userId, { scope: 'GROUP', groupAssignment });
      }
    }
  }
  return new Map([...sources].sort(([a], [b]) => compareIds(a, b)));
}

/** Orders ids by code unit, the order the paging cursor (`after`) relies on. */
function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function assignmentsByPriority(request: SandboxRequest, appId: string): JsonObject[] {
  const assignments = [...(request.state.appGroupAssignments.get(appId)?.values() ?? [])];
  return assignments.sort((a, b) => Number(a['priority'] ?? 0) - Number(b['priority'] ?? 0));
}

/** Builds the app user body for one source; a direct assignment is returned as stored. */
export function appUserFrom(request: SandboxRequest, appId: string, userId: string, source: AppUserSource): JsonObject {
  if (source.scope === 'USER') return source.assignment;

  const { state } = request;
  const user = state.users.get(userId) ?? {};
  const provisioned = state.provisioning.get(appId)?.connection['status'] === 'ENABLED';
  const login = String((user['profile'] as JsonObject | undefined)?.['login'] ?? userId);
  const since = String(source.groupAssignment['lastUpdated'] ?? user['created'] ?? state.nowIso());
  const appUser: JsonObject = {
    id: userId,
    created: since,
    lastUpdated: since,
    scope: 'GROUP',
    status: provisioned ? 'PROVISIONED' : 'ACTIVE',
    statusChanged: since,
    syncState: provisioned ? 'SYNCHRONIZED' : 'DISABLED',
    credentials: { userName: login },
    // Shared with the assignment: renderAppUser copies the body before it leaves the server.
    profile: (source.groupAssignment['profile'] ?? {}) as JsonObject,
  };
  if (provisioned) {
    appUser['externalId'] = externalIdFor(appId, userId);
    appUser['lastSync'] = since;
  }
  return appUser;
}

/**
 * Returns a stand-in for the id the target app gave the user when Okta provisioned it. It is
 * derived from the app and user ids, so it is the same on every read. Okta omits it for
 * SSO-only assignments.
 */
export function externalIdFor(appId: string, userId: string): string {
  return createHash('sha256').update(`${appId}:${userId}`).digest('hex').slice(0, 32);
}

/** Renders an app user with `_links` to the app and the user, and the user embedded on `expand=user`. */
export function renderAppUser(request: SandboxRequest, appId: string, appUser: JsonObject): JsonObject {
  const userId = String(appUser['id']);
  const rendered = withLinks(appUser, request.baseUrl, {
    app: { path: `/api/v1/apps/${appId}` },
    user: { path: `/api/v1/users/${userId}` },
  });
  if (request.query.get('expand') === 'user') {
    const user = request.state.users.get(userId);
    if (user) rendered['_embedded'] = { user: structuredClone(user) };
  }
  return rendered;
}

import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { deriveOktaId } from '../../../src-shared/okta/ids.js';
import { findOrThrow, requireObjectBody } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { notFound } from '../http/sandbox-error.js';
import type { OrgState } from '../org-state.js';
import { defaultAppUserSchema } from './app-user-schema-default.js';
import { updatedAppUserSchema } from './app-user-schema-update.js';

const APP_SCHEMA_PATH = '/api/v1/meta/schemas/apps/:appId/default';

export const schemaRoutes: Route[] = [
  { method: 'GET', path: APP_SCHEMA_PATH, scope: 'okta.schemas.read', bucket: 'other', handle: getAppUserSchema },
  { method: 'POST', path: APP_SCHEMA_PATH, scope: 'okta.schemas.manage', bucket: 'other', handle: updateAppUserSchema },
  { method: 'GET', path: '/api/v1/meta/types/user', scope: 'okta.userTypes.read', bucket: 'other', handle: listUserTypes },
  { method: 'GET', path: '/api/v1/meta/types/user/:typeId', scope: 'okta.userTypes.read', bucket: 'other', handle: getUserType },
];

function getAppUserSchema(request: SandboxRequest): SandboxResponse {
  const appId = requireAppId(request);
  return ok(renderAppUserSchema(request, appId, storedOrDefaultSchema(request.state, appId)));
}

/** Applies a partial update to the app user schema (see `updatedAppUserSchema`). An empty body changes nothing. */
function updateAppUserSchema(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const appId = requireAppId(request);
  const current = storedOrDefaultSchema(state, appId);
  if (request.body === undefined) return ok(renderAppUserSchema(request, appId, current));

  const updated = updatedAppUserSchema(current, requireObjectBody(request.body));
  updated['lastUpdated'] = state.nowIso();
  state.appUserSchemas.set(appId, updated);
  return ok(renderAppUserSchema(request, appId, updated));
}

function listUserTypes(request: SandboxRequest): SandboxResponse {
  return ok([...request.state.userTypes.values()].map((userType) => renderUserType(request, userType)));
}

/** Returns one user type by id. As in Okta, the id `default` names the org's default user type. */
function getUserType(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const typeId = request.params['typeId'] ?? '';
  const userType = typeId === 'default'
    ? [...state.userTypes.values()].find((candidate) => candidate['default'] === true)
    : state.userTypes.get(typeId);
  if (!userType) throw notFound(`${typeId} (UserType)`);
  return ok(renderUserType(request, userType));
}

function requireAppId(request: SandboxRequest): string {
  const app = findOrThrow(request.state.apps, request.params['appId'] ?? '', 'AppInstance');
  return String(app['id']);
}

/**
 * Returns the stored schema of an app, or else the schema of an app without custom attributes:
 * the `userName` base property and no custom properties.
 */
function storedOrDefaultSchema(state: OrgState, appId: string): JsonObject {
  const stored = state.appUserSchemas.get(appId);
  if (stored) return stored;

  return defaultAppUserSchema(state.apps.get(appId) ?? {});
}

/** Okta sets the schema's `id` to its URL on the org, without the `/api/v1` prefix. */
function renderAppUserSchema(request: SandboxRequest, appId: string, schema: JsonObject): JsonObject {
  const withId = { ...schema, id: `${request.baseUrl}/meta/schemas/apps/${appId}/default` };
  return withLinks(withId, request.baseUrl, { self: { path: `/api/v1/meta/schemas/apps/${appId}/default` } });
}

/**
 * Links a user type to itself and to its profile schema. Stored user types do not record their
 * schema id, so the sandbox derives a stable `osc…` id from the type id.
 */
function renderUserType(request: SandboxRequest, userType: JsonObject): JsonObject {
  const typeId = String(userType['id']);
  const schemaId = deriveOktaId('schemaProperty', `user-schema:${typeId}`);
  return withLinks(userType, request.baseUrl, {
    self: { path: `/api/v1/meta/types/user/${typeId}` },
    schema: { path: `/api/v1/meta/schemas/user/${schemaId}` },
  });
}

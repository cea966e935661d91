import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { requireObjectBody, requireString, withoutFields } from '../http/body-checks.js';
import { pageOf } from '../http/paging.js';
import { ok, noContent, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { SandboxError, validationFailed } from '../http/sandbox-error.js';
import { findApp, renderApp } from './app-render.js';
import { createAppDefaults, removeAppDependents } from './app-dependents.js';
import { parseFilter } from '../http/filter-expression.js';

/** Fields Okta ignores in a create or replace body. */
const READ_ONLY_APP_FIELDS = ['id', 'created', 'lastUpdated', 'status', '_links', '_embedded', 'features'];

/** The apps list's `filter` takes only `eq` on these attributes. */
const APP_FILTER_RULES = {
  allows: (attribute: string, operator: string) =>
    operator === 'eq' && ['id', 'status', 'name', 'credentials.signing.kid', 'settings.slo.enabled'].includes(attribute),
  caseInsensitive: false,
};

const APPS_READ = 'okta.apps.read';
const APPS_MANAGE = 'okta.apps.manage';

export const appRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/apps', scope: APPS_READ, bucket: 'apps', handle: listApps },
  { method: 'POST', path: '/api/v1/apps', scope: APPS_MANAGE, bucket: 'apps', handle: createApp },
  { method: 'GET', path: '/api/v1/apps/:appId', scope: APPS_READ, bucket: 'app', handle: getApp },
  { method: 'PUT', path: '/api/v1/apps/:appId', scope: APPS_MANAGE, bucket: 'app', handle: replaceApp },
  { method: 'DELETE', path: '/api/v1/apps/:appId', scope: APPS_MANAGE, bucket: 'app', handle: deleteApp },
  { method: 'POST', path: '/api/v1/apps/:appId/lifecycle/activate', scope: APPS_MANAGE, bucket: 'app', handle: (r) => setStatus(r, 'ACTIVE') },
  { method: 'POST', path: '/api/v1/apps/:appId/lifecycle/deactivate', scope: APPS_MANAGE, bucket: 'app', handle: (r) => setStatus(r, 'INACTIVE') },
];

function listApps(request: SandboxRequest): SandboxResponse {
  const q = request.query.get('q')?.toLowerCase();
  const filterText = request.query.get('filter');
  const filter = filterText === null ? undefined : parseFilter(filterText, APP_FILTER_RULES);
  const apps = [...request.state.apps.values()].filter((app) => {
    if (q && !startsWithIgnoringCase(app, q)) return false;
    return filter === undefined || filter(app);
  });
  const page = pageOf(request, apps, { defaultLimit: 200, maxLimit: 200 });
  return { ...page, body: (page.body as JsonObject[]).map((app) => renderApp(request, app)) };
}

function startsWithIgnoringCase(app: JsonObject, q: string): boolean {
  return [app['label'], app['name']].some((value) => typeof value === 'string' && value.toLowerCase().startsWith(q));
}

function getApp(request: SandboxRequest): SandboxResponse {
  return ok(renderApp(request, findApp(request, request.params['appId'] ?? '')));
}

function createApp(request: SandboxRequest): SandboxResponse {
  const body = withoutFields(requireObjectBody(request.body), READ_ONLY_APP_FIELDS);
  const label = requireString(body, 'label', 'label');
  const signOnMode = requireString(body, 'signOnMode', 'signOnMode');
  rejectDuplicateLabel(request, label, undefined);

  const { state } = request;
  const id = state.newId('app');
  const now = state.nowIso();
  const activate = request.query.get('activate') !== 'false';
  const app: JsonObject = {
    ...body,
    id,
    name: typeof body['name'] === 'string' ? body['name'] : generatedAppName(label, id),
    label,
    signOnMode,
    status: activate ? 'ACTIVE' : 'INACTIVE',
    created: now,
    lastUpdated: now,
  };
  state.apps.set(id, app);
  createAppDefaults(request, app);
  return ok(renderApp(request, state.apps.get(id) ?? app));
}

/** Okta names custom SAML and OIDC apps after their label plus a numeric suffix. */
function generatedAppName(label: string, id: string): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 40) || 'app';
  return `${slug}_${id.slice(-4).toLowerCase()}_1`;
}

function replaceApp(request: SandboxRequest): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  const body = withoutFields(requireObjectBody(request.body), [...READ_ONLY_APP_FIELDS, 'name']);
  const label = requireString(body, 'label', 'label');
  const signOnMode = requireString(body, 'signOnMode', 'signOnMode');
  if (signOnMode !== app['signOnMode']) {
    throw validationFailed('signOnMode', ['signOnMode: The sign-on mode of an existing app cannot be changed.']);
  }
  rejectDuplicateLabel(request, label, String(app['id']));
  rejectUnknownSigningKey(request, app, body);

  const replaced: JsonObject = {
    ...body,
    id: app['id'] as string,
    name: app['name'] as string,
    status: app['status'] as string,
    created: app['created'] as string,
    lastUpdated: request.state.nowIso(),
  };
  // `features` is read-only: Okta keeps the app's provisioning features whatever the body says.
  if (app['features'] !== undefined) replaced['features'] = app['features'];
  request.state.apps.set(String(app['id']), replaced);
  return ok(renderApp(request, replaced));
}

function rejectDuplicateLabel(request: SandboxRequest, label: string, ownId: string | undefined): void {
  for (const other of request.state.apps.values()) {
    if (other['id'] !== ownId && other['label'] === label) {
      throw new SandboxError(400, OKTA_ERROR.duplicateAppLabel, 'Application label must not be the same as an existing application label.', [
        `label: An app with the label '${label}' already exists (${String(other['id'])}).`,
      ]);
    }
  }
}

/** `credentials.signing.kid` may only name a key already in the app's key store. */
function rejectUnknownSigningKey(request: SandboxRequest, app: JsonObject, body: JsonObject): void {
  const signing = (body['credentials'] as JsonObject | undefined)?.['signing'] as JsonObject | undefined;
  const kid = signing?.['kid'];
  if (typeof kid !== 'string') return;
  const keys = request.state.appKeys.get(String(app['id'])) ?? [];
  if (!keys.some((key) => key['kid'] === kid)) {
    throw validationFailed('credentials', [`credentials.signing.kid: No key credential with kid '${kid}' exists for this app.`]);
  }
}

function deleteApp(request: SandboxRequest): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  if (app['status'] === 'ACTIVE') {
    throw new SandboxError(403, OKTA_ERROR.deleteActiveApp, 'Delete application forbidden.', [
      'The application must be deactivated before deletion.',
    ]);
  }
  removeAppDependents(request, String(app['id']));
  request.state.apps.delete(String(app['id']));
  return noContent();
}

function setStatus(request: SandboxRequest, status: 'ACTIVE' | 'INACTIVE'): SandboxResponse {
  const app = findApp(request, request.params['appId'] ?? '');
  if (app['status'] !== status) {
    app['status'] = status;
    app['lastUpdated'] = request.state.nowIso();
  }
  return { status: 200 };
}

import { isJsonObject, type JsonObject } from '../../../src-shared/json/json-types.js';
import { requireObjectBody } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { notFound, validationFailed } from '../http/sandbox-error.js';
import type { SeedProvisioning } from '../seed/seed-types.js';
import { findApp } from './app-render.js';
import { checkCapabilities } from './feature-capabilities.js';

const APPS_READ = 'okta.apps.read';
const APPS_MANAGE = 'okta.apps.manage';
const FEATURE_NAMES = ['USER_PROVISIONING', 'INBOUND_PROVISIONING'];

export const provisioningRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/apps/:appId/connections/default', scope: APPS_READ, bucket: 'app', handle: getConnection },
  { method: 'POST', path: '/api/v1/apps/:appId/connections/default', scope: APPS_MANAGE, bucket: 'app', handle: updateConnection },
  { method: 'POST', path: '/api/v1/apps/:appId/connections/default/lifecycle/activate', scope: APPS_MANAGE, bucket: 'app', handle: (r) => setConnectionStatus(r, 'ENABLED') },
  { method: 'POST', path: '/api/v1/apps/:appId/connections/default/lifecycle/deactivate', scope: APPS_MANAGE, bucket: 'app', handle: (r) => setConnectionStatus(r, 'DISABLED') },
  { method: 'GET', path: '/api/v1/apps/:appId/features', scope: APPS_READ, bucket: 'app', handle: listFeatures },
  { method: 'GET', path: '/api/v1/apps/:appId/features/:featureName', scope: APPS_READ, bucket: 'app', handle: getFeature },
  { method: 'PUT', path: '/api/v1/apps/:appId/features/:featureName', scope: APPS_MANAGE, bucket: 'app', handle: updateFeature },
];

function appIdOf(request: SandboxRequest): string {
  return String(findApp(request, request.params['appId'] ?? '')['id']);
}

/** Returns the provisioning connection, or an UNKNOWN one for an app without provisioning, as Okta does for apps that do not support it. */
function getConnection(request: SandboxRequest): SandboxResponse {
  const appId = appIdOf(request);
  const connection = request.state.provisioning.get(appId)?.connection ?? {
    authScheme: 'UNKNOWN',
    status: 'UNKNOWN',
    profile: { authScheme: 'UNKNOWN' },
  };
  return ok(renderConnection(request, appId, connection));
}

function renderConnection(request: SandboxRequest, appId: string, connection: JsonObject): JsonObject {
  const base = `/api/v1/apps/${appId}/connections/default`;
  const lifecycle = connection['status'] === 'ENABLED' ? 'deactivate' : 'activate';
  return withLinks(connection, request.baseUrl, {
    self: { path: base, hints: { allow: ['GET', 'POST'] } },
    [lifecycle]: { path: `${base}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
  });
}

/**
 * Sets the connection from a token or OAuth request body. The token is write-only: it is
 * checked for presence and then dropped, so no read ever returns it.
 */
function updateConnection(request: SandboxRequest): SandboxResponse {
  const appId = appIdOf(request);
  const body = requireObjectBody(request.body);
  const profile = body['profile'];
  if (!isJsonObject(profile)) throw validationFailed('profile', ['profile: The field cannot be left blank']);
  const authScheme = profile['authScheme'];
  if (authScheme !== 'TOKEN' && authScheme !== 'OAUTH2') {
    throw validationFailed('profile', [`profile.authScheme: '${String(authScheme)}' is invalid; use TOKEN or OAUTH2.`]);
  }
  if (authScheme === 'TOKEN' && (typeof profile['token'] !== 'string' || profile['token'] === '')) {
    throw validationFailed('profile', ['profile.token: The field cannot be left blank']);
  }

  const activate = request.query.get('activate') !== 'false';
  const existing = request.state.provisioning.get(appId);
  const connection: JsonObject = {
    authScheme,
    status: activate ? 'ENABLED' : String(existing?.connection['status'] ?? 'DISABLED'),
    profile: { authScheme },
  };
  if (typeof body['baseUrl'] === 'string') connection['baseUrl'] = body['baseUrl'];
  request.state.provisioning.set(appId, { connection, features: existing?.features ?? defaultFeatures() });
  return ok(renderConnection(request, appId, connection));
}

function defaultFeatures(): JsonObject[] {
  return [
    {
      name: 'USER_PROVISIONING',
      status: 'DISABLED',
      description: 'User provisioning settings from Okta to a downstream app',
      capabilities: {
        create: { lifecycleCreate: { status: 'DISABLED' } },
        update: {
          lifecycleDeactivate: { status: 'DISABLED' },
          profile: { status: 'DISABLED' },
          password: { status: 'DISABLED', seed: 'RANDOM', change: 'KEEP_EXISTING' },
        },
      },
    },
  ];
}

function setConnectionStatus(request: SandboxRequest, status: 'ENABLED' | 'DISABLED'): SandboxResponse {
  const provisioning = request.state.provisioning.get(appIdOf(request));
  if (!provisioning) throw provisioningOff();
  provisioning.connection['status'] = status;
  return noContent();
}

function provisioningOf(request: SandboxRequest): { appId: string; provisioning: SeedProvisioning } {
  const appId = appIdOf(request);
  const provisioning = request.state.provisioning.get(appId);
  if (!provisioning) throw provisioningOff();
  return { appId, provisioning };
}

/** Returns Okta's error for any features call on an app whose provisioning is off. */
function provisioningOff() {
  return validationFailed('feature', ['Provisioning is not enabled for the app instance.']);
}

function renderFeature(request: SandboxRequest, appId: string, feature: JsonObject): JsonObject {
  return withLinks(feature, request.baseUrl, {
    self: { path: `/api/v1/apps/${appId}/features/${String(feature['name'])}`, hints: { allow: ['GET', 'PUT'] } },
  });
}

function listFeatures(request: SandboxRequest): SandboxResponse {
  const { appId, provisioning } = provisioningOf(request);
  return ok(provisioning.features.map((feature) => renderFeature(request, appId, feature)));
}

function findFeature(request: SandboxRequest): { appId: string; feature: JsonObject } {
  const { appId, provisioning } = provisioningOf(request);
  const name = request.params['featureName'] ?? '';
  if (!FEATURE_NAMES.includes(name)) throw notFound(`${name} (Application feature)`);
  const feature = provisioning.features.find((candidate) => candidate['name'] === name);
  if (!feature) throw notFound(`${name} (Application feature)`);
  return { appId, feature };
}

function getFeature(request: SandboxRequest): SandboxResponse {
  const { appId, feature } = findFeature(request);
  return ok(renderFeature(request, appId, feature));
}

/**
 * Merges a partial capabilities object, checked against the spec's shape for the feature; the
 * feature counts as ENABLED while any capability is.
 */
function updateFeature(request: SandboxRequest): SandboxResponse {
  const { appId, feature } = findFeature(request);
  const changes = requireObjectBody(request.body);
  checkCapabilities(String(feature['name']), changes);
  feature['capabilities'] = deepMerge((feature['capabilities'] ?? {}) as JsonObject, changes);
  feature['status'] = JSON.stringify(feature['capabilities']).includes('"ENABLED"') ? 'ENABLED' : 'DISABLED';
  return ok(renderFeature(request, appId, feature));
}

function deepMerge(target: JsonObject, changes: JsonObject): JsonObject {
  const merged = structuredClone(target);
  for (const [key, value] of Object.entries(changes)) {
    const existing = merged[key];
    merged[key] = isJsonObject(value) && isJsonObject(existing) ? deepMerge(existing, value) : structuredClone(value);
  }
  return merged;
}

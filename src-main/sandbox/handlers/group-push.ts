import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { findOrThrow, requireObjectBody, requireString } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { pageOf } from '../http/paging.js';
import { created, noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { SandboxError, validationFailed } from '../http/sandbox-error.js';
import { findApp } from './app-render.js';
import { resolvePushTarget } from './group-push-targets.js';

// NOTE: Okta requires the okta.groups.* scope as well for group push; the sandbox checks only okta.apps.*.
const PUSH_READ = 'okta.apps.read';
const PUSH_MANAGE = 'okta.apps.manage';

export const groupPushRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/apps/:appId/group-push/mappings', scope: PUSH_READ, bucket: 'app', handle: listMappings },
  { method: 'POST', path: '/api/v1/apps/:appId/group-push/mappings', scope: PUSH_MANAGE, bucket: 'app', handle: createMapping },
  { method: 'GET', path: '/api/v1/apps/:appId/group-push/mappings/:mappingId', scope: PUSH_READ, bucket: 'app', handle: getMapping },
  { method: 'PATCH', path: '/api/v1/apps/:appId/group-push/mappings/:mappingId', scope: PUSH_MANAGE, bucket: 'app', handle: updateMapping },
  { method: 'DELETE', path: '/api/v1/apps/:appId/group-push/mappings/:mappingId', scope: PUSH_MANAGE, bucket: 'app', handle: deleteMapping },
];

function mappingsOf(request: SandboxRequest): { appId: string; mappings: Map<string, JsonObject> } {
  const appId = String(findApp(request, request.params['appId'] ?? '')['id']);
  let mappings = request.state.groupPushMappings.get(appId);
  if (!mappings) {
    mappings = new Map();
    request.state.groupPushMappings.set(appId, mappings);
  }
  return { appId, mappings };
}

function render(request: SandboxRequest, appId: string, mapping: JsonObject): JsonObject {
  return withLinks(mapping, request.baseUrl, {
    app: { path: `/api/v1/apps/${appId}` },
    sourceGroup: { path: `/api/v1/groups/${String(mapping['sourceGroupId'])}` },
    targetGroup: { path: `/api/v1/groups/${String(mapping['targetGroupId'])}` },
  });
}

/** Lists mappings, filtered by `sourceGroupId` and `status` when given. */
function listMappings(request: SandboxRequest): SandboxResponse {
  const { appId, mappings } = mappingsOf(request);
  const sourceGroupId = request.query.get('sourceGroupId');
  const status = request.query.get('status');
  const items = [...mappings.values()].filter(
    (mapping) => (sourceGroupId === null || mapping['sourceGroupId'] === sourceGroupId) && (status === null || mapping['status'] === status),
  );
  const page = pageOf(request, items, { defaultLimit: 100, maxLimit: 1000 });
  return { ...page, body: (page.body as JsonObject[]).map((mapping) => render(request, appId, mapping)) };
}

function getMapping(request: SandboxRequest): SandboxResponse {
  const { appId, mappings } = mappingsOf(request);
  return ok(render(request, appId, findOrThrow(mappings, request.params['mappingId'] ?? '', 'Group push mapping')));
}

/**
 * Creates a mapping from an Okta group to a group in the app. The body names the target by
 * exactly one of `targetGroupId` (an existing app group) and `targetGroupName` (this app's
 * group of that name, created when it does not exist). The app must have provisioning enabled.
 */
function createMapping(request: SandboxRequest): SandboxResponse {
  const { appId, mappings } = mappingsOf(request);
  const { state } = request;
  requireProvisioning(request, appId);
  const body = requireObjectBody(request.body);
  const sourceGroupId = requireString(body, 'sourceGroupId', 'sourceGroupId');
  findOrThrow(state.groups, sourceGroupId, 'Group');
  for (const existing of mappings.values()) {
    if (existing['sourceGroupId'] === sourceGroupId) {
      throw validationFailed('sourceGroupId', [`sourceGroupId: The group ${sourceGroupId} is already pushed by mapping ${String(existing['id'])}.`]);
    }
  }
  const status = requireMappingStatus(body['status'] ?? 'ACTIVE');
  const target = resolvePushTarget(state, appId, body);

  if (target.newGroup) state.groups.set(target.groupId, target.newGroup);
  const now = state.nowIso();
  const mapping: JsonObject = {
    id: state.newId('groupPushMapping'),
    sourceGroupId,
    targetGroupId: target.groupId,
    status,
    created: now,
    lastUpdated: now,
  };
  // A mapping that was never active has never pushed, and the spec's lastPush is a non-nullable date-time, so it is left out.
  if (status === 'ACTIVE') mapping['lastPush'] = now;
  mappings.set(String(mapping['id']), mapping);
  return created(render(request, appId, mapping));
}

/**
 * Rejects group push on an app without enabled provisioning, as the spec's GroupPushMapping
 * tag requires it.
 * NOTE: the spec has no example of this error, so the body follows its example for the
 * features endpoints of such an app (`ErrorAppFeatureAPIValidationFailed`).
 */
function requireProvisioning(request: SandboxRequest, appId: string): void {
  if (request.state.provisioning.get(appId)?.connection['status'] === 'ENABLED') return;
  throw validationFailed('groupPush', [
    `Provisioning is not enabled for the app instance ${appId}, and group push needs it. Enable provisioning (POST /api/v1/apps/${appId}/connections/default) first.`,
  ]);
}

function requireMappingStatus(status: unknown): 'ACTIVE' | 'INACTIVE' {
  if (status === 'ACTIVE' || status === 'INACTIVE') return status;
  throw validationFailed('status', [`status: '${String(status)}' is invalid; use ACTIVE or INACTIVE.`]);
}

function updateMapping(request: SandboxRequest): SandboxResponse {
  const { appId, mappings } = mappingsOf(request);
  const mapping = findOrThrow(mappings, request.params['mappingId'] ?? '', 'Group push mapping');
  const body = requireObjectBody(request.body);
  const status = requireMappingStatus(body['status']);
  if (status === 'ACTIVE') requireProvisioning(request, appId);
  const now = request.state.nowIso();
  if (status === 'ACTIVE' && mapping['status'] !== 'ACTIVE') mapping['lastPush'] = now;
  mapping['status'] = status;
  mapping['lastUpdated'] = now;
  return ok(render(request, appId, mapping));
}

/** Deletes a mapping; Okta allows it only while the mapping is INACTIVE. */
function deleteMapping(request: SandboxRequest): SandboxResponse {
  const { mappings } = mappingsOf(request);
  const mappingId = request.params['mappingId'] ?? '';
  const mapping = findOrThrow(mappings, mappingId, 'Group push mapping');
  if (mapping['status'] !== 'INACTIVE') {
    throw new SandboxError(403, OKTA_ERROR.forbidden, 'You do not have permission to perform the requested action', [
      `The group push mapping ${mappingId} is ${String(mapping['status'])}; set its status to INACTIVE before deleting it.`,
    ]);
  }
  mappings.delete(mappingId);
  return noContent();
}

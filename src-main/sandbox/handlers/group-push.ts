import { createHash } from 'node:crypto';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import { findOrThrow, requireObjectBody, requireString } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { pageOf } from '../http/paging.js';
import { created, noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { SandboxError, validationFailed } from '../http/sandbox-error.js';
import { findApp } from './app-render.js';

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
    targetGroup: { path: `/api/v1/apps/${appId}/group-push/mappings/${String(mapping['id'])}` },
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
 * Creates a mapping from an Okta group to a group in the app, named by `targetGroupId` (an
 * existing app group) or `targetGroupName` (a new one); exactly one of the two is allowed.
 */
function createMapping(request: SandboxRequest): SandboxResponse {
  const { appId, mappings } = mappingsOf(request);
  const body = requireObjectBody(request.body);
  const sourceGroupId = requireString(body, 'sourceGroupId', 'sourceGroupId');
  findOrThrow(request.state.groups, sourceGroupId, 'Group');
  const targetGroupId = targetGroupIdOf(appId, body);
  for (const existing of mappings.values()) {
    if (existing['sourceGroupId'] === sourceGroupId) {
      throw validationFailed('sourceGroupId', [`sourceGroupId: The group ${sourceGroupId} is already pushed by mapping ${String(existing['id'])}.`]);
    }
  }

  const status = body['status'] ?? 'ACTIVE';
  if (status !== 'ACTIVE' && status !== 'INACTIVE') {
    throw validationFailed('status', [`status: '${String(status)}' is invalid; use ACTIVE or INACTIVE.`]);
  }
  const now = request.state.nowIso();
  const mapping: JsonObject = {
    id: request.state.newId('groupPushMapping'),
    sourceGroupId,
    targetGroupId,
    status,
    created: now,
    lastUpdated: now,
    lastPush: status === 'ACTIVE' ? now : null,
  };
  mappings.set(String(mapping['id']), mapping);
  return created(render(request, appId, mapping));
}

/** App-side group ids for new target groups are derived from the app id and the name, so reruns agree. */
function targetGroupIdOf(appId: string, body: JsonObject): string {
  const id = body['targetGroupId'];
  const name = body['targetGroupName'];
  if ((typeof id === 'string') === (typeof name === 'string')) {
    throw validationFailed('targetGroupId', ['targetGroupId, targetGroupName: Give exactly one of the two.']);
  }
  if (typeof id === 'string') return id;
  return createHash('sha256').update(`${appId}:${String(name)}`).digest('hex').slice(0, 32);
}

function updateMapping(request: SandboxRequest): SandboxResponse {
  const { appId, mappings } = mappingsOf(request);
  const mapping = findOrThrow(mappings, request.params['mappingId'] ?? '', 'Group push mapping');
  const body = requireObjectBody(request.body);
  const status = body['status'];
  if (status !== 'ACTIVE' && status !== 'INACTIVE') {
    throw validationFailed('status', [`status: '${String(status)}' is invalid; use ACTIVE or INACTIVE.`]);
  }
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

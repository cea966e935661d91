import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import { findOrThrow, requireObjectBody } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { pageOf } from '../http/paging.js';
import { ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { validationFailed } from '../http/sandbox-error.js';

const MAPPINGS_READ = 'okta.profileMappings.read';
const MAPPINGS_MANAGE = 'okta.profileMappings.manage';

/** Values of the spec's `ProfileMappingPropertyPushStatus` enum. */
const PUSH_STATUSES: ReadonlySet<string> = new Set(['PUSH', 'DONT_PUSH']);

// NOTE: Okta has no endpoint to create or delete a profile mapping: they come and go with apps.
export const profileMappingRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/mappings', scope: MAPPINGS_READ, bucket: 'other', handle: listMappings },
  { method: 'GET', path: '/api/v1/mappings/:mappingId', scope: MAPPINGS_READ, bucket: 'other', handle: getMapping },
  { method: 'POST', path: '/api/v1/mappings/:mappingId', scope: MAPPINGS_MANAGE, bucket: 'other', handle: updateMapping },
];

function render(request: SandboxRequest, mapping: JsonObject, withProperties: boolean): JsonObject {
  const body = structuredClone(mapping);
  if (!withProperties) delete body['properties'];
  for (const side of ['source', 'target'] as const) {
    const end = body[side];
    if (isJsonObject(end)) body[side] = withLinks(end, request.baseUrl, { self: { path: sidePath(end) } });
  }
  return withLinks(body, request.baseUrl, { self: { path: `/api/v1/mappings/${String(mapping['id'])}` } });
}

function sidePath(end: JsonObject): string {
  return end['type'] === 'appuser' ? `/api/v1/apps/${String(end['id'])}` : `/api/v1/meta/types/user/${String(end['id'])}`;
}

/** Lists mappings without their `properties`, as Okta does; `sourceId` and `targetId` filter. */
function listMappings(request: SandboxRequest): SandboxResponse {
  const sourceId = request.query.get('sourceId');
  const targetId = request.query.get('targetId');
  const mappings = [...request.state.profileMappings.values()].filter(
    (mapping) =>
      (sourceId === null || endId(mapping, 'source') === sourceId) && (targetId === null || endId(mapping, 'target') === targetId),
  );
  const page = pageOf(request, mappings, { defaultLimit: 20, maxLimit: 200 });
  return { ...page, body: (page.body as JsonObject[]).map((mapping) => render(request, mapping, false)) };
}

function endId(mapping: JsonObject, side: 'source' | 'target'): string | undefined {
  const end = mapping[side];
  return isJsonObject(end) && typeof end['id'] === 'string' ? end['id'] : undefined;
}

function getMapping(request: SandboxRequest): SandboxResponse {
  return ok(render(request, findOrThrow(request.state.profileMappings, request.params['mappingId'] ?? '', 'Mapping'), true));
}

/**
 * Merges the sent properties into the mapping. A property sent with `expression: null` and
 * `pushStatus: null` is removed. Every target property must exist in the target's schema.
 */
function updateMapping(request: SandboxRequest): SandboxResponse {
  const mapping = findOrThrow(request.state.profileMappings, request.params['mappingId'] ?? '', 'Mapping');
  const body = requireObjectBody(request.body);
  const changes = body['properties'];
  if (!isJsonObject(changes)) throw validationFailed('properties', ['properties: The field cannot be left blank']);

  const known = targetPropertyNames(request, mapping);
  const properties = structuredClone((mapping['properties'] ?? {}) as JsonObject);
  for (const [name, change] of Object.entries(changes)) {
    if (!isJsonObject(change)) throw validationFailed('properties', [`properties.${name}: The value must be an object.`]);
    if (change['expression'] === null && change['pushStatus'] === null) {
      delete properties[name];
      continue;
    }
    if (known && !known.has(name)) {
      throw validationFailed('properties', [`properties.${name}: The target has no attribute named '${name}'.`]);
    }
    if (typeof change['expression'] !== 'string' || change['expression'].trim() === '') {
      throw validationFailed('properties', [`properties.${name}.expression: The field cannot be left blank`]);
    }
    properties[name] = { expression: change['expression'], pushStatus: checkPushStatus(name, change['pushStatus']) };
  }

  mapping['properties'] = properties;
  return ok(render(request, mapping, true));
}

/** Returns the property's `pushStatus`, DONT_PUSH when absent or null, or throws Okta's 400 for a value outside the spec's enum. */
function checkPushStatus(name: string, pushStatus: JsonValue | undefined): string {
  if (pushStatus === undefined || pushStatus === null) return 'DONT_PUSH';
  if (typeof pushStatus === 'string' && PUSH_STATUSES.has(pushStatus)) return pushStatus;
  throw validationFailed('properties', [`properties.${name}.pushStatus: ${JSON.stringify(pushStatus)} is not valid. Use PUSH or DONT_PUSH.`]);
}

/** The attribute names of an app user schema when the target is an app; undefined when unknown. */
function targetPropertyNames(request: SandboxRequest, mapping: JsonObject): Set<string> | undefined {
  const target = mapping['target'];
  if (!isJsonObject(target) || target['type'] !== 'appuser') return undefined;
  const schema = request.state.appUserSchemas.get(String(target['id']));
  const definitions = schema?.['definitions'];
  if (!isJsonObject(definitions)) return undefined;
  const names = new Set<string>();
  for (const part of ['base', 'custom']) {
    const properties = (definitions[part] as JsonObject | undefined)?.['properties'];
    if (isJsonObject(properties)) Object.keys(properties).forEach((name) => names.add(name));
  }
  return names;
}

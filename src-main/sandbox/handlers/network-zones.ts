import type { JsonObject } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';
import { findOrThrow, requireObjectBody, withoutFields } from '../http/body-checks.js';
import { parseFilter, type FilterOperator } from '../http/filter-expression.js';
import { withLinks } from '../http/links.js';
import { pageOf, type PageLimits } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { validationFailed } from '../http/sandbox-error.js';
import { checkZoneBody, zoneError } from './network-zone-checks.js';
import { findReferencesTo } from './policy-references.js';

const READ = 'okta.networkZones.read';
const MANAGE = 'okta.networkZones.manage';

/** Fields Okta sets itself or changes only through the lifecycle endpoints. Request values are ignored. */
const IGNORED_FIELDS = ['id', 'created', 'lastUpdated', 'system', 'status', '_links'];

/** The spec's `limit` defaults to -1, every zone, and has no maximum. */
const PAGE_LIMITS: PageLimits = { defaultLimit: Number.MAX_SAFE_INTEGER, maxLimit: Number.MAX_SAFE_INTEGER };

/** Filterable properties, as the spec lists them. Each takes the `eq` operator. */
const FILTER_ATTRIBUTES: ReadonlySet<string> = new Set(['id', 'usage', 'system']);

/**
 * Network zone endpoints. A zone cannot be deleted while it is ACTIVE, while a policy or rule
 * names it, or when it is one of Okta's system zones (those can still be modified). The
 * rejections return Okta's `E0000001` validation error, as Okta does for an ACTIVE zone.
 */
export const networkZoneRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/zones', scope: READ, bucket: 'other', handle: listZones },
  { method: 'POST', path: '/api/v1/zones', scope: MANAGE, bucket: 'other', handle: createZone },
  { method: 'GET', path: '/api/v1/zones/:zoneId', scope: READ, bucket: 'other', handle: getZone },
  { method: 'PUT', path: '/api/v1/zones/:zoneId', scope: MANAGE, bucket: 'other', handle: replaceZone },
  { method: 'DELETE', path: '/api/v1/zones/:zoneId', scope: MANAGE, bucket: 'other', handle: deleteZone },
  { method: 'POST', path: '/api/v1/zones/:zoneId/lifecycle/activate', scope: MANAGE, bucket: 'other', handle: activateZone },
  { method: 'POST', path: '/api/v1/zones/:zoneId/lifecycle/deactivate', scope: MANAGE, bucket: 'other', handle: deactivateZone },
];

/** Lists zones in id order, optionally filtered with `filter`, for example `usage eq "POLICY"`. */
function listZones(request: SandboxRequest): SandboxResponse {
  let zones = [...request.state.networkZones.values()];
  const filter = request.query.get('filter');
  if (filter) {
    const matches = parseFilter(filter, { allows: isFilterable, caseInsensitive: false });
    zones = zones.filter(matches);
  }
  return pageOf(request, zones.map((zone) => renderZone(zone, request.baseUrl)), PAGE_LIMITS);
}

/** Creates a zone, ACTIVE unless the body requests INACTIVE, with `usage` POLICY unless set. */
function createZone(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const body = requireObjectBody(request.body);
  checkZoneBody(body, false);
  rejectDuplicateName(state, String(body['name']), undefined);

  const now = state.nowIso();
  const zone: JsonObject = {
    id: state.newId('networkZone'),
    ...withoutFields(body, IGNORED_FIELDS),
    usage: body['usage'] ?? 'POLICY',
    status: body['status'] === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
    system: false,
    created: now,
    lastUpdated: now,
  };
  state.networkZones.set(String(zone['id']), zone);

  return ok(renderZone(zone, request.baseUrl));
}

function getZone(request: SandboxRequest): SandboxResponse {
  return ok(renderZone(findZone(request.state, zoneIdOf(request)), request.baseUrl));
}

/** Replaces a zone. Its type cannot change, and a system zone keeps its usage. */
function replaceZone(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const stored = findZone(state, zoneIdOf(request));
  const system = stored['system'] === true;
  const body = requireObjectBody(request.body);
  checkZoneBody(body, system);
  if (body['type'] !== stored['type']) throw zoneError('type', `A ${String(stored['type'])} zone cannot become ${String(body['type'])}.`);
  const usage = body['usage'] ?? stored['usage'] ?? 'POLICY';
  if (system && usage !== stored['usage']) throw zoneError('usage', `The system zone ${String(stored['name'])} keeps its usage ${String(stored['usage'])}.`);
  rejectDuplicateName(state, String(body['name']), String(stored['id']));

  const updated: JsonObject = {
    id: stored['id'] ?? null,
    ...withoutFields(body, IGNORED_FIELDS),
    usage,
    status: stored['status'] ?? 'ACTIVE',
    system,
    created: stored['created'] ?? null,
    lastUpdated: state.nowIso(),
  };
  state.networkZones.set(String(updated['id']), updated);

  return ok(renderZone(updated, request.baseUrl));
}

function deleteZone(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const zoneId = zoneIdOf(request);
  const zone = findZone(state, zoneId);
  rejectDelete(state, zone);

  state.networkZones.delete(zoneId);
  return noContent();
}

function activateZone(request: SandboxRequest): SandboxResponse {
  return ok(renderZone(setZoneStatus(request.state, findZone(request.state, zoneIdOf(request)), 'ACTIVE'), request.baseUrl));
}

function deactivateZone(request: SandboxRequest): SandboxResponse {
  return ok(renderZone(setZoneStatus(request.state, findZone(request.state, zoneIdOf(request)), 'INACTIVE'), request.baseUrl));
}

function zoneIdOf(request: SandboxRequest): string {
  return request.params['zoneId'] ?? '';
}

function findZone(state: OrgState, zoneId: string): JsonObject {
  return findOrThrow(state.networkZones, zoneId, 'NetworkZone');
}

function isFilterable(attribute: string, operator: FilterOperator): boolean {
  return FILTER_ATTRIBUTES.has(attribute) && operator === 'eq';
}

/** Rejects a name that another zone has, because the spec describes `name` as unique in an org. */
function rejectDuplicateName(state: OrgState, name: string, ownId: string | undefined): void {
  const clash = [...state.networkZones.values()].find((zone) => zone['name'] === name && zone['id'] !== ownId);
  if (clash) throw zoneError('name', `The zone ${String(clash['id'])} already has the name '${name}'.`);
}

/** Rejects deleting a system zone, an ACTIVE zone, or a zone that a policy or rule names. */
function rejectDelete(state: OrgState, zone: JsonObject): void {
  const id = String(zone['id']);
  const name = String(zone['name']);
  if (zone['system'] === true) {
    throw validationFailed(`The zone ${name} is a system zone and cannot be deleted.`, [`id: ${id} is a system zone. Modify it instead.`]);
  }
  if (zone['status'] === 'ACTIVE') {
    throw validationFailed(`The zone ${name} is ACTIVE and cannot be deleted.`, [`id: Deactivate the zone ${id} before deleting it.`]);
  }
  const references = findReferencesTo(state, id);
  if (references.length > 0) {
    throw validationFailed(`The zone ${name} is in use and cannot be deleted.`, [`id: ${id} is named in the conditions of ${references.join(', ')}.`]);
  }
}

function setZoneStatus(state: OrgState, zone: JsonObject, status: 'ACTIVE' | 'INACTIVE'): JsonObject {
  if (zone['status'] !== status) {
    zone['status'] = status;
    zone['lastUpdated'] = state.nowIso();
  }
  return zone;
}

/** Renders a zone with `_links` as in the spec's examples: self, and activate or deactivate by status. */
function renderZone(zone: JsonObject, baseUrl: string): JsonObject {
  const base = `/api/v1/zones/${String(zone['id'])}`;
  const lifecycle = zone['status'] === 'ACTIVE' ? 'deactivate' : 'activate';
  return withLinks(zone, baseUrl, {
    self: { path: base, hints: { allow: zone['system'] === true ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
    [lifecycle]: { path: `${base}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } },
  });
}

import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { deriveOktaId } from '../../../src-shared/okta/ids.js';
import type { OrgState } from '../org-state.js';
import { findOrThrow, requireObjectBody, requireString, withoutFields } from '../http/body-checks.js';
import { withLinks } from '../http/links.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { validationFailed } from '../http/sandbox-error.js';
import { checkPlatformFields } from './device-assurance-checks.js';
import { findReferencesTo } from './policy-references.js';

const READ = 'okta.deviceAssurance.read';
const MANAGE = 'okta.deviceAssurance.manage';

/** Values of the spec's `Platform` enum, the discriminator of a device assurance policy. */
const PLATFORMS: ReadonlySet<string> = new Set(['ANDROID', 'CHROMEOS', 'IOS', 'MACOS', 'WINDOWS']);

/** Fields Okta sets itself. Request values are ignored. */
const READ_ONLY_FIELDS = ['id', 'createdBy', 'createdDate', 'lastUpdate', 'lastUpdatedBy', '_links'];

/**
 * Device assurance policy endpoints. The list is not paged. A policy that an app sign-in rule
 * names cannot be deleted. Okta returns 409 with the body of the spec's
 * `ErrorDeviceAssuranceInUse` example, which has no `errorCode` or `errorLink`.
 */
export const deviceAssuranceRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/device-assurances', scope: READ, bucket: 'other', handle: listDeviceAssurances },
  { method: 'POST', path: '/api/v1/device-assurances', scope: MANAGE, bucket: 'other', handle: createDeviceAssurance },
  { method: 'GET', path: '/api/v1/device-assurances/:deviceAssuranceId', scope: READ, bucket: 'other', handle: getDeviceAssurance },
  { method: 'PUT', path: '/api/v1/device-assurances/:deviceAssuranceId', scope: MANAGE, bucket: 'other', handle: replaceDeviceAssurance },
  { method: 'DELETE', path: '/api/v1/device-assurances/:deviceAssuranceId', scope: MANAGE, bucket: 'other', handle: deleteDeviceAssurance },
];

function listDeviceAssurances(request: SandboxRequest): SandboxResponse {
  return ok([...request.state.deviceAssurances.values()].map((policy) => renderDeviceAssurance(policy, request.baseUrl)));
}

function createDeviceAssurance(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const body = requireObjectBody(request.body);
  requireString(body, 'name', 'DeviceAssurance');
  const platform = platformOf(body);

  const now = state.nowIso();
  const policy: JsonObject = {
    id: state.newId('deviceAssurance'),
    ...withoutFields(body, READ_ONLY_FIELDS),
    platform,
    createdBy: administratorId(state),
    createdDate: now,
    lastUpdate: now,
    lastUpdatedBy: administratorId(state),
  };
  state.deviceAssurances.set(String(policy['id']), policy);

  return ok(renderDeviceAssurance(policy, request.baseUrl));
}

function getDeviceAssurance(request: SandboxRequest): SandboxResponse {
  return ok(renderDeviceAssurance(findDeviceAssurance(request), request.baseUrl));
}

/** Replaces a device assurance policy. Its platform cannot change. */
function replaceDeviceAssurance(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const stored = findDeviceAssurance(request);
  const body = requireObjectBody(request.body);
  requireString(body, 'name', 'DeviceAssurance');
  const platform = platformOf(body);
  if (platform !== stored['platform']) {
    throw validationFailed('platform', [`platform: A ${String(stored['platform'])} device assurance policy cannot become ${platform}.`]);
  }

  const updated: JsonObject = {
    id: stored['id'] ?? null,
    ...withoutFields(body, READ_ONLY_FIELDS),
    platform,
    createdBy: stored['createdBy'] ?? administratorId(state),
    createdDate: stored['createdDate'] ?? null,
    lastUpdate: state.nowIso(),
    lastUpdatedBy: administratorId(state),
  };
  state.deviceAssurances.set(String(updated['id']), updated);

  return ok(renderDeviceAssurance(updated, request.baseUrl));
}

function deleteDeviceAssurance(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const policy = findDeviceAssurance(request);
  const id = String(policy['id']);
  if (findReferencesTo(state, id).length > 0) return inUseConflict();

  state.deviceAssurances.delete(id);
  return noContent();
}

function findDeviceAssurance(request: SandboxRequest): JsonObject {
  return findOrThrow(request.state.deviceAssurances, request.params['deviceAssuranceId'] ?? '', 'DeviceAssurance');
}

/** Returns the body's platform after checking it and the fields that depend on it. */
function platformOf(body: JsonObject): string {
  const platform = requireString(body, 'platform', 'DeviceAssurance');
  if (!PLATFORMS.has(platform)) {
    throw validationFailed('platform', [`platform: '${platform}' is not a platform. Use ${[...PLATFORMS].join(', ')}.`]);
  }
  checkPlatformFields(body, platform);
  return platform;
}

/**
 * Returns the user id written to `createdBy` and `lastUpdatedBy`. The sandbox's API tokens
 * belong to no user, so a fixed id derived from the seed name is used for the administrator.
 */
function administratorId(state: OrgState): string {
  return deriveOktaId('user', `${state.seedName}:api-token-administrator`);
}

/** Builds the 409 Okta returns when deleting a device assurance policy that a rule uses, shaped as the spec's example. */
function inUseConflict(): SandboxResponse {
  return {
    status: 409,
    body: {
      errorSummary: 'Device assurance is in use and cannot be deleted.',
      errorId: `oae${randomBytes(11).toString('base64url')}`,
      errorCauses: [],
    },
  };
}

/** Renders a device assurance policy with its self link, which allows DELETE, GET and PUT as in the spec's examples. */
function renderDeviceAssurance(policy: JsonObject, baseUrl: string): JsonObject {
  return withLinks(policy, baseUrl, {
    self: { path: `/api/v1/device-assurances/${String(policy['id'])}`, hints: { allow: ['DELETE', 'GET', 'PUT'] } },
  });
}

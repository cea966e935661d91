import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { OKTA_ERROR } from '../../../src-shared/okta/error-body.js';
import type { OrgState } from '../org-state.js';
import { findOrThrow, requireObjectBody, requireString, withoutFields } from '../http/body-checks.js';
import { keyOrder, PRIORITY_ORDER } from '../http/list-order.js';
import { pageOf, type PageLimits } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { SandboxError, validationFailed } from '../http/sandbox-error.js';
import { renderPolicy } from './policy-links.js';
import { DEFAULT_PRIORITIES, isSystem, placeAtPriority, removeFromPriorities, requestedPriority } from './policy-priorities.js';
import { checkConditionReferences } from './policy-references.js';
import { appsUsingPolicy, findPolicy, newCatchAllRule, policiesOfType } from './policy-store.js';
import { activateRequested, isReadOnlyPolicyType, maxPolicies, POLICY_TYPES, policyIdKind } from './policy-types.js';

const READ = 'okta.policies.read';
const MANAGE = 'okta.policies.manage';

/** Fields Okta sets itself. Values sent in a create or replace body are ignored. */
const READ_ONLY_FIELDS = ['id', 'created', 'lastUpdated', 'system', '_links', '_embedded'];

/**
 * NOTE: the spec types `limit` as a string and documents neither a default nor a maximum for
 * this list. The values 20 and 200 are the sandbox's choice.
 */
const PAGE_LIMITS: PageLimits = { defaultLimit: 20, maxLimit: 200 };

/**
 * Policy endpoints and the app sign-in policy assignment. Rejections that the spec gives no
 * example for (deleting a default policy, or one that apps use) return Okta's usual
 * `E0000001` validation error with the reason as its cause.
 */
export const policyRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/policies', scope: READ, bucket: 'other', handle: listPolicies },
  { method: 'POST', path: '/api/v1/policies', scope: MANAGE, bucket: 'other', handle: createPolicy },
  { method: 'GET', path: '/api/v1/policies/:policyId', scope: READ, bucket: 'other', handle: getPolicy },
  { method: 'PUT', path: '/api/v1/policies/:policyId', scope: MANAGE, bucket: 'other', handle: replacePolicy },
  { method: 'DELETE', path: '/api/v1/policies/:policyId', scope: MANAGE, bucket: 'other', handle: deletePolicy },
  { method: 'POST', path: '/api/v1/policies/:policyId/lifecycle/activate', scope: MANAGE, bucket: 'other', handle: activatePolicy },
  { method: 'POST', path: '/api/v1/policies/:policyId/lifecycle/deactivate', scope: MANAGE, bucket: 'other', handle: deactivatePolicy },
  { method: 'PUT', path: '/api/v1/apps/:appId/policies/:policyId', scope: 'okta.apps.manage', bucket: 'app', handle: assignAppPolicy },
];

/**
 * Lists the policies of the required `type` in priority order, or by name with `sortBy=name`,
 * filtered by `status` and the name prefix `q`.
 */
function listPolicies(request: SandboxRequest): SandboxResponse {
  const type = requiredPolicyType(request.query);
  const status = request.query.get('status');
  const prefix = request.query.get('q')?.toLowerCase();

  let policies = policiesOfType(request.state, type);
  if (status) policies = policies.filter((policy) => policy['status'] === status.toUpperCase());
  if (prefix) policies = policies.filter((policy) => String(policy['name'] ?? '').toLowerCase().startsWith(prefix));
  const order = request.query.get('sortBy') === 'name' ? keyOrder((policy) => [String(policy['name']), policy['id'] ?? null]) : PRIORITY_ORDER;

  return pageOf(request, policies.map((policy) => renderPolicy(policy, request.baseUrl)), PAGE_LIMITS, order);
}

/**
 * Creates a policy, ACTIVE unless `activate=false`, at the requested priority or after the other
 * non-default policies of its type. A new app sign-in policy gets its "Catch-all Rule".
 */
function createPolicy(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const body = requireObjectBody(request.body);
  const type = policyTypeOf(body);
  requireString(body, 'name', 'Policy');
  rejectReadOnlyType(type);
  rejectOverPolicyLimit(state, type);
  checkConditionReferences(state, body['conditions']);

  const now = state.nowIso();
  const policy: JsonObject = {
    id: state.newId(policyIdKind(type)),
    ...withoutFields(body, [...READ_ONLY_FIELDS, 'status']),
    status: activateRequested(request.query) ? 'ACTIVE' : 'INACTIVE',
    system: false,
    created: now,
    lastUpdated: now,
  };
  placeAtPriority(policiesOfType(state, type), policy, requestedPriority(body, 'Policy'), DEFAULT_PRIORITIES);
  state.policies.set(String(policy['id']), policy);
  state.policyRules.set(String(policy['id']), type === 'ACCESS_POLICY' ? [newCatchAllRule(state)] : []);

  return ok(renderPolicy(policy, request.baseUrl));
}

function getPolicy(request: SandboxRequest): SandboxResponse {
  return ok(renderPolicy(findPolicy(request.state, policyIdOf(request)), request.baseUrl));
}

/**
 * Replaces a policy's writable fields. The type cannot change, the status changes only through
 * the lifecycle endpoints, and a default policy keeps its priority.
 */
function replacePolicy(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const stored = findPolicy(state, policyIdOf(request));
  const body = requireObjectBody(request.body);
  requireString(body, 'name', 'Policy');
  if (body['type'] !== undefined && body['type'] !== stored['type']) {
    throw validationFailed('type', [`type: A ${String(stored['type'])} policy cannot become ${String(body['type'])}.`]);
  }
  const priority = requestedPriority(body, 'Policy');
  if (isSystem(stored) && priority !== undefined && priority !== stored['priority']) {
    throw validationFailed('priority', ['priority: The default policy always comes last and cannot be moved.']);
  }
  checkConditionReferences(state, body['conditions']);

  const updated: JsonObject = {
    id: stored['id'] ?? null,
    ...withoutFields(body, [...READ_ONLY_FIELDS, 'status', 'type']),
    type: stored['type'] ?? null,
    status: stored['status'] ?? null,
    system: stored['system'] ?? false,
    created: stored['created'] ?? null,
    lastUpdated: state.nowIso(),
  };
  placeAtPriority(policiesOfType(state, String(stored['type'])), updated, priority, DEFAULT_PRIORITIES);
  state.policies.set(String(updated['id']), updated);

  return ok(renderPolicy(updated, request.baseUrl));
}

/** Deletes a policy and its rules, unless it is a default policy or apps use it as their sign-in policy. */
function deletePolicy(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const policyId = policyIdOf(request);
  const policy = findPolicy(state, policyId);
  if (isSystem(policy)) throw validationFailed('Policy', [`id: The policy ${policyId} is a default policy and cannot be deleted.`]);
  rejectWhileAppsUse(state, policyId, 'deleted');

  state.policies.delete(policyId);
  state.policyRules.delete(policyId);
  removeFromPriorities(policiesOfType(state, String(policy['type'])), policyId, DEFAULT_PRIORITIES);
  return noContent();
}

function activatePolicy(request: SandboxRequest): SandboxResponse {
  setPolicyStatus(request.state, findPolicy(request.state, policyIdOf(request)), 'ACTIVE');
  return noContent();
}

/** Deactivates a policy, unless it is a default policy or apps use it as their sign-in policy. */
function deactivatePolicy(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const policyId = policyIdOf(request);
  const policy = findPolicy(state, policyId);
  if (isSystem(policy)) throw validationFailed('Policy', [`id: The policy ${policyId} is a default policy and cannot be deactivated.`]);
  rejectWhileAppsUse(state, policyId, 'deactivated');

  setPolicyStatus(state, policy, 'INACTIVE');
  return noContent();
}

/** Makes an app sign-in policy the one an app uses, replacing its previous one. */
function assignAppPolicy(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const appId = request.params['appId'] ?? '';
  findOrThrow(state.apps, appId, 'App');
  const policyId = policyIdOf(request);
  const policy = findPolicy(state, policyId);
  if (policy['type'] !== 'ACCESS_POLICY') {
    throw validationFailed('policyId', [`policyId: ${policyId} is a ${String(policy['type'])} policy, but an app needs an ACCESS_POLICY policy.`]);
  }

  state.appAccessPolicies.set(appId, policyId);
  return noContent();
}

function policyIdOf(request: SandboxRequest): string {
  return request.params['policyId'] ?? '';
}

/** Reads the required `type` query parameter of the list endpoint. */
function requiredPolicyType(query: URLSearchParams): string {
  const type = query.get('type');
  if (!type) {
    throw new SandboxError(400, OKTA_ERROR.missingParameter, 'The request is missing a required parameter.', [
      'type: The policy type is required, for example type=ACCESS_POLICY.',
    ]);
  }
  if (!POLICY_TYPES.has(type)) throw validationFailed('type', [`type: '${type}' is not a policy type.`]);
  return type;
}

function policyTypeOf(body: JsonObject): string {
  const type = requireString(body, 'type', 'Policy');
  if (!POLICY_TYPES.has(type)) throw validationFailed('Policy', [`type: '${type}' is not a policy type.`]);
  return type;
}

function rejectReadOnlyType(type: string): void {
  if (!isReadOnlyPolicyType(type)) return;
  throw validationFailed('Policy', [`type: Okta creates the ${type} policy of an org itself, so another cannot be added.`]);
}

function rejectOverPolicyLimit(state: OrgState, type: string): void {
  const limit = maxPolicies(type);
  if (limit === undefined || policiesOfType(state, type).length < limit) return;
  throw validationFailed('Policy', [`type: The org already contains the maximum of ${limit} ${type} policies. Delete one first.`]);
}

function rejectWhileAppsUse(state: OrgState, policyId: string, action: 'deleted' | 'deactivated'): void {
  const appIds = appsUsingPolicy(state, policyId);
  if (appIds.length === 0) return;
  throw validationFailed('Policy', [
    `id: The policy ${policyId} is the sign-in policy of the apps ${appIds.join(', ')} and cannot be ${action}. Assign them another policy first.`,
  ]);
}

function setPolicyStatus(state: OrgState, policy: JsonObject, status: 'ACTIVE' | 'INACTIVE'): void {
  if (policy['status'] === status) return;
  policy['status'] = status;
  policy['lastUpdated'] = state.nowIso();
}

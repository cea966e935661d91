import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import type { OrgState } from '../org-state.js';
import { requireObjectBody, requireString, withoutFields } from '../http/body-checks.js';
import { PRIORITY_ORDER } from '../http/list-order.js';
import { pageOf, type PageLimits } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { validationFailed, type SandboxError } from '../http/sandbox-error.js';
import { renderPolicyRule } from './policy-links.js';
import { isSystem, placeAtPriority, removeFromPriorities, requestedPriority } from './policy-priorities.js';
import { checkConditionReferences } from './policy-references.js';
import { findPolicy, findPolicyRule, rulesOf } from './policy-store.js';
import { activateRequested, allowsNewRules, maxRules, ruleIdKind, rulePriorities, ruleTypeFor } from './policy-types.js';

const READ = 'okta.policies.read';
const MANAGE = 'okta.policies.manage';

/** Fields Okta sets itself or changes only through other endpoints. Request values are ignored. */
const IGNORED_FIELDS = ['id', 'created', 'lastUpdated', 'system', 'status', 'type', '_links'];

/**
 * NOTE: the spec documents neither a default nor a maximum `limit` for rules. One page of 100
 * contains every rule of the largest policy the spec allows (an app sign-in policy of 100 rules).
 */
const PAGE_LIMITS: PageLimits = { defaultLimit: 100, maxLimit: 100 };

/**
 * Policy rule endpoints. Priorities stay contiguous in evaluation order (see
 * policy-priorities.ts), and the default rule (`system: true`) stays last. It cannot be moved,
 * renamed, deleted, deactivated or given other conditions, only other actions. Those
 * rejections have no example in the spec and return Okta's `E0000001` validation error.
 */
export const policyRuleRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/policies/:policyId/rules', scope: READ, bucket: 'other', handle: listRules },
  { method: 'POST', path: '/api/v1/policies/:policyId/rules', scope: MANAGE, bucket: 'other', handle: createRule },
  { method: 'GET', path: '/api/v1/policies/:policyId/rules/:ruleId', scope: READ, bucket: 'other', handle: getRule },
  { method: 'PUT', path: '/api/v1/policies/:policyId/rules/:ruleId', scope: MANAGE, bucket: 'other', handle: replaceRule },
  { method: 'DELETE', path: '/api/v1/policies/:policyId/rules/:ruleId', scope: MANAGE, bucket: 'other', handle: deleteRule },
  { method: 'POST', path: '/api/v1/policies/:policyId/rules/:ruleId/lifecycle/activate', scope: MANAGE, bucket: 'other', handle: activateRule },
  { method: 'POST', path: '/api/v1/policies/:policyId/rules/:ruleId/lifecycle/deactivate', scope: MANAGE, bucket: 'other', handle: deactivateRule },
];

function listRules(request: SandboxRequest): SandboxResponse {
  const policyId = policyIdOf(request);
  findPolicy(request.state, policyId);
  const rules = rulesOf(request.state, policyId).map((rule) => renderPolicyRule(rule, policyId, request.baseUrl));
  return pageOf(request, rules, PAGE_LIMITS, PRIORITY_ORDER);
}

/** Creates a rule, ACTIVE unless `activate=false`, at the requested priority or just above the default rule. */
function createRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const policyId = policyIdOf(request);
  const policyType = String(findPolicy(state, policyId)['type']);
  rejectNewRule(state, policyId, policyType);
  const body = requireObjectBody(request.body);
  requireString(body, 'name', 'PolicyRule');
  const type = ruleTypeOf(body, policyType);
  const priority = requestedPriority(body, 'PolicyRule');
  checkConditionReferences(state, body['conditions']);

  const now = state.nowIso();
  const rule: JsonObject = {
    id: state.newId(ruleIdKind(policyType)),
    ...withoutFields(body, IGNORED_FIELDS),
    status: activateRequested(request.query) ? 'ACTIVE' : 'INACTIVE',
    system: false,
    created: now,
    lastUpdated: now,
    type,
  };
  state.policyRules.set(policyId, placeAtPriority(rulesOf(state, policyId), rule, priority, rulePriorities(policyType)));

  return ok(renderPolicyRule(rule, policyId, request.baseUrl));
}

function getRule(request: SandboxRequest): SandboxResponse {
  const policyId = policyIdOf(request);
  findPolicy(request.state, policyId);
  return ok(renderPolicyRule(findPolicyRule(request.state, policyId, ruleIdOf(request)), policyId, request.baseUrl));
}

/**
 * Replaces a rule's name, conditions, actions and any other writable field, and moves it when
 * `priority` differs. The status changes only through the lifecycle endpoints.
 */
function replaceRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const policyId = policyIdOf(request);
  const policyType = String(findPolicy(state, policyId)['type']);
  const stored = findPolicyRule(state, policyId, ruleIdOf(request));
  const body = requireObjectBody(request.body);
  requireString(body, 'name', 'PolicyRule');
  const type = ruleTypeOf(body, policyType);
  const priority = requestedPriority(body, 'PolicyRule');
  if (isSystem(stored)) rejectDefaultRuleChange(stored, body, priority);
  checkConditionReferences(state, body['conditions']);

  const updated: JsonObject = {
    id: stored['id'] ?? null,
    ...withoutFields(body, IGNORED_FIELDS),
    status: stored['status'] ?? 'ACTIVE',
    system: stored['system'] ?? false,
    created: stored['created'] ?? null,
    lastUpdated: state.nowIso(),
    type,
  };
  if (isSystem(stored)) updated['conditions'] = stored['conditions'] ?? null;
  state.policyRules.set(policyId, placeAtPriority(rulesOf(state, policyId), updated, priority, rulePriorities(policyType)));

  return ok(renderPolicyRule(updated, policyId, request.baseUrl));
}

/** Deletes a rule and closes the gap in priorities. The default rule cannot be deleted. */
function deleteRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const policyId = policyIdOf(request);
  const policyType = String(findPolicy(state, policyId)['type']);
  const rule = findPolicyRule(state, policyId, ruleIdOf(request));
  if (isSystem(rule)) throw defaultRuleError(rule, 'id', 'cannot be deleted');

  state.policyRules.set(policyId, removeFromPriorities(rulesOf(state, policyId), String(rule['id']), rulePriorities(policyType)));
  return noContent();
}

function activateRule(request: SandboxRequest): SandboxResponse {
  const policyId = policyIdOf(request);
  findPolicy(request.state, policyId);
  setRuleStatus(request.state, findPolicyRule(request.state, policyId, ruleIdOf(request)), 'ACTIVE');
  return noContent();
}

function deactivateRule(request: SandboxRequest): SandboxResponse {
  const policyId = policyIdOf(request);
  findPolicy(request.state, policyId);
  const rule = findPolicyRule(request.state, policyId, ruleIdOf(request));
  if (isSystem(rule)) throw defaultRuleError(rule, 'id', 'cannot be deactivated');
  setRuleStatus(request.state, rule, 'INACTIVE');
  return noContent();
}

function policyIdOf(request: SandboxRequest): string {
  return request.params['policyId'] ?? '';
}

function ruleIdOf(request: SandboxRequest): string {
  return request.params['ruleId'] ?? '';
}

/** Rejects a new rule in a policy type that allows only its default rule, or in a full policy. */
function rejectNewRule(state: OrgState, policyId: string, policyType: string): void {
  if (!allowsNewRules(policyType)) {
    throw validationFailed('PolicyRule', [`policyId: A ${policyType} policy contains only its default rule, so no rule can be added.`]);
  }
  const limit = maxRules(policyType);
  if (limit !== undefined && rulesOf(state, policyId).length >= limit) {
    throw validationFailed('PolicyRule', [`policyId: The policy ${policyId} already contains the maximum of ${limit} rules. Delete one first.`]);
  }
}

/** Returns the rule type the policy requires, rejecting a body that names another. */
function ruleTypeOf(body: JsonObject, policyType: string): string {
  const expected = ruleTypeFor(policyType);
  const requested = body['type'];
  if (requested !== undefined && requested !== null && requested !== expected) {
    throw validationFailed('type', [`type: Rules of a ${policyType} policy have type ${expected}, not ${JSON.stringify(requested)}.`]);
  }
  return expected;
}

/** Rejects a replace of the default rule that moves it, renames it or changes its conditions. */
function rejectDefaultRuleChange(stored: JsonObject, body: JsonObject, priority: number | undefined): void {
  if (priority !== undefined && priority !== stored['priority']) throw defaultRuleError(stored, 'priority', 'always comes last and cannot be moved');
  if (body['name'] !== stored['name']) throw defaultRuleError(stored, 'name', 'cannot be renamed');
  if ('conditions' in body && !sameJson(body['conditions'], stored['conditions'])) {
    throw defaultRuleError(stored, 'conditions', 'keeps its conditions, and only its actions can change');
  }
}

function defaultRuleError(rule: JsonObject, field: string, reason: string): SandboxError {
  return validationFailed(field, [`${field}: The default rule '${String(rule['name'])}' (${String(rule['id'])}) ${reason}.`]);
}

function setRuleStatus(state: OrgState, rule: JsonObject, status: 'ACTIVE' | 'INACTIVE'): void {
  if (rule['status'] === status) return;
  rule['status'] = status;
  rule['lastUpdated'] = state.nowIso();
}

/** Compares two JSON values regardless of key order, treating absent and null as equal. */
function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

function canonical(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

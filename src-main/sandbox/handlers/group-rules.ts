import type { JsonObject } from '../../../src-shared/json/json-types.js';
import { findOrThrow } from '../http/body-checks.js';
import { pageOf } from '../http/paging.js';
import { noContent, ok, type Route, type SandboxRequest, type SandboxResponse } from '../http/route.js';
import { validationFailed } from '../http/sandbox-error.js';
import type { OrgState } from '../org-state.js';
import { ruleTargetGroupIds } from './group-deletion.js';
import { validatedRuleContent } from './group-rule-checks.js';
import { applyRuleMemberships, clearRuleMembershipRecord, dropRuleMemberships, planRuleMemberships, recordMatchedMemberships, removeRuleMemberships } from './group-rule-memberships.js';
import { expandIncludes } from './group-views.js';

/** `limit` of `GET /api/v1/groups/rules`, from the spec: default 50, maximum 200. */
const RULE_PAGE_LIMITS = { defaultLimit: 50, maxLimit: 200 };

const READ = 'okta.groups.read';
const MANAGE = 'okta.groups.manage';

export const groupRuleRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/groups/rules', scope: READ, bucket: 'other', handle: listGroupRules },
  { method: 'POST', path: '/api/v1/groups/rules', scope: MANAGE, bucket: 'other', handle: createGroupRule },
  { method: 'GET', path: '/api/v1/groups/rules/:ruleId', scope: READ, bucket: 'other', handle: getGroupRule },
  { method: 'PUT', path: '/api/v1/groups/rules/:ruleId', scope: MANAGE, bucket: 'other', handle: replaceGroupRule },
  { method: 'DELETE', path: '/api/v1/groups/rules/:ruleId', scope: MANAGE, bucket: 'other', handle: deleteGroupRule },
  { method: 'POST', path: '/api/v1/groups/rules/:ruleId/lifecycle/activate', scope: MANAGE, bucket: 'other', handle: activateGroupRule },
  { method: 'POST', path: '/api/v1/groups/rules/:ruleId/lifecycle/deactivate', scope: MANAGE, bucket: 'other', handle: deactivateGroupRule },
];

/**
 * Lists group rules, paged. The spec calls `search` "the keyword to search rules for" without
 * saying how it matches, so the sandbox keeps the rules whose name contains it, ignoring case.
 */
function listGroupRules(request: SandboxRequest): SandboxResponse {
  const keyword = request.query.get('search')?.toLowerCase() ?? '';
  const rules = [...request.state.groupRules.values()].filter((rule) => String(rule['name']).toLowerCase().includes(keyword));

  const response = pageOf(request, rules, RULE_PAGE_LIMITS);
  const page = response.body as JsonObject[];
  return { ...response, body: page.map((rule) => renderRule(request, rule)) };
}

/** Creates a rule with status 200. Okta creates every rule `INACTIVE`, whatever `status` the body carries. */
function createGroupRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const content = validatedRuleContent(state, request.body);
  const now = state.nowIso();
  const rule: JsonObject = {
    type: 'group_rule',
    id: state.newId('groupRule'),
    status: 'INACTIVE',
    name: content.name,
    created: now,
    lastUpdated: now,
    conditions: content.conditions,
    actions: content.actions,
  };

  state.groupRules.set(String(rule['id']), rule);
  return ok(renderRule(request, rule));
}

function getGroupRule(request: SandboxRequest): SandboxResponse {
  return ok(renderRule(request, findRuleOrThrow(request.state, request)));
}

/**
 * Replaces the name and conditions of an `INACTIVE` rule. `status` in the body is ignored,
 * because only the lifecycle operations change it, and `actions` cannot change.
 * NOTE: Okta's 2026.07.0 release notes announce that `actions` becomes replaceable behind the
 * EDITABLE_GROUP_RULE_TARGETS feature. The sandbox follows the 2026.06.3 spec, which forbids it.
 */
function replaceGroupRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const rule = findRuleOrThrow(state, request);
  if (rule['status'] === 'INVALID') {
    throw validationFailed('status', ['status: The rule is INVALID because a target group was deleted. An INVALID rule can only be read or deleted.']);
  }
  if (rule['status'] !== 'INACTIVE') {
    throw validationFailed('status', ['status: The rule is ACTIVE, and a group rule can be replaced only while it is INACTIVE. Deactivate the rule first.']);
  }

  const currentActions = rule['actions'] as JsonObject;
  const content = validatedRuleContent(state, request.body, String(rule['id']), currentActions);
  if (!sameTargets(content.actions, currentActions)) {
    throw validationFailed('actions', [
      'actions: The actions of a group rule cannot be changed. Create a new rule with the new target groups instead.',
    ]);
  }

  recordMatchedMemberships(state, rule);
  Object.assign(rule, { name: content.name, conditions: content.conditions, lastUpdated: state.nowIso() });
  return ok(renderRule(request, rule));
}

/**
 * Deletes a rule in any status and responds with 202. With `removeUsers=true`, the memberships
 * that the rule added are removed too, and by default they stay.
 */
function deleteGroupRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const rule = findRuleOrThrow(state, request);
  const ruleId = String(rule['id']);

  if (request.query.get('removeUsers') === 'true') {
    recordMatchedMemberships(state, rule);
    removeRuleMemberships(state, ruleId);
  } else {
    clearRuleMembershipRecord(state, ruleId);
  }
  state.groupRules.delete(ruleId);
  return { status: 202 };
}

/**
 * Activates a rule: adds the users its expression matches to its target groups and removes
 * the members it manages that it no longer matches (after an edit). The memberships are worked
 * out first, so a rejected activation changes nothing.
 */
function activateGroupRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const rule = findRuleOrThrow(state, request);
  rejectInvalidRule(rule);
  if (rule['status'] === 'ACTIVE') return noContent();

  const ruleId = String(rule['id']);
  const plan = planRuleMemberships(state, rule);
  if (plan.unsupported !== undefined) {
    request.logger.info({ ruleId, reason: plan.unsupported }, 'group rule activated without adding members');
  }

  rule['status'] = 'ACTIVE';
  rule['lastUpdated'] = state.nowIso();
  dropRuleMemberships(state, ruleId, plan.removals);
  applyRuleMemberships(state, ruleId, plan.additions);
  return noContent();
}

/** Deactivates a rule. As in Okta, the members it added stay in the groups. */
function deactivateGroupRule(request: SandboxRequest): SandboxResponse {
  const { state } = request;
  const rule = findRuleOrThrow(state, request);
  rejectInvalidRule(rule);
  if (rule['status'] === 'INACTIVE') return noContent();

  rule['status'] = 'INACTIVE';
  rule['lastUpdated'] = state.nowIso();
  return noContent();
}

function findRuleOrThrow(state: OrgState, request: SandboxRequest): JsonObject {
  return findOrThrow(state.groupRules, request.params['ruleId'] ?? '', 'GroupRule');
}

/**
 * Rejects a lifecycle operation on an `INVALID` rule (one whose target group was deleted),
 * which can only be read or deleted. The cause text is Okta's, as the Okta Terraform provider
 * matches it. The spec lists no 400 response for the lifecycle operations.
 */
function rejectInvalidRule(rule: JsonObject): void {
  if (rule['status'] !== 'INVALID') return;
  throw validationFailed('status', ['Cannot activate or deactivate a Group Rule with the status INVALID']);
}

/** Compares target group ids as a set, because Okta does not keep their order meaningful. */
function sameTargets(requested: JsonObject, current: JsonObject): boolean {
  const wanted = new Set(ruleTargetGroupIds({ actions: requested }));
  const existing = new Set(ruleTargetGroupIds({ actions: current }));
  return wanted.size === existing.size && [...wanted].every((id) => existing.has(id));
}

/** Renders a rule without `_links`, as Okta does. `expand=groupIdToGroupNameMap` adds the target group names. */
function renderRule(request: SandboxRequest, rule: JsonObject): JsonObject {
  const rendered = structuredClone(rule);
  if (!expandIncludes(request, 'groupIdToGroupNameMap')) return rendered;

  const names: JsonObject = {};
  for (const groupId of ruleTargetGroupIds(rule)) {
    const profile = request.state.groups.get(groupId)?.['profile'] as JsonObject | undefined;
    if (profile && typeof profile['name'] === 'string') names[groupId] = profile['name'];
  }
  rendered['_embedded'] = { groupIdToGroupNameMap: names };
  return rendered;
}

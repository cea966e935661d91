import { expect } from 'vitest';
import { stringAt, valueAt } from '../../../src-shared/diff/findings/json-pointer.js';
import type { JsonObject, JsonValue } from '../../../src-shared/json/json-types.js';
import type { KindPlanner } from '../../../src-shared/restore/kind-planner.js';
import { policyPlanner } from '../../../src-shared/restore/planners/policy-planner.js';
import { policyRulePlanner } from '../../../src-shared/restore/planners/policy-rule-planner.js';
import type { RestorePlan } from '../../../src-shared/restore/restore-plan.js';
import type { ResourceKind, SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { placeAtPriority, removeFromPriorities, type PriorityScheme } from '../../../src-main/sandbox/handlers/policy-priorities.js';
import { DIRECTORY_PLANNERS, planWith, type PlanInput } from './directory-test-support.js';

/**
 * Shared helpers of the policy and policy rule planner tests. They build snapshots with the
 * body shapes capture stores, plan with the policy planners, and replay a plan's rule writes
 * through the sandbox's priority renumbering, which follows Okta's.
 */

export const POLICY_PLANNERS: Partial<Record<ResourceKind, KindPlanner>> = {
  ...DIRECTORY_PLANNERS,
  policy: policyPlanner,
  'policy-rule': policyRulePlanner,
};

/** Fields a planned policy or rule body must never hold. */
export const NEVER_SENT = ['id', 'created', 'lastUpdated', '_links', '_embedded', 'system', 'status'];

/** Plans a restore with the policy planners. */
export function planPolicies(input: PlanInput): RestorePlan {
  return planWith(POLICY_PLANNERS, input);
}

/** Builds a policy as capture stores it. */
export function policyResource(id: string, type: 'ACCESS_POLICY' | 'OKTA_SIGN_ON', name: string, priority: number, extra: JsonObject = {}): SnapshotResource {
  return {
    kind: 'policy',
    id,
    name,
    body: { id, type, name, status: 'ACTIVE', priority, system: false, conditions: null, created: '2025-03-03T12:10:44.000Z', lastUpdated: '2025-03-03T12:10:44.000Z', ...extra },
  };
}

/** Builds an app sign-in (ACCESS_POLICY) rule as capture stores it; `extra` replaces any field. */
export function accessRule(policyId: string, id: string, name: string, priority: number, extra: JsonObject = {}): SnapshotResource {
  return {
    kind: 'policy-rule',
    id: `${policyId}/${id}`,
    name: `${policyId}: ${name}`,
    body: {
      id,
      status: 'ACTIVE',
      name,
      priority,
      created: '2025-03-03T12:14:09.000Z',
      lastUpdated: '2025-03-03T12:14:09.000Z',
      system: false,
      conditions: { network: { connection: 'ANYWHERE' }, riskScore: { level: 'ANY' } },
      actions: { appSignOn: { access: 'ALLOW', verificationMethod: { type: 'ASSURANCE', factorMode: '2FA', reauthenticateIn: 'PT12H', constraints: [] } } },
      type: 'ACCESS_POLICY',
      ...extra,
    },
  };
}

/** Builds the default rule Okta gives every app sign-in policy, with the given access. */
export function catchAllRule(policyId: string, id: string, access: 'ALLOW' | 'DENY', extra: JsonObject = {}): SnapshotResource {
  return accessRule(policyId, id, 'Catch-all Rule', 99, { system: true, conditions: null, actions: { appSignOn: { access } }, ...extra });
}

/** Returns a copy of a resource whose body has some fields replaced. */
export function edited(resource: SnapshotResource, fields: JsonObject): SnapshotResource {
  return { ...resource, body: { ...(resource.body as JsonObject), ...fields } };
}

/**
 * Asserts that no planned body contains a field Okta sets itself and that every body passes Okta's
 * spec with read-only properties rejected.
 */
export async function expectOnlyWritableFields(plan: RestorePlan, specProblems: (plan: RestorePlan) => Promise<string[]>): Promise<void> {
  for (const step of plan.steps) {
    const body = step.request.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) continue;
    expect(Object.keys(body).filter((key) => NEVER_SENT.includes(key)), step.key).toEqual([]);
  }
  expect(await specProblems(plan)).toEqual([]);
}

/** One rule of a replayed list: its id, the name it carries and whether Okta made it. */
interface ReplayedRule extends JsonObject {
  id: string;
  name: string;
  priority: number;
  system: boolean;
}

/**
 * Replays the writes a plan makes to the rules of one policy, in plan order, through the
 * sandbox's renumbering (placeAtPriority and removeFromPriorities), starting from the target
 * org's rules. Returns the rule names in evaluation order afterwards. A created rule gets the
 * id `new-<n>`; other policies' steps are skipped.
 */
export function replayRuleWrites(plan: RestorePlan, livePolicyPath: string, liveRules: readonly SnapshotResource[], scheme: PriorityScheme): string[] {
  let rules: JsonObject[] = liveRules.map((rule) => ({
    id: stringAt(rule.body, '/id') ?? rule.id,
    name: stringAt(rule.body, '/name') ?? rule.name,
    priority: Number(valueAt(rule.body, '/priority')),
    system: valueAt(rule.body, '/system') === true,
  }) satisfies ReplayedRule);
  const created = new Map<string, string>();

  for (const step of plan.steps) {
    const path = step.request.path.replace(/\?.*$/, '');
    if (!path.startsWith(`${livePolicyPath}/rules`)) continue;
    const body = (step.request.body ?? {}) as JsonObject;
    const requested = typeof body['priority'] === 'number' ? body['priority'] : undefined;

    if (step.request.method === 'POST' && path === `${livePolicyPath}/rules`) {
      const id = `new-${created.size + 1}`;
      if (step.creates) created.set(step.creates.desiredId, id);
      rules = placeAtPriority(rules, { id, name: String(body['name']), priority: requested ?? 0, system: false }, requested, scheme);
    } else if (step.request.method === 'PUT') {
      const id = ruleIdOfPath(path, livePolicyPath, created, step.resourceId);
      const existing = rules.find((rule) => rule['id'] === id);
      if (existing === undefined) throw new Error(`Step ${step.key} writes rule ${id}, which the replayed list does not have`);
      rules = placeAtPriority(rules, { ...existing, name: typeof body['name'] === 'string' ? body['name'] : String(existing['name']) }, requested, scheme);
    } else if (step.request.method === 'DELETE') {
      rules = removeFromPriorities(rules, ruleIdOfPath(path, livePolicyPath, created, step.resourceId), scheme);
    }
  }
  return rules.map((rule) => String(rule['name']));
}

/** Returns the rule id of a rule path. A placeholder, which contains a slash, becomes the id its replayed create got. */
function ruleIdOfPath(path: string, livePolicyPath: string, created: Map<string, string>, desiredId: string): string {
  const id = path.slice(`${livePolicyPath}/rules/`.length);
  return id.startsWith('{{new:') ? (created.get(desiredId) ?? id) : id;
}

/** Returns the value at a pointer of a step's request body. */
export function bodyAt(plan: RestorePlan, key: string, pointer: string): JsonValue | undefined {
  const step = plan.steps.find((candidate) => candidate.key === key);
  return valueAt(step?.request.body, pointer);
}

import { expect } from 'vitest';
import { stringAt, valueAt } from '../../../src-shared/diff/findings/json-pointer.js';
import { jsonEqual } from '../../../src-shared/json/json-equal.js';
import type { JsonValue } from '../../../src-shared/json/json-types.js';
import { planRestore, type PlanSideInput } from '../../../src-shared/restore/plan-restore.js';
import { fillPlaceholders } from '../../../src-shared/restore/placeholders.js';
import { deviceAssurancePlanner } from '../../../src-shared/restore/planners/device-assurance-planner.js';
import { groupMembersPlanner } from '../../../src-shared/restore/planners/group-members-planner.js';
import { groupPlanner } from '../../../src-shared/restore/planners/group-planner.js';
import { groupRulePlanner } from '../../../src-shared/restore/planners/group-rule-planner.js';
import { networkZonePlanner } from '../../../src-shared/restore/planners/network-zone-planner.js';
import { userTypePlanner } from '../../../src-shared/restore/planners/user-type-planner.js';
import type { KindPlanner } from '../../../src-shared/restore/kind-planner.js';
import type { PlanOptions, PlanStep, RestorePlan } from '../../../src-shared/restore/restore-plan.js';
import type { ScopeEntry } from '../../../src-shared/restore/restore-scope.js';
import { verifyRestore } from '../../../src-shared/restore/verify-restore.js';
import { RESOURCE_KINDS, type ResourceKind, type SectionState, type SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { captureSandbox } from '../../support/capture-harness.js';
import { loadOktaSpec } from '../../support/okta-spec.js';
import { apiRequest } from '../../support/sandbox-harness.js';

/**
 * Shared helpers of the directory planner tests. They plan hand-built or captured snapshots with
 * the directory planners and check every planned body against Okta's spec. They also run a plan
 * against a sandbox org the way the executor does, filling placeholders and reading back checks.
 */

export const ORG_URL = 'https://acme.okta.test';
export const OTHER_ORG_URL = 'https://standby.okta.test';

/** The directory planners, passed explicitly so the tests do not depend on the registry's wiring. */
export const DIRECTORY_PLANNERS: Partial<Record<ResourceKind, KindPlanner>> = {
  'network-zone': networkZonePlanner,
  'device-assurance': deviceAssurancePlanner,
  group: groupPlanner,
  'group-members': groupMembersPlanner,
  'group-rule': groupRulePlanner,
  'user-type': userTypePlanner,
};

/** Sections of a side: every kind complete, except those named in `failed`. */
export function sectionsOf(resources: readonly SnapshotResource[], failed: readonly ResourceKind[] = []): Record<ResourceKind, SectionState> {
  const sections = {} as Record<ResourceKind, SectionState>;
  for (const kind of RESOURCE_KINDS) {
    const count = resources.filter((resource) => resource.kind === kind).length;
    sections[kind] = failed.includes(kind) ? { status: 'failed', count, error: 'capture failed in the test' } : { status: 'complete', count };
  }
  return sections;
}

export function side(label: string, resources: SnapshotResource[], orgUrl = ORG_URL, failed: readonly ResourceKind[] = []): PlanSideInput {
  return { label, orgUrl, takenAt: '2026-05-01T10:00:00.000Z', resources, sections: sectionsOf(resources, failed) };
}

/** A restore to plan. Both sides are in `ORG_URL` unless `desiredOrgUrl` or `liveOrgUrl` names another org. */
export interface PlanInput {
  desired: SnapshotResource[];
  live: SnapshotResource[];
  scope: ScopeEntry[];
  options?: Partial<PlanOptions>;
  desiredOrgUrl?: string;
  liveOrgUrl?: string;
  failedLiveSections?: ResourceKind[];
}

/** Plans a restore with the given planners. */
export function planWith(planners: Partial<Record<ResourceKind, KindPlanner>>, input: PlanInput): RestorePlan {
  return planRestore({
    desired: side('snapshot-1', input.desired, input.desiredOrgUrl ?? ORG_URL),
    live: side('live', input.live, input.liveOrgUrl ?? ORG_URL, input.failedLiveSections ?? []),
    scope: input.scope,
    ...(input.options ? { options: input.options } : {}),
    planners,
  });
}

/** Plans a restore with the directory planners. */
export function planDirectory(input: PlanInput): RestorePlan {
  return planWith(DIRECTORY_PLANNERS, input);
}

/** Lists the request of each step as `METHOD path`, in plan order. */
export function requestLines(plan: RestorePlan): string[] {
  return plan.steps.map((step) => `${step.request.method} ${step.request.path}`);
}

export function stepByKey(plan: RestorePlan, key: string): PlanStep {
  const step = plan.steps.find((candidate) => candidate.key === key);
  if (!step) throw new Error(`The plan has no step ${key}. Its steps are ${plan.steps.map((candidate) => candidate.key).join(', ')}`);
  return step;
}

/** Asserts that step `before` runs earlier than step `after` and that `after` depends on it, directly or through others. */
export function expectRunsBefore(plan: RestorePlan, before: string, after: string): void {
  const first = stepByKey(plan, before);
  const second = stepByKey(plan, after);
  expect(first.index).toBeLessThan(second.index);
  expect(dependsTransitively(plan, second, first.key)).toBe(true);
}

function dependsTransitively(plan: RestorePlan, step: PlanStep, key: string, seen = new Set<string>()): boolean {
  if (step.dependsOn.includes(key)) return true;
  return step.dependsOn.some((dependency) => {
    if (seen.has(dependency)) return false;
    seen.add(dependency);
    return dependsTransitively(plan, stepByKey(plan, dependency), key, seen);
  });
}

/**
 * Returns, for every step, the errors Okta's spec finds in its request body with read-only
 * properties rejected, and a step whose method and path match no operation. `bodyToCheck`
 * returns the body to validate, by default the step's request body.
 */
export async function specProblems(plan: RestorePlan, bodyToCheck: (step: PlanStep) => JsonValue | undefined = (step) => step.request.body): Promise<string[]> {
  const spec = await loadOktaSpec();
  const problems: string[] = [];
  for (const step of plan.steps) {
    const result = spec.validateRequestBody({ method: step.request.method, path: step.request.path, body: bodyToCheck(step), readOnlyProperties: 'reject' });
    if (result.operation === undefined) problems.push(`${step.key}: ${step.request.method} ${step.request.path} matches no operation of the spec`);
    for (const error of result.errors) problems.push(`${step.key}: ${error.pointer} ${error.message}`);
  }
  return problems;
}

/**
 * Runs a plan's steps in order against a sandbox org as the executor does: fills placeholders
 * with the ids earlier create steps returned, sends the request, records the new id, and reads
 * back the check. Throws on a failed request or a check that does not hold. Returns the created
 * ids, keyed `kind:desiredId`.
 */
export async function runPlanOnSandbox(org: SandboxOrg, plan: RestorePlan): Promise<Map<string, string>> {
  expect(plan.blockers).toEqual([]);
  const created = new Map<string, string>();
  const resolve = (key: string): string | undefined => created.get(key);

  for (const step of plan.steps) {
    const path = fillPlaceholders(step.request.path, resolve);
    const body = step.request.body === undefined ? undefined : fillPlaceholders(step.request.body, resolve);
    const response = await apiRequest(org, step.request.method, path, body);
    if (response.status >= 300) throw new Error(`Step ${step.key} (${step.request.method} ${path}) failed with ${response.status}: ${JSON.stringify(response.body)}`);

    if (step.creates) {
      const newId = stringAt(response.body as JsonValue, step.creates.idPointer);
      if (newId === undefined) throw new Error(`Step ${step.key} returned no id at ${step.creates.idPointer}`);
      created.set(`${step.creates.kind}:${step.creates.desiredId}`, newId);
    }
    if (step.check) await readBackCheck(org, step, resolve);
  }
  return created;
}

async function readBackCheck(org: SandboxOrg, step: PlanStep, resolve: (key: string) => string | undefined): Promise<void> {
  const check = step.check;
  if (!check) return;
  const path = fillPlaceholders(check.path, resolve);
  const response = await apiRequest(org, 'GET', path);
  if (check.absent) {
    if (response.status !== 404) throw new Error(`Check of ${step.key}: GET ${path} returned ${response.status}, expected 404`);
    return;
  }
  for (const field of check.fields) {
    const expected = field.value === undefined ? undefined : fillPlaceholders(field.value, resolve);
    const actual = valueAt(response.body as JsonValue, field.pointer);
    if (!jsonEqual(actual, expected)) throw new Error(`Check of ${step.key}: ${field.pointer} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

/** Captures the sandbox org, as the restore does before planning and to verify. */
export async function captureResources(org: SandboxOrg): Promise<SnapshotResource[]> {
  return (await captureSandbox(org)).snapshot.resources;
}

/** Runs a plan on the sandbox, captures the org again and returns what verification still finds different. */
export async function restoreAndVerify(org: SandboxOrg, plan: RestorePlan, desired: readonly SnapshotResource[]): Promise<ReturnType<typeof verifyRestore>> {
  const created = await runPlanOnSandbox(org, plan);
  const after = await captureResources(org);
  return verifyRestore(plan, desired, { resources: after, sections: sectionsOf(after) }, created);
}

/** Sends a request to the sandbox, throws unless it succeeds, and returns the parsed body. */
export async function sandboxCall(org: SandboxOrg, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await apiRequest(org, method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path} failed with ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Builds a group rule as capture stores it. */
export function groupRule(id: string, name: string, targets: string[], expression: string, status = 'ACTIVE', excludedUsers: string[] = []): SnapshotResource {
  return {
    kind: 'group-rule',
    id,
    name,
    body: {
      type: 'group_rule',
      id,
      status,
      name,
      created: '2025-02-01T09:00:00.000Z',
      lastUpdated: '2025-03-01T09:00:00.000Z',
      conditions: {
        people: { users: { exclude: excludedUsers }, groups: { exclude: [] } },
        expression: { value: expression, type: 'urn:okta:expression:1.0' },
      },
      actions: { assignUserToGroups: { groupIds: targets } },
    },
  };
}

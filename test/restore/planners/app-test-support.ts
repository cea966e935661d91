import { expect } from 'vitest';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../src-shared/json/json-types.js';
import type { KindPlanner } from '../../../src-shared/restore/kind-planner.js';
import { appFeaturePlanner } from '../../../src-shared/restore/planners/app-feature-planner.js';
import { appGroupAssignmentPlanner } from '../../../src-shared/restore/planners/app-group-assignment-planner.js';
import { appPlanner } from '../../../src-shared/restore/planners/app-planner.js';
import { appProvisioningPlanner } from '../../../src-shared/restore/planners/app-provisioning-planner.js';
import { appSamlMetadataPlanner } from '../../../src-shared/restore/planners/app-saml-metadata-planner.js';
import { appSigningKeyPlanner } from '../../../src-shared/restore/planners/app-signing-key-planner.js';
import { appUserAssignmentPlanner } from '../../../src-shared/restore/planners/app-user-assignment-planner.js';
import { appUserSchemaPlanner } from '../../../src-shared/restore/planners/app-user-schema-planner.js';
import { groupPushMappingPlanner } from '../../../src-shared/restore/planners/group-push-mapping-planner.js';
import { profileMappingPlanner } from '../../../src-shared/restore/planners/profile-mapping-planner.js';
import type { PlanOptions, PlanStep, RestorePlan } from '../../../src-shared/restore/restore-plan.js';
import type { ScopeEntry } from '../../../src-shared/restore/restore-scope.js';
import type { ResourceKind, SnapshotResource } from '../../../src-shared/snapshot/snapshot-model.js';
import { loadSeed } from '../../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../../src-main/sandbox/server.js';
import { startTestSandbox } from '../../support/sandbox-harness.js';
import { captureResources, DIRECTORY_PLANNERS, planWith, specProblems, type PlanInput } from './directory-test-support.js';

/**
 * Shared helpers of the app planner tests: planning with the app planners (and the directory
 * planners, for groups a plan recreates), finding resources of the `atlassian-stack` seed, and
 * checking planned bodies against Okta's spec.
 */

/** The production and sandbox Atlassian apps of the `atlassian-stack` seed. */
export const PROD_APP = '0oaWGujkWZIYd6DJa3qZ';
export const SANDBOX_APP = '0oaEZrwOhB5hmi5nY3im';

/** Every planner the app tests need, passed explicitly so the tests do not depend on the registry. */
export const APP_PLANNERS: Partial<Record<ResourceKind, KindPlanner>> = {
  ...DIRECTORY_PLANNERS,
  app: appPlanner,
  'app-signing-key': appSigningKeyPlanner,
  'app-saml-metadata': appSamlMetadataPlanner,
  'app-provisioning': appProvisioningPlanner,
  'app-feature': appFeaturePlanner,
  'app-user-schema': appUserSchemaPlanner,
  'profile-mapping': profileMappingPlanner,
  'app-group-assignment': appGroupAssignmentPlanner,
  'app-user-assignment': appUserAssignmentPlanner,
  'group-push-mapping': groupPushMappingPlanner,
};

/** Plans a restore with the app planners. */
export function planApps(input: PlanInput): RestorePlan {
  return planWith(APP_PLANNERS, input);
}

/** Starts a sandbox org seeded with `atlassian-stack`; the caller closes it. */
export async function startSeedOrg(): Promise<SandboxOrg> {
  return startTestSandbox({ seed: await loadSeed('atlassian-stack') });
}

/** Starts the seeded org, runs `drift` against it, and returns the org with its captures before and after. */
export async function driftedOrg(drift: (org: SandboxOrg) => Promise<void>): Promise<{ org: SandboxOrg; desired: SnapshotResource[]; live: SnapshotResource[] }> {
  const org = await startSeedOrg();
  const desired = await captureResources(org);
  await drift(org);
  return { org, desired, live: await captureResources(org) };
}

/** Plans a restore between two captures of the same sandbox org. */
export function planSandbox(org: SandboxOrg, desired: SnapshotResource[], live: SnapshotResource[], scope: ScopeEntry[], options?: Partial<PlanOptions>): RestorePlan {
  return planWith(APP_PLANNERS, { desired, live, scope, ...(options ? { options } : {}), desiredOrgUrl: org.url, liveOrgUrl: org.url });
}

/** Returns the resource of a kind and id, failing the test when the list lacks it. */
export function resourceOf(resources: readonly SnapshotResource[], kind: ResourceKind, id: string): SnapshotResource {
  const found = resources.find((resource) => resource.kind === kind && resource.id === id);
  if (found === undefined) throw new Error(`No ${kind} resource with id ${id}`);
  return found;
}

export function bodyOf(resources: readonly SnapshotResource[], kind: ResourceKind, id: string): JsonObject {
  const body = resourceOf(resources, kind, id).body;
  if (!isJsonObject(body)) throw new Error(`The ${kind} resource ${id} has no object body`);
  return body;
}

export function stepsOfKind(plan: RestorePlan, kind: ResourceKind): PlanStep[] {
  return plan.steps.filter((step) => step.kind === kind);
}

/** Returns the only step of the plan, failing the test when there are others or none. */
export function onlyStep(plan: RestorePlan): PlanStep {
  expect(plan.steps.map((step) => step.key)).toHaveLength(1);
  return plan.steps[0] as PlanStep;
}

/**
 * Returns the errors Okta's spec finds in each planned request body, with read-only properties
 * rejected. Custom properties of an app user schema sent as `null` are left out first: Okta's
 * documentation of the endpoint removes a property that way, but the spec's schema does not
 * allow `null` there. Callers assert those nulls themselves.
 */
export function appSpecProblems(plan: RestorePlan): Promise<string[]> {
  return specProblems(plan, (step) => (step.request.body === undefined ? undefined : withoutSchemaRemovals(step.request.path, step.request.body)));
}

function withoutSchemaRemovals(path: string, body: JsonValue): JsonValue {
  if (!path.startsWith('/api/v1/meta/schemas/apps/') || !isJsonObject(body)) return body;
  const copy = structuredClone(body);
  const definitions = copy['definitions'];
  const custom = isJsonObject(definitions) ? definitions['custom'] : undefined;
  const properties = isJsonObject(custom) ? custom['properties'] : undefined;
  if (isJsonObject(properties)) for (const [name, value] of Object.entries(properties)) if (value === null) delete properties[name];
  return copy;
}

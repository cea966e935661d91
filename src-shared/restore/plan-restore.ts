import { compareResources } from '../diff/compare-resources.js';
import type { Finding, ResourceChange } from '../diff/diff-types.js';
import { valueAt } from '../diff/findings/json-pointer.js';
import { findingsFor } from '../diff/findings/findings.js';
import { normalizeForDiff } from '../diff/noise-rules.js';
import { jsonEqual } from '../json/json-equal.js';
import type { JsonObject } from '../json/json-types.js';
import type { ResourceKind, SectionState, SnapshotResource } from '../snapshot/snapshot-model.js';
import { matchIds, resourceKey } from './id-matching.js';
import type { KindPlanner } from './kind-planner.js';
import { PlanBuilder } from './plan-builder.js';
import { checkThreshold, planImpact, predictedState, withRuleMemberships, type PredictedChange } from './plan-impact.js';
import { KIND_PLANNERS } from './planners/index.js';
import { memberRecords } from './planners/directory-members.js';
import { ruleStatus, ruleTargetGroupIds, ruleVerdict } from './planners/directory-rules.js';
import { copyPointers } from './request-body.js';
import { withoutServerFields } from './server-fields.js';
import { DEFAULT_PLAN_OPTIONS, type CoveredResource, type PlanOptions, type PlanStep, type RestorePlan } from './restore-plan.js';
import type { ScopeEntry } from './restore-scope.js';
import { resolveScope, type ScopedResource } from './scope-resolution.js';
import { placeholdersIn } from './placeholders.js';
import { orderSteps, PLAN_ORDER, type UnorderedStep } from './step-order.js';

/** One side of a plan: a stored snapshot, or the target org captured for the plan. */
export interface PlanSideInput {
  label: string;
  orgUrl: string;
  takenAt: string;
  resources: SnapshotResource[];
  sections: Record<ResourceKind, SectionState>;
}

export interface PlanInput {
  desired: PlanSideInput;
  live: PlanSideInput;
  scope: ScopeEntry[];
  options?: Partial<PlanOptions>;
  /** Replaces the built-in planners of some kinds; for tests. */
  planners?: Partial<Record<ResourceKind, KindPlanner>>;
}

/** A resource in scope with both versions: as stored, and with ids translated into the target org's. */
interface ScopedPair {
  scoped: ScopedResource;
  desired: SnapshotResource | undefined;
  target: SnapshotResource | undefined;
  live: SnapshotResource | undefined;
}

/**
 * Plans a restore of the scope of the desired snapshot into the target org, from a fresh
 * capture of that org. Pure: the same inputs give the same plan, so the preview shows exactly
 * what the executor will send. Throws `ScopeError` for a scope that names nothing.
 */
export function planRestore(input: PlanInput): RestorePlan {
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const crossOrg = originOf(input.desired.orgUrl) !== originOf(input.live.orgUrl);
  const matching = matchIds(input.desired.resources, input.live.resources, crossOrg);
  const scoped = resolveScope(input.scope, input.desired.resources, input.live.resources, matching);
  const builder = new PlanBuilder(input.desired, input.live, options, matching, crossOrg);
  const pairs = pairsOf(scoped, input, builder);

  // Both whole sides are compared, not only the scope: a rule's place in its policy is relative
  // to rules that may be out of scope.
  const targets = input.desired.resources.map((resource) => ({ ...resource, id: builder.targetId(resource.kind, resource.id), body: builder.toTarget(resource.body) }));
  const comparison = compareResources(withoutServerFields(targets), withoutServerFields(input.live.resources));
  const changed = new Map(comparison.changes.map((change) => [resourceKey(change.kind as ResourceKind, change.id), change]));
  const planners = { ...KIND_PLANNERS, ...input.planners };
  for (const pair of sortedForPlanning(pairs, planners)) {
    if (!differs(pair, changed)) continue;
    planPair(pair, planners[pair.scoped.kind], builder);
  }

  const unresolved = builder.linkPlaceholders();
  linkAfterPolicySteps(builder.steps);
  const steps = orderSteps(builder.steps);
  const findings = findingsFor(comparison.changes, { before: targets, after: input.live.resources });
  attachReversedFindings(steps, findings, pairs, targets, input.live.resources);

  const predicted = withRuleMemberships(predictedState(input.live.resources, predictedChanges(pairs, steps), builder.leftInPlace), ruleMemberships(builder, pairs, steps));
  const impact = planImpact(input.live.resources, predicted);
  const threshold = checkThreshold(impact, input.live.resources, options);

  return {
    version: 1,
    desired: { label: input.desired.label, orgUrl: input.desired.orgUrl, takenAt: input.desired.takenAt },
    live: { label: input.live.label, orgUrl: input.live.orgUrl, takenAt: input.live.takenAt },
    scope: input.scope,
    options,
    idMatches: differingMatches(matching.toLive),
    covered: coveredOf(pairs, steps),
    steps,
    manualSteps: builder.manualSteps,
    warnings: builder.warnings,
    leftInPlace: builder.leftInPlace,
    impact,
    threshold,
    blockers: [
      ...failedLiveSections(input.live, pairs),
      ...matching.ambiguous.filter((item) => inScope(item.key, pairs)).map((item) => item.message),
      ...unresolved,
      ...(threshold.exceeded && !threshold.overridden ? [threshold.message] : []),
    ],
  };
}

function pairsOf(scoped: ScopedResource[], input: PlanInput, builder: PlanBuilder): ScopedPair[] {
  return scoped.map((item) => {
    const desired = item.desiredId === undefined ? undefined : builder.desired.get(item.kind, item.desiredId);
    const live = item.liveId === undefined ? undefined : builder.live.get(item.kind, item.liveId);
    const target = desired === undefined ? undefined : { ...desired, id: builder.targetId(item.kind, desired.id), body: builder.toTarget(desired.body) };
    return { scoped: item, desired, target, live };
  });
}

/** Pairs in the order kinds are planned; within a kind, in the planner's order, then the snapshot's. */
function sortedForPlanning(pairs: ScopedPair[], planners: Partial<Record<ResourceKind, KindPlanner>>): ScopedPair[] {
  return pairs
    .map((pair, position) => ({ pair, position, order: planners[pair.scoped.kind]?.planningOrder?.(pair) ?? 0 }))
    .sort((a, b) => PLAN_ORDER.indexOf(a.pair.scoped.kind) - PLAN_ORDER.indexOf(b.pair.scoped.kind) || a.order - b.order || a.position - b.position)
    .map(({ pair }) => pair);
}

/** Tells whether a pair differs after the noise rules; for a field scope, only at the chosen pointers. */
function differs(pair: ScopedPair, changed: Map<string, ResourceChange>): boolean {
  if (pair.target === undefined || pair.live === undefined) return true;
  const { pointers, kind } = pair.scoped;
  if (kind === 'app' && accessPolicyOf(pair.target) !== accessPolicyOf(pair.live)) return true;
  if (pointers === undefined) return changed.has(resourceKey(kind, pair.target.id)) || changed.has(resourceKey(kind, pair.live.id));
  const wanted = normalizeForDiff(kind, pair.target.body);
  const current = normalizeForDiff(kind, pair.live.body);
  return pointers.some((pointer) => !jsonEqual(valueAt(wanted, pointer), valueAt(current, pointer)));
}

/**
 * Returns the id of the sign-in policy an app links to. The noise rules ignore `_links`, but this one
 * link is configuration: it decides which policy gates the app.
 */
function accessPolicyOf(app: SnapshotResource): string | undefined {
  const href = valueAt(app.body, '/_links/accessPolicy/href');
  return typeof href === 'string' ? href.slice(href.lastIndexOf('/') + 1) : undefined;
}

function planPair(pair: ScopedPair, planner: KindPlanner | undefined, builder: PlanBuilder): void {
  const { kind, desiredId, liveId, pointers, explicit } = pair.scoped;
  const id = desiredId ?? liveId ?? '';
  if (planner === undefined) {
    const name = (pair.desired ?? pair.live)?.name ?? id;
    builder.warn({ code: 'kind-not-restorable', kind, resourceId: id, message: `Butterfly does not restore ${kind} resources; '${name}' differs and stays as it is.` });
    builder.leaveInPlace({ kind, resourceId: id, name, paths: [], reason: `Butterfly does not restore ${kind} resources.` });
    return;
  }
  planner.plan({ kind, id, desired: pair.desired, live: pair.live, pointers, explicit }, builder);
}

/**
 * Returns the memberships that the rules the plan creates, activates or edits will add once active, by
 * target group (its id in the target org): the desired members of each target group whose
 * record the rule assigns. Without them, restoring only a rule would show no one regaining the
 * access its groups give.
 */
function ruleMemberships(builder: PlanBuilder, pairs: ScopedPair[], steps: PlanStep[]): Map<string, JsonObject[]> {
  const touched = new Set(steps.filter((step) => step.kind === 'group-rule').map((step) => step.resourceId));
  const additions = new Map<string, JsonObject[]>();
  for (const pair of pairs) {
    const rule = pair.desired;
    if (pair.scoped.kind !== 'group-rule' || rule === undefined || !touched.has(rule.id) || ruleStatus(rule.body) !== 'ACTIVE') continue;
    for (const groupId of ruleTargetGroupIds(rule.body)) {
      const records = memberRecords(builder.desired.get('group-members', groupId)?.body).filter((record) => ruleVerdict(builder, rule.body, record) === 'assigned');
      const target = builder.targetId('group', groupId);
      additions.set(target, [...(additions.get(target) ?? []), ...records]);
    }
  }
  return additions;
}

/**
 * Returns a blocker for each kind in scope whose capture of the target org failed: objects missing from a
 * partial capture would look deleted, and the plan would create them a second time.
 */
function failedLiveSections(live: PlanSideInput, pairs: ScopedPair[]): string[] {
  const kinds = [...new Set(pairs.map((pair) => pair.scoped.kind))];
  return kinds.flatMap((kind) => {
    const section = live.sections[kind];
    if (section.status !== 'failed') return [];
    return [`The capture of ${kind} in the target org failed (${section.error}), so Butterfly cannot tell which of them exist. Fix the cause and run the restore again; it captures the org anew.`];
  });
}

/**
 * Makes each app-to-policy link wait for every step of a policy that the plan recreates, so the
 * app is never linked to a policy whose rules are not all back yet.
 */
function linkAfterPolicySteps(steps: UnorderedStep[]): void {
  for (const link of steps.filter((step) => step.action === 'link')) {
    const policies = placeholdersIn(link.request.path).filter((key) => key.startsWith('policy:')).map((key) => key.slice('policy:'.length));
    for (const step of steps) {
      const ofPolicy = (step.kind === 'policy' && policies.includes(step.resourceId)) || (step.kind === 'policy-rule' && policies.includes(step.resourceId.split('/')[0] ?? ''));
      if (ofPolicy && !link.dependsOn.includes(step.key)) link.dependsOn.push(step.key);
    }
  }
}

/** Gives each step the sentences of the findings about its resource, on either side's id. */
function attachReversedFindings(steps: PlanStep[], findings: Finding[], pairs: ScopedPair[], targets: SnapshotResource[], live: readonly SnapshotResource[]): void {
  const pairOf = new Map<string, ScopedPair>();
  for (const pair of pairs) {
    const ids = [pair.scoped.desiredId, pair.scoped.liveId, pair.target?.id].filter((id): id is string => id !== undefined);
    for (const id of ids) pairOf.set(resourceKey(pair.scoped.kind, id), pair);
  }
  for (const step of steps) {
    const pair = pairOf.get(resourceKey(step.kind, step.resourceId));
    const ids = new Set([step.resourceId, pair?.scoped.desiredId, pair?.scoped.liveId, pair?.target?.id].filter((id): id is string => id !== undefined));
    const candidates = pair?.scoped.pointers ? fieldFindings(pair, targets, live) : findings;
    step.reverses = candidates.filter((finding) => finding.kind === step.kind && finding.resourceIds.some((id) => ids.has(id))).map((finding) => finding.sentence);
  }
}

/**
 * Returns the findings about only the chosen fields of a field scope: the live body with just those
 * fields put back stands for the desired side, so other changes to the resource are not claimed.
 */
function fieldFindings(pair: ScopedPair, targets: SnapshotResource[], live: readonly SnapshotResource[]): Finding[] {
  if (pair.target === undefined || pair.live === undefined || pair.scoped.pointers === undefined) return [];
  const restricted: SnapshotResource = { ...pair.live, body: copyPointers(pair.live.body, pair.target.body, pair.scoped.pointers) };
  const changes = compareResources([restricted], [pair.live]).changes;
  return findingsFor(changes, { before: targets, after: [...live] });
}

function predictedChanges(pairs: ScopedPair[], steps: PlanStep[]): PredictedChange[] {
  const deleted = new Set(steps.filter((step) => step.action === 'delete' || step.action === 'unassign' || step.action === 'remove-member').map((step) => resourceKey(step.kind, step.resourceId)));
  return pairs.map((pair) => ({
    live: pair.live,
    target: pair.target,
    pointers: pair.scoped.pointers,
    deleted: pair.target === undefined && pair.live !== undefined && deleted.has(resourceKey(pair.scoped.kind, pair.live.id)),
  }));
}

/** Everything verification compares: each desired resource in scope, and each object the plan deletes. */
function coveredOf(pairs: ScopedPair[], steps: PlanStep[]): CoveredResource[] {
  const deleted = new Set(steps.filter((step) => step.action === 'delete' || step.action === 'unassign').map((step) => resourceKey(step.kind, step.resourceId)));
  const covered: CoveredResource[] = [];
  for (const { scoped } of pairs) {
    if (scoped.desiredId !== undefined) covered.push({ kind: scoped.kind, id: scoped.desiredId, ...(scoped.pointers ? { paths: scoped.pointers } : {}) });
    else if (scoped.liveId !== undefined && deleted.has(resourceKey(scoped.kind, scoped.liveId))) covered.push({ kind: scoped.kind, id: scoped.liveId, expectAbsent: true });
  }
  return covered;
}

function differingMatches(toLive: Map<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, liveId] of toLive) if (!key.endsWith(`:${liveId}`)) result[key] = liveId;
  return result;
}

/** Tells whether an ambiguous match blocks the plan: only when the object is in scope, or a resource in scope names it. */
function inScope(key: string, pairs: ScopedPair[]): boolean {
  return pairs.some((pair) => pair.scoped.desiredId !== undefined && (resourceKey(pair.scoped.kind, pair.scoped.desiredId) === key || JSON.stringify(pair.desired?.body ?? null).includes(key.slice(key.indexOf(':') + 1))));
}

/** Returns the scheme, host and port of an org URL, lower-cased, so trailing slashes and case do not make two orgs. */
function originOf(orgUrl: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/]+)/i.exec(orgUrl.trim());
  return (match?.[1] ?? orgUrl).toLowerCase();
}

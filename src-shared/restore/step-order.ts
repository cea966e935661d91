import type { ResourceKind } from '../snapshot/snapshot-model.js';
import type { PlanStep } from './restore-plan.js';

/**
 * The order kinds are planned in, so that what others reference comes first: zones and device
 * assurance policies before the rules naming them, groups before rules, assignments and
 * pushes, the app before its parts, policies before their rules.
 */
export const PLAN_ORDER: readonly ResourceKind[] = [
  'network-zone', 'device-assurance', 'user-type', 'group', 'group-rule', 'group-members',
  'app', 'app-signing-key', 'app-saml-metadata', 'app-provisioning', 'app-feature', 'app-user-schema', 'profile-mapping',
  'app-group-assignment', 'app-user-assignment', 'group-push-mapping', 'policy', 'policy-rule',
];

/** A step before it has its index. */
export type UnorderedStep = Omit<PlanStep, 'index'>;

/**
 * Orders steps so that each runs after everything it depends on. Among steps that are free to
 * run, writes go before deletes, deletes run in the reverse of the plan order (a rule stops
 * naming a zone before the zone goes), and otherwise they keep the order the planners added them in.
 * Throws on a dependency cycle or on a dependency that names no step.
 */
export function orderSteps(steps: readonly UnorderedStep[]): PlanStep[] {
  const byKey = new Map(steps.map((step) => [step.key, step]));
  const rank = new Map(steps.map((step, position) => [step.key, rankOf(step, position)]));
  const waiting = new Map(steps.map((step) => [step.key, new Set(step.dependsOn)]));
  for (const step of steps) {
    for (const dependency of step.dependsOn) if (!byKey.has(dependency)) throw new Error(`The step ${step.key} depends on ${dependency}, which the plan does not have.`);
  }

  const ordered: PlanStep[] = [];
  while (ordered.length < steps.length) {
    const ready = [...waiting].filter(([, deps]) => deps.size === 0).map(([key]) => key);
    if (ready.length === 0) throw new Error(`The plan's steps depend on each other in a cycle: ${[...waiting.keys()].join(', ')}.`);
    ready.sort((a, b) => compareRanks(rank.get(a) as number[], rank.get(b) as number[]));
    const next = ready[0] as string;
    waiting.delete(next);
    for (const deps of waiting.values()) deps.delete(next);
    ordered.push({ index: ordered.length + 1, ...(byKey.get(next) as UnorderedStep) });
  }
  return ordered;
}

function rankOf(step: UnorderedStep, position: number): number[] {
  if (!step.flags.includes('deletes')) return [0, 0, position];
  return [1, PLAN_ORDER.length - PLAN_ORDER.indexOf(step.kind), position];
}

function compareRanks(a: number[], b: number[]): number {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

import type { Finding, ResourceChange } from '../diff-types.js';
import type { FindingDraft, FindingRule, KindFindings, RuleInput } from './finding-rule.js';
import { isUnder } from './json-pointer.js';
import type { ResourceLabels } from './resource-labels.js';

/** The findings a kind's rules give for one change, and the changed paths none of them accounted for. */
export interface RuleOutcome {
  findings: Finding[];
  unaccounted: string[];
}

/**
 * Runs a kind's rule table over one change: first the ordinary rules, each on every changed path
 * it matches, then the catch-all rules on the paths still unaccounted for.
 */
export function applyRules(kind: KindFindings, change: ResourceChange, labels: ResourceLabels, productAttribute: string): RuleOutcome {
  const base: Omit<RuleInput, 'paths'> = {
    change,
    before: change.before?.body,
    after: change.after?.body,
    subject: kind.subject(change, labels),
    labels,
    productAttribute,
  };
  const subjectIds = [change.id, ...(kind.subjectIds?.(change) ?? [])];
  const findings: Finding[] = [];
  const accounted = new Set<string>();

  for (const catchAll of [false, true]) {
    const candidates = catchAll ? change.changedPaths.filter((path) => !accounted.has(path)) : change.changedPaths;
    for (const rule of kind.rules) {
      if (rule.on !== change.change || (rule.catchAll ?? false) !== catchAll) continue;
      const paths = change.change === 'changed' ? matchedPaths(rule, candidates) : [];
      if (change.change === 'changed' && paths.length === 0) continue;

      for (const draft of draftsOf(rule, { ...base, paths })) {
        findings.push(findingOf(rule, change, [...subjectIds, ...(draft.relatedIds ?? [])], draft.sentence));
        for (const path of draft.claims ?? paths) accounted.add(path);
      }
    }
  }

  return { findings, unaccounted: change.changedPaths.filter((path) => !accounted.has(path)) };
}

function matchedPaths(rule: FindingRule, candidates: readonly string[]): string[] {
  const prefixes = rule.paths ?? [];
  return candidates.filter((path) => prefixes.some((prefix) => isUnder(path, prefix) || isUnder(prefix, path)));
}

function draftsOf(rule: FindingRule, input: RuleInput): FindingDraft[] {
  const result = rule.describe(input);
  if (result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}

function findingOf(rule: FindingRule, change: ResourceChange, ids: string[], sentence: string): Finding {
  return { code: rule.code, severity: rule.severity, kind: change.kind, resourceIds: [...new Set(ids)], sentence };
}

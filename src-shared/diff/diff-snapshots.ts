import { computeImpact, type ImpactOptions } from '../impact/compute-impact.js';
import { compareResources } from './compare-resources.js';
import type { DiffResult, DiffSide } from './diff-types.js';
import { findingsFor } from './findings/findings.js';
import { headlineFor } from './headline.js';

export interface DiffOptions {
  impact?: ImpactOptions;
}

/**
 * Compares two snapshots (or a snapshot and a fresh capture) and answers what changed and who
 * lost what: the resource changes, a finding in plain words for each, the access impact per
 * Atlassian product and at sign-on, and a headline. Pure: the same inputs give the same result.
 */
export function diffSnapshots(before: DiffSide, after: DiffSide, options: DiffOptions = {}): DiffResult {
  const { changes, unchanged } = compareResources(before.resources, after.resources);
  const findings = findingsFor(changes, { before: before.resources, after: after.resources });
  const impact = computeImpact(before.resources, after.resources, options.impact);
  const sides = { before: sideSummary(before), after: sideSummary(after) };

  return {
    ...sides,
    changes,
    findings,
    impact,
    headline: headlineFor(impact, sides),
    counts: {
      added: changes.filter((change) => change.change === 'added').length,
      removed: changes.filter((change) => change.change === 'removed').length,
      changed: changes.filter((change) => change.change === 'changed').length,
      unchanged,
    },
  };
}

function sideSummary(side: DiffSide): { label: string; takenAt: string; complete: boolean } {
  return { label: side.label, takenAt: side.takenAt, complete: side.complete };
}

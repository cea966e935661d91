import { compareResources } from '../../src-shared/diff/compare-resources.js';
import { findingsFor } from '../../src-shared/diff/findings/findings.js';
import { headlineFor } from '../../src-shared/diff/headline.js';
import { compareImpactSides, prepareImpactSide, type ImpactSide } from '../../src-shared/impact/compute-impact.js';
import type { ImpactOptions } from '../../src-shared/impact/impact-options.js';
import type { SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import type { SnapshotSummary } from '../vault/vault-types.js';
import type { ChangeSet } from './pack-data.js';

/** A snapshot read into memory, with its impact side once a comparison has prepared it. */
export interface LoadedSnapshot {
  summary: SnapshotSummary;
  resources: SnapshotResource[];
  /** The resources by blob key (hex), when the store reads with `readSnapshotReusing`. */
  blobs?: ReadonlyMap<string, SnapshotResource>;
  impact?: ImpactSide;
}

/**
 * Compares two consecutive snapshots for the pack. The result is the part of
 * `diffSnapshots(before, after, { impact: options })` that the pack shows: the findings, the
 * headline and the counts. The access impact comes from impact sides that stay on the loaded
 * snapshots, so a snapshot's access is worked out once although it is compared with the
 * snapshot before it and the one after it. Returns undefined when no resource changed; the
 * impact is then not worked out at all.
 */
export function compareLoaded(before: LoadedSnapshot, after: LoadedSnapshot, options: ImpactOptions | undefined): ChangeSet | undefined {
  const { changes } = compareResources(before.resources, after.resources);
  if (changes.length === 0) return undefined;

  const findings = findingsFor(changes, { before: before.resources, after: after.resources });
  const impact = compareImpactSides(impactSideOf(before, options), impactSideOf(after, options));
  const headline = headlineFor(impact, { before: sideState(before), after: sideState(after) });
  return {
    before: before.summary,
    after: after.summary,
    findings,
    headline,
    counts: {
      added: changes.filter((change) => change.change === 'added').length,
      removed: changes.filter((change) => change.change === 'removed').length,
      changed: changes.filter((change) => change.change === 'changed').length,
    },
  };
}

function impactSideOf(loaded: LoadedSnapshot, options: ImpactOptions | undefined): ImpactSide {
  loaded.impact ??= prepareImpactSide(loaded.resources, options);
  return loaded.impact;
}

/** Returns the side label and completeness that `diffSnapshots` gives the headline. */
function sideState(loaded: LoadedSnapshot): { label: string; complete: boolean } {
  return { label: String(loaded.summary.id), complete: loaded.summary.complete };
}

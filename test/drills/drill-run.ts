import { diffSnapshots } from '../../src-shared/diff/diff-snapshots.js';
import type { DiffResult } from '../../src-shared/diff/diff-types.js';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import { startSandbox } from '../../src-main/sandbox/server.js';
import { captureSandbox } from '../support/capture-harness.js';

/** What a drill did to the org, as the diff between a capture before it and a capture after it. */
export async function runDrillDiff(name: string): Promise<DiffResult> {
  const org = await startSandbox({ seed: await loadSeed('atlassian-stack') });
  try {
    const before = (await captureSandbox(org)).snapshot;
    await applyDrillToSandbox(org, name);
    const after = (await captureSandbox(org)).snapshot;
    return diffSnapshots(
      { label: 'before', takenAt: before.finishedAt, complete: true, resources: before.resources },
      { label: 'after', takenAt: after.finishedAt, complete: true, resources: after.resources },
    );
  } finally {
    await org.close();
  }
}

/** The parts of a diff the drill tests pin: findings by code and severity, and who was affected. */
export interface DrillOutcome {
  topFinding: { code: string; severity: string };
  findingCodes: string[];
  lost: Record<string, string[]>;
  gained: Record<string, string[]>;
  newlyDenied: string[];
  newlyChallenged: string[];
}

export function outcomeOf(result: DiffResult): DrillOutcome {
  const ids = (users: Array<{ id: string }>): string[] => users.map((user) => user.id).sort();
  const lost: Record<string, string[]> = {};
  const gained: Record<string, string[]> = {};
  for (const entry of result.impact.products) {
    if (entry.lost.length > 0) lost[entry.product] = ids(entry.lost);
    if (entry.gained.length > 0) gained[entry.product] = ids(entry.gained);
  }
  const top = result.findings[0];
  return {
    topFinding: { code: top?.code ?? '', severity: top?.severity ?? '' },
    findingCodes: result.findings.map((finding) => finding.code).sort(),
    lost,
    gained,
    newlyDenied: ids(result.impact.signOn.newlyDenied),
    newlyChallenged: ids(result.impact.signOn.newlyChallenged),
  };
}

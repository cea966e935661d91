import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRILLS } from '../../src-main/sandbox/drills/drill-catalog.js';
import type { ScopeEntry } from '../../src-shared/restore/restore-scope.js';
import { specProblems } from './execute-plan-kit.js';
import { applyDrill, dryRunSnapshotOne, narrowScope, PRODUCTION_APP_ID, restoreSnapshotOne, startDrillRig, type DrillRig } from './drill-restore-rig.js';

let rig: DrillRig;

beforeEach(async () => {
  rig = await startDrillRig();
});

afterEach(async () => {
  await rig.close();
});

/** Drills whose undo switches the app's signing key, which is only done when selected. */
const SIGNING_KEY_DRILLS = new Set(['signing-key-rotated']);

async function restoreAndCheck(drill: string, scope: (report: Awaited<ReturnType<typeof applyDrill>>) => ScopeEntry[]): Promise<void> {
  const report = await applyDrill(rig, drill);
  const { outcome, requests } = await restoreSnapshotOne(rig, scope(report), { restoreSigningKey: SIGNING_KEY_DRILLS.has(drill) });

  expect(outcome.execution.status).toBe('succeeded');
  expect(outcome.verification?.residuals.map((residual) => `${residual.kind} ${residual.name} ${residual.change} ${residual.changedPaths.join(',')}`)).toEqual([]);
  expect(outcome.record.status).toBe('verified');
  expect(outcome.plan.steps.length).toBeGreaterThan(0);
  expect(outcome.plan.steps.flatMap((step) => step.reverses).filter((sentence) => sentence.includes('{{new:'))).toEqual([]);
  expect(await specProblems(requests.filter((request) => request.method !== 'GET'))).toEqual([]);
}

describe('every drill is undone by a restore of the pre-drill snapshot', () => {
  it.each(DRILLS.map((drill) => drill.name))('%s, with the whole app as scope', async (name) => {
    await restoreAndCheck(name, () => [{ type: 'app', appId: PRODUCTION_APP_ID }]);
  });

  it.each(DRILLS.map((drill) => drill.name))('%s, with the narrowest scope', async (name) => {
    await restoreAndCheck(name, narrowScope);
  });
});

describe('the impact of a plan', () => {
  it('counts the members a restored rule gives back', async () => {
    const expected = (JSON.parse(readFileSync(new URL('../drills/drill-expectations.json', import.meta.url), 'utf8')) as Record<string, { lost: Record<string, string[]> }>)['group-rule-cleanup'];
    await applyDrill(rig, 'group-rule-cleanup');

    const plan = await dryRunSnapshotOne(rig, [{ type: 'resource', kind: 'group-rule', id: '0pr7Wms321hgzItNk0MN' }]);
    const gained = Object.fromEntries(plan.impact.products.filter((product) => product.gained.length > 0).map((product) => [product.product, product.gained.map((user) => user.id).sort()]));
    const lost = Object.fromEntries(Object.entries(expected?.lost ?? {}).map(([product, ids]) => [product, [...ids].sort()]));

    expect(gained).toEqual(lost);
  });
});

describe('a second restore of the same snapshot', () => {
  it('finds recreated objects and plans nothing', async () => {
    await applyDrill(rig, 'group-rule-cleanup');
    await applyDrill(rig, 'assigned-group-deleted');
    const app: ScopeEntry[] = [{ type: 'app', appId: PRODUCTION_APP_ID }];
    const first = await restoreSnapshotOne(rig, app);

    const again = await dryRunSnapshotOne(rig, app, { allowDeletes: true });

    expect(first.outcome.record.status).toBe('verified');
    expect(again.steps.map((step) => step.description)).toEqual([]);
    expect(again.blockers).toEqual([]);
    expect(again.manualSteps).toEqual([]);
    expect(again.leftInPlace).toEqual([]);
  });
});

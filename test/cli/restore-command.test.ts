import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import { runCli, type CliRun } from '../support/cli-harness.js';
import { PRODUCTION_APP_ID, startDrillRig, type DrillRig } from '../restore/drill-restore-rig.js';

let rig: DrillRig;

/** Starts the sandbox with a connection and snapshot 1 for each test of the enclosing describe. */
function withRig(): void {
  beforeEach(async () => {
    rig = await startDrillRig();
  });

  afterEach(async () => {
    await rig.close();
  });
}

function butterfly(argv: string[]): Promise<CliRun> {
  return runCli(rig.home, argv);
}

function host(): string {
  return new URL(rig.org.url).host;
}

/** Returns the current expression of the seed's rule 'Engineering department' in the sandbox. */
function engineeringExpression(): string {
  const rule = [...rig.org.state.groupRules.values()].find((candidate) => candidate['name'] === 'Engineering department');
  return String((rule?.['conditions'] as { expression: { value: string } }).expression.value);
}

describe('restore --dry-run', () => {
  withRig();

  it('prints the plan and sends nothing', async () => {
    await applyDrillToSandbox(rig.org, 'group-rule-expression-edited');
    const edited = engineeringExpression();

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.out).toContain('Steps (3):');
    expect(run.out).toMatch(/POST \/api\/v1\/groups\/rules\/0pr\w+\/lifecycle\/deactivate/);
    expect(run.out).toContain("reverses: Group rule 'Engineering department'");
    expect(run.out).toMatch(new RegExp(`--execute --confirm ${host()} --expect-plan [0-9a-f]{16}`));
    expect(engineeringExpression()).toBe(edited);
  });

  it('the printed command keeps the options', async () => {
    await applyDrillToSandbox(rig.org, 'device-trust-tightening');

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--dry-run', '--allow-deletes', '--threshold-users', '50']);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`To run exactly this plan: butterfly restore 1 --to sandbox --scope app:${PRODUCTION_APP_ID} --allow-deletes --threshold-users 50 --execute --confirm ${host()} --expect-plan `);
  });

  it('an unchanged org needs no step', async () => {
    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'kind:group-rule', '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.out).toContain('Steps: none');
  });

  it('json output is the plan', async () => {
    await applyDrillToSandbox(rig.org, 'group-push-deactivated');

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'kind:group-push-mapping', '--dry-run', '--json']);
    const plan = JSON.parse(run.out) as { steps: Array<{ request: { method: string; body: unknown } }>; blockers: string[] };

    expect(run.code).toBe(0);
    expect(plan.steps.map((step) => step.request.method)).toEqual(['PATCH']);
    expect(plan.steps[0]?.request.body).toEqual({ status: 'ACTIVE' });
    expect(plan.blockers).toEqual([]);
  });
});

describe('restore --execute', () => {
  withRig();

  it('the reviewed plan runs when the org is unchanged', async () => {
    await applyDrillToSandbox(rig.org, 'group-push-deactivated');
    const preview = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'kind:group-push-mapping', '--dry-run']);
    const fingerprint = /Plan fingerprint: ([0-9a-f]{16})/.exec(preview.out)?.[1] ?? 'missing';

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'kind:group-push-mapping', '--execute', '--confirm', host(), '--expect-plan', fingerprint]);

    expect(run.code).toBe(0);
    expect(run.out).toContain('status verified');
  });

  it('a changed org stops the reviewed plan', async () => {
    await applyDrillToSandbox(rig.org, 'group-push-deactivated');
    const preview = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--dry-run']);
    const fingerprint = /Plan fingerprint: ([0-9a-f]{16})/.exec(preview.out)?.[1] ?? 'missing';
    await applyDrillToSandbox(rig.org, 'acs-url-changed');

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--execute', '--confirm', host(), '--expect-plan', fingerprint]);
    const listed = await butterfly(['restores', '--json']);

    expect(run.code).toBe(1);
    expect(run.err).toContain(`differs from the reviewed one (${fingerprint})`);
    expect(JSON.parse(listed.out)).toEqual([]);
  });

  it('a wrong confirmation sends nothing', async () => {
    await applyDrillToSandbox(rig.org, 'group-rule-expression-edited');
    const edited = engineeringExpression();

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--execute', '--confirm', 'acme.okta.com']);

    expect(run.code).toBe(1);
    expect(run.err).toContain(`--confirm ${host()}`);
    expect(engineeringExpression()).toBe(edited);
  });

  it('restores, verifies and records the journal', async () => {
    await applyDrillToSandbox(rig.org, 'group-rule-expression-edited');

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--execute', '--confirm', host()]);
    const listed = await butterfly(['restores']);
    const journal = await butterfly(['restores', 'r1']);

    expect(run.code).toBe(0);
    expect(run.out).toContain('Restore r1: 3 of 3 steps done; status verified.');
    expect(run.out).toContain(`To undo, preview a restore of the pre-restore snapshot: butterfly restore 2 --to sandbox --scope app:${PRODUCTION_APP_ID} --dry-run`);
    expect(engineeringExpression()).toBe('user.department=="Engineering"');
    expect(listed.out).toMatch(/r1\s+sandbox\s+.*verified\s+3\/3\s+1\s+2/);
    expect(journal.out).toContain('1. Deactivate group rule');
    expect(journal.out).toContain('Verification: clean.');
  });

  it('the printed undo names the recreated rule', async () => {
    await applyDrillToSandbox(rig.org, 'group-rule-cleanup');

    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'id:group-rule:0pr7Wms321hgzItNk0MN', '--execute', '--confirm', host()]);
    const undo = /To undo, preview a restore of the pre-restore snapshot: butterfly (restore .*) --dry-run/.exec(run.out)?.[1] ?? '';
    const preview = await butterfly([...undo.split(' '), '--dry-run']);

    expect(run.code).toBe(0);
    expect(undo).toMatch(/^restore 2 --to sandbox --scope id:group-rule:0pr\w+ --allow-deletes$/);
    expect(undo).not.toContain('0pr7Wms321hgzItNk0MN');
    expect(preview.out).toMatch(/DELETE \/api\/v1\/groups\/rules\/0pr\w+\?removeUsers=false/);
  });

  it('a resume of a verified restore is rejected', async () => {
    await applyDrillToSandbox(rig.org, 'group-push-deactivated');
    await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'kind:group-push-mapping', '--execute', '--confirm', host()]);

    const run = await butterfly(['restore', '--resume', 'r1']);

    expect(run.code).toBe(1);
    expect(run.err).toContain('already finished');
  });

  it('a plan above the threshold is blocked', async () => {
    await applyDrillToSandbox(rig.org, 'group-assignment-removed');
    await butterfly(['snapshot', 'sandbox']);
    await butterfly(['restore', '1', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--execute', '--confirm', host()]);

    const run = await butterfly(['restore', '2', '--to', 'sandbox', '--scope', `app:${PRODUCTION_APP_ID}`, '--execute', '--confirm', host(), '--allow-deletes']);
    const listed = await butterfly(['restores', '--json']);

    expect(run.code).toBe(1);
    expect(run.out).toContain('BLOCKED');
    expect(run.out).toContain('would lose Confluence');
    expect(run.err).toContain('nothing was stored or sent');
    expect((JSON.parse(listed.out) as Array<{ id: string }>).map((restore) => restore.id)).toEqual(['r1']);
  });
});

describe('restore usage', () => {
  it.each([
    [['restore', '1', '--to', 'sandbox', '--dry-run'], '--scope'],
    [['restore', '1', '--to', 'sandbox', '--scope', 'app:x', '--dry-run', '--execute'], '--dry-run to preview'],
    [['restore', '1', '--to', 'sandbox', '--scope', 'app:x', '--execute'], '--confirm'],
    [['restore', '1', '--scope', 'app:x', '--dry-run'], '--to'],
    [['restore', 'one', '--to', 'sandbox', '--scope', 'app:x', '--dry-run'], "Invalid snapshot id 'one'"],
    [['restore', '1', '--to', 'sandbox', '--scope', 'kind:nope', '--dry-run'], "Unknown kind 'nope'"],
    [['restore', '--resume', 'r1', '--dry-run'], '--resume runs the rest of the stored plan'],
  ])('%j is a usage error', async (argv, message) => {
    const run = await runCli(await mkdtemp(join(tmpdir(), 'butterfly-usage-')), argv);

    expect(run.code).toBe(2);
    expect(run.err).toContain(message);
  });
});

describe('restore scope errors', () => {
  withRig();

  it('an unknown id in the scope names it', async () => {
    const run = await butterfly(['restore', '1', '--to', 'sandbox', '--scope', 'id:00gNoSuchGroup000000', '--dry-run']);

    expect(run.code).toBe(2);
    expect(run.err).toContain('00gNoSuchGroup000000');
  });
});

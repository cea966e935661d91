import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { runCli, type CliRun } from '../support/cli-harness.js';
import { startTestSandbox } from '../support/sandbox-harness.js';

let org: SandboxOrg;
let home: string;

beforeEach(async () => {
  org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  home = await mkdtemp(join(tmpdir(), 'butterfly-diff-test-'));
});

afterEach(async () => {
  await org.close();
});

function butterfly(argv: string[], stdin = ''): Promise<CliRun> {
  return runCli(home, argv, stdin);
}

async function snapshotBeforeAndAfter(drill: string): Promise<void> {
  await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
  await butterfly(['snapshot', 'prod']);
  await applyDrillToSandbox(org, drill);
  await butterfly(['snapshot', 'prod']);
}

describe('butterfly diff', () => {
  it('prints impact before findings', async () => {
    await snapshotBeforeAndAfter('group-push-deactivated');

    const run = await butterfly(['diff', '1', '2']);

    expect(run.code).toBe(0);
    expect(run.out.indexOf('IMPACT')).toBeLessThan(run.out.indexOf('FINDINGS'));
    expect(run.out).toContain('39 users lose Jira Software');
    expect(run.out).toContain('[critical] Push Groups mapping');
  });

  it('compares with the live org', async () => {
    await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
    await butterfly(['snapshot', 'prod']);
    await applyDrillToSandbox(org, 'group-rule-cleanup');

    const run = await butterfly(['diff', '1', 'live']);

    expect(run.out).toContain('the live org');
    expect(run.out).toContain("Group rule 'CS → jsm-agents' was deleted.");
  });

  it('unchanged org reports nothing', async () => {
    await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
    await butterfly(['snapshot', 'prod']);
    await butterfly(['snapshot', 'prod']);

    const run = await butterfly(['diff', '1', '2', '--json']);
    const result = JSON.parse(run.out) as { findings: unknown[]; changes: unknown[] };

    expect(result.findings).toEqual([]);
    expect(result.changes).toEqual([]);
  });

  it('min severity hides lower findings', async () => {
    await snapshotBeforeAndAfter('signing-key-rotated');

    const run = await butterfly(['diff', '1', '2', '--min-severity', 'critical', '--json']);
    const result = JSON.parse(run.out) as { findings: Array<{ severity: string }> };

    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((finding) => finding.severity === 'critical')).toBe(true);
  });

  it('missing snapshot exits 1', async () => {
    await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
    const run = await butterfly(['diff', '8', '9']);

    expect(run.code).toBe(1);
    expect(run.err).toContain('No snapshot 8');
  });

  it('product group override changes the impact', async () => {
    await snapshotBeforeAndAfter('group-push-deactivated');

    const run = await butterfly(['diff', '1', '2', '--product-group', 'jira-software-users=none']);

    expect(run.code).toBe(0);
    expect(run.out).not.toContain('lose Jira Software');
  });

  it.each([
    [['diff', '1', '2', '--product-group', 'jira-users'], 'use GROUP=PRODUCT'],
    [['diff', '1', '2', '--product-group', 'jira-users=jira-align'], 'the product must be'],
    [['diff', '1'], 'Give two snapshots'],
    [['diff', 'one', '2'], "Invalid snapshot id 'one'"],
    [['diff', '1', '2', '--min-severity', 'urgent'], "Invalid --min-severity 'urgent'"],
    [['diff', '1', '2', '--kind', 'widget'], "Unknown --kind 'widget'"],
  ])('rejects %j', async (argv, mention) => {
    const run = await butterfly(argv);

    expect(run.code).toBe(2);
    expect(run.err).toContain(mention);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDrillToSandbox } from '../../src-main/sandbox/drills/apply-drill.js';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { runCli, type CliRun } from '../support/cli-harness.js';
import { startTestSandbox } from '../support/sandbox-harness.js';
import { pdfText } from './pdf-tools.js';

let org: SandboxOrg;
let home: string;

beforeEach(async () => {
  org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  home = mkdtempSync(join(tmpdir(), 'butterfly-audit-cli-'));
});

afterEach(async () => {
  await org.close();
  rmSync(home, { recursive: true, force: true });
});

function butterfly(argv: string[], stdin = ''): Promise<CliRun> {
  return runCli(home, argv, stdin);
}

const PACK_OPTIONS = ['--connection', 'prod', '--from', '2000-01-01', '--to', '2100-12-31', '--prepared-by', 'Dana Whitfield', '--generated-at', '2026-02-03T10:00:00Z'];

describe('butterfly audit-pack', () => {
  it('writes a pack from the vault', async () => {
    await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
    await butterfly(['snapshot', 'prod']);
    await applyDrillToSandbox(org, 'group-rule-cleanup');
    await butterfly(['snapshot', 'prod']);
    const out = join(home, 'pack.pdf');

    const run = await butterfly(['audit-pack', ...PACK_OPTIONS, '--framework', 'soc2,iso27001', '--out', out]);
    const text = pdfText(readFileSync(out));

    expect(run.code).toBe(0);
    expect(run.out).toContain(`Wrote ${out}`);
    expect(run.err).toContain('reading snapshots: 2/2');
    expect(text).toContain('2000-01-01T00:00:00.000Z to 2100-12-31T23:59:59.999Z');
    expect(text).toContain("Group rule 'CS → jsm-agents' was deleted.");
    expect(text).toContain('A.5.15');
    expect(text).not.toContain('164.312');
    expect(existsSync(`${out}.partial`)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('unknown framework is a usage error', async () => {
    const run = await butterfly(['audit-pack', ...PACK_OPTIONS, '--framework', 'pci', '--out', join(home, 'pack.pdf')]);

    expect(run.code).toBe(2);
    expect(run.err).toContain("Unknown --framework 'pci'");
  });

  it('invalid day is a usage error', async () => {
    const run = await butterfly(['audit-pack', '--connection', 'prod', '--from', '2026-02-30', '--to', '2026-03-01', '--framework', 'soc2', '--prepared-by', 'Dana', '--out', join(home, 'pack.pdf')]);

    expect(run.code).toBe(2);
    expect(run.err).toContain("Invalid --from '2026-02-30': no such day");
  });

  it('unknown connection fails', async () => {
    await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
    await butterfly(['snapshot', 'prod']);

    const run = await butterfly(['audit-pack', ...PACK_OPTIONS.map((option) => (option === 'prod' ? 'staging' : option)), '--framework', 'hipaa', '--out', join(home, 'pack.pdf')]);

    expect(run.code).toBe(1);
    expect(run.err).toContain("No connection named 'staging'. Saved connections: prod.");
  });
});

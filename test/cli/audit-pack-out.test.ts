import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.js';

describe('audit-pack --out', () => {
  it('a missing folder is a usage error', async () => {
    const home = await mkdtemp(join(tmpdir(), 'butterfly-audit-out-'));
    const out = join(home, 'no-such-folder', 'pack.pdf');

    const run = await runCli(home, ['audit-pack', '--connection', 'prod', '--from', '2026-01-01', '--to', '2026-01-31', '--framework', 'soc2', '--prepared-by', 'Dana', '--out', out]);

    expect(run.code).toBe(2);
    expect(run.err).toContain(`does not exist: ${join(home, 'no-such-folder')}`);
  });
});

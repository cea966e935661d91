import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli-harness.js';

async function freshHome(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'butterfly-connect-'));
}

describe('connect errors', () => {
  it('a token option points to --token-stdin', async () => {
    const run = await runCli(await freshHome(), ['connect', 'prod', '--org-url', 'https://acme.okta.com', '--token', 'abc']);

    expect(run.code).toBe(2);
    expect(run.err).toContain('--token-stdin');
  });

  it('an unreachable org is named as such', async () => {
    const run = await runCli(await freshHome(), ['connect', 'prod', '--org-url', 'http://127.0.0.1:1', '--token-stdin'], 'a-token-value');

    expect(run.code).toBe(1);
    expect(run.err).toContain('Cannot reach http://127.0.0.1:1');
  });
});

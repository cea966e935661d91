import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../src-main/sandbox/seed/load-seed.js';
import type { SandboxOrg } from '../../src-main/sandbox/server.js';
import { runCli, type CliRun } from '../support/cli-harness.js';
import { startTestSandbox } from '../support/sandbox-harness.js';

let org: SandboxOrg;
let home: string;

beforeEach(async () => {
  org = await startTestSandbox({ seed: await loadSeed('atlassian-stack') });
  home = await mkdtemp(join(tmpdir(), 'butterfly-cli-test-'));
});

afterEach(async () => {
  await org.close();
});

function butterfly(argv: string[], stdin = ''): Promise<CliRun> {
  return runCli(home, argv, stdin);
}

async function connect(name = 'prod'): Promise<CliRun> {
  return butterfly(['connect', name, '--org-url', org.url, '--token-stdin'], `${org.token}\n`);
}

async function vaultFileText(): Promise<string> {
  const files = (await readdir(home)).filter((file) => file.startsWith('vault.db'));
  const contents = await Promise.all(files.map((file) => readFile(join(home, file))));
  return Buffer.concat(contents).toString('latin1');
}

describe('connect and connections', () => {
  it('connect saves the connection', async () => {
    const connected = await connect();
    const listed = await butterfly(['connections']);

    expect(connected.code).toBe(0);
    expect(listed.out).toContain('prod');
    expect(listed.out).toContain(org.url);
  });

  it('existing name needs replace', async () => {
    await connect();

    const again = await connect();
    const replaced = await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin', '--replace'], org.token);

    expect(again.code).toBe(2);
    expect(again.err).toContain('--replace');
    expect(replaced.code).toBe(0);
  });

  it('wrong token is rejected', async () => {
    const run = await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], 'not-the-token');

    expect(run.code).toBe(1);
    expect(run.err).toContain('did not work');
    expect(run.err).not.toContain('not-the-token');
  });

  it.each([
    [['connect', 'prod', '--org-url', 'http://example.com', '--token-stdin'], 'https'],
    [['connect', 'prod', '--org-url', 'https://acme.okta.com/admin', '--token-stdin'], 'without a path'],
    [['connect', 'prod', '--org-url', 'https://acme.okta.com'], '--token-stdin or --client-id'],
    [['connect', '--org-url', 'https://acme.okta.com', '--token-stdin'], 'Missing connection name'],
    [['connect', 'prod', '--org-url', 'https://acme.okta.com', '--client-id', 'x', '--key-file', '/no/such/file'], '/no/such/file'],
  ])('connect rejects %j', async (argv, mention) => {
    const run = await butterfly(argv, 'token');

    expect(run.code).toBe(2);
    expect(run.err).toContain(mention);
  });
});

describe('snapshot, snapshots, show, verify', () => {
  it('snapshot stores a complete snapshot', async () => {
    await connect();

    const run = await butterfly(['snapshot', 'prod', '--label', 'before change']);
    const listed = await butterfly(['snapshots', 'prod', '--json']);
    const snapshots = JSON.parse(listed.out) as Array<{ id: number; complete: boolean; label: string }>;

    expect(run.code).toBe(0);
    expect(run.out).toContain('Complete');
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ complete: true, label: 'before change' });
  });

  it('show lists resources of a kind', async () => {
    await connect();
    await butterfly(['snapshot', 'prod']);

    const run = await butterfly(['show', '1', '--kind', 'group']);

    expect(run.code).toBe(0);
    expect(run.out).toContain('CS-jsm-agents');
  });

  it('show prints one resource', async () => {
    await connect();
    await butterfly(['snapshot', 'prod']);

    const run = await butterfly(['show', '1', '--kind', 'app', '--id', '0oaWGujkWZIYd6DJa3qZ', '--json']);
    const [resource] = JSON.parse(run.out) as Array<{ body: { label: string } }>;

    expect(resource?.body.label).toBe('Atlassian Cloud');
  });

  it('verify passes on a fresh vault', async () => {
    await connect();
    await butterfly(['snapshot', 'prod']);

    const run = await butterfly(['verify']);

    expect(run.code).toBe(0);
    expect(run.out).toContain('No problems');
  });

  it('incomplete snapshot exits 1', async () => {
    await connect();
    org.faults.set({ failMatchingRequests: { pathIncludes: '/api/v1/groups/rules', times: 100, status: 503 } });

    const run = await butterfly(['snapshot', 'prod']);
    const listed = await butterfly(['snapshots']);

    expect(run.code).toBe(1);
    expect(run.out).toContain('INCOMPLETE');
    expect(run.out).toContain('group-rule');
    expect(listed.out).toContain('INCOMPLETE');
  });

  it('missing snapshot exits 1', async () => {
    await butterfly(['connect', 'prod', '--org-url', org.url, '--token-stdin'], org.token);
    const run = await butterfly(['show', '7']);

    expect(run.code).toBe(1);
    expect(run.err).toContain('No snapshot 7');
  });

  it('unknown connection is named', async () => {
    const run = await butterfly(['snapshot', 'staging']);

    expect(run.code).toBe(1);
    expect(run.err).toContain("No connection named 'staging'");
  });

  it.each([
    [['show', 'abc'], 'Invalid snapshot id'],
    [['show', '1', '--kind', 'widget'], "Unknown --kind 'widget'"],
    [['snapshots', 'a', 'b'], "Unexpected argument 'b'"],
    [['verify', 'now'], "Unexpected argument 'now'"],
  ])('rejects %j', async (argv, mention) => {
    const run = await butterfly(argv);

    expect(run.code).toBe(2);
    expect(run.err).toContain(mention);
  });

  it('vault holds no org data in plaintext', async () => {
    await connect();
    await butterfly(['snapshot', 'prod', '--label', 'quarterly access review']);
    const seed = await loadSeed('atlassian-stack');
    const text = await vaultFileText();
    const secrets = [
      org.token,
      'quarterly access review',
      'Atlassian Cloud',
      'CS-jsm-agents',
      'jira-software-users',
      ...seed.users.slice(0, 50).map((user) => String((user['profile'] as { login: string }).login)),
    ];

    expect(secrets.filter((value) => text.includes(value))).toEqual([]);
    expect(text.length).toBeGreaterThan(10_000);
  });

  it('second unchanged snapshot adds little', async () => {
    await connect();
    await butterfly(['snapshot', 'prod']);
    const first = (await vaultFileText()).length;

    await butterfly(['snapshot', 'prod']);
    const second = (await vaultFileText()).length;

    expect(second - first).toBeLessThan(first / 2);
  });
});

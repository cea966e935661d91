import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/main.js';
import type { CommandIo } from '../../src-main/cli/command-io.js';
import { silentLogger } from '../../src-main/logging/logger.js';

interface RecordedIo extends CommandIo {
  lines: string[];
  errors: string[];
  stop(): void;
  started: Promise<void>;
}

function recordingIo(): RecordedIo {
  let stop = (): void => undefined;
  let markStarted = (): void => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const io: RecordedIo = {
    lines: [],
    errors: [],
    out: (line) => io.lines.push(line),
    err: (line) => io.errors.push(line),
    logger: silentLogger(),
    waitForShutdown: () => {
      markStarted();
      return new Promise<void>((resolve) => (stop = resolve));
    },
    stop: () => stop(),
    started,
  };
  return io;
}

function printed(io: RecordedIo, label: string): string {
  const line = io.lines.find((candidate) => candidate.startsWith(label)) ?? '';
  return line.slice(label.length).trim();
}

describe('butterfly sandbox', () => {
  it('prints url and token', async () => {
    const io = recordingIo();
    const run = main(['sandbox', '--port', '0', '--token', 'sandbox-test-token'], io);
    await io.started;

    const url = printed(io, 'Org URL:');
    const response = await fetch(`${url}/api/v1/apps`, { headers: { authorization: 'SSWS sandbox-test-token' } });
    io.stop();

    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed(io, 'API token:')).toBe('sandbox-test-token');
    expect(response.status).toBe(200);
    expect(await run).toBe(0);
  });

  it('generates a token when none is given', async () => {
    const io = recordingIo();
    const run = main(['sandbox'], io);
    await io.started;
    io.stop();
    await run;

    expect(printed(io, 'API token:')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('same seed gives same ids', async () => {
    const ids: string[][] = [];
    for (let run = 0; run < 2; run++) {
      const io = recordingIo();
      const finished = main(['sandbox', '--token', 'sandbox-test-token'], io);
      await io.started;
      const response = await fetch(`${printed(io, 'Org URL:')}/api/v1/groups?limit=50`, { headers: { authorization: 'SSWS sandbox-test-token' } });
      ids.push(((await response.json()) as Array<{ id: string }>).map((group) => group.id));
      io.stop();
      await finished;
    }

    expect(ids[0]?.length).toBeGreaterThan(10);
    expect(ids[1]).toEqual(ids[0]);
  });

  it.each([
    [['sandbox', '--port', 'abc'], '--port'],
    [['sandbox', '--token', 'short'], '--token'],
    [['sandbox', '--seed', 'no-such-seed'], 'no-such-seed'],
    [['sandbox', '--bogus'], 'bogus'],
    [['frobnicate'], 'frobnicate'],
  ])('rejects %j', async (argv, mention) => {
    const io = recordingIo();

    const code = await main(argv, io);

    expect(code).toBeGreaterThan(0);
    expect(io.errors.join('\n')).toContain(mention);
  });

  it.each([
    [['sandbox', '--port=']],
    [['sandbox', '--port=0x22c4']],
    [['sandbox', '--port=1e3']],
    [['sandbox', '--port= 8901 ']],
    [['sandbox', '--port', '65536']],
    [['sandbox', '--port=-1']],
    [['sandbox', '--port', '80.0']],
  ])('rejects port %j with code 2', async (argv) => {
    const io = recordingIo();

    const code = await main(argv, io);

    expect(code).toBe(2);
    expect(io.errors.join('\n')).toContain('Invalid --port');
  });

  it('unknown seed exits with 2', async () => {
    const io = recordingIo();

    const code = await main(['sandbox', '--seed', 'nope'], io);

    expect(code).toBe(2);
    expect(io.errors.join('\n')).toContain('atlassian-stack');
  });

  it.each([
    [['sandbox', '--help', '--port', 'abc']],
    [['sandbox', '--port', 'abc', '--help']],
    [['sandbox', '--help', '--seed', 'nope']],
    [['sandbox', '--help', '--bogus']],
  ])('help wins in %j', async (argv) => {
    const io = recordingIo();

    const code = await main(argv, io);

    expect(code).toBe(0);
    expect(io.lines.join('\n')).toContain('Usage: butterfly sandbox');
    expect(io.errors).toEqual([]);
  });
});

describe('butterfly sandbox --drill', () => {
  it('applies the drill before serving', async () => {
    const io = recordingIo();
    const run = main(['sandbox', '--token', 'sandbox-test-token', '--drill', 'group-push-deactivated'], io);
    await io.started;

    const url = printed(io, 'Org URL:');
    const response = await fetch(`${url}/api/v1/apps/0oaWGujkWZIYd6DJa3qZ/group-push/mappings?status=INACTIVE`, { headers: { authorization: 'SSWS sandbox-test-token' } });
    const inactive = (await response.json()) as unknown[];
    io.stop();
    await run;

    expect(io.lines).toContain("Applied drill 'group-push-deactivated'.");
    expect(inactive).toHaveLength(1);
  });

  it('rejects an unknown drill', async () => {
    const io = recordingIo();

    const code = await main(['sandbox', '--drill', 'meteor-strike'], io);

    expect(code).toBe(2);
    expect(io.errors.join('\n')).toContain('meteor-strike');
  });
});

import { parseArgs } from 'node:util';
import { generateApiToken, startSandbox } from '../sandbox/server.js';
import { DEFAULT_SEED, listSeeds, loadSeed } from '../sandbox/seed/load-seed.js';
import { CommandError, type CommandIo } from './command-io.js';

const HELP = `Usage: butterfly sandbox [--port N] [--token VALUE] [--seed NAME]

Starts the sandbox Okta org: a local server on 127.0.0.1 that speaks the part of the Okta
Management API Butterfly uses, seeded with an invented Atlassian-stack org. It runs in the
foreground until Ctrl-C; every change made through the API is lost when it stops.

Options:
  --port N         TCP port on 127.0.0.1 (default 0: pick a free port).
  --token VALUE    API token to accept as 'Authorization: SSWS VALUE' (default: a random token).
  --seed NAME      Seed to start from (default ${DEFAULT_SEED}); see the list below.
  --help           Show this help.`;

/** Implements `butterfly sandbox`: starts the org, prints its URL and token, and waits for Ctrl-C. */
export async function runSandboxCommand(argv: string[], io: CommandIo): Promise<number> {
  const options = parseSandboxOptions(argv);
  if (options.help) {
    io.out(`${HELP}\n\nSeeds: ${(await listSeeds()).join(', ')}`);
    return 0;
  }

  const seed = await loadSeed(options.seed);
  const sandbox = await startSandbox({
    seed,
    port: options.port,
    apiTokens: [{ value: options.token, readOnly: false }],
    logger: io.logger,
  });

  io.out(`Sandbox Okta org '${seed.name}' is running.`);
  io.out(`Org URL:   ${sandbox.url}`);
  io.out(`API token: ${sandbox.token}`);
  io.out('Press Ctrl-C to stop.');

  await io.waitForShutdown();
  await sandbox.close();
  return 0;
}

interface SandboxCommandOptions {
  help: boolean;
  port: number;
  token: string;
  seed: string;
}

function parseSandboxOptions(argv: string[]): SandboxCommandOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }

  return {
    help: values.help === true,
    port: parsePort(values.port),
    token: parseToken(values.token),
    seed: values.seed ?? DEFAULT_SEED,
  };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CommandError(`Invalid --port '${raw}': use a whole number from 0 to 65535 (0 picks a free port).`);
  }
  return port;
}

function parseToken(raw: string | undefined): string {
  if (raw === undefined) return generateApiToken();
  if (raw.length < 8 || /\s/.test(raw)) {
    throw new CommandError('Invalid --token: use at least 8 characters and no spaces.');
  }
  return raw;
}

import { parseArgs } from 'node:util';
import { generateApiToken, startSandbox } from '../sandbox/server.js';
import { applyDrillToSandbox } from '../sandbox/drills/apply-drill.js';
import { drillByName } from '../sandbox/drills/drill-catalog.js';
import { DEFAULT_SEED, listSeeds, loadSeed } from '../sandbox/seed/load-seed.js';
import { CommandError, type CommandIo } from './command-io.js';

const HELP = `Usage: butterfly sandbox [--port N] [--token VALUE] [--seed NAME] [--drill NAME]…

Starts the sandbox Okta org: a local server on 127.0.0.1 that speaks the part of the Okta
Management API Butterfly uses, seeded with an invented Atlassian-stack org. It runs in the
foreground until Ctrl-C; every change made through the API is lost when it stops.

Options:
  --port N         TCP port on 127.0.0.1 (default 0: pick a free port).
  --token VALUE    API token to accept as 'Authorization: SSWS VALUE' (default: a random token).
  --seed NAME      Seed to start from (default ${DEFAULT_SEED}); see the list below.
  --drill NAME     Apply an incident drill before serving (repeatable; see 'butterfly drill --list').
  --help           Show this help.`;

/** Implements `butterfly sandbox`: starts the org, prints its URL and token, and waits for Ctrl-C. */
export async function runSandboxCommand(argv: string[], io: CommandIo): Promise<number> {
  const seeds = await listSeeds();
  const options = parseSandboxOptions(argv, seeds);
  if (options === 'help') {
    io.out(`${HELP}\n\nSeeds: ${seeds.join(', ')}`);
    return 0;
  }

  const seed = await loadSeed(options.seed);
  const sandbox = await startSandbox({
    seed,
    port: options.port,
    apiTokens: [{ value: options.token, readOnly: false }],
    logger: io.logger,
  });

  for (const drill of options.drills) {
    await applyDrillToSandbox(sandbox, drill, io.logger).catch(async (error: unknown) => {
      await sandbox.close();
      throw error;
    });
    io.out(`Applied drill '${drill}'.`);
  }

  io.out(`Sandbox Okta org '${seed.name}' is running.`);
  io.out(`Org URL:   ${sandbox.url}`);
  io.out(`API token: ${sandbox.token}`);
  io.out('Press Ctrl-C to stop.');

  await io.waitForShutdown();
  await sandbox.close();
  return 0;
}

interface SandboxCommandOptions {
  port: number;
  token: string;
  seed: string;
  drills: string[];
}

/**
 * Parses the options, or returns 'help' when `--help` is among them, even next to options that
 * are invalid. Throws `CommandError`, which the CLI turns into exit code 2, for any other mistake.
 */
function parseSandboxOptions(argv: string[], seeds: string[]): SandboxCommandOptions | 'help' {
  const values = parseRawOptions(argv);
  if (values === 'help' || values.help === true) return 'help';
  return {
    port: parsePort(values.port),
    token: parseToken(values.token),
    seed: parseSeed(values.seed, seeds),
    drills: parseDrills(values.drill),
  };
}

interface RawOptions {
  port?: string;
  token?: string;
  seed?: string;
  drill?: string[];
  help?: boolean;
}

function parseRawOptions(argv: string[]): RawOptions | 'help' {
  try {
    return parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        seed: { type: 'string' },
        drill: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    if (argv.includes('--help')) return 'help';
    throw new CommandError(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  }
}

/** Parses `--port` from decimal digits only, so that values such as `0x22c4`, `1e3`, ` 8901 ` or an empty string are rejected. */
function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new CommandError(`Invalid --port '${raw}': use a whole number from 0 to 65535 in decimal digits (0 picks a free port).`);
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

function parseSeed(raw: string | undefined, seeds: string[]): string {
  if (raw === undefined) return DEFAULT_SEED;
  if (!seeds.includes(raw)) throw new CommandError(`Unknown --seed '${raw}'. Available seeds: ${seeds.join(', ')}.`);
  return raw;
}

function parseDrills(raw: string[] | undefined): string[] {
  const names = raw ?? [];
  for (const name of names) {
    try {
      drillByName(name);
    } catch (error) {
      throw new CommandError(`Invalid --drill: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return names;
}

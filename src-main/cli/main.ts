import { createLogger } from '../logging/logger.js';
import { runSandboxCommand } from './sandbox-command.js';
import { CommandError, type CommandIo } from './command-io.js';

const USAGE = `Usage: butterfly <command> [options]

Commands:
  sandbox    Start the sandbox Okta org on 127.0.0.1 in the foreground.

Run 'butterfly <command> --help' for the options of a command.`;

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'sandbox':
        return await runSandboxCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CommandError(`Unknown command '${command}'.\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof CommandError) {
      io.err(error.message);
      return 2;
    }
    io.err(`butterfly ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function processIo(): CommandIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    logger: createLogger(),
    waitForShutdown: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

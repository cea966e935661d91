import { createLogger } from '../logging/logger.js';
import { runAuditPackCommand } from './audit-pack-command.js';
import { CommandError, type CommandIo } from './command-io.js';
import { runConnectCommand } from './connect-command.js';
import { runConnectionsCommand } from './connections-command.js';
import { runDemoCommand } from './demo-command.js';
import { runDiffCommand } from './diff-command.js';
import { runDrillCommand } from './drill-command.js';
import { processIo } from './process-io.js';
import { runRestoreCommand } from './restore-command.js';
import { runRestoresCommand } from './restores-command.js';
import { runSandboxCommand } from './sandbox-command.js';
import { runShowCommand } from './show-command.js';
import { runSnapshotCommand } from './snapshot-command.js';
import { runSnapshotsCommand } from './snapshots-command.js';
import { runVerifyCommand } from './verify-command.js';

const COMMANDS: Record<string, { run: (argv: string[], io: CommandIo) => Promise<number>; summary: string }> = {
  connect: { run: runConnectCommand, summary: 'Save a connection to an Okta org (credential in the OS keychain).' },
  connections: { run: runConnectionsCommand, summary: 'List saved connections.' },
  snapshot: { run: runSnapshotCommand, summary: 'Capture a connection into an encrypted snapshot.' },
  snapshots: { run: runSnapshotsCommand, summary: 'List stored snapshots.' },
  show: { run: runShowCommand, summary: 'Show a stored snapshot, offline.' },
  verify: { run: runVerifyCommand, summary: 'Decrypt and re-check every stored value, hash and the hash chain.' },
  'audit-pack': { run: runAuditPackCommand, summary: 'Write an Audit Pack PDF of access evidence for a period, from the vault.' },
  diff: { run: runDiffCommand, summary: 'Compare two snapshots, or a snapshot and the live org: impact, then findings.' },
  restore: { run: runRestoreCommand, summary: 'Preview (--dry-run) or run (--execute) a restore of a snapshot scope into an org.' },
  restores: { run: runRestoresCommand, summary: 'List restores, or show one restore\'s journal.' },
  drill: { run: runDrillCommand, summary: 'Apply a scripted incident to an org (the sandbox, normally) through its API.' },
  sandbox: { run: runSandboxCommand, summary: 'Start the sandbox Okta org on 127.0.0.1 in the foreground.' },
  demo: { run: runDemoCommand, summary: 'Run the whole job against the sandbox org in a throwaway vault.' },
};

/** Levels BUTTERFLY_LOG_LEVEL accepts, from the most to the least output. */
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

const USAGE = `Usage: butterfly <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`).join('\n')}

Run 'butterfly <command> --help' for the options of a command.
Exit codes: 0 success, 1 failure, 2 usage error.`;

/** Runs one CLI command and returns the process exit code: 0 success, 1 failure, 2 usage error. */
export async function main(argv: string[], io?: CommandIo): Promise<number> {
  if (!io) {
    const level = process.env['BUTTERFLY_LOG_LEVEL'] ?? 'warn';
    if (!LOG_LEVELS.includes(level)) {
      process.stderr.write(`Invalid BUTTERFLY_LOG_LEVEL '${level}': use one of ${LOG_LEVELS.join(', ')}.\n`);
      return 2;
    }
    io = processIo(createLogger({ level }));
  }
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }

  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command '${name}'.\n\n${USAGE}`);
    return 2;
  }

  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CommandError) {
      io.err(error.message);
      return 2;
    }
    io.err(`butterfly ${name}: ${error instanceof Error ? error.message : String(error)}`);
    io.logger.debug({ err: error }, 'command failed');
    return 1;
  }
}

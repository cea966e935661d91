import type { JsonValue } from '../../src-shared/json/json-types.js';
import type { RestorePlan } from '../../src-shared/restore/restore-plan.js';
import type { FailedDetail } from '../restore/restore-journal.js';
import type { RestoreRecord, StoredRestore } from '../vault/vault-types.js';
import { requireConnection } from '../services/take-snapshot.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { failureText } from './restore-outcome-view.js';
import { textTable } from './text-table.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly restores [<restore-id>] [--connection NAME] [--json]

Lists the restores in the vault, newest first: status, steps done, the snapshot restored and
the pre-restore snapshot an undo goes back to. With a restore id, prints its journal step by
step: what was sent, Okta's response, and the verification.

Options:
  --connection NAME   Only restores into this connection.
  --json              Structured output.`;

/** Implements `butterfly restores`. */
export async function runRestoresCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { connection: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CommandError(`Give at most one restore id.\n\n${HELP}`);

  return withServices(io, async (services) => {
    if (positionals[0] !== undefined) {
      const stored = services.vault.readRestore(positionals[0]);
      if (values.json) io.out(JSON.stringify(stored, null, 2));
      else printJournal(io, stored);
      return 0;
    }
    const connectionId = values.connection === undefined ? undefined : requireConnection(services, values.connection).id;
    const restores = services.vault.listRestores(connectionId);
    if (values.json) io.out(JSON.stringify(restores, null, 2));
    else if (restores.length === 0) io.out("No restores yet. Preview one with 'butterfly restore <snapshot> --to <connection> --scope … --dry-run'.");
    else for (const line of textTable(['ID', 'CONNECTION', 'CREATED (UTC)', 'STATUS', 'STEPS', 'SNAPSHOT', 'UNDO POINT', 'APPROVED BY'], restores.map(restoreRow))) io.out(line);
    return 0;
  }, { create: false });
}

function restoreRow(record: RestoreRecord): string[] {
  return [
    record.id,
    record.connectionName,
    record.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    shownStatus(record),
    `${record.stepsSucceeded}/${record.stepCount}`,
    String(record.desiredSnapshotId),
    record.preRestoreSnapshotId === undefined ? '-' : String(record.preRestoreSnapshotId),
    record.approvedBy ?? '-',
  ];
}

/**
 * Returns the status to show. A restore holds the vault's lock while it runs, so one still marked
 * `running` when this command could open the vault was interrupted (a crash or a kill).
 */
function shownStatus(record: RestoreRecord): string {
  return record.status === 'running' ? `interrupted (resume: butterfly restore --resume ${record.id})` : record.status;
}

function printJournal(io: CommandIo, stored: StoredRestore): void {
  const { record, events } = stored;
  const plan = stored.plan as unknown as RestorePlan;
  io.out(`Restore ${record.id} into '${record.connectionName}': ${shownStatus(record)}, ${record.stepsSucceeded} of ${record.stepCount} steps done.`);
  io.out(`From snapshot ${record.desiredSnapshotId}; pre-restore snapshot ${record.preRestoreSnapshotId ?? 'none'}; approved by ${record.approvedBy ?? 'nobody recorded'}; created ${record.createdAt}.`);
  for (const step of plan.steps) {
    const stepEvents = events.filter((event) => event.stepIndex === step.index);
    const last = stepEvents[stepEvents.length - 1];
    io.out(`  ${step.index}. ${step.description} — ${last === undefined ? 'not run' : describeEvent(last.type, last.detail)}`);
  }
  const verification = stored.verification as { clean?: boolean; residuals?: unknown[] } | undefined;
  if (verification !== undefined) io.out(verification.clean ? 'Verification: clean.' : `Verification: ${verification.residuals?.length ?? 0} resources still differ.`);
}

function describeEvent(type: string, detail: JsonValue): string {
  if (type === 'failed') return `FAILED: ${failureText(detail as unknown as FailedDetail)}`;
  if (type === 'started') return 'started, outcome unknown (interrupted)';
  return type;
}

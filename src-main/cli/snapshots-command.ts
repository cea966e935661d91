import { RESOURCE_KINDS } from '../../src-shared/snapshot/snapshot-model.js';
import type { SnapshotSummary } from '../vault/vault-types.js';
import { requireConnection } from '../services/take-snapshot.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { textTable } from './text-table.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly snapshots [<connection>] [--json]

Lists stored snapshots, oldest first: id, connection, time, label, trigger, resource count and
whether every section was captured.`;

/** Implements `butterfly snapshots`. */
export async function runSnapshotsCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CommandError(`Unexpected argument '${positionals[1]}'.\n\n${HELP}`);
  const connectionName = positionals[0];

  return withServices(io, async (services) => {
    if (connectionName !== undefined) requireConnection(services, connectionName);
    const snapshots = services.vault.listSnapshots(connectionName);
    if (values.json) {
      io.out(JSON.stringify(snapshots, null, 2));
      return 0;
    }
    if (snapshots.length === 0) {
      io.out(`No snapshots yet. Take one with 'butterfly snapshot ${connectionName ?? '<connection>'}'.`);
      return 0;
    }
    for (const line of textTable(['ID', 'CONNECTION', 'TAKEN (UTC)', 'TRIGGER', 'RESOURCES', 'STATE', 'LABEL'], snapshots.map(snapshotRow))) io.out(line);
    return 0;
  }, { create: false });
}

function snapshotRow(snapshot: SnapshotSummary): string[] {
  const failed = RESOURCE_KINDS.filter((kind) => snapshot.sections[kind].status === 'failed');
  return [
    String(snapshot.id),
    snapshot.connectionName,
    snapshot.takenAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    snapshot.trigger,
    String(snapshot.resourceCount),
    snapshot.complete ? 'complete' : `INCOMPLETE (${failed.join(', ')})`,
    snapshot.label ?? '',
  ];
}

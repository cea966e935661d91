import type { CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { textTable } from './text-table.js';
import { withServices } from './with-services.js';
import { CommandError } from './command-io.js';

const HELP = `Usage: butterfly connections [--json]

Lists the saved connections: name, org URL, how they sign in, and how many snapshots they have.`;

/** Implements `butterfly connections`. */
export async function runConnectionsCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' }, help: { type: 'boolean' } }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CommandError(`Unexpected argument '${positionals[0]}'.\n\n${HELP}`);

  return withServices(io, async (services) => {
    const connections = services.vault.listConnections().map((connection) => ({
      ...connection,
      snapshots: services.vault.listSnapshots(connection.name).length,
    }));
    if (values.json) {
      io.out(JSON.stringify(connections, null, 2));
      return 0;
    }
    if (connections.length === 0) {
      io.out("No connections yet. Add one with 'butterfly connect <name> --org-url URL --token-stdin'.");
      return 0;
    }
    const rows = connections.map((connection) => [
      connection.name,
      connection.orgUrl,
      connection.auth.type === 'api-token' ? 'API token' : `service app ${connection.auth.clientId}`,
      String(connection.snapshots),
    ]);
    for (const line of textTable(['NAME', 'ORG', 'SIGNS IN WITH', 'SNAPSHOTS'], rows)) io.out(line);
    return 0;
  }, { create: false });
}

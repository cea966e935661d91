import type { JsonValue } from '../../src-shared/json/json-types.js';
import { isResourceKind, RESOURCE_KINDS, type SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import type { StoredSnapshot } from '../vault/vault-types.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs, singlePositional } from './parse-options.js';
import { textTable } from './text-table.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly show <snapshot> [--kind KIND] [--id ID] [--json]

Shows a stored snapshot, decrypted, offline: its sections and how many resources each holds;
with --kind the resources of that kind; with --id one resource's JSON.

Kinds: ${RESOURCE_KINDS.join(', ')}`;

/** Implements `butterfly show`. */
export async function runShowCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    kind: { type: 'string' },
    id: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const snapshotId = parseSnapshotId(singlePositional(positionals, 'snapshot id', HELP));
  if (values.kind !== undefined && !isResourceKind(values.kind)) {
    throw new CommandError(`Unknown --kind '${values.kind}'. Kinds: ${RESOURCE_KINDS.join(', ')}.`);
  }

  return withServices(io, async (services) => {
    if (!services.vault.snapshotExists(snapshotId)) throw new Error(`No snapshot ${snapshotId} in the vault. List them with 'butterfly snapshots'.`);
    const snapshot = services.vault.readSnapshot(snapshotId);
    const selected = snapshot.resources.filter((resource) => (values.kind === undefined || resource.kind === values.kind) && (values.id === undefined || resource.id === values.id));
    if (values.id !== undefined && selected.length === 0) {
      throw new Error(`Snapshot ${snapshotId} has no resource with id '${values.id}'${values.kind ? ` of kind ${values.kind}` : ''}. List ids with --kind.`);
    }

    if (values.json) io.out(JSON.stringify(values.kind || values.id ? selected : snapshot, null, 2));
    else if (values.id !== undefined) for (const resource of selected) printResource(io, resource);
    else if (values.kind !== undefined) printResourceList(io, selected);
    else printSummary(io, snapshot);
    return 0;
  }, { create: false });
}

function parseSnapshotId(raw: string): number {
  if (!/^[1-9][0-9]*$/.test(raw)) throw new CommandError(`Invalid snapshot id '${raw}': use the number from 'butterfly snapshots'.`);
  return Number(raw);
}

function printSummary(io: CommandIo, snapshot: StoredSnapshot): void {
  const { summary } = snapshot;
  io.out(`Snapshot ${summary.id} of '${summary.connectionName}' (${summary.orgUrl}), taken ${summary.takenAt}, trigger ${summary.trigger}${summary.label ? `, label "${summary.label}"` : ''}`);
  io.out(summary.complete ? 'Complete: every section was captured.' : 'INCOMPLETE: some sections failed; see below.');
  io.out(`Content hash ${summary.contentHash}`);
  io.out(`Chain hash   ${summary.chainHash}`);
  io.out('');
  const rows = RESOURCE_KINDS.map((kind) => {
    const section = summary.sections[kind];
    let detail = '';
    if (section.status === 'failed') detail = section.error;
    if (section.status === 'not-configured') detail = section.reason;
    return [kind, section.status, section.status === 'not-configured' ? '-' : String(section.count), detail];
  });
  for (const line of textTable(['SECTION', 'STATE', 'RESOURCES', 'DETAIL'], rows)) io.out(line);
}

function printResourceList(io: CommandIo, resources: SnapshotResource[]): void {
  for (const line of textTable(['KIND', 'ID', 'NAME'], resources.map((resource) => [resource.kind, resource.id, resource.name]))) io.out(line);
}

function printResource(io: CommandIo, resource: SnapshotResource): void {
  io.out(`${resource.kind} ${resource.id}: ${resource.name}`);
  io.out(typeof resource.body === 'string' ? resource.body : JSON.stringify(resource.body as JsonValue, null, 2));
}

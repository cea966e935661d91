import { RESOURCE_KINDS } from '../../src-shared/snapshot/snapshot-model.js';
import { takeSnapshot } from '../services/take-snapshot.js';
import { labelProblem } from '../vault/snapshot-labels.js';
import type { SnapshotSummary } from '../vault/vault-types.js';
import { CaptureProgressView } from './capture-progress-view.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs, singlePositional } from './parse-options.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly snapshot <connection> [--app ID|LABEL]… [--label TEXT] [--json]

Captures the Okta configuration around the Atlassian app(s) and stores it as an encrypted
snapshot in the vault. Progress goes to standard error. Exits 1 when any section could not be
captured: the snapshot is still stored, marked incomplete, and the failed sections are named.

Options:
  --app ID|LABEL   An app to start from, by id or exact label; repeat for several
                   (default: every app whose OIN name is 'atlassian' or label mentions Atlassian).
  --label TEXT     A label for the snapshot, such as "before SCIM change".
  --json           Print the stored snapshot's summary as JSON.`;

/** Implements `butterfly snapshot`. */
export async function runSnapshotCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    app: { type: 'string', multiple: true },
    label: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const connectionName = singlePositional(positionals, 'connection name', HELP);
  if (values.label !== undefined) checkLabelEarly(values.label);

  return withServices(io, async (services) => {
    const view = new CaptureProgressView((text) => (io.progress ?? ((line: string) => io.err(line.replace(/\n$/, ''))))(text), io.progressIsInteractive === true);
    const taken = await takeSnapshot(services, {
      connectionName,
      apps: values.app ?? [],
      label: values.label,
      trigger: 'manual',
      listener: (event) => view.handle(event),
    }).finally(() => view.finish());

    if (values.json) io.out(JSON.stringify(taken.summary, null, 2));
    else for (const line of describeStoredSnapshot(taken.summary, taken.requests)) io.out(line);
    return taken.summary.complete ? 0 : 1;
  });
}

function describeStoredSnapshot(summary: SnapshotSummary, requests: number): string[] {
  const lines = [
    `Stored snapshot ${summary.id} of '${summary.connectionName}' (${summary.orgUrl}) at ${summary.takenAt}${summary.label ? `, label "${summary.label}"` : ''}.`,
    `${summary.resourceCount} resources from ${requests} requests; content hash ${summary.contentHash.slice(0, 16)}…`,
  ];
  const failed = RESOURCE_KINDS.filter((kind) => summary.sections[kind].status === 'failed');
  if (failed.length === 0) {
    lines.push('Complete: every section was captured.');
    return lines;
  }
  lines.push(`INCOMPLETE: ${failed.length} section(s) failed, so this snapshot does not show the whole configuration:`);
  for (const kind of failed) {
    const section = summary.sections[kind];
    lines.push(`  ${kind}: ${section.status === 'failed' ? section.error : ''}`);
  }
  return lines;
}

/** Checks the label with the vault's own rule before any request is sent, so a typo does not cost a whole capture. */
function checkLabelEarly(label: string): void {
  const problem = labelProblem(label);
  if (problem !== undefined) throw new CommandError(`Invalid --label: ${problem}.`);
}

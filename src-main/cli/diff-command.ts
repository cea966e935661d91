import { diffSnapshots } from '../../src-shared/diff/diff-snapshots.js';
import { ATLASSIAN_PRODUCTS, SEVERITY_ORDER, type AtlassianProduct, type DiffResult, type DiffSide, type Finding, type Severity } from '../../src-shared/diff/diff-types.js';
import { isResourceKind, RESOURCE_KINDS } from '../../src-shared/snapshot/snapshot-model.js';
import type { ButterflyServices } from '../services/butterfly-services.js';
import { captureConnection } from '../services/take-snapshot.js';
import { CaptureProgressView } from './capture-progress-view.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly diff <snapshot> <snapshot|live> [--kind KIND] [--min-severity LEVEL] [--product-group GROUP=PRODUCT]… [--json]

Compares two snapshots, or a snapshot and the live org (captured now through the first
snapshot's connection, and not stored). Prints the access impact first (who gains or loses
Jira Software, Confluence, Bitbucket or JSM agent access, who is newly denied or challenged at
sign-on), then the findings grouped by kind, most severe first, then counts.

Options:
  --kind KIND            Only changes and findings of this resource kind.
  --min-severity LEVEL   Only findings at this severity or above: critical, high, medium, low.
  --product-group GROUP=PRODUCT
                         The Atlassian product a pushed group grants, when its name does not
                         follow Atlassian's defaults: jira-software, confluence, bitbucket,
                         jsm-agent, or none. Repeat for several groups.
  --json                 The full structured result, side-by-side texts included.`;

/** Implements `butterfly diff`. Exits 0 whether or not anything changed; 1 when a side cannot be read. */
export async function runDiffCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    kind: { type: 'string' },
    'min-severity': { type: 'string' },
    'product-group': { type: 'string', multiple: true },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new CommandError(`Give two snapshots to compare (the second may be 'live').\n\n${HELP}`);
  const beforeId = parseSnapshotId(positionals[0] ?? '');
  const afterRef = positionals[1] === 'live' ? 'live' : parseSnapshotId(positionals[1] ?? '');
  const kind = values.kind;
  if (kind !== undefined && !isResourceKind(kind)) throw new CommandError(`Unknown --kind '${kind}'. Kinds: ${RESOURCE_KINDS.join(', ')}.`);
  const minSeverity = parseSeverity(values['min-severity']);
  const productOverrides = parseProductGroups(values['product-group'] ?? []);

  return withServices(io, async (services) => {
    const before = readSide(services, beforeId);
    const after = afterRef === 'live' ? await captureLiveSide(services, io, beforeId) : readSide(services, afterRef);
    const result = filterResult(diffSnapshots(before, after, { impact: { productOverrides } }), kind, minSeverity);
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else printResult(io, result);
    return 0;
  }, { create: false });
}

function parseSnapshotId(raw: string): number {
  if (!/^[1-9][0-9]*$/.test(raw)) throw new CommandError(`Invalid snapshot id '${raw}': use a number from 'butterfly snapshots', or 'live' as the second side.`);
  return Number(raw);
}

function parseSeverity(raw: string | undefined): Severity {
  if (raw === undefined) return 'low';
  if (!(SEVERITY_ORDER as readonly string[]).includes(raw)) throw new CommandError(`Invalid --min-severity '${raw}': use ${SEVERITY_ORDER.join(', ')}.`);
  return raw as Severity;
}

function parseProductGroups(entries: string[]): Record<string, AtlassianProduct | null> {
  const overrides: Record<string, AtlassianProduct | null> = {};
  for (const entry of entries) {
    const separator = entry.lastIndexOf('=');
    const group = entry.slice(0, separator).trim();
    const product = entry.slice(separator + 1).trim();
    if (separator <= 0 || group === '') throw new CommandError(`Invalid --product-group '${entry}': use GROUP=PRODUCT, such as jira-eng=jira-software.`);
    if (product !== 'none' && !(ATLASSIAN_PRODUCTS as readonly string[]).includes(product)) {
      throw new CommandError(`Invalid --product-group '${entry}': the product must be ${ATLASSIAN_PRODUCTS.join(', ')} or none.`);
    }
    overrides[group] = product === 'none' ? null : (product as AtlassianProduct);
  }
  return overrides;
}

function readSide(services: ButterflyServices, id: number): DiffSide {
  if (!services.vault.snapshotExists(id)) throw new Error(`No snapshot ${id} in the vault. List them with 'butterfly snapshots'.`);
  const snapshot = services.vault.readSnapshot(id);
  return { label: String(id), takenAt: snapshot.summary.takenAt, complete: snapshot.summary.complete, resources: snapshot.resources };
}

/** Captures the live org through the connection of the snapshot it is compared with, starting from the same apps. */
async function captureLiveSide(services: ButterflyServices, io: CommandIo, beforeId: number): Promise<DiffSide> {
  const before = services.vault.readSnapshot(beforeId);
  const connection = services.vault.listConnections().find((candidate) => candidate.id === before.summary.connectionId);
  if (!connection) throw new Error(`The connection of snapshot ${beforeId} is no longer saved, so the live org cannot be reached.`);
  const apps = before.resources.filter((resource) => resource.kind === 'app').map((resource) => resource.id);
  const view = new CaptureProgressView((text) => (io.progress ?? ((line: string) => io.err(line.replace(/\n$/, ''))))(text), io.progressIsInteractive === true);
  const { captured } = await captureConnection(services, connection, apps, (event) => view.handle(event)).finally(() => view.finish());
  const complete = Object.values(captured.sections).every((section) => section.status !== 'failed');
  return { label: 'live', takenAt: captured.finishedAt, complete, resources: captured.resources };
}

function filterResult(result: DiffResult, kind: string | undefined, minSeverity: Severity): DiffResult {
  const rank = SEVERITY_ORDER.indexOf(minSeverity);
  return {
    ...result,
    changes: kind === undefined ? result.changes : result.changes.filter((change) => change.kind === kind),
    findings: result.findings.filter((finding) => (kind === undefined || finding.kind === kind) && SEVERITY_ORDER.indexOf(finding.severity) <= rank),
  };
}

function printResult(io: CommandIo, result: DiffResult): void {
  io.out(`Comparing snapshot ${result.before.label} (${result.before.takenAt}) with ${result.after.label === 'live' ? 'the live org' : `snapshot ${result.after.label}`} (${result.after.takenAt})`);
  io.out('');
  io.out('IMPACT');
  for (const line of result.headline) io.out(`  ${line}`);
  io.out('');
  printFindings(io, result.findings);
  io.out('');
  const { added, removed, changed, unchanged } = result.counts;
  io.out(`COUNTS  ${added} added, ${removed} removed, ${changed} changed, ${unchanged} unchanged resources`);
}

function printFindings(io: CommandIo, findings: Finding[]): void {
  const bySeverity = SEVERITY_ORDER.map((severity) => `${findings.filter((finding) => finding.severity === severity).length} ${severity}`).join(', ');
  io.out(`FINDINGS (${bySeverity})`);
  if (findings.length === 0) {
    io.out('  No changes.');
    return;
  }
  const kinds = [...new Set(findings.map((finding) => finding.kind))];
  kinds.sort((a, b) => mostSevere(findings, a) - mostSevere(findings, b) || a.localeCompare(b));
  for (const kind of kinds) {
    io.out(`  ${kind}`);
    for (const finding of findings.filter((candidate) => candidate.kind === kind)) io.out(`    [${finding.severity}] ${finding.sentence}`);
  }
}

function mostSevere(findings: Finding[], kind: string): number {
  return Math.min(...findings.filter((finding) => finding.kind === kind).map((finding) => SEVERITY_ORDER.indexOf(finding.severity)));
}

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FRAMEWORK_IDS, isFrameworkId, type FrameworkId } from '../../src-shared/audit/framework-catalog.js';
import type { AuditPackProgress } from '../audit/audit-request.js';
import { saveAuditPack } from '../audit/save-audit-pack.js';
import { generateAuditPack } from '../audit/generate-audit-pack.js';
import { vaultRestoreSource } from '../audit/restore-journal-source.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs } from './parse-options.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly audit-pack --connection NAME… --from DATE --to DATE --framework LIST --prepared-by NAME --out FILE
                          [--organisation NAME] [--generated-at TIME]

Writes an Audit Pack: a PDF of the access configuration evidence for a period, from the vault
alone (no network). It re-verifies the vault first and reports any failure inside the pack.

Options:
  --connection NAME     A saved connection to cover. Repeat for several.
  --from DATE           First day of the period, YYYY-MM-DD (from 00:00 UTC) or an ISO 8601 UTC time.
  --to DATE             Last day of the period, YYYY-MM-DD (to the end of that day, UTC) or an ISO 8601 UTC time.
  --framework LIST      Frameworks whose controls the pack maps evidence to, comma-separated:
                        ${FRAMEWORK_IDS.join(', ')}. May be repeated.
  --prepared-by NAME    The person preparing the pack, printed on the cover.
  --out FILE            Where to write the PDF; an existing file is replaced.
  --organisation NAME   The organisation named on the cover (default: the connections' org URLs).
  --generated-at TIME   The generation time printed in the pack, ISO 8601 UTC (default: now).
                        The same vault, options and time give a byte-identical file.`;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Implements `butterfly audit-pack`. Exits 0 when the pack is written, also when it reports a failed verification. */
export async function runAuditPackCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    connection: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    framework: { type: 'string', multiple: true },
    'prepared-by': { type: 'string' },
    out: { type: 'string' },
    organisation: { type: 'string' },
    'generated-at': { type: 'string' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new CommandError(`Unexpected argument '${positionals[0]}'.\n\n${HELP}`);

  const connections = values.connection ?? [];
  if (connections.length === 0) throw new CommandError(`Missing --connection: name at least one saved connection.\n\n${HELP}`);
  const out = required(values.out, '--out', 'the PDF file to write');
  checkOutputFolder(out);
  const request = {
    connections,
    from: parseBoundary(required(values.from, '--from', 'the first day of the period'), '--from', 'start'),
    to: parseBoundary(required(values.to, '--to', 'the last day of the period'), '--to', 'end'),
    frameworks: parseFrameworks(values.framework ?? []),
    preparedBy: required(values['prepared-by'], '--prepared-by', "the preparer's name"),
    generatedAt: values['generated-at'] === undefined ? new Date().toISOString() : parseInstant(values['generated-at'], '--generated-at'),
    organisation: values.organisation,
  };
  if (Date.parse(request.from) > Date.parse(request.to)) throw new CommandError(`--from ${values.from} is after --to ${values.to}: the period must start before it ends.`);

  return withServices(io, async (services) => {
    const progress = progressPrinter(io);
    const pack = await generateAuditPack({ vault: services.vault, restores: vaultRestoreSource(services.vault), request, onProgress: progress });
    const saved = await saveAuditPack(out, pack.bytes);

    const problems = pack.data.verification.problems.length;
    io.out(`Wrote ${out}: ${saved.pageCount} pages, ${saved.sizeBytes} bytes, SHA-256 ${saved.sha256}, covering ${connections.join(', ')} from ${request.from} to ${request.to}.`);
    if (problems > 0 || pack.data.listingError !== undefined) io.err(`Warning: vault verification FAILED (${problems} problem(s)); the pack reports it. Run 'butterfly verify' for details.`);
    return 0;
  }, { create: false });
}

function required(value: string | undefined, option: string, what: string): string {
  if (value === undefined || value.trim() === '') throw new CommandError(`Missing ${option}: give ${what}.\n\n${HELP}`);
  return value;
}

/** Turns a day into the first or last millisecond of it in UTC; passes a full UTC time through after checking it. */
function parseBoundary(raw: string, option: string, side: 'start' | 'end'): string {
  if (!DAY.test(raw)) return parseInstant(raw, option);
  const instant = `${raw}T${side === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`;
  if (Number.isNaN(Date.parse(instant)) || new Date(instant).toISOString().slice(0, 10) !== raw) throw new CommandError(`Invalid ${option} '${raw}': no such day. Use YYYY-MM-DD.`);
  return instant;
}

function parseInstant(raw: string, option: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new CommandError(`Invalid ${option} '${raw}': use YYYY-MM-DD or a UTC time such as 2026-01-31T18:00:00Z.`);
  }
  return new Date(raw).toISOString();
}

function parseFrameworks(entries: string[]): FrameworkId[] {
  const ids = entries.flatMap((entry) => entry.split(',')).map((id) => id.trim().toLowerCase()).filter((id) => id !== '');
  if (ids.length === 0) throw new CommandError(`Missing --framework: choose from ${FRAMEWORK_IDS.join(', ')}.\n\n${HELP}`);
  const unknown = ids.filter((id) => !isFrameworkId(id));
  if (unknown.length > 0) throw new CommandError(`Unknown --framework '${unknown.join(', ')}': choose from ${FRAMEWORK_IDS.join(', ')}.`);
  return FRAMEWORK_IDS.filter((id) => ids.includes(id));
}

/**
 * Prints progress to standard error: on a terminal one line rewritten in place, elsewhere a
 * line when a phase starts and every tenth of the snapshots.
 */
function progressPrinter(io: CommandIo): (progress: AuditPackProgress) => void {
  const write = io.progress ?? ((text: string) => io.err(text.replace(/\n$/, '')));
  const interactive = io.progressIsInteractive === true;
  let lastPhase = '';
  let lastTenth = -1;

  return (progress) => {
    const text = `${PHASE_LABELS[progress.phase]}: ${progress.done}/${progress.total} (${progress.detail})`;
    if (interactive) {
      write(`\r\u001b[2K${text}`);
      if (progress.phase === 'save' && progress.done === progress.total) write('\n');
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((progress.done * 10) / progress.total);
    if (progress.phase !== lastPhase || (progress.phase === 'snapshots' && tenth !== lastTenth)) write(`${text}\n`);
    lastPhase = progress.phase;
    lastTenth = tenth;
  };
}

const PHASE_LABELS: Record<AuditPackProgress['phase'], string> = {
  verify: 'verifying the vault',
  snapshots: 'reading snapshots',
  layout: 'laying out pages',
  save: 'writing the PDF',
};

/** Rejects an output path whose folder does not exist before any work is done. */
function checkOutputFolder(out: string): void {
  const folder = dirname(resolve(out));
  if (!isFolder(folder)) throw new CommandError(`The folder of --out ${out} does not exist: ${folder}. Create it or choose another path.`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

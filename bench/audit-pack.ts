// Generates an Audit Pack of the large generated org (bench/large-org-seed.ts: 20,000 users)
// with one snapshot a day for a year, and prints wall time, peak memory, page count and file
// size. The vault is built first in a temporary folder (bench/audit-large-vault.ts). The pack is
// then generated in a child process, so its peak RSS is the generator's alone.
// Run: npx tsx bench/audit-pack.ts [--days N] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { generateAuditPack } from '../src-main/audit/generate-audit-pack.js';
import { vaultRestoreSource } from '../src-main/audit/restore-journal-source.js';
import { Vault } from '../src-main/vault/vault.js';
import { buildLargeVault } from './audit-large-vault.js';
import { LARGE_ORG } from './large-org-seed.js';

/** The clone's root, where `--import tsx` finds the tsx package for the child process. */
const REPOSITORY = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({ options: { days: { type: 'string', default: '365' }, keep: { type: 'boolean' }, child: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } });

if (values.child !== undefined) await runChild(values.child, values.from ?? '', values.to ?? '');
else await runBenchmark(Number(values.days));

async function runBenchmark(days: number): Promise<void> {
  console.log(`audit pack benchmark: large generated org (${LARGE_ORG.users} users), ${days} daily snapshots, Node ${process.version}`);
  const folder = await mkdtemp(join(tmpdir(), 'butterfly-audit-bench-'));
  try {
    let started = performance.now();
    const built = await buildLargeVault(folder, days, (day) => {
      if (day % 50 === 0) process.stderr.write(`  wrote snapshot ${day} of ${days}\n`);
    });
    const vaultBytes = (await stat(join(folder, 'vault.db'))).size;
    console.log(`vault: ${days} snapshots of ${built.resources} resources, ${(vaultBytes / 1024 / 1024).toFixed(1)} MiB, built in ${((performance.now() - started) / 1000).toFixed(0)} s`);

    started = performance.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', folder, '--from', built.firstDay, '--to', built.lastDay], { cwd: REPOSITORY, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
    if (child.status !== 0) throw new Error(`The generator process failed with status ${child.status}.`);
    process.stdout.write(child.stdout);
    console.log(`child process wall time, start-up included: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (values.keep) console.log(`vault kept in ${folder}`);
    else await rm(folder, { recursive: true, force: true });
  }
}

async function runChild(folder: string, fromDay: string, toDay: string): Promise<void> {
  const key = Buffer.from((await readFile(join(folder, 'key.hex'), 'utf8')).trim(), 'hex');
  const vault = Vault.open({ path: join(folder, 'vault.db'), vaultKey: key });
  let lastTenth = -1;
  const started = performance.now();

  const pack = await generateAuditPack({
    vault,
    restores: vaultRestoreSource(vault),
    request: {
      connections: ['northwind'],
      from: `${fromDay}T00:00:00.000Z`,
      to: `${toDay}T23:59:59.999Z`,
      frameworks: ['soc2', 'iso27001', 'hipaa'],
      preparedBy: 'Benchmark',
      generatedAt: '2026-01-01T00:00:00.000Z',
    },
    onProgress: (progress) => {
      const tenth = progress.total === 0 ? 10 : Math.floor((progress.done * 10) / progress.total);
      if (progress.phase === 'snapshots' && tenth !== lastTenth) process.stderr.write(`  ${progress.phase} ${progress.done}/${progress.total} after ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      lastTenth = tenth;
    },
  });
  const seconds = (performance.now() - started) / 1000;
  vault.close();

  const pages = (await PDFDocument.load(pack.bytes, { updateMetadata: false })).getPageCount();
  const evidence = pack.data.connections[0];
  await writeFile(join(folder, 'pack.pdf'), pack.bytes);
  console.log(`pack: ${pages} pages, ${(pack.bytes.length / 1024 / 1024).toFixed(1)} MiB (${pack.bytes.length} bytes), ${pack.data.attachments.length + (evidence?.attachments.length ?? 0) + 3} attachments`);
  console.log(`compared ${evidence?.comparedSnapshots ?? 0} snapshots, ${evidence?.changes.length ?? 0} with changes, ${evidence?.changes.reduce((sum, change) => sum + change.findings.length, 0) ?? 0} findings`);
  console.log(`generation wall time ${seconds.toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

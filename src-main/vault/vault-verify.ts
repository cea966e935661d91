import type { Database } from 'better-sqlite3';
import { readConnectionAuth, readConnectionFields, readConnectionName, readConnectionOrgUrl } from './connections-table.js';
import { blobWhere, openResourceBlob } from './resource-blobs.js';
import { asRow, readBytes, readDigest, readInteger, readText } from './row-checks.js';
import type { VaultContext } from './vault-context.js';
import { digestsEqual, hmacSha256, sha256 } from './vault-crypto.js';
import { StoredValueError } from './vault-errors.js';
import { computeChainHead, readMeta } from './vault-meta.js';
import { verifyRestores } from './restore-verify.js';
import { isSqliteCorruption, ReportBuilder, type VerificationProgress } from './verify-report.js';
import { verifySnapshots, type BlobFacts, type ChainPosition } from './verify-snapshots.js';
import type { VerificationReport } from './vault-types.js';

/** Blobs are read in pages of this many rows, so a large vault is never held in memory whole. */
const BLOB_PAGE_ROWS = 500;

/**
 * Checks the whole vault and lists every problem it finds. It runs SQLite's integrity and
 * foreign key checks, decrypts every sealed value and recomputes every blob's HMAC. It checks
 * each snapshot's index, resource count, content hash and chain link, the keyed chain head, and
 * the numbering of each restore's journal. A damaged value or row is reported, not thrown. Only
 * a bug or an I/O error throws. Runs synchronously and blocks the calling thread until it is done.
 */
export function verifyVault(context: VaultContext, onProgress?: (progress: VerificationProgress) => void): VerificationReport {
  const started = performance.now();
  const builder = new ReportBuilder(onProgress);
  context.logger.info('vault verification started');

  runPhase(builder, () => verifySqlite(context.db, builder));
  runPhase(builder, () => verifyConnections(context, builder));
  const blobs = runPhase(builder, () => verifyBlobs(context, builder)) ?? new Map<number, BlobFacts>();
  const position = runPhase(builder, () => verifySnapshots(context, builder, blobs));
  if (position !== undefined) runPhase(builder, () => verifyChainHead(context, builder, position));
  // NOTE: the restore phase reports no progress, because VerificationPhase has no `restores` value yet.
  runPhase(builder, () => verifyRestores(context, builder));

  const { report } = builder;
  context.logger.info(
    { snapshotsChecked: report.snapshotsChecked, blobsChecked: report.blobsChecked, problemCount: report.problems.length, durationMs: Math.round(performance.now() - started) },
    'vault verification finished',
  );
  return report;
}

/**
 * Runs one phase. A damaged row that a phase did not expect, or SQLite finding the file itself
 * damaged, becomes a problem and ends that phase.
 */
function runPhase<T>(builder: ReportBuilder, phase: () => T): T | undefined {
  try {
    return phase();
  } catch (error) {
    if (error instanceof StoredValueError) {
      builder.addStoredValueProblem(error);
      return undefined;
    }
    if (!isSqliteCorruption(error)) throw error;
    builder.addProblem('integrity-check', 'database', `SQLite could not read the file: ${(error as Error).message}`);
    return undefined;
  }
}

function verifySqlite(db: Database, builder: ReportBuilder): void {
  builder.progress('database', 0, 1);

  const results = db.prepare('PRAGMA integrity_check').pluck().all().map(String);
  if (!(results.length === 1 && results[0] === 'ok')) {
    // SQLite puts a `*** in database main ***` heading before the problems it lists.
    for (const result of results.filter((line) => !line.startsWith('***'))) builder.addProblem('integrity-check', 'database', result);
  }

  for (const value of db.prepare('PRAGMA foreign_key_check').all()) {
    const row = asRow(value, 'foreign key check');
    // rowid is null for the WITHOUT ROWID tables, which have no row number to show.
    const where = row['rowid'] === null ? String(row['table']) : `${String(row['table'])} row ${String(row['rowid'])}`;
    builder.addProblem('integrity-check', where, `a row names a ${String(row['parent'])} row that does not exist`);
  }

  builder.progress('database', 1, 1);
}

function verifyConnections(context: VaultContext, builder: ReportBuilder): void {
  const rows = context.db.prepare('SELECT * FROM connections').all();

  rows.forEach((value, index) => {
    const row = asRow(value, 'connection row');
    const id = builder.check(() => readText(row, 'id', 'connection row'));
    if (id !== undefined) {
      builder.check(() => readConnectionFields(row, id));
      builder.decrypt(() => readConnectionName(context.keys, row, id));
      builder.decrypt(() => readConnectionOrgUrl(context.keys, row, id));
      builder.decrypt(() => readConnectionAuth(context.keys, row, id));
    }
    builder.progress('connections', index + 1, rows.length);
  });
}

/** Decrypts every blob and recomputes its HMAC. Returns what the snapshot pass needs per blob row id. */
function verifyBlobs(context: VaultContext, builder: ReportBuilder): Map<number, BlobFacts> {
  const total = Number(context.db.prepare('SELECT count(*) FROM blobs').pluck().get());
  const page = context.db.prepare('SELECT id, key, sealed FROM blobs WHERE id > ? ORDER BY id LIMIT ?');
  const blobs = new Map<number, BlobFacts>();
  let lastId = 0;

  for (;;) {
    const rows = page.all(lastId, BLOB_PAGE_ROWS);
    if (rows.length === 0) break;

    for (const value of rows) {
      const row = asRow(value, 'blob row');
      lastId = readInteger(row, 'id', 'blob row');
      blobs.set(lastId, verifyBlob(context, builder, row, lastId));
      builder.report.blobsChecked++;
      builder.progress('blobs', builder.report.blobsChecked, total);
    }
  }
  return blobs;
}

function verifyBlob(context: VaultContext, builder: ReportBuilder, row: Record<string, unknown>, blobId: number): BlobFacts {
  const key = builder.check(() => readDigest(row, 'key', `blob row ${blobId}`));
  if (key === undefined) return null;

  const where = blobWhere(key);
  const decoded = builder.decrypt(() => openResourceBlob(context.keys, key, readBytes(row, 'sealed', where), where));
  if (decoded === undefined) return null;

  if (!digestsEqual(hmacSha256(context.keys.contentAddress, decoded.canonical), key)) {
    builder.addProblem('blob-hash-mismatch', where, 'the decrypted resource no longer has the HMAC that is its key');
    return null;
  }
  return { kind: decoded.resource.kind, id: decoded.resource.id, digest: sha256(decoded.canonical) };
}

function verifyChainHead(context: VaultContext, builder: ReportBuilder, position: ChainPosition): void {
  if (position.chainHash === undefined) return;

  const count = Number(context.db.prepare('SELECT count(*) FROM snapshots').pluck().get());
  const stored = readMeta(context.db, 'chain-head');
  const expected = computeChainHead(context.keys, count, position.chainHash);

  if (stored === undefined || !digestsEqual(stored, expected)) {
    builder.addProblem(
      'chain-head-mismatch',
      'meta chain-head',
      `the keyed chain head does not match ${count} snapshots ending in chain hash ${position.chainHash.toString('hex')}, so snapshots were removed or the chain was rewritten`,
    );
  }
}

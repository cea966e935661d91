import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildProcesses } from '../support/child-process-run.js';
import { openTestVault, testKey, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();
const writerScript = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const children = new ChildProcesses();

afterEach(() => children.killAll());

/** How long one writer run may take before the test gives up on it, in milliseconds. */
const WRITER_TIMEOUT_MS = 60_000;

interface KillPoint {
  /** The output line after which the kill is scheduled. */
  line: string;
  /** Milliseconds between that line and SIGKILL. */
  delayMs: number;
}

/**
 * When each run is killed: as a write starts, at several points of a write (one takes about 100
 * to 350 ms), and between two writes. The runs share one vault, so each also opens a vault that
 * the run before left behind.
 */
const killPoints: KillPoint[] = [
  { line: 'writing 1', delayMs: 0 },
  { line: 'writing 2', delayMs: 15 },
  { line: 'writing 2', delayMs: 60 },
  { line: 'writing 2', delayMs: 110 },
  { line: 'wrote 1', delayMs: 0 },
  { line: 'writing 3', delayMs: 90 },
  { line: 'writing 3', delayMs: 140 },
];

/** Starts the writer on `path`, kills it at `point`, and resolves with the lines it printed. */
function runWriterUntil(path: string, point: KillPoint): Promise<string[]> {
  return children.run({
    command: 'npx',
    args: ['tsx', writerScript, path],
    env: { BUTTERFLY_TEST_VAULT_KEY: testKey().toString('hex') },
    name: 'crash writer',
    timeoutMs: WRITER_TIMEOUT_MS,
    killAfterLine: point.line,
    killDelayMs: point.delayMs,
  });
}

interface VaultState {
  problems: unknown[];
  resourceCounts: number[];
  indexCounts: number[];
}

/** Opens the vault after a crash, verifies it and reads every snapshot back. */
function inspectVault(path: string): VaultState {
  const vault = openTestVault(path);
  const { problems } = vault.verify();
  const summaries = vault.listSnapshots();
  const indexCounts = summaries.map((summary) => vault.readSnapshot(summary.id).resources.length);
  vault.close();
  return { problems, resourceCounts: summaries.map((summary) => summary.resourceCount), indexCounts };
}

function countLines(lines: string[], prefix: string): number {
  return lines.filter((line) => line.startsWith(prefix)).length;
}

describe('vault crash', () => {
  it('killed writer leaves whole snapshots', { timeout: 300_000 }, async () => {
    const path = join(tempDir(), 'vault.db');
    let snapshotsBefore = 0;

    for (const point of killPoints) {
      const lines = await runWriterUntil(path, point);
      const state = inspectVault(path);
      const stored = state.resourceCounts.length - snapshotsBefore;
      const started = countLines(lines, 'writing ');
      const reported = countLines(lines, 'wrote ');

      // For the record: whether this kill landed inside a write (started but not stored).
      console.info(`crash after "${point.line}" + ${point.delayMs} ms: ${started} writes started, ${reported} reported, ${stored} stored`);

      expect(state.problems).toEqual([]);
      expect(state.indexCounts).toEqual(state.resourceCounts);
      expect(stored).toBeGreaterThanOrEqual(reported);
      expect(stored).toBeLessThanOrEqual(started);
      snapshotsBefore = state.resourceCounts.length;
    }
  });

  it('torn WAL tail loses only the last write', { timeout: 120_000 }, async () => {
    const path = join(tempDir(), 'vault.db');
    const lines = await runWriterUntil(path, { line: 'wrote 2', delayMs: 0 });

    // A commit whose last WAL frame was only partly written, as after a power cut in the middle
    // of the sync: SQLite must ignore the incomplete transaction when it opens the file.
    const walSize = statSync(`${path}-wal`).size;
    truncateSync(`${path}-wal`, walSize - 100);
    const state = inspectVault(path);
    const reported = countLines(lines, 'wrote ');

    expect(walSize).toBeGreaterThan(100);
    expect(state.problems).toEqual([]);
    expect(state.indexCounts).toEqual(state.resourceCounts);
    expect(state.resourceCounts.length).toBeGreaterThanOrEqual(reported - 1);
    expect(state.resourceCounts.length).toBeLessThanOrEqual(reported + 1);
  });
});

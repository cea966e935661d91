import { spawn, type ChildProcess } from 'node:child_process';
import { statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestVault, testKey, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();
const writerScript = fileURLToPath(new URL('./fixtures/crash-writer.ts', import.meta.url));
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) killGroup(child);
});

/** Kills the writer and the processes npx and tsx started under it: they share its process group. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

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
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', writerScript, path], {
      env: { ...process.env, BUTTERFLY_TEST_VAULT_KEY: testKey().toString('hex') },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);

    const lines: string[] = [];
    let errors = '';
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        if (line === point.line || line.startsWith(`${point.line} `)) setTimeout(() => killGroup(child), point.delayMs);
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));

    const guard = setTimeout(() => {
      killGroup(child);
      reject(new Error(`The crash writer never printed "${point.line}" within ${WRITER_TIMEOUT_MS} ms; it printed: ${lines.join(' | ')} ${errors}`));
    }, WRITER_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`The crash writer exited with code ${code} before it was killed: ${errors}`));
    });
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

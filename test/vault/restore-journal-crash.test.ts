import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildProcesses } from '../support/child-process-run.js';
import { crashEvent } from './restore-journal-data.js';
import { openTestVault, testKey, useTempDir } from './vault-test-kit.js';

const tempDir = useTempDir();
const writerScript = fileURLToPath(new URL('./fixtures/restore-journal-writer.ts', import.meta.url));
const children = new ChildProcesses();

afterEach(() => children.killAll());

/** How long one writer run may take before the test gives up on it, in milliseconds. */
const WRITER_TIMEOUT_MS = 60_000;

interface KillPoint {
  /** `recording` (the event is about to be written) or `recorded` (its commit returned). */
  line: 'recording' | 'recorded';
  /** Which event of this run the line names: 1 for the first event the run records. */
  eventOfRun: number;
  /** Milliseconds between that line and SIGKILL. */
  delayMs: number;
}

/**
 * When each run is killed: right after a commit returned, as an event starts, and a few
 * milliseconds into a run of events (one event takes a few milliseconds, most of it the WAL
 * sync). The runs share one vault, so each also resumes a journal that the run before left.
 */
const killPoints: KillPoint[] = [
  { line: 'recorded', eventOfRun: 3, delayMs: 0 },
  { line: 'recording', eventOfRun: 10, delayMs: 0 },
  { line: 'recorded', eventOfRun: 20, delayMs: 2 },
  { line: 'recording', eventOfRun: 5, delayMs: 5 },
  { line: 'recorded', eventOfRun: 1, delayMs: 0 },
];

/** Starts the writer on `path`, kills it `delayMs` after the line `killLine`, and resolves with the lines it printed. */
function runWriterUntil(path: string, killLine: string, delayMs: number): Promise<string[]> {
  return children.run({
    command: 'npx',
    args: ['tsx', writerScript, path],
    env: { BUTTERFLY_TEST_VAULT_KEY: testKey().toString('hex') },
    name: 'journal writer',
    timeoutMs: WRITER_TIMEOUT_MS,
    killAfterLine: killLine,
    killDelayMs: delayMs,
  });
}

/** Returns the highest n among the lines `<prefix> <n>`, or `fallback` when there is none. */
function highestNumber(lines: string[], prefix: string, fallback: number): number {
  const numbers = lines.filter((line) => line.startsWith(`${prefix} `)).map((line) => Number(line.slice(prefix.length + 1)));
  return Math.max(fallback, ...numbers);
}

interface JournalState {
  problems: unknown[];
  events: unknown[];
}

/** Opens the vault after a crash, verifies it and reads the journal of its one restore. */
function inspectJournal(path: string): JournalState {
  const vault = openTestVault(path);
  const { problems } = vault.verify();
  const restores = vault.listRestores();
  const events = restores.length === 0 ? [] : vault.readRestore(restores[0]!.id).events;
  vault.close();

  expect(restores.length).toBeLessThanOrEqual(1);
  return { problems, events };
}

describe('restore journal crash', () => {
  it('killed writer keeps every recorded event', { timeout: 300_000 }, async () => {
    const path = join(tempDir(), 'vault.db');
    let eventsBefore = 0;

    for (const point of killPoints) {
      const killLine = `${point.line} ${eventsBefore + point.eventOfRun}`;
      const lines = await runWriterUntil(path, killLine, point.delayMs);
      const state = inspectJournal(path);
      const started = highestNumber(lines, 'recording', eventsBefore);
      const reported = highestNumber(lines, 'recorded', eventsBefore);

      // For the record: whether this kill landed inside a write (started but not reported).
      console.info(`kill after "${killLine}" + ${point.delayMs} ms: events up to ${started} started, ${reported} reported, ${state.events.length} stored`);

      expect(state.problems).toEqual([]);
      expect(state.events.length).toBeGreaterThanOrEqual(reported);
      expect(state.events.length).toBeLessThanOrEqual(started);
      expect(state.events).toEqual(Array.from({ length: state.events.length }, (_, index) => crashEvent(index + 1)));
      eventsBefore = state.events.length;
    }
  });
});

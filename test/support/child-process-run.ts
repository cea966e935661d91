import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Runs the child processes of the crash tests. Each child gets its own process group, and a kill
 * sends SIGKILL to the whole group, so the processes that a wrapper such as npx or tsx starts
 * die with it.
 */

/** One run of a child process that prints its progress one line at a time. */
export interface ChildRun {
  command: string;
  args: readonly string[];
  /** Variables added to this process's environment for the child. */
  env: Record<string, string>;
  /** Names the child in error messages, such as `crash writer`. */
  name: string;
  /** Milliseconds the run may take before the test gives up on it. */
  timeoutMs: number;
  /**
   * The output line after which the child is killed with SIGKILL: a line equal to it, or one
   * that starts with it and a space. Without it, the run must end on its own with exit code 0.
   */
  killAfterLine?: string;
  /** Milliseconds between that line and the kill; 0 by default. */
  killDelayMs?: number;
}

/** How many of the last output lines an error message shows. */
const LINES_IN_MESSAGE = 5;

/** The child processes a test file started, so that `killAll` can end those a failed test left. */
export class ChildProcesses {
  private readonly running: ChildProcess[] = [];

  /**
   * Starts a run and resolves with the lines the child printed: once it was killed after
   * `killAfterLine`, or, without one, once it exited with code 0. Rejects on any other exit
   * and on a timeout.
   */
  run(run: ChildRun): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const child = spawn(run.command, [...run.args], { env: { ...process.env, ...run.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      this.running.push(child);

      const lines: string[] = [];
      let errors = '';
      let buffered = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        const complete = buffered.split('\n');
        buffered = complete.pop() ?? '';
        for (const line of complete) {
          lines.push(line);
          if (run.killAfterLine !== undefined && isKillLine(line, run.killAfterLine)) setTimeout(() => killGroup(child), run.killDelayMs ?? 0);
        }
      });
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));

      const output = (): string => `Its last lines: ${lines.slice(-LINES_IN_MESSAGE).join(' | ')}. Its stderr: ${errors}`;
      const guard = setTimeout(() => {
        killGroup(child);
        const goal = run.killAfterLine === undefined ? 'finish' : `print "${run.killAfterLine}"`;
        reject(new Error(`The ${run.name} did not ${goal} within ${run.timeoutMs} ms. ${output()}`));
      }, run.timeoutMs);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(guard);
        const killed = run.killAfterLine !== undefined && signal === 'SIGKILL';
        const finished = run.killAfterLine === undefined && code === 0;
        if (killed || finished) {
          resolve(lines);
          return;
        }
        const expected = run.killAfterLine === undefined ? 'exit code 0' : `a kill after "${run.killAfterLine}"`;
        reject(new Error(`The ${run.name} exited with code ${code} and signal ${signal}, but the test expected ${expected}. ${output()}`));
      });
    });
  }

  /** Kills every child this object started that is still running. Call it from `afterEach`. */
  killAll(): void {
    for (const child of this.running.splice(0)) killGroup(child);
  }
}

function isKillLine(line: string, killAfterLine: string): boolean {
  return line === killAfterLine || line.startsWith(`${killAfterLine} `);
}

/** Kills the child and every process in its group, unless it has already exited. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

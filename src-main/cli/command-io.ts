import type { Logger } from '../logging/logger.js';
import type { PassphrasePrompt } from '../secrets/passphrase-secret-store.js';

/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CommandIo {
  /** Writes a line of command output to standard output. */
  out(line: string): void;
  /** Writes a line for the user to standard error. */
  err(line: string): void;
  logger: Logger;
  /** Resolves when the user asks a foreground command to stop (Ctrl-C or SIGTERM). */
  waitForShutdown(): Promise<void>;
  /**
   * Calls `handler` on the first Ctrl-C or SIGTERM instead of ending the process, so a command
   * can stop at a safe point; a second one ends the process. Absent where there is no process.
   */
  onInterrupt?(handler: () => void): void;
  /** Environment variables (BUTTERFLY_HOME, BUTTERFLY_SECRET_STORE …); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  /** Reads all of standard input, for secrets passed with --token-stdin. */
  readStdin?(): Promise<string>;
  /** Writes progress text to standard error as is (no newline added). */
  progress?(text: string): void;
  /** Whether standard error is a terminal, so progress may rewrite its line. */
  progressIsInteractive?: boolean;
  promptPassphrase?: PassphrasePrompt;
  /** Keychain service name; tests set their own so they never touch the user's entries. */
  keyringService?: string;
}

/** A mistake in how a command was called; the CLI prints the message and exits with code 2. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

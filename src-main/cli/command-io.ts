import type { Logger } from '../logging/logger.js';

/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CommandIo {
  /** Writes a line of command output to standard output. */
  out(line: string): void;
  /** Writes a line for the user to standard error. */
  err(line: string): void;
  logger: Logger;
  /** Resolves when the user asks a foreground command to stop (Ctrl-C or SIGTERM). */
  waitForShutdown(): Promise<void>;
}

/** A mistake in how a command was called; the CLI prints the message and exits with code 2. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

import { createInterface } from 'node:readline';
import type { Logger } from '../logging/logger.js';
import type { PassphraseRequest } from '../secrets/passphrase-secret-store.js';
import type { CommandIo } from './command-io.js';
import { printableText } from './printable-text.js';

/** The real process's standard streams, environment and signals, for the CLI. */
export function processIo(logger: Logger): CommandIo {
  stopQuietlyWhenOutputCloses();
  return {
    out: (line) => process.stdout.write(`${printableText(line)}\n`),
    err: (line) => process.stderr.write(`${printableText(line)}\n`),
    progress: (text) => process.stderr.write(text),
    progressIsInteractive: process.stderr.isTTY === true,
    logger,
    env: process.env,
    readStdin: readAllStdin,
    promptPassphrase: promptPassphraseOnTerminal,
    waitForShutdown: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
    onInterrupt: (handler) => {
      process.once('SIGINT', handler);
      process.once('SIGTERM', handler);
    },
  };
}

/** Ends the process without a stack trace when the reader of standard output goes away (`… | head`). */
function stopQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Asks for the key file's passphrase on the terminal without echoing it; twice when the key
 * file is being created. Fails when standard input is not a terminal, since a script should
 * set BUTTERFLY_PASSPHRASE instead.
 */
async function promptPassphraseOnTerminal(request: PassphraseRequest): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error(`A passphrase is needed for ${request.keyFile}, and standard input is not a terminal. Set BUTTERFLY_PASSPHRASE for scripts.`);
  }
  const first = await readHidden(`Passphrase for ${request.keyFile}: `);
  if (!request.creating) return first;
  const second = await readHidden('Repeat the passphrase: ');
  if (first !== second) throw new Error('The two passphrases differ; nothing was saved. Run the command again.');
  return first;
}

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const terminal = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = terminal as unknown as { _writeToOutput: (text: string) => void };
    process.stderr.write(prompt);
    output._writeToOutput = () => undefined;
    terminal.question('', (answer) => {
      terminal.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

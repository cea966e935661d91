import type { CommandIo } from '../../src-main/cli/command-io.js';
import { main } from '../../src-main/cli/main.js';
import { silentLogger } from '../../src-main/logging/logger.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI in-process against one data folder. The passphrase key file stands in for the
 * keychain, so these runs work on machines without a Secret Service; the keychain itself is
 * tested in test/secrets.
 */
export async function runCli(home: string, argv: string[], stdin = ''): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    progress: (text) => err.push(text),
    logger: silentLogger(),
    env: { BUTTERFLY_HOME: home, BUTTERFLY_SECRET_STORE: 'passphrase', BUTTERFLY_PASSPHRASE: 'correct horse battery staple' },
    readStdin: () => Promise.resolve(stdin),
    waitForShutdown: () => Promise.resolve(),
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteConnectionSecret } from '../services/connection-credentials.js';
import { startSandbox } from '../sandbox/server.js';
import { DEFAULT_SEED, loadSeed } from '../sandbox/seed/load-seed.js';
import { CommandError, type CommandIo } from './command-io.js';
import { runConnectCommand } from './connect-command.js';
import { runShowCommand } from './show-command.js';
import { runSnapshotCommand } from './snapshot-command.js';
import { runSnapshotsCommand } from './snapshots-command.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly demo

Runs the main job end to end without touching a real org: starts the sandbox Okta org, saves a
connection to it, takes a snapshot into a new vault in a temporary folder, lists it and shows
what was captured. The vault stays for you to explore; the sandbox stops when the demo ends.
Set BUTTERFLY_HOME to use another folder. The vault key and the demo's API token go to the OS
keychain like any other; the token is removed again at the end.`;

const DEMO_CONNECTION = 'sandbox-demo';

/** Implements `butterfly demo` (`npm run demo`). */
export async function runDemoCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.includes('--help')) {
    io.out(HELP);
    return 0;
  }
  if (argv.length > 0) throw new CommandError(`butterfly demo takes no arguments.\n\n${HELP}`);

  const env = io.env ?? process.env;
  const home = env['BUTTERFLY_HOME'] ?? (await mkdtemp(join(tmpdir(), 'butterfly-demo-')));
  const sandbox = await startSandbox({ seed: await loadSeed(DEFAULT_SEED), logger: io.logger });
  const demoIo: CommandIo = { ...io, env: { ...env, BUTTERFLY_HOME: home }, readStdin: () => Promise.resolve(sandbox.token) };

  try {
    io.out(`== Sandbox Okta org '${DEFAULT_SEED}' running at ${sandbox.url}; vault in ${home}`);
    io.out(`== butterfly connect ${DEMO_CONNECTION} --org-url ${sandbox.url} --token-stdin --replace`);
    await runConnectCommand([DEMO_CONNECTION, '--org-url', sandbox.url, '--token-stdin', '--replace'], demoIo);

    io.out(`== butterfly snapshot ${DEMO_CONNECTION} --label "demo"`);
    const snapshotCode = await runSnapshotCommand([DEMO_CONNECTION, '--label', 'demo'], demoIo);
    io.out(`== butterfly snapshots ${DEMO_CONNECTION}`);
    await runSnapshotsCommand([DEMO_CONNECTION], demoIo);

    const latest = await withServices(demoIo, async (services) => services.vault.listSnapshots(DEMO_CONNECTION).at(-1)?.id);
    if (latest !== undefined) {
      io.out(`== butterfly show ${latest}`);
      await runShowCommand([String(latest)], demoIo);
    }
    io.out('');
    io.out(`Explore the vault: BUTTERFLY_HOME=${home} npx butterfly show ${latest ?? 1} --kind group`);
    return snapshotCode;
  } finally {
    await removeDemoToken(demoIo);
    await sandbox.close();
  }
}

/** The sandbox's token dies with the sandbox, so it does not stay in the keychain. */
async function removeDemoToken(io: CommandIo): Promise<void> {
  try {
    await withServices(io, async (services) => {
      const connection = services.vault.findConnection(DEMO_CONNECTION);
      if (connection) await deleteConnectionSecret(services.secrets, connection.id);
    });
  } catch (error) {
    io.logger.warn({ err: error }, 'could not remove the demo token from the keychain');
  }
}

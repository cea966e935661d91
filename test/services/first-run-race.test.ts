import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/logging/logger.js';
import { KEY_FILE_NAME, PassphraseSecretStore } from '../../src-main/secrets/passphrase-secret-store.js';
import { openServices } from '../../src-main/services/butterfly-services.js';
import { childNodeCommand, moduleUrl, runChild, type ChildOutcome } from '../secrets/child-node.js';

const PASSPHRASE = 'correct horse battery staple';
const SMALL_SCRYPT = { N: 1024, r: 8, p: 1 };
const CHILD_COUNT = 4;

/**
 * Child code: waits until `startAt` (epoch ms) so that every child reaches the first open at
 * the same moment, then opens the services on `home` with a passphrase store and closes them.
 */
function racingChild(home: string, startAt: number): string[] {
  const imports = `
import { openServices } from ${JSON.stringify(moduleUrl('src-main/services/butterfly-services.ts'))};
import { PassphraseSecretStore } from ${JSON.stringify(moduleUrl('src-main/secrets/passphrase-secret-store.ts'))};
import { silentLogger } from ${JSON.stringify(moduleUrl('src-main/logging/logger.ts'))};`;
  const body = `
const home = ${JSON.stringify(home)};
const store = new PassphraseSecretStore({
  keyFile: home + '/${KEY_FILE_NAME}',
  passphrase: ${JSON.stringify(PASSPHRASE)},
  scryptParametersForTests: ${JSON.stringify(SMALL_SCRYPT)},
});
await new Promise((resolve) => setTimeout(resolve, Math.max(0, ${startAt} - Date.now())));
const services = await openServices({ env: { BUTTERFLY_HOME: home }, logger: silentLogger(), secretStoreForTests: store });
services.close();
return 'opened';`;
  return childNodeCommand(imports, body);
}

describe('openServices first run', () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  it('creates one key for racing processes', async () => {
    const home = await mkdtemp(join(tmpdir(), 'butterfly-race-'));
    folders.push(home);

    // Children need about a second to load tsx; they all start the open 3 s from now.
    const startAt = Date.now() + 3_000;
    const outcomes: ChildOutcome[] = await Promise.all(
      Array.from({ length: CHILD_COUNT }, () => runChild(racingChild(home, startAt), { ...process.env, BUTTERFLY_HOME: home })),
    );

    for (const outcome of outcomes) {
      // A child may find the vault still open by the one before it; nothing else may fail.
      if (!outcome.ok) expect(outcome.code).toBe('vault-locked');
    }
    expect(outcomes.some((outcome) => outcome.ok)).toBe(true);

    const store = new PassphraseSecretStore({ keyFile: join(home, KEY_FILE_NAME), passphrase: PASSPHRASE, scryptParametersForTests: SMALL_SCRYPT });
    const services = await openServices({ env: { BUTTERFLY_HOME: home }, logger: silentLogger(), secretStoreForTests: store, create: false });
    services.close();
  });
});

// Tests of the keychain store against a real freedesktop Secret Service (gnome-keyring). They
// need an unlocked keyring on a D-Bus session; `.ci/with-keyring` provides a throwaway one.
// Without one they are skipped, except under CI=true, where they fail.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../src-main/secrets/keyring-secret-store.js';
import { openSecretStore } from '../../src-main/secrets/open-secret-store.js';
import { VAULT_KEY_ACCOUNT } from '../../src-main/secrets/secret-store.js';
import { SecretStoreUnavailableError } from '../../src-main/secrets/secret-store-errors.js';
import { childNodeCommand, moduleUrl, runChild, type ChildOutcome } from './child-node.js';

const RUN_COMMAND = '.ci/with-keyring npx vitest run test/secrets/keyring-secret-store.test.ts';
const IN_CI = process.env['CI'] === 'true';
const ON_LINUX = process.platform === 'linux';

/** A service name of its own per run, so the tests never see or change real Butterfly entries. */
const TEST_SERVICE = `butterfly-test-${randomBytes(4).toString('hex')}`;

const OPEN_STORE_IMPORT = `import { openSecretStore } from '${moduleUrl('src-main/secrets/open-secret-store.ts')}';`;
const KEYRING_IMPORT = `import { KeyringSecretStore } from '${moduleUrl('src-main/secrets/keyring-secret-store.ts')}';`;

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Returns why the Secret Service cannot be used here, or undefined when a write and delete work. */
async function findSecretServiceProblem(): Promise<string | undefined> {
  if (!ON_LINUX) return 'these tests use the freedesktop Secret Service, which is Linux only';
  if (process.env['DBUS_SESSION_BUS_ADDRESS'] === undefined) return 'DBUS_SESSION_BUS_ADDRESS is not set';

  const store = new KeyringSecretStore({ service: TEST_SERVICE });
  try {
    await store.set('probe', 'probe');
    await store.delete('probe');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const secretServiceProblem = await findSecretServiceProblem();
const keyringToolsProblem =
  ON_LINUX && !['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon'].every(hasProgram)
    ? 'dbus-run-session, dbus-send or gnome-keyring-daemon is missing (apt-get install -y dbus gnome-keyring)'
    : undefined;

/** Makes each test of the block fail under CI, and skip elsewhere, when `problem` is set. */
function requireOrSkip(problem: string | undefined): void {
  beforeEach((context) => {
    if (problem === undefined) return;
    if (IN_CI) {
      throw new Error(`CI=true but the Secret Service tests cannot run: ${problem}. CI runs them through .ci/with-keyring.`);
    }
    context.skip(`${problem}. Run them with: ${RUN_COMMAND}`);
  });
}

if (!IN_CI && secretServiceProblem !== undefined) {
  console.warn(`Skipping the Secret Service tests (${secretServiceProblem}). Run them with: ${RUN_COMMAND}`);
}

describe('keyring store with Secret Service', () => {
  requireOrSkip(secretServiceProblem);

  const store = new KeyringSecretStore({ service: TEST_SERVICE });
  const usedAccounts = new Set<string>();
  const account = (name: string): string => {
    usedAccounts.add(name);
    return name;
  };

  afterEach(async () => {
    if (secretServiceProblem !== undefined) return;
    for (const name of usedAccounts) await store.delete(name);
    usedAccounts.clear();
  });

  it('round trips a secret', async () => {
    await store.set(account('connection:one'), 'token-value-1');

    expect(await store.get('connection:one')).toBe('token-value-1');
  });

  it('returns undefined when missing', async () => {
    expect(await store.get(account('connection:absent'))).toBeUndefined();
  });

  it('replaces an existing secret', async () => {
    await store.set(account('connection:two'), 'first');
    await store.set('connection:two', 'second');

    expect(await store.get('connection:two')).toBe('second');
  });

  it('deletes a secret', async () => {
    await store.set(account('connection:three'), 'value');
    await store.delete('connection:three');

    expect(await store.get('connection:three')).toBeUndefined();
  });

  it('deletes a missing secret quietly', async () => {
    await expect(store.delete(account('connection:never'))).resolves.toBeUndefined();
  });

  it('keeps accounts apart', async () => {
    await store.set(account('connection:a'), 'value-a');
    await store.set(account('connection:b'), 'value-b');

    expect(await store.get('connection:a')).toBe('value-a');
    expect(await store.get('connection:b')).toBe('value-b');
  });

  it('keeps services apart', async () => {
    await store.set(account('connection:shared'), 'value');
    const otherService = new KeyringSecretStore({ service: `${TEST_SERVICE}-other` });

    expect(await otherService.get('connection:shared')).toBeUndefined();
  });

  it('round trips a long unicode value', async () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${randomBytes(1700).toString('base64')}\n-----END PRIVATE KEY-----\nZürich ✓ 東京`;
    await store.set(account('connection:pem'), pem);

    expect(await store.get('connection:pem')).toBe(pem);
  });

  it('describes the Secret Service', () => {
    expect(store.description).toBe(`freedesktop Secret Service (service '${TEST_SERVICE}')`);
  });

  it('is opened by default', async () => {
    const opened = await openSecretStore({ home: tmpdir(), env: {}, keyringService: TEST_SERVICE });

    expect(opened).toBeInstanceOf(KeyringSecretStore);
  });

  it('is opened for keychain', async () => {
    const opened = await openSecretStore({ home: tmpdir(), env: { BUTTERFLY_SECRET_STORE: 'keychain' }, keyringService: TEST_SERVICE });

    expect(opened).toBeInstanceOf(KeyringSecretStore);
  });
});

/** Runs `openSecretStore` in a child process with `env` and returns its outcome. */
function openInChild(env: NodeJS.ProcessEnv, wrapper: string[] = []): Promise<ChildOutcome> {
  const body = `const store = await openSecretStore({ home: '/nonexistent', env: process.env, keyringService: '${TEST_SERVICE}' });
  return store.description;`;
  return runChild([...wrapper, ...childNodeCommand(OPEN_STORE_IMPORT, body)], env);
}

function expectUnavailable(outcome: ChildOutcome): void {
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.name).toBe(SecretStoreUnavailableError.name);
  expect(outcome.code).toBe('SECRET_STORE_UNAVAILABLE');
  expect(outcome.message).toContain('freedesktop Secret Service');
  expect(outcome.message).toContain('gnome-keyring or KeePassXC');
  expect(outcome.message).toContain('BUTTERFLY_SECRET_STORE=passphrase');
}

describe.runIf(ON_LINUX)('keyring store without Secret Service', () => {
  const noBus = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/butterfly-test-bus' };

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['keychain', 'keychain'],
  ])('fails at open when %s', async (_label, choice) => {
    const env: NodeJS.ProcessEnv = { ...noBus };
    delete env['BUTTERFLY_SECRET_STORE'];
    if (choice !== undefined) env['BUTTERFLY_SECRET_STORE'] = choice;

    const outcome = await openInChild(env);

    expectUnavailable(outcome);
  });

  it('fails on write without bus', async () => {
    const body = `await new KeyringSecretStore({ service: '${TEST_SERVICE}' }).set('connection:x', 'secret-value');`;
    const outcome = await runChild(childNodeCommand(KEYRING_IMPORT, body), noBus);

    expectUnavailable(outcome);
    expect(JSON.stringify(outcome)).not.toContain('secret-value');
  });
});

describe.runIf(ON_LINUX)('keyring store with unusable Secret Service', () => {
  requireOrSkip(keyringToolsProblem);

  let folder = '';
  // No display, so gnome-keyring cannot show an unlock prompt on a developer's screen.
  const headless = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'butterfly-bus-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('fails at open without provider', async () => {
    // A session bus without service files, so D-Bus cannot start anything for org.freedesktop.secrets.
    const configPath = join(folder, 'bare-session.conf');
    await writeFile(
      configPath,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`,
    );

    const outcome = await openInChild(headless, ['dbus-run-session', `--config-file=${configPath}`, '--']);

    expectUnavailable(outcome);
  });

  it('fails at open when locked', async () => {
    // Inside a private keyring: store a vault key, lock the default collection over D-Bus, then
    // open the store, whose probe reads that entry and so needs the collection unlocked.
    const store = `await new KeyringSecretStore({ service: '${TEST_SERVICE}' }).set('${VAULT_KEY_ACCOUNT}', 'not-a-real-key');`;
    const lockCommand =
      'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets ' +
      'org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/aliases/default >/dev/null';
    const quote = (words: string[]): string => words.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
    const script = [
      `${quote(childNodeCommand(KEYRING_IMPORT, store))} >/dev/null`,
      lockCommand,
      quote(childNodeCommand(OPEN_STORE_IMPORT, `return (await openSecretStore({ home: '/nonexistent', env: {}, keyringService: '${TEST_SERVICE}' })).description;`)),
    ].join(' && ');

    const outcome = await runChild(['.ci/with-keyring', 'bash', '-c', script], headless);

    expectUnavailable(outcome);
  });
});

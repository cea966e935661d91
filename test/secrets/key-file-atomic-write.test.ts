// Simulates a disk that fills up halfway through writing the key file: the temporary file gets
// half of the new content, then the write fails with ENOSPC.
import type * as FileSystem from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PassphraseSecretStore } from '../../src-main/secrets/passphrase-secret-store.js';
import { KeyFileAccessError } from '../../src-main/secrets/secret-store-errors.js';

const simulation = vi.hoisted(() => ({ failWrites: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FileSystem>();

  // Only files created with 'wx' (the temporary file) fail; reads and the folder flush do not.
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    if (!simulation.failWrites || args[1] !== 'wx') return handle;

    const writeHalfThenFail = async (content: string): Promise<never> => {
      await handle.write(content.slice(0, content.length / 2));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    return new Proxy(handle, {
      get(target, property) {
        if (property === 'writeFile') return writeHalfThenFail;
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };

  return { ...actual, open, default: { ...actual, open } };
});

const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

let folder = '';
let keyFile = '';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'butterfly-atomic-'));
  keyFile = join(folder, 'secrets.key');
  simulation.failWrites = false;
});

afterEach(async () => {
  simulation.failWrites = false;
  await rm(folder, { recursive: true, force: true });
});

function createStore(): PassphraseSecretStore {
  return new PassphraseSecretStore({ keyFile, passphrase: PASSPHRASE, scryptParametersForTests: FAST_SCRYPT });
}

describe('key file write failure', () => {
  it('rejects with access error', async () => {
    await createStore().set('connection:one', 'old value');
    simulation.failWrites = true;
    const write = createStore().set('connection:one', 'new value');

    await expect(write).rejects.toBeInstanceOf(KeyFileAccessError);
    await expect(write).rejects.toThrow(/ENOSPC/);
  });

  it('leaves the old file intact', async () => {
    await createStore().set('connection:one', 'old value');
    const before = await readFile(keyFile, 'utf8');
    simulation.failWrites = true;
    await createStore().set('connection:one', 'new value').catch(() => undefined);
    simulation.failWrites = false;

    expect(await readFile(keyFile, 'utf8')).toBe(before);
    expect(await createStore().get('connection:one')).toBe('old value');
  });

  it('removes the temporary file', async () => {
    await createStore().set('connection:one', 'old value');
    simulation.failWrites = true;
    await createStore().set('connection:one', 'new value').catch(() => undefined);

    expect(await readdir(folder)).toEqual(['secrets.key']);
  });

  it('creates no file on first failure', async () => {
    simulation.failWrites = true;
    await createStore().set('connection:one', 'value').catch(() => undefined);

    expect(await readdir(folder)).toEqual([]);
  });
});

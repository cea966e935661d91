import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSecretStore } from '../../src-main/secrets/open-secret-store.js';
import { PassphraseSecretStore } from '../../src-main/secrets/passphrase-secret-store.js';
import { PassphraseInvalidError, UnknownSecretStoreError } from '../../src-main/secrets/secret-store-errors.js';

// The keychain choices are tested in keyring-secret-store.test.ts, against a real Secret Service.

let home = '';

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'butterfly-open-'));
});

afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('openSecretStore', () => {
  it('opens the key file for passphrase', async () => {
    const store = await openSecretStore({ home, env: { BUTTERFLY_SECRET_STORE: 'passphrase' } });

    expect(store).toBeInstanceOf(PassphraseSecretStore);
    expect(store.description).toBe(`passphrase key file ${join(home, 'secrets.key')}`);
  });

  it('writes the key file in home', async () => {
    const env = { BUTTERFLY_SECRET_STORE: 'passphrase', BUTTERFLY_PASSPHRASE: 'correct horse battery staple' };
    const store = await openSecretStore({ home, env });
    await store.set('connection:one', 'value');

    expect((await stat(join(home, 'secrets.key'))).isFile()).toBe(true);
    expect(await (await openSecretStore({ home, env })).get('connection:one')).toBe('value');
  });

  it('passes the prompt on', async () => {
    let prompted = 0;
    const promptPassphrase = async (): Promise<string> => {
      prompted++;
      return 'correct horse battery staple';
    };
    const store = await openSecretStore({ home, env: { BUTTERFLY_SECRET_STORE: 'passphrase' }, promptPassphrase });
    await store.set('connection:one', 'value');

    expect(prompted).toBe(1);
  });

  it('rejects empty BUTTERFLY_PASSPHRASE', async () => {
    const store = await openSecretStore({ home, env: { BUTTERFLY_SECRET_STORE: 'passphrase', BUTTERFLY_PASSPHRASE: '' } });

    await expect(store.set('connection:one', 'value')).rejects.toBeInstanceOf(PassphraseInvalidError);
  });

  it.each(['plaintext', 'memory', 'Keychain', ' passphrase'])('rejects %j', async (choice) => {
    const open = openSecretStore({ home, env: { BUTTERFLY_SECRET_STORE: choice } });

    await expect(open).rejects.toBeInstanceOf(UnknownSecretStoreError);
    await expect(open).rejects.toMatchObject({ code: 'SECRET_STORE_UNKNOWN' });
    await expect(open).rejects.toThrow(`BUTTERFLY_SECRET_STORE is ${JSON.stringify(choice)}`);
    await expect(open).rejects.toThrow('"keychain", "passphrase"');
  });
});

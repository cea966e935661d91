import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_PARAMETERS, type ScryptParameters } from '../../src-main/secrets/key-file-crypto.js';
import {
  PassphraseSecretStore,
  type PassphraseRequest,
  type PassphraseSecretStoreOptions,
} from '../../src-main/secrets/passphrase-secret-store.js';
import {
  KeyFileInvalidError,
  PassphraseInvalidError,
  PassphraseMissingError,
  WrongPassphraseError,
} from '../../src-main/secrets/secret-store-errors.js';

/** Cheap scrypt parameters so each derivation takes milliseconds; production uses N = 2^17. */
const FAST_SCRYPT: ScryptParameters = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'SSWS-00aBcDeFgHiJkLmNoPqRsTuVwXyZ-token';

let folder = '';
let keyFile = '';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'butterfly-secrets-'));
  keyFile = join(folder, 'secrets.key');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

function createStore(options: Partial<PassphraseSecretStoreOptions> = {}): PassphraseSecretStore {
  return new PassphraseSecretStore({ keyFile, passphrase: PASSPHRASE, scryptParametersForTests: FAST_SCRYPT, ...options });
}

async function readKeyFileJson(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(keyFile, 'utf8')) as Record<string, unknown>;
}

async function editKeyFile(edit: (document: Record<string, unknown>) => void): Promise<void> {
  const document = await readKeyFileJson();
  edit(document);
  await writeFile(keyFile, JSON.stringify(document));
}

describe('passphrase store', () => {
  it('round trips a secret', async () => {
    const store = createStore();
    await store.set('connection:one', SECRET);

    expect(await store.get('connection:one')).toBe(SECRET);
  });

  it('reads back in a new store', async () => {
    await createStore().set('connection:one', SECRET);

    expect(await createStore().get('connection:one')).toBe(SECRET);
  });

  it('returns undefined when missing', async () => {
    const store = createStore();
    await store.set('connection:one', SECRET);

    expect(await store.get('connection:two')).toBeUndefined();
  });

  it('returns undefined without file', async () => {
    const store = createStore({ passphrase: undefined });

    expect(await store.get('connection:one')).toBeUndefined();
  });

  it('replaces a secret', async () => {
    const store = createStore();
    await store.set('connection:one', 'first');
    await store.set('connection:one', 'second');

    expect(await store.get('connection:one')).toBe('second');
  });

  it('deletes a secret', async () => {
    const store = createStore();
    await store.set('connection:one', SECRET);
    await store.set('connection:two', 'other');
    await store.delete('connection:one');

    expect(await store.get('connection:one')).toBeUndefined();
    expect(await store.get('connection:two')).toBe('other');
  });

  it('deletes without file quietly', async () => {
    await createStore({ passphrase: undefined }).delete('connection:one');

    await expect(stat(keyFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps concurrent writes', async () => {
    const store = createStore();
    const accounts = ['a', 'b', 'c', 'd', 'e'].map((name) => `connection:${name}`);
    await Promise.all(accounts.map((account) => store.set(account, `value of ${account}`)));

    for (const account of accounts) {
      expect(await createStore().get(account)).toBe(`value of ${account}`);
    }
  });

  it('keeps special account names', async () => {
    const store = createStore();
    await store.set('__proto__', 'one');
    await store.set('constructor', 'two');

    expect(await createStore().get('__proto__')).toBe('one');
    expect(await createStore().get('constructor')).toBe('two');
  });

  it('rejects wrong passphrase', async () => {
    await createStore().set('connection:one', SECRET);
    const read = createStore({ passphrase: 'not the passphrase at all' }).get('connection:one');

    await expect(read).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(read).rejects.toMatchObject({ code: 'PASSPHRASE_WRONG' });
  });

  it('keeps file after wrong passphrase', async () => {
    await createStore().set('connection:one', SECRET);
    const before = await readFile(keyFile, 'utf8');
    await expect(createStore({ passphrase: 'not the passphrase at all' }).set('connection:two', 'x')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );

    expect(await readFile(keyFile, 'utf8')).toBe(before);
  });

  it('stores no plaintext', async () => {
    await createStore().set('connection:one', SECRET);
    const text = await readFile(keyFile, 'utf8');

    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(text).not.toContain('connection:one');
    expect(text).not.toContain(PASSPHRASE);
  });

  it.skipIf(process.platform === 'win32')('writes mode 0600', async () => {
    await createStore().set('connection:one', SECRET);
    await createStore().set('connection:two', SECRET);

    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });

  it('records format and parameters', async () => {
    await createStore().set('connection:one', SECRET);
    const document = await readKeyFileJson();
    const kdf = document['kdf'] as Record<string, unknown>;
    const cipher = document['cipher'] as Record<string, unknown>;

    expect(document['format']).toBe('butterfly-secret-store');
    expect(document['version']).toBe(1);
    expect(kdf).toMatchObject({ algorithm: 'scrypt', N: FAST_SCRYPT.N, r: 8, p: 1 });
    expect(Buffer.from(kdf['salt'] as string, 'base64')).toHaveLength(16);
    expect(cipher['algorithm']).toBe('aes-256-gcm');
    expect(Buffer.from(cipher['iv'] as string, 'base64')).toHaveLength(12);
  });

  it('uses a fresh iv per write', async () => {
    const store = createStore();
    await store.set('connection:one', SECRET);
    const first = await readKeyFileJson();
    await store.set('connection:one', SECRET);
    const second = await readKeyFileJson();

    expect((second['cipher'] as Record<string, unknown>)['iv']).not.toBe((first['cipher'] as Record<string, unknown>)['iv']);
    expect((second['kdf'] as Record<string, unknown>)['salt']).toBe((first['kdf'] as Record<string, unknown>)['salt']);
  });

  it('uses production scrypt by default', async () => {
    const store = new PassphraseSecretStore({ keyFile, passphrase: PASSPHRASE });
    await store.set('connection:one', SECRET);
    const kdf = (await readKeyFileJson())['kdf'] as Record<string, unknown>;

    expect(kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    expect(DEFAULT_SCRYPT_PARAMETERS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(await new PassphraseSecretStore({ keyFile, passphrase: PASSPHRASE }).get('connection:one')).toBe(SECRET);
  });
});

describe('passphrase store tampering', () => {
  beforeEach(async () => {
    await createStore().set('connection:one', SECRET);
  });

  it('rejects changed ciphertext', async () => {
    await editKeyFile((document) => {
      const ciphertext = Buffer.from(document['ciphertext'] as string, 'base64');
      ciphertext[0] = (ciphertext[0] ?? 0) ^ 1;
      document['ciphertext'] = ciphertext.toString('base64');
    });

    await expect(createStore().get('connection:one')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('rejects changed parameters', async () => {
    await editKeyFile((document) => {
      (document['kdf'] as Record<string, unknown>)['N'] = FAST_SCRYPT.N * 2;
    });

    await expect(createStore().get('connection:one')).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('rejects weaker parameters', async () => {
    const store = createStore({ scryptParametersForTests: { ...FAST_SCRYPT, N: FAST_SCRYPT.N * 2 } });
    const read = store.get('connection:one');

    await expect(read).rejects.toBeInstanceOf(KeyFileInvalidError);
    await expect(read).rejects.toThrow(/weaker than the minimum/);
  });

  it('rejects unknown version', async () => {
    await editKeyFile((document) => {
      document['version'] = 2;
    });
    const read = createStore().get('connection:one');

    await expect(read).rejects.toBeInstanceOf(KeyFileInvalidError);
    await expect(read).rejects.toThrow(/"version" is 2/);
  });

  it('rejects non-JSON file', async () => {
    await writeFile(keyFile, 'not json');
    const read = createStore().get('connection:one');

    await expect(read).rejects.toBeInstanceOf(KeyFileInvalidError);
    await expect(read).rejects.toMatchObject({ code: 'KEY_FILE_INVALID' });
  });

  it('rejects a short salt', async () => {
    await editKeyFile((document) => {
      (document['kdf'] as Record<string, unknown>)['salt'] = Buffer.alloc(8).toString('base64');
    });

    await expect(createStore().get('connection:one')).rejects.toThrow(/"kdf.salt" has 8 bytes instead of 16/);
  });

  it('rejects huge parameters', async () => {
    await editKeyFile((document) => {
      (document['kdf'] as Record<string, unknown>)['N'] = 2 ** 30;
    });

    await expect(createStore().get('connection:one')).rejects.toThrow(/more than 1 GiB/);
  });
});

describe('passphrase sources', () => {
  it('rejects missing passphrase on read', async () => {
    await createStore().set('connection:one', SECRET);
    const read = createStore({ passphrase: undefined }).get('connection:one');

    await expect(read).rejects.toBeInstanceOf(PassphraseMissingError);
    await expect(read).rejects.toThrow(/Set BUTTERFLY_PASSPHRASE/);
  });

  it('rejects missing passphrase on create', async () => {
    const write = createStore({ passphrase: undefined }).set('connection:one', SECRET);

    await expect(write).rejects.toBeInstanceOf(PassphraseMissingError);
    await expect(write).rejects.toMatchObject({ code: 'PASSPHRASE_MISSING' });
  });

  it('rejects empty passphrase', async () => {
    await createStore().set('connection:one', SECRET);

    await expect(createStore({ passphrase: '' }).get('connection:one')).rejects.toBeInstanceOf(PassphraseInvalidError);
  });

  it('rejects short new passphrase', async () => {
    const write = createStore({ passphrase: 'short' }).set('connection:one', SECRET);

    await expect(write).rejects.toBeInstanceOf(PassphraseInvalidError);
    await expect(write).rejects.toThrow(/at least 12 characters/);
  });

  it('prompts once per store', async () => {
    const requests: PassphraseRequest[] = [];
    const prompt = async (request: PassphraseRequest): Promise<string> => {
      requests.push(request);
      return PASSPHRASE;
    };
    await createStore({ passphrase: undefined, promptPassphrase: prompt }).set('connection:one', SECRET);
    const store = createStore({ passphrase: undefined, promptPassphrase: prompt });
    await store.get('connection:one');
    await store.set('connection:two', 'other');
    await store.get('connection:two');

    expect(requests).toEqual([
      { keyFile, creating: true },
      { keyFile, creating: false },
    ]);
  });

  it('prefers the given passphrase', async () => {
    let prompted = false;
    const store = createStore({
      promptPassphrase: async () => {
        prompted = true;
        return 'something else entirely';
      },
    });
    await store.set('connection:one', SECRET);

    expect(prompted).toBe(false);
  });

  it('prompts again after wrong answer', async () => {
    await createStore().set('connection:one', SECRET);
    const answers = ['not the passphrase at all', PASSPHRASE];
    const store = createStore({ passphrase: undefined, promptPassphrase: async () => answers.shift() ?? '' });

    await expect(store.get('connection:one')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await store.get('connection:one')).toBe(SECRET);
  });

  it('keeps secrets out of errors', async () => {
    await createStore().set('connection:one', SECRET);
    const error = await createStore({ passphrase: 'not the passphrase at all' })
      .get('connection:one')
      .catch((caught: unknown) => caught);

    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(String((error as Error).message)).not.toContain('not the passphrase at all');
  });
});

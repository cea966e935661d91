import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStoreForTests } from '../../src-main/secrets/memory-secret-store.js';
import { PassphraseSecretStore } from '../../src-main/secrets/passphrase-secret-store.js';
import { VAULT_KEY_ACCOUNT } from '../../src-main/secrets/secret-store.js';
import { VaultKeyInvalidError, VaultKeyNotStoredError } from '../../src-main/secrets/secret-store-errors.js';
import { createVaultKey, loadVaultKey } from '../../src-main/secrets/vault-key.js';

/** Loads the key, or creates one when the store has none, as opening a new data folder does. */
async function loadOrCreateVaultKey(store: MemorySecretStoreForTests | PassphraseSecretStore): Promise<Buffer> {
  return (await loadVaultKey(store)) ?? (await createVaultKey(store));
}

/** A store that accepts writes and discards them, like a keychain that silently drops entries. */
class ForgetfulStore extends MemorySecretStoreForTests {
  override async set(): Promise<void> {}
}

/** A store where another writer replaces every value just written, as in a race between two processes. */
class ReplacingStore extends MemorySecretStoreForTests {
  constructor(private readonly winner: string) {
    super();
  }

  override async set(account: string): Promise<void> {
    await super.set(account, this.winner);
  }
}

describe('vault key load and create', () => {
  it('creates a 256-bit key', async () => {
    const key = await loadOrCreateVaultKey(new MemorySecretStoreForTests());

    expect(key).toHaveLength(32);
  });

  it('stores the key as base64', async () => {
    const store = new MemorySecretStoreForTests();
    const key = await loadOrCreateVaultKey(store);

    expect(await store.get(VAULT_KEY_ACCOUNT)).toBe(key.toString('base64'));
  });

  it('returns the stored key', async () => {
    const store = new MemorySecretStoreForTests();
    const first = await loadOrCreateVaultKey(store);
    const second = await loadOrCreateVaultKey(store);

    expect(second.equals(first)).toBe(true);
  });

  it('creates different keys', async () => {
    const first = await loadOrCreateVaultKey(new MemorySecretStoreForTests());
    const second = await loadOrCreateVaultKey(new MemorySecretStoreForTests());

    expect(second.equals(first)).toBe(false);
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', '!'.repeat(44)],
    ['unpadded', randomBytes(32).toString('base64').slice(0, 43)],
    ['base64url', Buffer.from('fb'.repeat(32), 'hex').toString('base64url')],
    ['empty', ''],
  ])('rejects a key %s', async (_label, stored) => {
    const store = new MemorySecretStoreForTests();
    await store.set(VAULT_KEY_ACCOUNT, stored);
    const load = loadOrCreateVaultKey(store);

    await expect(load).rejects.toBeInstanceOf(VaultKeyInvalidError);
    await expect(load).rejects.toMatchObject({ code: 'VAULT_KEY_INVALID' });
  });

  it('keeps the key out of errors', async () => {
    const store = new MemorySecretStoreForTests();
    const stored = randomBytes(31).toString('base64');
    await store.set(VAULT_KEY_ACCOUNT, stored);
    const error = await loadOrCreateVaultKey(store).catch((caught: unknown) => caught);

    expect((error as Error).message).not.toContain(stored);
    expect((error as Error).message).toContain(`account '${VAULT_KEY_ACCOUNT}'`);
  });

  it('rejects a store that forgets', async () => {
    const load = loadOrCreateVaultKey(new ForgetfulStore());

    await expect(load).rejects.toBeInstanceOf(VaultKeyNotStoredError);
  });

  it('returns the key the store kept', async () => {
    const kept = randomBytes(32);
    const store = new ReplacingStore(kept.toString('base64'));
    const key = await loadOrCreateVaultKey(store);

    expect(key.equals(kept)).toBe(true);
  });

  it('survives the passphrase store', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'butterfly-vault-key-'));
    try {
      const options = { keyFile: join(folder, 'secrets.key'), passphrase: 'correct horse battery staple', scryptParametersForTests: { N: 1024, r: 8, p: 1 } };
      const created = await loadOrCreateVaultKey(new PassphraseSecretStore(options));
      const loaded = await loadOrCreateVaultKey(new PassphraseSecretStore(options));

      expect(loaded.equals(created)).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

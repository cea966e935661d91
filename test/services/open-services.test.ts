import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src-main/logging/logger.js';
import { MemorySecretStoreForTests } from '../../src-main/secrets/memory-secret-store.js';
import { vaultKeyAccount } from '../../src-main/secrets/secret-store.js';
import { openServices, VAULT_FILE_NAME, VAULT_ID_FILE_NAME, type ButterflyServices } from '../../src-main/services/butterfly-services.js';

describe('openServices vault and key pairing', () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  async function newHome(): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), 'butterfly-services-'));
    folders.push(home);
    return home;
  }

  /** The key account of the vault in this data folder, from its vault id file. */
  function accountOf(home: string): string {
    return vaultKeyAccount(readFileSync(join(home, VAULT_ID_FILE_NAME), 'utf8').trim());
  }

  function open(home: string, store: MemorySecretStoreForTests, create?: boolean): Promise<ButterflyServices> {
    return openServices({ env: { BUTTERFLY_HOME: home }, logger: silentLogger(), secretStoreForTests: store, create });
  }

  it('creates key and vault together', async () => {
    const home = await newHome();
    const store = new MemorySecretStoreForTests();
    (await open(home, store)).close();

    expect(await store.get(accountOf(home))).toBeDefined();
    expect(statSync(join(home, VAULT_FILE_NAME)).size).toBeGreaterThan(0);
    expect(existsSync(join(home, 'setup.lock'))).toBe(false);
  });

  it.each([true, false])('rejects a missing vault file (create %s)', async (create) => {
    const home = await newHome();
    const store = new MemorySecretStoreForTests();
    (await open(home, store)).close();
    await rm(join(home, VAULT_FILE_NAME));
    const vaultPath = join(home, VAULT_FILE_NAME);

    const opening = open(home, store, create);

    await expect(opening).rejects.toMatchObject({ code: 'VAULT_FILE_MISSING' });
    await expect(opening).rejects.toThrow(`${vaultPath} is missing`);
    expect(existsSync(vaultPath)).toBe(false);
  });

  it.each([true, false])('rejects an empty vault file (create %s)', async (create) => {
    const home = await newHome();
    const store = new MemorySecretStoreForTests();
    (await open(home, store)).close();
    const vaultPath = join(home, VAULT_FILE_NAME);
    writeFileSync(vaultPath, '');

    const opening = open(home, store, create);

    await expect(opening).rejects.toMatchObject({ code: 'VAULT_FILE_MISSING' });
    await expect(opening).rejects.toThrow(`${vaultPath} is empty`);
    expect(statSync(vaultPath).size).toBe(0);
  });

  it.each([true, false])('rejects a vault without key (create %s)', async (create) => {
    const home = await newHome();
    const store = new MemorySecretStoreForTests();
    (await open(home, store)).close();
    await store.delete(accountOf(home));

    const opening = open(home, store, create);

    await expect(opening).rejects.toMatchObject({ code: 'VAULT_KEY_MISSING' });
    await expect(opening).rejects.toThrow(store.description);
    expect(await store.get(accountOf(home))).toBeUndefined();
  });

  it('read-only open creates nothing', async () => {
    const home = join(await newHome(), 'not-yet');
    const store = new MemorySecretStoreForTests();

    const opening = open(home, store, false);

    await expect(opening).rejects.toMatchObject({ code: 'VAULT_NOT_CREATED' });
    expect(existsSync(home)).toBe(false);
  });

  it('two data folders get two keys', async () => {
    const store = new MemorySecretStoreForTests();
    const first = await newHome();
    const second = await newHome();
    (await open(first, store)).close();
    (await open(second, store)).close();

    expect(accountOf(first)).not.toBe(accountOf(second));
    expect(await store.get(accountOf(first))).not.toBe(await store.get(accountOf(second)));
  });

  it('read-only open opens an existing vault', async () => {
    const home = await newHome();
    const store = new MemorySecretStoreForTests();
    (await open(home, store)).close();

    const services = await open(home, store, false);

    expect(services.vault.listSnapshots()).toEqual([]);
    services.close();
  });
});

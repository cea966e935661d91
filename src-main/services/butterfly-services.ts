import { randomUUID } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import { withDataFolderLock } from '../secrets/data-folder-lock.js';
import { dataFolderPath, resolveDataFolder } from '../secrets/data-folder.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import type { PassphrasePrompt } from '../secrets/passphrase-secret-store.js';
import { vaultKeyAccount, type SecretStore } from '../secrets/secret-store.js';
import { createVaultKey, loadVaultKey } from '../secrets/vault-key.js';
import { Vault } from '../vault/vault.js';

/** File name of the vault inside the data folder. */
export const VAULT_FILE_NAME = 'vault.db';

export interface ServicesOptions {
  /** Environment to read BUTTERFLY_HOME, BUTTERFLY_SECRET_STORE and BUTTERFLY_PASSPHRASE from. */
  env: NodeJS.ProcessEnv;
  logger: Logger;
  promptPassphrase?: PassphrasePrompt;
  /** Keychain service name; tests pass their own so they never touch the user's entries. */
  keyringService?: string;
  /**
   * Whether a missing data folder, vault key and vault may be created. Read-only commands pass
   * false, so they never write a key or an empty vault. Defaults to true. NOTE: opening an
   * existing vault still applies pending schema migrations, even with false.
   */
  create?: boolean;
  /** Test only: a secret store to use in place of the one BUTTERFLY_SECRET_STORE selects. */
  secretStoreForTests?: SecretStore;
}

/** The services every Butterfly front end (CLI, desktop app, tests) builds on: one composition root. */
export interface ButterflyServices {
  /** The data folder holding the vault. */
  home: string;
  secrets: SecretStore;
  vault: Vault;
  logger: Logger;
  close(): void;
}

/** Stable codes of ServicesError. */
export type ServicesErrorCode = 'VAULT_FILE_MISSING' | 'VAULT_KEY_MISSING' | 'VAULT_NOT_CREATED' | 'VAULT_ID_INVALID';

/** The vault key and the vault file do not belong together, or there is no vault yet. */
export class ServicesError extends Error {
  constructor(
    readonly code: ServicesErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServicesError';
  }
}

/**
 * Opens the data folder, the secret store, the vault key and the vault, in that order. Each
 * step throws its own typed error naming what is missing and how to fix it.
 *
 * The vault key and the vault are created only together, on a data folder that has neither,
 * and only with `create`. A key without a vault file, or a vault file without a key, throws a
 * ServicesError instead, because creating the missing half would hide lost data. Creation runs
 * under the data folder lock, so two processes started at once create one key and one vault.
 */
export async function openServices(options: ServicesOptions): Promise<ButterflyServices> {
  const create = options.create ?? true;
  const home = create ? await resolveDataFolder(options.env) : dataFolderPath(options.env);
  const vaultPath = join(home, VAULT_FILE_NAME);

  const secrets =
    options.secretStoreForTests ??
    (await openSecretStore({ home, env: options.env, promptPassphrase: options.promptPassphrase, keyringService: options.keyringService }));

  const openVault = (vaultKey: Buffer): Vault => {
    try {
      return Vault.open({ path: vaultPath, vaultKey, logger: options.logger });
    } finally {
      vaultKey.fill(0);
    }
  };

  const vault = create
    ? await withDataFolderLock(home, async () => openVault(await obtainVaultKey(secrets, await vaultAccount(home, vaultPath, true), vaultPath, true)))
    : openVault(await obtainVaultKey(secrets, await vaultAccount(home, vaultPath, false), vaultPath, false));

  return { home, secrets, vault, logger: options.logger, close: () => vault.close() };
}

/**
 * Returns the stored vault key after checking that the vault file exists and is not empty. When
 * the store has no key and the file is missing or empty, creates a key if `create` is set (the
 * caller holds the data folder lock then) and throws VAULT_NOT_CREATED otherwise.
 */
async function obtainVaultKey(secrets: SecretStore, account: string, vaultPath: string, create: boolean): Promise<Buffer> {
  const key = await loadVaultKey(secrets, account);
  const fileState = await vaultFileState(vaultPath);

  if (key === undefined) {
    if (fileState === 'present') throw keyMissing(secrets, account, vaultPath);
    if (!create) throw noVaultYet(vaultPath);
    return createVaultKey(secrets, account);
  }
  if (fileState !== 'present') {
    key.fill(0);
    throw vaultFileMissing(vaultPath, account, fileState);
  }
  return key;
}

/** Name of the file beside vault.db that contains the vault's random id. */
export const VAULT_ID_FILE_NAME = 'vault-id';

/**
 * Returns the secret store account of this data folder's vault key, from the vault id file. The
 * file is created with a new random id only when `create` is set and there is no vault yet (the
 * caller holds the data folder lock then).
 */
async function vaultAccount(home: string, vaultPath: string, create: boolean): Promise<string> {
  const idPath = join(home, VAULT_ID_FILE_NAME);
  try {
    const id = (await readFile(idPath, 'utf8')).trim();
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new ServicesError('VAULT_ID_INVALID', `The vault id file ${idPath} is damaged. Restore it from a backup of the data folder.`);
    return vaultKeyAccount(id);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }

  if ((await vaultFileState(vaultPath)) === 'present') {
    throw new ServicesError('VAULT_ID_INVALID', `The vault id file ${idPath} is missing beside ${vaultPath}. Restore it from a backup of the data folder.`);
  }
  if (!create) throw noVaultYet(vaultPath);
  // NOTE: a crash after this write and before vault.db gets its first page leaves an id (and
  // perhaps a key) without a vault, which the next start reports as a missing vault file.
  const id = randomUUID();
  await writeFile(idPath, `${id}\n`, { mode: 0o600 });
  return vaultKeyAccount(id);
}

/**
 * Returns `missing` for no file, `empty` for a file of 0 bytes and `present` otherwise. Vault.open
 * creates the file empty before SQLite writes its first page, so an empty file contains no data.
 */
async function vaultFileState(vaultPath: string): Promise<'missing' | 'empty' | 'present'> {
  try {
    return (await stat(vaultPath)).size === 0 ? 'empty' : 'present';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function vaultFileMissing(vaultPath: string, account: string, fileState: 'missing' | 'empty'): ServicesError {
  return new ServicesError(
    'VAULT_FILE_MISSING',
    `The vault key exists but the vault file ${vaultPath} is ${fileState}. Restore vault.db from a backup. ` +
      `To start over with an empty vault instead, delete the vault key (account '${account}') from the secret store; ` +
      'every snapshot in the lost vault stays unreadable.',
  );
}

function keyMissing(secrets: SecretStore, account: string, vaultPath: string): ServicesError {
  return new ServicesError(
    'VAULT_KEY_MISSING',
    `The vault key (account '${account}') is missing from the ${secrets.description}, so the vault ${vaultPath} cannot be opened. ` +
      'Put the key back from the recovery kit, or select the secret store that holds it with BUTTERFLY_SECRET_STORE.',
  );
}

function noVaultYet(vaultPath: string): ServicesError {
  return new ServicesError(
    'VAULT_NOT_CREATED',
    `There is no vault at ${vaultPath} yet. Add a connection or take a snapshot first, which creates the vault.`,
  );
}

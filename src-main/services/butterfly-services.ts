import { join } from 'node:path';
import type { Logger } from '../logging/logger.js';
import { resolveDataFolder } from '../secrets/data-folder.js';
import { openSecretStore } from '../secrets/open-secret-store.js';
import type { PassphrasePrompt } from '../secrets/passphrase-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { loadOrCreateVaultKey } from '../secrets/vault-key.js';
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

/**
 * Opens the data folder, the secret store, the vault key and the vault, in that order. Each
 * step throws its own typed error naming what is missing and how to fix it.
 */
export async function openServices(options: ServicesOptions): Promise<ButterflyServices> {
  const home = await resolveDataFolder(options.env);
  const secrets = await openSecretStore({
    home,
    env: options.env,
    promptPassphrase: options.promptPassphrase,
    keyringService: options.keyringService,
  });
  const vaultKey = await loadOrCreateVaultKey(secrets);
  const vault = Vault.open({ path: join(home, VAULT_FILE_NAME), vaultKey, logger: options.logger });
  vaultKey.fill(0);
  return { home, secrets, vault, logger: options.logger, close: () => vault.close() };
}

import type { SecretStore } from './secret-store.js';

/**
 * A secret store in process memory, for unit tests of code that needs a SecretStore. It keeps
 * nothing after the process ends, so `openSecretStore` never offers it to users.
 */
export class MemorySecretStoreForTests implements SecretStore {
  readonly description = 'in-memory secret store (tests only)';
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | undefined> {
    return this.secrets.get(account);
  }

  async set(account: string, value: string): Promise<void> {
    this.secrets.set(account, value);
  }

  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }

  /** Lists the accounts that have a secret, so tests can check what was stored. */
  accounts(): string[] {
    return [...this.secrets.keys()];
  }
}

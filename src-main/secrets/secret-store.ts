/**
 * Where Butterfly keeps secrets: the vault key and the credentials of each connection. The
 * default store is the operating system's keychain; the only other store is an opt-in key
 * file wrapped with a passphrase. Values are opaque UTF-8 strings.
 */
export interface SecretStore {
  /** A short name for messages, such as `Secret Service (gnome-keyring)` or `passphrase key file`. */
  readonly description: string;
  /** Returns the secret stored under `account`, or undefined when there is none. */
  get(account: string): Promise<string | undefined>;
  /** Stores or replaces the secret under `account`. */
  set(account: string, value: string): Promise<void>;
  /** Removes the secret under `account`; does nothing when there is none. */
  delete(account: string): Promise<void>;
}

/** Account name of the vault key in the secret store, for a store that serves one vault. */
export const VAULT_KEY_ACCOUNT = 'vault-key';

/**
 * Account name of one vault's key. Each data folder's vault has a random id (the `vault-id`
 * file beside `vault.db`), so two data folders never share a key entry in the OS keychain.
 */
export function vaultKeyAccount(vaultId: string): string {
  return `${VAULT_KEY_ACCOUNT}:${vaultId}`;
}

/** Account name of a connection's credential in the secret store. */
export function connectionCredentialAccount(connectionId: string): string {
  return `connection:${connectionId}`;
}

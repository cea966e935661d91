import { AsyncEntry } from '@napi-rs/keyring';
import type { SecretStore } from './secret-store.js';
import { SecretStoreOperationError, SecretStoreUnavailableError } from './secret-store-errors.js';

/** Service name under which Butterfly's entries appear in the OS keychain. */
export const DEFAULT_KEYRING_SERVICE = 'butterfly';

export interface KeyringSecretStoreOptions {
  /** Keychain service name. Tests pass their own so they never touch the user's real entries. */
  service?: string;
  /** Platform whose keychain is described in messages; defaults to the running one. */
  platform?: NodeJS.Platform;
}

type KeyringOperation = 'read' | 'write' | 'delete';

/**
 * The OS keychain through @napi-rs/keyring: the macOS Keychain, the Windows Credential Manager,
 * or on Linux the freedesktop Secret Service over D-Bus (gnome-keyring, KeePassXC, KWallet).
 * Each account is one entry of the service.
 */
export class KeyringSecretStore implements SecretStore {
  readonly description: string;
  private readonly service: string;
  private readonly platform: NodeJS.Platform;

  constructor(options: KeyringSecretStoreOptions = {}) {
    this.service = options.service ?? DEFAULT_KEYRING_SERVICE;
    this.platform = options.platform ?? process.platform;
    this.description = `${keychainName(this.platform)} (service '${this.service}')`;
  }

  async get(account: string): Promise<string | undefined> {
    try {
      const value = await this.entry(account).getPassword();
      return value ?? undefined;
    } catch (error) {
      throw this.translateError(error, 'read', account);
    }
  }

  async set(account: string, value: string): Promise<void> {
    try {
      await this.entry(account).setPassword(value);
    } catch (error) {
      throw this.translateError(error, 'write', account);
    }
  }

  async delete(account: string): Promise<void> {
    try {
      await this.entry(account).deleteCredential();
    } catch (error) {
      throw this.translateError(error, 'delete', account);
    }
  }

  // Without the pin, the binding falls back on Linux to the kernel keyring (keyutils), whose
  // entries are lost at reboot, so the vault key would vanish and the vault with it.
  private entry(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
  }

  private translateError(error: unknown, operation: KeyringOperation, account: string): Error {
    const detail = error instanceof Error ? error.message : String(error);

    if (isUnavailableMessage(detail)) {
      return new SecretStoreUnavailableError(unavailableMessage(this.platform, detail), { cause: error });
    }

    return new SecretStoreOperationError(
      `Failed to ${operation} the secret '${account}' in the ${this.description}: ${detail}. ` +
        `Check the entry with ${keychainTool(this.platform)}, then retry.`,
      { cause: error },
    );
  }
}

/**
 * Checks whether a keyring error means that the keychain as a whole cannot be used. Such errors
 * are keyring-core's `NoStorageAccess` (a locked keychain, a dismissed unlock prompt, denied
 * access) and, on Linux, any D-Bus failure (no session bus, no Secret Service provider on it).
 * The binding gives every error the code `GenericFailure`, so the check matches the message
 * texts of @napi-rs/keyring 2.1.2.
 */
function isUnavailableMessage(message: string): boolean {
  return (
    message.startsWith("Couldn't access platform storage") ||
    /\bD-?Bus\b/i.test(message) ||
    /secret service provider/i.test(message)
  );
}

function unavailableMessage(platform: NodeJS.Platform, detail: string): string {
  const optIn = 'or opt in to the passphrase key file by setting BUTTERFLY_SECRET_STORE=passphrase';

  if (platform === 'darwin') {
    return `The macOS Keychain is not available (${detail}). Unlock the login keychain in Keychain Access and allow Butterfly to use it, ${optIn}.`;
  }
  if (platform === 'win32') {
    return `The Windows Credential Manager is not available (${detail}). Sign in to a normal user session, ${optIn}.`;
  }
  return (
    `The freedesktop Secret Service is not available over D-Bus (${detail}). ` +
    `Install and unlock a Secret Service provider such as gnome-keyring or KeePassXC (with its Secret Service integration on), ${optIn}.`
  );
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'freedesktop Secret Service';
}

function keychainTool(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Keychain Access';
  if (platform === 'win32') return 'Credential Manager in the Control Panel';
  return 'the provider\'s own tool (Seahorse for gnome-keyring, the KeePassXC window)';
}

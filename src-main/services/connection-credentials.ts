import type { OktaCredential } from '../okta/okta-client.js';
import { connectionCredentialAccount, type SecretStore } from '../secrets/secret-store.js';
import type { ConnectionRecord } from '../vault/vault-types.js';

/** The secret a connection keeps in the secret store: an API token or a service app's private key. */
export type StoredSecret = { type: 'api-token'; token: string } | { type: 'private-key'; privateKeyPem: string };

/** A connection's credential is missing from the secret store; the connection must be saved again. */
export class CredentialMissingError extends Error {
  constructor(connectionName: string, storeDescription: string) {
    super(
      `The credential of connection '${connectionName}' is not in the ${storeDescription}. ` +
        `Save it again with 'butterfly connect ${connectionName} … --replace'.`,
    );
    this.name = 'CredentialMissingError';
  }
}

export async function saveConnectionSecret(store: SecretStore, connectionId: string, secret: StoredSecret): Promise<void> {
  await store.set(connectionCredentialAccount(connectionId), JSON.stringify(secret));
}

export async function deleteConnectionSecret(store: SecretStore, connectionId: string): Promise<void> {
  await store.delete(connectionCredentialAccount(connectionId));
}

/** Reads a connection's secret and joins it with the connection's public settings into an Okta credential. */
export async function loadOktaCredential(store: SecretStore, connection: ConnectionRecord): Promise<OktaCredential> {
  const text = await store.get(connectionCredentialAccount(connection.id));
  if (text === undefined) throw new CredentialMissingError(connection.name, store.description);
  const secret = parseSecret(text, connection.name);

  if (connection.auth.type === 'api-token') {
    if (secret.type !== 'api-token') throw new CredentialMissingError(connection.name, store.description);
    return { type: 'api-token', token: secret.token };
  }
  if (secret.type !== 'private-key') throw new CredentialMissingError(connection.name, store.description);
  return {
    type: 'private-key',
    clientId: connection.auth.clientId,
    scopes: connection.auth.scopes,
    privateKeyPem: secret.privateKeyPem,
    ...(connection.auth.keyId ? { keyId: connection.auth.keyId } : {}),
  };
}

function parseSecret(text: string, connectionName: string): StoredSecret {
  try {
    const parsed = JSON.parse(text) as Partial<StoredSecret>;
    if (parsed.type === 'api-token' && typeof (parsed as { token?: unknown }).token === 'string') return parsed as StoredSecret;
    if (parsed.type === 'private-key' && typeof (parsed as { privateKeyPem?: unknown }).privateKeyPem === 'string') return parsed as StoredSecret;
  } catch {
    // Falls through to the error below, which names the connection but never the value.
  }
  throw new Error(`The stored credential of connection '${connectionName}' is unreadable. Save it again with 'butterfly connect ${connectionName} … --replace'.`);
}

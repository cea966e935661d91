import { CAPTURE_SCOPES, createOktaClient, type OktaCredential } from '../okta/okta-client.js';
import { OktaTransport } from '../okta/okta-transport.js';
import type { ConnectionAuth, ConnectionRecord } from '../vault/vault-types.js';
import type { ButterflyServices } from './butterfly-services.js';
import { saveConnectionSecret, type StoredSecret } from './connection-credentials.js';

/** A connection to save, with its secret; the secret goes to the secret store, never to the vault. */
export interface NewConnection {
  name: string;
  /** The org's address without a path, already checked by the caller. */
  orgUrl: string;
  credential:
    | { type: 'api-token'; token: string }
    | { type: 'private-key'; clientId: string; privateKeyPem: string; scopes?: string[]; keyId?: string };
  replace: boolean;
}

/** A connection with this name exists and the caller did not ask to replace it. */
export class ConnectionExistsError extends Error {
  constructor(name: string) {
    super(`A connection named '${name}' already exists. Choose another name, or replace the saved one.`);
    this.name = 'ConnectionExistsError';
  }
}

/** The org did not accept the credential on a one-request check, so nothing was saved. */
export class CredentialCheckError extends Error {
  constructor(orgUrl: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message.trim() : String(cause);
    super(`The credential did not work against ${orgUrl}: ${reason.replace(/[.]?$/, '.')} Check the token or key and the org URL.`, { cause });
    this.name = 'CredentialCheckError';
  }
}

/**
 * Checks the credential with one read, then saves the connection in the vault and its secret
 * in the secret store, as `butterfly connect` does. Nothing is saved when the check fails.
 */
export async function addConnection(services: ButterflyServices, input: NewConnection): Promise<ConnectionRecord> {
  if (!input.replace && services.vault.findConnection(input.name)) throw new ConnectionExistsError(input.name);
  const { auth, secret } = splitCredential(input.credential);

  await checkCredential(input.orgUrl, toOktaCredential(auth, secret));

  const record = services.vault.saveConnection({ name: input.name, orgUrl: input.orgUrl, auth }, { replace: input.replace });
  await saveConnectionSecret(services.secrets, record.id, secret);
  services.logger.info({ connection: record.id, auth: auth.type }, 'connection saved');
  return record;
}

/** Splits what the user entered into the public settings (vault) and the secret (secret store). */
function splitCredential(credential: NewConnection['credential']): { auth: ConnectionAuth; secret: StoredSecret } {
  if (credential.type === 'api-token') return { auth: { type: 'api-token' }, secret: { type: 'api-token', token: credential.token } };
  const scopes = credential.scopes !== undefined && credential.scopes.length > 0 ? credential.scopes : CAPTURE_SCOPES;
  return {
    auth: { type: 'private-key', clientId: credential.clientId, scopes, ...(credential.keyId ? { keyId: credential.keyId } : {}) },
    secret: { type: 'private-key', privateKeyPem: credential.privateKeyPem },
  };
}

/** Joins a connection's public settings and its secret into the credential the Okta client takes. */
export function toOktaCredential(auth: ConnectionAuth, secret: StoredSecret): OktaCredential {
  if (secret.type === 'api-token') return { type: 'api-token', token: secret.token };
  if (auth.type !== 'private-key') throw new Error('A private key needs a service app connection with a client id.');
  return { type: 'private-key', clientId: auth.clientId, scopes: auth.scopes, privateKeyPem: secret.privateKeyPem, ...(auth.keyId ? { keyId: auth.keyId } : {}) };
}

async function checkCredential(orgUrl: string, credential: OktaCredential): Promise<void> {
  const transport = new OktaTransport(createOktaClient(orgUrl, credential), { maxAttempts: 2 });
  try {
    await transport.getJson('/api/v1/apps?limit=1');
  } catch (error) {
    throw new CredentialCheckError(orgUrl, error);
  }
}

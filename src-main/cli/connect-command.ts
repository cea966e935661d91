import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CAPTURE_SCOPES, createOktaClient, type OktaCredential } from '../okta/okta-client.js';
import { OktaTransport } from '../okta/okta-transport.js';
import { saveConnectionSecret, type StoredSecret } from '../services/connection-credentials.js';
import type { ConnectionAuth } from '../vault/vault-types.js';
import { CommandError, type CommandIo } from './command-io.js';
import { parseCommandArgs, singlePositional } from './parse-options.js';
import { OktaRequestError } from '../okta/okta-request-error.js';
import { withServices } from './with-services.js';

const HELP = `Usage: butterfly connect <name> --org-url URL (--token-stdin | --client-id ID --key-file PEM [--scopes S …] [--key-id KID]) [--replace] [--no-check]

Saves a connection to an Okta org. The credential goes to the OS keychain, never to the vault,
a log or the screen. Before saving, Butterfly reads one app to check that the credential works.

Options:
  --org-url URL       The org's URL, such as https://acme.okta.com (plain http only on loopback:
                      127.0.0.1, localhost or [::1]).
  --token-stdin       Read an API token (SSWS) from standard input.
  --client-id ID      Client id of an OAuth 2.0 service app using private_key_jwt.
  --key-file PEM      The service app's private key (PEM, RSA; the Okta SDK signs with RS256).
  --scopes S          Scopes to request, space- or comma-separated (default: the read-only
                      scopes a snapshot needs).
  --key-id KID        Key id of the service app's public key, when Okta holds several.
  --replace           Replace a saved connection with the same name.
  --no-check          Save without checking the credential against the org.`;

/** Implements `butterfly connect`. */
export async function runConnectCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.some((arg) => arg === '--token' || arg.startsWith('--token='))) {
    throw new CommandError('There is no --token option: pass the token on standard input with --token-stdin, so it stays out of the shell history and the process list.');
  }
  const { values, positionals } = parseCommandArgs(argv, {
    'org-url': { type: 'string' },
    'token-stdin': { type: 'boolean' },
    'client-id': { type: 'string' },
    'key-file': { type: 'string' },
    scopes: { type: 'string', multiple: true },
    'key-id': { type: 'string' },
    replace: { type: 'boolean' },
    'no-check': { type: 'boolean' },
    help: { type: 'boolean' },
  }, HELP);
  if (values.help) {
    io.out(HELP);
    return 0;
  }

  const name = singlePositional(positionals, 'connection name', HELP);
  const orgUrl = parseOrgUrl(values['org-url']);
  const { auth, secret } = await readCredential(values, io);

  return withServices(io, async (services) => {
    if (values.replace !== true && services.vault.findConnection(name)) {
      throw new CommandError(`A connection named '${name}' already exists. Choose another name, or pass --replace to overwrite it.`);
    }
    if (!values['no-check']) await checkCredential(orgUrl, auth, secret);
    const record = services.vault.saveConnection({ name, orgUrl, auth }, { replace: values.replace === true });
    await saveConnectionSecret(services.secrets, record.id, secret);
    io.out(`Saved connection '${record.name}' to ${record.orgUrl} (${describeAuth(record.auth)}); the credential is in the ${services.secrets.description}.`);
    return 0;
  });
}

function parseOrgUrl(raw: string | undefined): string {
  if (raw === undefined) throw new CommandError(`Missing --org-url.\n\n${HELP}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CommandError(`Invalid --org-url '${raw}': use the org's address, such as https://acme.okta.com.`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new CommandError(`Invalid --org-url '${raw}': Okta orgs are reached over https; plain http is allowed only for a sandbox on 127.0.0.1.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new CommandError(`Invalid --org-url '${raw}': give the org's address without a path, such as ${url.origin}.`);
  }
  return url.origin;
}

interface CredentialOptions {
  'token-stdin'?: boolean;
  'client-id'?: string;
  'key-file'?: string;
  scopes?: string[];
  'key-id'?: string;
}

async function readCredential(values: CredentialOptions, io: CommandIo): Promise<{ auth: ConnectionAuth; secret: StoredSecret }> {
  const usesToken = values['token-stdin'] === true;
  const usesKey = values['client-id'] !== undefined || values['key-file'] !== undefined;
  if (usesToken === usesKey) throw new CommandError(`Give either --token-stdin or --client-id with --key-file.\n\n${HELP}`);

  if (usesToken) {
    if (!io.readStdin) throw new CommandError('--token-stdin needs standard input, which this caller does not provide.');
    const token = (await io.readStdin()).trim();
    if (token === '' || /\s/.test(token)) throw new CommandError('--token-stdin read no API token: pipe the token alone, for example: printf %s "$OKTA_TOKEN" | butterfly connect …');
    return { auth: { type: 'api-token' }, secret: { type: 'api-token', token } };
  }

  const clientId = values['client-id'];
  const keyFile = values['key-file'];
  if (!clientId || !keyFile) throw new CommandError(`--client-id and --key-file go together.\n\n${HELP}`);
  const privateKeyPem = await readPrivateKey(keyFile);
  const scopes = values.scopes?.flatMap((entry) => entry.split(/[\s,]+/)).filter(Boolean) ?? CAPTURE_SCOPES;
  const auth: ConnectionAuth = { type: 'private-key', clientId, scopes, ...(values['key-id'] ? { keyId: values['key-id'] } : {}) };
  return { auth, secret: { type: 'private-key', privateKeyPem } };
}

async function readPrivateKey(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CommandError(`Cannot read --key-file '${path}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  let keyType: string | undefined;
  try {
    keyType = createPrivateKey(text).asymmetricKeyType;
  } catch {
    throw new CommandError(`--key-file '${path}' contains no unencrypted PEM private key. Export the service app's RSA private key in PEM form, without a passphrase.`);
  }
  if (keyType !== 'rsa') {
    throw new CommandError(`--key-file '${path}' contains a ${keyType ?? 'non-RSA'} key; the Okta SDK signs client assertions with RS256 only, so give the service app an RSA key.`);
  }
  return text;
}

/** Reads one app with the credential, so a wrong token or key fails now rather than at the first snapshot. */
async function checkCredential(orgUrl: string, auth: ConnectionAuth, secret: StoredSecret): Promise<void> {
  const credential: OktaCredential = secret.type === 'api-token'
    ? { type: 'api-token', token: secret.token }
    : { type: 'private-key', clientId: auth.type === 'private-key' ? auth.clientId : '', scopes: auth.type === 'private-key' ? auth.scopes : [], privateKeyPem: secret.privateKeyPem, ...(auth.type === 'private-key' && auth.keyId ? { keyId: auth.keyId } : {}) };
  const transport = new OktaTransport(createOktaClient(orgUrl, credential), { maxAttempts: 2 });
  try {
    await transport.getJson('/api/v1/apps?limit=1');
  } catch (error) {
    if (error instanceof OktaRequestError && error.status === undefined) {
      throw new Error(`Cannot reach ${orgUrl}: ${sentence(error.message)} Check the org URL and the network, or save anyway with --no-check.`, { cause: error });
    }
    throw new Error(`The credential did not work against ${orgUrl}: ${sentence((error as Error).message)} Check it, or save anyway with --no-check.`, { cause: error });
  }
}

function describeAuth(auth: ConnectionAuth): string {
  return auth.type === 'api-token' ? 'API token' : `service app ${auth.clientId}, scopes ${auth.scopes.join(' ')}`;
}

/** Ends a message with a full stop, so another sentence can follow it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

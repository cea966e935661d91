import { isJsonObject } from '../../src-shared/json/json-types.js';
import { invalidConnectionInput } from './vault-errors.js';
import type { ConnectionAuth } from './vault-types.js';

/** Input to `saveConnection`. */
export interface SaveConnectionInput {
  name: string;
  orgUrl: string;
  auth: ConnectionAuth;
}

/** Maximum connection name length, in UTF-16 code units. */
export const MAX_CONNECTION_NAME_LENGTH = 100;

/**
 * Checks a connection before it is saved: a name of 1 to 100 characters without control
 * characters or surrounding spaces, an absolute http or https org URL, and a known sign-in
 * setting. Throws `invalid-connection-input`; only the name, which the user chose, may appear
 * in a message.
 */
export function checkConnectionInput(input: SaveConnectionInput): SaveConnectionInput {
  checkName(input.name);
  checkOrgUrl(input.orgUrl);

  const authProblem = connectionAuthProblem(input.auth);
  if (authProblem !== undefined) throw invalidConnectionInput(`its sign-in settings are invalid: ${authProblem}`);

  return { name: input.name, orgUrl: input.orgUrl, auth: copyAuth(input.auth) };
}

/** Describes what is wrong with a sign-in setting, or returns undefined when it is valid. */
export function connectionAuthProblem(auth: unknown): string | undefined {
  if (!isJsonObject(auth)) return 'it is not an object';
  if (auth['type'] === 'api-token') return undefined;
  if (auth['type'] !== 'private-key') return `the type "${String(auth['type'])}" is not api-token or private-key`;

  if (typeof auth['clientId'] !== 'string' || auth['clientId'] === '') return 'the client id is empty';
  const scopes = auth['scopes'];
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && scope !== '')) return 'the scopes are not a list of names';
  if (auth['keyId'] !== undefined && typeof auth['keyId'] !== 'string') return 'the key id is not text';
  return undefined;
}

function checkName(name: unknown): void {
  if (typeof name !== 'string' || name.trim() === '') throw invalidConnectionInput('its name is empty');
  if (name !== name.trim()) throw invalidConnectionInput(`its name "${name}" starts or ends with a space`);
  if (name.length > MAX_CONNECTION_NAME_LENGTH) {
    throw invalidConnectionInput(`its name is ${name.length} characters long, more than the maximum of ${MAX_CONNECTION_NAME_LENGTH}`);
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f\u007f]/.test(name)) throw invalidConnectionInput('its name contains a control character');
}

function checkOrgUrl(orgUrl: unknown): void {
  if (typeof orgUrl !== 'string' || !URL.canParse(orgUrl)) throw invalidConnectionInput('its org URL is not an absolute URL such as https://example.okta.com');
  const protocol = new URL(orgUrl).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') throw invalidConnectionInput(`its org URL uses ${protocol}, not https`);
}

/** Copies only the known fields, so extra properties a caller passed are never stored. */
function copyAuth(auth: ConnectionAuth): ConnectionAuth {
  if (auth.type === 'api-token') return { type: 'api-token' };
  const copy: ConnectionAuth = { type: 'private-key', clientId: auth.clientId, scopes: [...auth.scopes] };
  if (auth.keyId !== undefined) copy.keyId = auth.keyId;
  return copy;
}

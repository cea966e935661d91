import { pointerTokens } from '../../src-shared/diff/findings/json-pointer.js';
import { isJsonObject, type JsonValue } from '../../src-shared/json/json-types.js';

/** The text that replaces a secret in the journal, in progress events and in results. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values are secrets wherever they appear in a request body: the SCIM bearer
 * token (`profile.token`), app passwords, OAuth client secrets and private keys.
 */
const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'token',
  'password',
  'client_secret',
  'clientSecret',
  'privateKey',
  'private_key',
  'apiToken',
  'accessToken',
  'access_token',
  'refresh_token',
  'passphrase',
]);

/** Inside a `credentials` object, `value` contains a secret too (the password of `credentials.password.value`). */
const CREDENTIALS_FIELD = 'credentials';
const VALUE_FIELD = 'value';

/**
 * Returns a copy of a JSON value with every secret replaced by `[redacted]`: the value of a
 * field named in SECRET_FIELDS at any depth, and of a `value` field anywhere below a
 * `credentials` object. The journal and progress events carry only redacted bodies.
 */
export function redactSecrets(value: JsonValue): JsonValue {
  return redactBelow(value, false);
}

/** Tells whether a JSON pointer designates a secret, by the same rules as `redactSecrets`. */
export function isSecretPointer(pointer: string): boolean {
  let underCredentials = false;
  for (const token of pointerTokens(pointer)) {
    if (SECRET_FIELDS.has(token) || (underCredentials && token === VALUE_FIELD)) return true;
    if (token === CREDENTIALS_FIELD) underCredentials = true;
  }
  return false;
}

function redactBelow(value: JsonValue, underCredentials: boolean): JsonValue {
  if (Array.isArray(value)) return value.map((item) => redactBelow(item, underCredentials));
  if (!isJsonObject(value)) return value;

  const copy: Record<string, JsonValue> = {};
  for (const [key, member] of Object.entries(value)) {
    const secret = SECRET_FIELDS.has(key) || (underCredentials && key === VALUE_FIELD);
    copy[key] = secret ? REDACTED : redactBelow(member, underCredentials || key === CREDENTIALS_FIELD);
  }
  return copy;
}

import { isJsonObject, type JsonObject, type JsonValue } from '../json/json-types.js';

/** The text that replaces a secret value. */
export const REDACTED = '[redacted]';

/**
 * Field names (compared ignoring case) whose string values are secrets. Capture never reads
 * SCIM tokens or private keys, but a body may still carry one (an app setting holding an API
 * token, a shared secret), and an attachment must not repeat it.
 */
const SECRET_FIELD_NAMES = new Set([
  'token', 'apitoken', 'accesstoken', 'access_token', 'refreshtoken', 'refresh_token', 'bearertoken',
  'secret', 'sharedsecret', 'client_secret', 'clientsecret', 'password', 'passphrase',
  'privatekey', 'private_key', 'authorization',
]);

/** A body with its secrets replaced, and the JSON pointers (RFC 6901) of the replaced values. */
export interface RedactedBody {
  body: JsonValue;
  redactedPaths: string[];
}

/**
 * Returns a copy of `body` with secret values replaced by `[redacted]`. A secret-named field
 * with a string value is replaced whole. A secret-named field holding an object has its string
 * `value` field replaced, the shape Okta uses for `credentials.password`. Other objects under a
 * secret name, such as a provisioning feature's password settings, are settings and are kept.
 */
export function redactSecrets(body: JsonValue): RedactedBody {
  const redactedPaths: string[] = [];
  return { body: redactValue(body, '', redactedPaths), redactedPaths };
}

function redactValue(value: JsonValue, pointer: string, redactedPaths: string[]): JsonValue {
  if (Array.isArray(value)) return value.map((item, index) => redactValue(item, `${pointer}/${index}`, redactedPaths));
  if (!isJsonObject(value)) return value;

  const copy: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    const memberPointer = `${pointer}/${escapePointerToken(key)}`;
    copy[key] = isSecretName(key) ? redactSecretMember(member, memberPointer, redactedPaths) : redactValue(member, memberPointer, redactedPaths);
  }
  return copy;
}

function redactSecretMember(member: JsonValue, pointer: string, redactedPaths: string[]): JsonValue {
  if (typeof member === 'string') {
    redactedPaths.push(pointer);
    return REDACTED;
  }
  if (isJsonObject(member) && typeof member['value'] === 'string') {
    redactedPaths.push(`${pointer}/value`);
    return { ...(redactValue(member, pointer, redactedPaths) as JsonObject), value: REDACTED };
  }
  return redactValue(member, pointer, redactedPaths);
}

function isSecretName(key: string): boolean {
  return SECRET_FIELD_NAMES.has(key.toLowerCase());
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

import { isUnder, pointerOf, pointerTokens } from '../../diff/findings/json-pointer.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../../json/json-types.js';

/**
 * Fields of an app body that a replace (`PUT /api/v1/apps/{appId}`) must not carry, from the
 * readOnly marks of the app schemas in Okta's Management API spec (release 2026.06.3). `*`
 * matches any array element. `/name` is readOnly for SAML 2.0 apps only: see
 * `readOnlyAppPointers`.
 */
const READ_ONLY_APP_FIELDS: readonly string[] = [
  '/id',
  '/created',
  '/lastUpdated',
  '/status',
  '/_links',
  '/_embedded',
  '/features',
  '/orn',
  '/expressConfiguration',
  '/universalLogout',
  '/credentials/signing/lastRotated',
  '/credentials/signing/nextRotation',
  '/settings/emOptInStatus',
  '/settings/oauthClient/jwks/keys/*/id',
  '/settings/oauthClient/jwks/keys/*/created',
  '/settings/oauthClient/jwks/keys/*/lastUpdated',
  '/settings/oauthClient/jwks/keys/*/_links',
];

/**
 * Secrets of an app body, never sent back: the password of a SWA or basic auth app is
 * write-only, and an OIDC client secret must not travel through a plan. Okta keeps the stored
 * secret when a replace leaves it out.
 */
export const APP_SECRET_FIELDS: readonly string[] = ['/credentials/password', '/credentials/oauthClient/client_secret'];

/** A value Okta shows in place of a secret, such as `********`. */
const MASKED_VALUE = /^\*{3,}$/;

/** The sign-on mode whose apps have a read-only `name` in the spec. */
const SAML_2_0 = 'SAML_2_0';

/** Lists the read-only field patterns for an app with this sign-on mode. */
export function readOnlyAppPointers(signOnMode: JsonValue | undefined): string[] {
  return signOnMode === SAML_2_0 ? [...READ_ONLY_APP_FIELDS, '/name'] : [...READ_ONLY_APP_FIELDS];
}

/** Tells whether a pointer lies at or below one of the patterns, where `*` in a pattern matches any one token. */
export function isUnderPattern(pointer: string, patterns: readonly string[]): boolean {
  const tokens = pointerTokens(pointer);
  return patterns.some((pattern) => {
    const patternTokens = pointerTokens(pattern);
    if (patternTokens.length > tokens.length) return false;
    return patternTokens.every((token, index) => token === '*' || token === tokens[index]);
  });
}

/**
 * Returns what a replace of this app may send: the body without read-only fields, secrets and
 * masked values. The result is a new object; `body` is not modified.
 */
export function writableAppBody(body: JsonValue | undefined): JsonObject {
  if (!isJsonObject(body)) return {};
  const patterns = [...readOnlyAppPointers(body['signOnMode']), ...APP_SECRET_FIELDS];
  const result = withoutPatterns(body, patterns, '');
  return isJsonObject(result) ? result : {};
}

/** Copies a value, leaving out every member whose pointer matches a pattern and every masked string. */
function withoutPatterns(value: JsonValue, patterns: readonly string[], pointer: string): JsonValue | undefined {
  if (pointer !== '' && isUnderPattern(pointer, patterns)) return undefined;
  if (typeof value === 'string') return MASKED_VALUE.test(value) ? undefined : value;

  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    value.forEach((item, index) => {
      const kept = withoutPatterns(item, patterns, `${pointer}/${index}`);
      if (kept !== undefined) items.push(kept);
    });
    return items;
  }

  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      const kept = withoutPatterns(member, patterns, `${pointer}${pointerOf(key)}`);
      if (kept !== undefined) copy[key] = kept;
    }
    return copy;
  }
  return value;
}

/** Tells whether a field scope pointer names a secret, or lies inside one. */
export function isSecretPointer(pointer: string): boolean {
  return APP_SECRET_FIELDS.some((secret) => isUnder(pointer, secret));
}

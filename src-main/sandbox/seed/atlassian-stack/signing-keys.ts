import { createHash, X509Certificate } from 'node:crypto';
import type { JsonObject } from '../../../../src-shared/json/json-types.js';
import { isJsonObject } from '../../../../src-shared/json/json-types.js';
import { isoTime } from './org-facts.js';

/**
 * SAML signing keys of the seed's Atlassian apps. The certificates are made once by
 * make-signing-keys.ts and committed, because a certificate contains a random key and signature.
 * Everything else in the key credential is derived from the certificate here, so the seed stays
 * byte-for-byte reproducible.
 */

/** One committed certificate: base64 DER, as it appears in a JWK's `x5c`. */
export interface SigningKeyMaterial {
  name: string;
  certificate: string;
}

/** The certificates the seed needs, by name. */
export const SIGNING_KEY_NAMES = {
  prodCurrent: 'atlassian-prod-2026',
  prodPrevious: 'atlassian-prod-2025',
  sandboxCurrent: 'atlassian-sandbox-2025',
} as const;

/**
 * Checks the parsed content of signing-keys.json and returns its keys. Throws an error that
 * names `source` and the bad entry when the shape is wrong or a certificate does not parse.
 */
export function parseSigningKeyFile(parsed: unknown, source: string): SigningKeyMaterial[] {
  if (!isJsonObject(parsed) || !Array.isArray(parsed['keys'])) {
    throw new Error(`Signing key file ${source} must be a JSON object with a 'keys' array. Regenerate it with make-signing-keys.ts.`);
  }

  return parsed['keys'].map((entry, index) => {
    if (!isJsonObject(entry) || typeof entry['name'] !== 'string' || typeof entry['certificate'] !== 'string') {
      throw new Error(`Signing key file ${source}: keys[${index}] must have string 'name' and 'certificate' fields.`);
    }
    const material = { name: entry['name'], certificate: entry['certificate'] };
    try {
      new X509Certificate(Buffer.from(material.certificate, 'base64'));
    } catch (error) {
      throw new Error(`Signing key file ${source}: certificate of '${material.name}' is not a valid base64 DER X.509 certificate.`, { cause: error });
    }
    return material;
  });
}

/** Returns the key named `name`. Throws when the file lacks it. */
export function findSigningKey(keys: readonly SigningKeyMaterial[], name: string): SigningKeyMaterial {
  const key = keys.find((candidate) => candidate.name === name);
  if (key === undefined) {
    throw new Error(`Signing key '${name}' is missing from signing-keys.json. Regenerate the file with make-signing-keys.ts.`);
  }
  return key;
}

/**
 * Builds the key credential (a JWK with `x5c`) that `GET /api/v1/apps/{appId}/credentials/keys`
 * returns for a certificate. `created` and `expiresAt` are the certificate's validity bounds,
 * `kid` is the base64url SHA-256 of the public key (SPKI DER), and `x5t#S256` is the base64url
 * SHA-256 of the certificate.
 */
export function toKeyCredential(material: SigningKeyMaterial): JsonObject {
  const der = Buffer.from(material.certificate, 'base64');
  const certificate = new X509Certificate(der);
  const jwk = certificate.publicKey.export({ format: 'jwk' });
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  if (jwk.kty !== 'RSA' || jwk.n === undefined || jwk.e === undefined) {
    throw new Error(`Signing key '${material.name}' is not an RSA key.`);
  }

  const created = isoTime(Date.parse(certificate.validFrom));
  return {
    created,
    lastUpdated: created,
    expiresAt: new Date(Date.parse(certificate.validTo)).toISOString(),
    x5c: [material.certificate],
    e: jwk.e,
    n: jwk.n,
    kid: createHash('sha256').update(spki).digest('base64url'),
    kty: 'RSA',
    use: 'sig',
    'x5t#S256': createHash('sha256').update(der).digest('base64url'),
  };
}

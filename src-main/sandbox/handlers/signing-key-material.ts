import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { JsonObject } from '../../../src-shared/json/json-types.js';

/**
 * Creates a SAML signing key credential as Okta lists it: an RSA 2048 key pair whose public
 * half is published as a JWK with a self-signed X.509 certificate in `x5c`. The private key
 * is discarded, as Okta never exposes it.
 */
export function createSigningKeyCredential(commonName: string, nowMs: number, validityYears: number): JsonObject {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const certificateDer = selfSignedCertificate(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    commonName,
    nowMs,
    validityYears,
  );

  const created = new Date(nowMs);
  const expiresAt = new Date(nowMs);
  expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + validityYears);
  return {
    created: created.toISOString(),
    lastUpdated: created.toISOString(),
    expiresAt: expiresAt.toISOString(),
    x5c: [certificateDer.toString('base64')],
    e: jwk.e ?? 'AQAB',
    n: jwk.n ?? '',
    kid: randomBytes(32).toString('base64url'),
    kty: 'RSA',
    use: 'sig',
    'x5t#S256': createHash('sha256').update(certificateDer).digest('base64url'),
  };
}

function selfSignedCertificate(publicPem: string, privatePem: string, commonName: string, nowMs: number, validityYears: number): Buffer {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicPem);
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = new Date(nowMs);
  certificate.validity.notAfter = new Date(nowMs);
  certificate.validity.notAfter.setUTCFullYear(certificate.validity.notAfter.getUTCFullYear() + validityYears);

  const subject = [
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Okta' },
    { name: 'organizationalUnitName', value: 'SSOProvider' },
    { name: 'countryName', value: 'US' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(forge.pki.privateKeyFromPem(privatePem), forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
}

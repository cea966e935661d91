/**
 * Creates resources/sandbox/atlassian-stack/signing-keys.json: one self-signed RSA 2048
 * certificate per signing key of the seed, with the subject layout Okta uses for app signing
 * certificates. Private keys are discarded, because the sandbox shows only the public half.
 *
 * Run once:  npx tsx src-main/sandbox/seed/atlassian-stack/make-signing-keys.ts [--force]
 * New keys change the certificates, kids and thumbprints in org.json, so run write-seed.ts
 * afterwards and commit both files. Without --force an existing file is left alone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { access, writeFile } from 'node:fs/promises';
import forge from 'node-forge';
import { SIGNING_KEYS_PATH } from './seed-files.js';
import { SIGNING_KEY_NAMES } from './signing-keys.js';

interface CertificatePlan {
  name: string;
  notBefore: string;
  validityYears: number;
}

/** Validity start of each key, which must fall inside the seed clock range of org-facts.ts. */
const CERTIFICATE_PLANS: readonly CertificatePlan[] = [
  { name: SIGNING_KEY_NAMES.prodPrevious, notBefore: '2025-02-24T16:20:31.000Z', validityYears: 2 },
  { name: SIGNING_KEY_NAMES.prodCurrent, notBefore: '2026-01-19T10:02:47.000Z', validityYears: 2 },
  { name: SIGNING_KEY_NAMES.sandboxCurrent, notBefore: '2025-06-09T13:45:05.000Z', validityYears: 2 },
];

/**
 * Subject of the key credential examples in Okta's Management API spec: Okta as organization,
 * SSOProvider as unit, and the org's subdomain as common name.
 */
const SUBJECT: forge.pki.CertificateField[] = [
  { name: 'countryName', value: 'US' },
  { name: 'stateOrProvinceName', value: 'California' },
  { name: 'localityName', value: 'San Francisco' },
  { name: 'organizationName', value: 'Okta' },
  { name: 'organizationalUnitName', value: 'SSOProvider' },
  { name: 'commonName', value: 'northwindquanta' },
  { name: 'emailAddress', value: 'info@okta.com' },
];

function makeCertificate(plan: CertificatePlan): string {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const notBefore = new Date(plan.notBefore);
  const notAfter = new Date(plan.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + plan.validityYears);

  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // A positive serial made from the validity start in milliseconds, as in Okta's example certificates.
  certificate.serialNumber = `0${notBefore.getTime().toString(16)}`;
  certificate.validity.notBefore = notBefore;
  certificate.validity.notAfter = notAfter;
  certificate.setSubject(SUBJECT);
  certificate.setIssuer(SUBJECT);
  certificate.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), forge.md.sha256.create());

  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes();
  return Buffer.from(der, 'binary').toString('base64');
}

async function fileExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const force = process.argv.includes('--force');
  if (!force && await fileExists(SIGNING_KEYS_PATH)) {
    console.error(`${SIGNING_KEYS_PATH} already exists. Pass --force to replace it, which changes every key in org.json.`);
    process.exitCode = 1;
    return;
  }

  const keys = CERTIFICATE_PLANS.map((plan) => ({ name: plan.name, certificate: makeCertificate(plan) }));
  const content = { generatedBy: 'src-main/sandbox/seed/atlassian-stack/make-signing-keys.ts', keys };
  await writeFile(SIGNING_KEYS_PATH, `${JSON.stringify(content, null, 2)}\n`);
  console.log(`Wrote ${keys.length} signing certificates to ${SIGNING_KEYS_PATH}.`);
}

await main();

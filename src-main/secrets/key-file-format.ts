import {
  AUTH_TAG_BYTES,
  IV_BYTES,
  SALT_BYTES,
  checkScryptParameters,
  type ScryptParameters,
  type SealedData,
} from './key-file-crypto.js';
import { KeyFileInvalidError } from './secret-store-errors.js';

/**
 * The passphrase key file, version 1. It is JSON with every binary field in base64:
 *
 *   { "format": "butterfly-secret-store", "version": 1,
 *     "kdf": { "algorithm": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<16 bytes>" },
 *     "cipher": { "algorithm": "aes-256-gcm", "iv": "<12 bytes>", "authTag": "<16 bytes>" },
 *     "ciphertext": "<AES-256-GCM of the JSON object { account: secret, … }>" }
 *
 * The KDF parameters are stored so that later versions can raise them without breaking old
 * files. Everything outside the ciphertext is authenticated as GCM additional data (see
 * `keyFileAdditionalData`), so a changed header fails like a wrong passphrase.
 */
export const KEY_FILE_FORMAT = 'butterfly-secret-store';
export const KEY_FILE_VERSION = 1;

export interface KeyFileKdf extends ScryptParameters {
  algorithm: 'scrypt';
  salt: Buffer;
}

export interface KeyFile {
  kdf: KeyFileKdf;
  sealed: SealedData;
}

/** Builds the GCM additional data from every header field, in a fixed order. */
export function keyFileAdditionalData(kdf: KeyFileKdf): Buffer {
  const header = [KEY_FILE_FORMAT, KEY_FILE_VERSION, kdf.algorithm, kdf.N, kdf.r, kdf.p, kdf.salt.toString('base64'), 'aes-256-gcm'];
  return Buffer.from(JSON.stringify(header), 'utf8');
}

export function serializeKeyFile(keyFile: KeyFile): string {
  const document = {
    format: KEY_FILE_FORMAT,
    version: KEY_FILE_VERSION,
    kdf: { algorithm: 'scrypt', N: keyFile.kdf.N, r: keyFile.kdf.r, p: keyFile.kdf.p, salt: keyFile.kdf.salt.toString('base64') },
    cipher: { algorithm: 'aes-256-gcm', iv: keyFile.sealed.iv.toString('base64'), authTag: keyFile.sealed.authTag.toString('base64') },
    ciphertext: keyFile.sealed.ciphertext.toString('base64'),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Parses and checks a key file's text. Throws KeyFileInvalidError naming the first problem,
 * including KDF parameters weaker than `minimum`.
 */
export function parseKeyFile(text: string, path: string, minimum: ScryptParameters): KeyFile {
  const invalid = (problem: string): KeyFileInvalidError =>
    new KeyFileInvalidError(
      `The key file ${path} is invalid: ${problem}. Restore it from a backup, or move it away to start an empty ` +
        'key file (the secrets in it are then lost).',
    );

  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw invalid('it is not JSON');
  }

  const root = asRecord(document);
  if (root?.['format'] !== KEY_FILE_FORMAT) throw invalid(`"format" is not "${KEY_FILE_FORMAT}"`);
  if (root['version'] !== KEY_FILE_VERSION) {
    throw invalid(`"version" is ${JSON.stringify(root['version'])}, and this Butterfly reads only version ${KEY_FILE_VERSION}`);
  }

  const kdf = asRecord(root['kdf']);
  if (kdf?.['algorithm'] !== 'scrypt') throw invalid('"kdf.algorithm" is not "scrypt"');
  const parameters = { N: kdf['N'], r: kdf['r'], p: kdf['p'] };
  if (![parameters.N, parameters.r, parameters.p].every((value) => typeof value === 'number')) {
    throw invalid('"kdf.N", "kdf.r" and "kdf.p" must be numbers');
  }
  const scryptParameters = parameters as ScryptParameters;
  const parameterProblem = checkScryptParameters(scryptParameters, minimum);
  if (parameterProblem !== undefined) throw invalid(`the scrypt parameters are not accepted: ${parameterProblem}`);

  const cipher = asRecord(root['cipher']);
  if (cipher?.['algorithm'] !== 'aes-256-gcm') throw invalid('"cipher.algorithm" is not "aes-256-gcm"');

  return {
    kdf: { algorithm: 'scrypt', ...scryptParameters, salt: decodeBase64(kdf['salt'], SALT_BYTES, 'kdf.salt', invalid) },
    sealed: {
      iv: decodeBase64(cipher['iv'], IV_BYTES, 'cipher.iv', invalid),
      authTag: decodeBase64(cipher['authTag'], AUTH_TAG_BYTES, 'cipher.authTag', invalid),
      ciphertext: decodeBase64(root['ciphertext'], undefined, 'ciphertext', invalid),
    },
  };
}

/**
 * Parses the decrypted content: a JSON object whose values are the secrets. Only a bug or a
 * file written by another program can make this fail, because GCM already authenticated it.
 */
export function parseSecrets(plaintext: Buffer, path: string): Map<string, string> {
  const invalid = new KeyFileInvalidError(
    `The key file ${path} decrypted, but its content is not a JSON object of strings. Restore the file from a backup.`,
  );

  let content: unknown;
  try {
    content = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw invalid;
  }

  const record = asRecord(content);
  if (record === undefined) throw invalid;

  const secrets = new Map<string, string>();
  for (const [account, value] of Object.entries(record)) {
    if (typeof value !== 'string') throw invalid;
    secrets.set(account, value);
  }
  return secrets;
}

export function serializeSecrets(secrets: Map<string, string>): Buffer {
  return Buffer.from(JSON.stringify(Object.fromEntries(secrets)), 'utf8');
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value as Record<string, unknown>;
}

function decodeBase64(
  value: unknown,
  expectedBytes: number | undefined,
  field: string,
  invalid: (problem: string) => KeyFileInvalidError,
): Buffer {
  // Buffer.from ignores characters outside the alphabet, so the text is checked first.
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw invalid(`"${field}" is not base64`);
  }

  const bytes = Buffer.from(value, 'base64');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) {
    throw invalid(`"${field}" has ${bytes.length} bytes instead of ${expectedBytes}`);
  }
  if (expectedBytes === undefined && bytes.length === 0) throw invalid(`"${field}" is empty`);
  return bytes;
}

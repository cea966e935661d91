import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import { isJsonObject } from '../../src-shared/json/json-types.js';
import { isResourceKind, type SnapshotResource } from '../../src-shared/snapshot/snapshot-model.js';
import { blobBinding } from './value-bindings.js';
import { hmacSha256, openSealedValue, sealValue, sha256, type VaultKeys } from './vault-crypto.js';
import { decryptFailed, invalidRow } from './vault-errors.js';
import { decodeUtf8, parseJson } from './row-checks.js';

/**
 * The blob format of a resource. The plaintext is the canonical JSON of
 * `{ kind, id, name, body }`, compressed with raw DEFLATE and then sealed under the binding
 * `blob:<key hex>`. Compression comes before encryption because ciphertext does not compress.
 * API bodies repeat field names and links, so DEFLATE shrinks them several times over. The
 * length of a compressed value reveals how repetitive it is. That matters only
 * where an attacker can both plant text next to a secret and watch the file size, and bodies
 * hold no secrets: SCIM tokens and private keys are never captured.
 */

/** A resource ready to store: its canonical JSON and the two digests of it. */
export interface EncodedResource {
  resource: SnapshotResource;
  canonical: string;
  /** HMAC-SHA256 under the content-address subkey: the blob's key. */
  key: Buffer;
  /** Unkeyed SHA-256, listed in the content hash. */
  digest: Buffer;
}

/** Builds the canonical JSON and digests of a resource. Throws when the body contains a non-JSON value. */
export function encodeResource(keys: VaultKeys, resource: SnapshotResource): EncodedResource {
  const canonical = canonicalJson({ kind: resource.kind, id: resource.id, name: resource.name, body: resource.body });
  return {
    resource,
    canonical,
    key: hmacSha256(keys.contentAddress, canonical),
    digest: sha256(canonical),
  };
}

export function sealResourceBlob(keys: VaultKeys, encoded: EncodedResource): Buffer {
  const compressed = deflateRawSync(Buffer.from(encoded.canonical, 'utf8'));
  return sealValue(keys.encryption, compressed, blobBinding(encoded.key.toString('hex')));
}

/** A blob read back: the resource and the canonical JSON it was stored as. */
export interface DecodedBlob {
  resource: SnapshotResource;
  canonical: string;
}

/**
 * Decrypts, inflates and parses a blob row. Throws `decrypt-failed` when authentication fails
 * and `invalid-row` when the plaintext is not a resource. It does not recompute the HMAC; the
 * binding already ties the ciphertext to its key, and `verify` recomputes it.
 */
export function openResourceBlob(keys: VaultKeys, blobKey: Buffer, sealed: Buffer, where: string): DecodedBlob {
  const compressed = openSealedValue(keys.encryption, sealed, blobBinding(blobKey.toString('hex')));
  if (compressed === undefined) throw decryptFailed(where);

  const canonical = decodeUtf8(inflate(compressed, where), where);
  const resource = toResource(parseJson(canonical, where), where);

  return { resource, canonical };
}

/** Returns a short name of a blob for messages: `blob ` and the first 12 hex digits of its key. */
export function blobWhere(blobKey: Buffer): string {
  return `blob ${blobKey.toString('hex').slice(0, 12)}`;
}

function inflate(compressed: Buffer, where: string): Buffer {
  try {
    return inflateRawSync(compressed);
  } catch (error) {
    throw invalidRow(where, 'the decrypted value does not inflate', error);
  }
}

function toResource(value: unknown, where: string): SnapshotResource {
  if (!isJsonObject(value)) throw invalidRow(where, 'the decrypted value is not a JSON object');

  const { kind, id, name, body } = value;
  if (typeof kind !== 'string' || !isResourceKind(kind)) throw invalidRow(where, 'the resource kind is missing or unknown');
  if (typeof id !== 'string') throw invalidRow(where, 'the resource id is not a string');
  if (typeof name !== 'string') throw invalidRow(where, 'the resource name is not a string');
  if (body === undefined) throw invalidRow(where, 'the resource body is missing');

  return { kind, id, name, body };
}

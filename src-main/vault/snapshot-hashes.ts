import { canonicalJson } from '../../src-shared/json/canonical-json.js';
import type { JsonObject } from '../../src-shared/json/json-types.js';
import type { ResourceKind, SectionState, SnapshotTrigger } from '../../src-shared/snapshot/snapshot-model.js';
import { DIGEST_BYTES, sha256 } from './vault-crypto.js';

/**
 * The two hashes every snapshot carries. Both are plain SHA-256 over canonical JSON, so anyone
 * with a snapshot's canonical JSON (an Audit Pack attachment, for example) can recompute them
 * without the vault key. One chain runs through every snapshot of the vault, across all
 * connections, in id order. Removing any snapshot, even all snapshots of one connection, therefore
 * breaks the chain at the next one.
 */

/** The previous chain hash of the first snapshot in a vault: 32 zero bytes. */
export const GENESIS_CHAIN_HASH: Buffer = Buffer.alloc(DIGEST_BYTES);

/** One resource as the content hash lists it. */
export interface ContentEntry {
  kind: ResourceKind;
  id: string;
  /** SHA-256 of the canonical JSON of the resource's `{ kind, id, name, body }`. */
  digest: Buffer;
}

/** The snapshot fields the chain hash covers besides the two hashes. */
export interface ChainFields {
  connectionId: string;
  takenAt: string;
  trigger: SnapshotTrigger;
  complete: boolean;
}

/**
 * Computes the content hash: SHA-256 of the UTF-8 canonical JSON of
 * `{ format: "butterfly-snapshot-content/v1", resources: [[kind, id, digestHex], …], sections }`,
 * with the resources sorted by kind, then id (UTF-16 code units), and `sections` the state
 * of every stored section. The per-resource digest is unkeyed SHA-256 (not the blob HMAC), so
 * that recomputing the hash needs no key.
 */
export function computeContentHash(entries: readonly ContentEntry[], sections: Partial<Record<ResourceKind, SectionState>>): Buffer {
  const listing = [...entries]
    .sort(compareEntries)
    .map((entry) => [entry.kind, entry.id, entry.digest.toString('hex')]);

  const document: JsonObject = {
    format: 'butterfly-snapshot-content/v1',
    resources: listing,
    sections: sections as JsonObject,
  };
  return sha256(canonicalJson(document));
}

/**
 * Computes the chain hash: SHA-256 of the UTF-8 canonical JSON of
 * `{ format: "butterfly-snapshot-chain/v1", previousChainHash, contentHash, connectionId,
 * takenAt, trigger, complete }`, hashes in lowercase hex. The label is left out on purpose: it
 * is a note people change after the fact, and covering it would mean rewriting every later
 * chain hash on each edit.
 */
export function computeChainHash(previousChainHash: Buffer, contentHash: Buffer, fields: ChainFields): Buffer {
  const document: JsonObject = {
    format: 'butterfly-snapshot-chain/v1',
    previousChainHash: previousChainHash.toString('hex'),
    contentHash: contentHash.toString('hex'),
    connectionId: fields.connectionId,
    takenAt: fields.takenAt,
    trigger: fields.trigger,
    complete: fields.complete,
  };
  return sha256(canonicalJson(document));
}

function compareEntries(a: ContentEntry, b: ContentEntry): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

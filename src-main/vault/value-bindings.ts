import type { ResourceKind } from '../../src-shared/snapshot/snapshot-model.js';

/**
 * The additional authenticated data of each sealed column: a text that names the row and the
 * column. A sealed value opens only under its own binding, so copying a ciphertext into another
 * row or column makes it fail to decrypt instead of showing the wrong value.
 */
export type ConnectionColumn = 'name' | 'org-url' | 'auth';
export type SnapshotColumn = 'org-url' | 'label';

export function blobBinding(blobKeyHex: string): string {
  return `blob:${blobKeyHex}`;
}

export function connectionBinding(connectionId: string, column: ConnectionColumn): string {
  return `connection:${connectionId}:${column}`;
}

export function snapshotBinding(snapshotId: number, column: SnapshotColumn): string {
  return `snapshot:${snapshotId}:${column}`;
}

/** Returns the binding of a section's failure message or not-configured reason. */
export function sectionDetailBinding(snapshotId: number, kind: ResourceKind): string {
  return `snapshot:${snapshotId}:section:${kind}:detail`;
}

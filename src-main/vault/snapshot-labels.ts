import { snapshotBinding } from './value-bindings.js';
import type { VaultContext } from './vault-context.js';
import { sealValue, type VaultKeys } from './vault-crypto.js';
import { invalidSnapshotInput, snapshotNotFound } from './vault-errors.js';

/** Maximum label length, in UTF-16 code units. */
export const MAX_LABEL_LENGTH = 200;

/**
 * Checks a label: text of 1 to 200 characters, not only spaces, with no control characters.
 * Throws `invalid-snapshot-input`; the message never repeats the label.
 */
export function checkLabel(label: unknown): string {
  if (typeof label !== 'string') throw invalidSnapshotInput(`the label is a ${typeof label}, not text`);
  const problem = labelProblem(label);
  if (problem !== undefined) throw invalidSnapshotInput(problem);
  return label;
}

/** Says what is wrong with a label, or returns undefined when it is acceptable. */
export function labelProblem(label: string): string | undefined {
  if (label.trim() === '') return 'the label is empty; leave it out to store no label';
  if (label.length > MAX_LABEL_LENGTH) return `the label is ${label.length} characters long, more than the maximum of ${MAX_LABEL_LENGTH}`;
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f\u007f]/.test(label)) return 'the label contains a control character such as a line break';
  return undefined;
}

/** Seals a label for the snapshot row with id `snapshotId`. */
export function sealLabel(keys: VaultKeys, snapshotId: number, label: string): Buffer {
  return sealValue(keys.encryption, Buffer.from(label, 'utf8'), snapshotBinding(snapshotId, 'label'));
}

/**
 * Replaces a snapshot's label, or removes it when `label` is undefined. The label is not part of
 * the chain hash, so this changes no hash. Throws `snapshot-not-found` or `invalid-snapshot-input`.
 */
export function setSnapshotLabel(context: VaultContext, snapshotId: number, label: string | undefined): void {
  const { db, keys, logger } = context;
  const sealed = label === undefined ? null : sealLabel(keys, snapshotId, checkLabel(label));

  const result = db.prepare('UPDATE snapshots SET label_sealed = ? WHERE id = ?').run(sealed, snapshotId);
  if (result.changes === 0) throw snapshotNotFound(snapshotId);

  logger.info({ snapshotId, labelled: label !== undefined }, 'snapshot label changed');
}

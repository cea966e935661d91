import type { AuditPackData } from './pack-data.js';
import type { PackWriter } from './pack-writer.js';

/** Problems drawn in the body; the verification attachment has them all. */
const PROBLEMS_SHOWN = 60;

/**
 * Draws how the evidence is protected and the result of re-verifying the vault when the pack
 * was generated. A failed check is drawn first and in red, with every problem up to the limit.
 */
export function drawIntegrity(writer: PackWriter, data: AuditPackData): void {
  const { verification } = data;
  const failed = verification.problems.length > 0 || data.listingError !== undefined;

  writer.paragraph(
    failed
      ? `VERIFICATION FAILED. Re-verifying the vault found ${verification.problems.length} problem(s). Evidence from the snapshots named below may have been changed after it was captured.`
      : `Verification passed. Every one of the ${verification.snapshotsChecked} snapshots and ${verification.blobsChecked} stored resources in the vault was decrypted and re-hashed, and the hash chain is unbroken.`,
    { bold: true, tone: failed ? 'alert' : 'ink' },
  );
  if (data.listingError !== undefined) writer.paragraph(`The snapshot list could not be read: ${data.listingError}`, { tone: 'alert' });

  writer.fields([
    ['Snapshots checked', String(verification.snapshotsChecked)],
    ['Stored resources checked', String(verification.blobsChecked)],
    ['Encrypted values decrypted', String(verification.valuesDecrypted)],
    ['Chain head', data.chainHead ?? 'none'],
  ], { size: 9, labelWidth: 160 });

  if (verification.problems.length > 0) {
    writer.table(
      ['Problem', 'Where', 'What verification found'],
      verification.problems.slice(0, PROBLEMS_SHOWN).map((problem) => [problem.code, problem.where, problem.message]),
      { tone: 'alert' },
    );
    if (verification.problems.length > PROBLEMS_SHOWN) writer.paragraph(`${verification.problems.length - PROBLEMS_SHOWN} more problem(s) are in vault-verification.json.`, { tone: 'alert' });
  }

  writer.heading('How the evidence is kept');
  writer.bullets([
    'Snapshots are stored in an SQLite vault on the preparer\'s machine. Every value taken from the org is encrypted with AES-256-GCM under a key kept in the operating system\'s keychain, and bound to its row, so a value moved to another row fails to decrypt.',
    'Each snapshot records a content hash: SHA-256 over the digests of its resources and the state of its sections. Each also records a chain hash over the previous snapshot\'s chain hash, its content hash, its connection, time, trigger and completeness. Removing or editing any snapshot breaks the chain at the next one.',
    'A keyed value over the last chain hash and the number of snapshots detects a history that was cut short or recomputed by someone without the vault key.',
    'The attached snapshot files list every resource with its digest, so the content and chain hashes printed here can be recomputed without Butterfly and without the key; each file explains how.',
  ], { size: 9 });
}

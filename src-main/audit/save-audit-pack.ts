import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { AuditPackCancelledError } from './audit-request.js';

/** A pack written to disk, with what a user records to check the file later. */
export interface SavedAuditPack {
  path: string;
  sizeBytes: number;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
  pageCount: number;
}

/** File mode of a written pack: read and write for the owner only, because it contains decrypted logins. */
export const PACK_FILE_MODE = 0o600;

/**
 * Writes a pack to `path` through a temporary file in the same folder, which is flushed to disk
 * and then renamed over `path`. A reader of `path` gets its previous content or the whole new
 * pack, never part of one. The file gets mode 0600 (PACK_FILE_MODE), also when it replaces a file
 * with a wider mode; on Windows the mode has no effect and the folder's permissions apply. When `signal` aborts before the rename, or anything fails, the
 * temporary file is removed and `path` is left as it was. Throws AuditPackCancelledError on abort.
 */
export async function saveAuditPack(path: string, bytes: Uint8Array, signal?: AbortSignal): Promise<SavedAuditPack> {
  const pageCount = await countPages(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  throwIfCancelled(signal);

  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    await writeFlushed(temporary, bytes);
    throwIfCancelled(signal);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { path, sizeBytes: bytes.length, sha256, pageCount };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AuditPackCancelledError();
}

/**
 * Creates `path` with mode 0600, failing if it exists, and writes `bytes` to disk before
 * returning. The mode is set again after opening, because the umask may have cleared bits of it.
 */
async function writeFlushed(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', PACK_FILE_MODE);
  try {
    await handle.chmod(PACK_FILE_MODE);
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads the page count back from the PDF, as a viewer would show it. */
async function countPages(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return doc.getPageCount();
}

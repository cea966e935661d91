import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces the file at `path` so that a reader, or the disk after a crash, has either the old
 * content or the new one and never a mix. The content goes to a temporary file in the same
 * folder, is flushed to disk, and is renamed over the target. The new file gets `mode` whatever
 * the umask is. On failure the temporary file is removed and the old file is left as it was.
 */
export async function writeFileAtomically(path: string, content: string, mode: number): Promise<void> {
  const folder = dirname(path);
  const temporaryPath = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

  try {
    await writeAndFlush(temporaryPath, content, mode);
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }

  await flushFolder(folder);
}

async function writeAndFlush(path: string, content: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes the folder entry so the rename itself survives a power loss. Node cannot open a folder
 * on Windows, so there the rename lasts only once the file system flushes on its own.
 */
async function flushFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;

  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

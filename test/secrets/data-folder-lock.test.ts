import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATA_FOLDER_LOCK_NAME, DataFolderLockedError, STALE_LOCK_AGE_MS, withDataFolderLock } from '../../src-main/secrets/data-folder-lock.js';

/** Returns the pid of a process that has already exited. */
function exitedPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  if (pid === undefined) throw new Error('the child process did not start');
  return pid;
}

describe('withDataFolderLock', () => {
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
  });

  async function newFolder(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'butterfly-lock-'));
    folders.push(folder);
    return folder;
  }

  async function writeLock(folder: string, pid: number, ageMs: number): Promise<void> {
    const path = join(folder, DATA_FOLDER_LOCK_NAME);
    await writeFile(path, `${pid}\n`);
    const time = new Date(Date.now() - ageMs);
    await utimes(path, time, time);
  }

  it('removes the lock afterwards', async () => {
    const folder = await newFolder();
    const result = await withDataFolderLock(folder, async () => existsSync(join(folder, DATA_FOLDER_LOCK_NAME)));

    expect(result).toBe(true);
    expect(existsSync(join(folder, DATA_FOLDER_LOCK_NAME))).toBe(false);
  });

  it('removes the lock after a failure', async () => {
    const folder = await newFolder();
    const run = withDataFolderLock(folder, () => Promise.reject(new Error('operation failed')));

    await expect(run).rejects.toThrow('operation failed');
    expect(existsSync(join(folder, DATA_FOLDER_LOCK_NAME))).toBe(false);
  });

  it('runs holders one at a time', async () => {
    const folder = await newFolder();
    let running = 0;
    let maxRunning = 0;
    const operation = async (): Promise<void> => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
    };

    await Promise.all([1, 2, 3].map(() => withDataFolderLock(folder, operation)));

    expect(maxRunning).toBe(1);
  });

  it('times out on a held lock', async () => {
    const folder = await newFolder();
    await writeLock(folder, process.pid, 0);
    const run = withDataFolderLock(folder, async () => 'ran', { waitMs: 200 });

    await expect(run).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(run).rejects.toThrow(join(folder, DATA_FOLDER_LOCK_NAME));
  });

  it('takes over a stale lock', async () => {
    const folder = await newFolder();
    await writeLock(folder, exitedPid(), STALE_LOCK_AGE_MS + 5_000);

    await expect(withDataFolderLock(folder, async () => 'ran', { waitMs: 200 })).resolves.toBe('ran');
  });

  it('keeps a young lock of a dead process', async () => {
    const folder = await newFolder();
    await writeLock(folder, exitedPid(), 0);

    await expect(withDataFolderLock(folder, async () => 'ran', { waitMs: 200 })).rejects.toBeInstanceOf(DataFolderLockedError);
  });

  it('keeps an old lock of a live process', async () => {
    const folder = await newFolder();
    await writeLock(folder, process.pid, STALE_LOCK_AGE_MS + 5_000);

    await expect(withDataFolderLock(folder, async () => 'ran', { waitMs: 200 })).rejects.toBeInstanceOf(DataFolderLockedError);
  });
});

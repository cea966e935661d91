import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataFolderError } from './data-folder.js';

/** File name of the lock that serializes creating the vault key and the vault in one data folder. */
export const DATA_FOLDER_LOCK_NAME = 'setup.lock';

/** Default time to wait for another process to release the lock, in milliseconds. */
const DEFAULT_WAIT_MS = 10_000;

/** Pause between attempts to take the lock, in milliseconds. */
const RETRY_INTERVAL_MS = 50;

/**
 * Age after which the lock of a process that is no longer running counts as stale, in
 * milliseconds. A lock younger than this is never removed, because its holder may have written
 * the file but not its pid yet.
 */
export const STALE_LOCK_AGE_MS = 30_000;

/** The data folder's lock stayed taken by another process for the whole wait. */
export class DataFolderLockedError extends Error {
  readonly code = 'DATA_FOLDER_LOCKED';

  constructor(message: string) {
    super(message);
    this.name = 'DataFolderLockedError';
  }
}

export interface DataFolderLockOptions {
  /** Maximum time to wait for the lock, in milliseconds. */
  waitMs?: number;
}

/**
 * Runs `operation` while holding an exclusive lock file in the data folder, so that processes
 * started at the same time on one folder create the vault key and the vault one after the other.
 * The lock file is created with `O_CREAT | O_EXCL` and contains the holder's pid. It is removed
 * when `operation` settles. A lock older than STALE_LOCK_AGE_MS whose pid is not running on this
 * machine is removed and taken over.
 *
 * Throws DataFolderLockedError when the lock is still taken after `waitMs`.
 */
export async function withDataFolderLock<T>(folder: string, operation: () => Promise<T>, options: DataFolderLockOptions = {}): Promise<T> {
  const lockPath = join(folder, DATA_FOLDER_LOCK_NAME);
  await takeLock(lockPath, options.waitMs ?? DEFAULT_WAIT_MS);

  try {
    return await operation();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function takeLock(lockPath: string, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;

  for (;;) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') {
        throw new DataFolderError(
          `Failed to create the lock file ${lockPath} (${describeError(error)}). Check the permissions of the data folder.`,
          { cause: error },
        );
      }
    }

    const state = await lockState(lockPath);
    if (state === 'released') continue;
    if (state === 'stale') {
      // NOTE: two waiters that both find the lock stale can both remove it, and the second may
      // remove the lock the first has just taken. This needs a holder that died and two new
      // processes starting within one retry interval of each other.
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new DataFolderLockedError(
        `Another Butterfly has held the lock file ${lockPath} for more than ${Math.round(waitMs / 1000)} s while setting up the vault. ` +
          'Wait for it to finish and retry. If no other Butterfly is running, delete the lock file.',
      );
    }
    await sleep(RETRY_INTERVAL_MS);
  }
}

/**
 * Returns `released` when the lock file is gone, `stale` when it is older than STALE_LOCK_AGE_MS
 * and names no running process, and `held` otherwise.
 */
async function lockState(lockPath: string): Promise<'released' | 'stale' | 'held'> {
  let modifiedMs: number;
  let content: string;
  try {
    modifiedMs = (await stat(lockPath)).mtimeMs;
    content = await readFile(lockPath, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'released';
    throw error;
  }

  if (Date.now() - modifiedMs < STALE_LOCK_AGE_MS) return 'held';
  const pid = Number.parseInt(content.trim(), 10);
  const running = Number.isSafeInteger(pid) && pid > 0 && isProcessRunning(pid);
  return running ? 'held' : 'stale';
}

function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to another user.
    return errorCode(error) === 'EPERM';
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

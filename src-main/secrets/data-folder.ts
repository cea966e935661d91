import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/** The data folder setting is invalid, or the folder cannot be created. */
export class DataFolderError extends Error {
  readonly code = 'DATA_FOLDER_INVALID';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataFolderError';
  }
}

/**
 * Returns the per-user folder for Butterfly's data (the vault, the passphrase key file):
 * BUTTERFLY_HOME when set, which must be an absolute path, or else the platform's folder for
 * application data:
 *
 * - Linux and other Unix systems: `$XDG_DATA_HOME/butterfly`, or `~/.local/share/butterfly`
 *   when XDG_DATA_HOME is unset or relative (the XDG Base Directory spec ignores relative values)
 * - macOS: `~/Library/Application Support/Butterfly`
 * - Windows: `%APPDATA%\Butterfly`
 */
export function dataFolderPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const path = platform === 'win32' ? win32 : posix;
  const configured = env['BUTTERFLY_HOME'];

  if (configured !== undefined && configured !== '') {
    if (!path.isAbsolute(configured)) {
      throw new DataFolderError(
        `BUTTERFLY_HOME is ${JSON.stringify(configured)}, which is not an absolute path. Set it to an absolute path, or unset it to use the default folder.`,
      );
    }
    return path.normalize(configured);
  }

  const home = (platform === 'win32' ? env['USERPROFILE'] : env['HOME']) || homedir();

  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Butterfly');
  if (platform === 'win32') return path.join(env['APPDATA'] || path.join(home, 'AppData', 'Roaming'), 'Butterfly');

  const xdgDataHome = env['XDG_DATA_HOME'];
  const dataHome = xdgDataHome !== undefined && path.isAbsolute(xdgDataHome) ? xdgDataHome : path.join(home, '.local', 'share');
  return path.join(dataHome, 'butterfly');
}

/**
 * Returns the data folder (see dataFolderPath), creating it and any missing parents with mode
 * 0700 so that other users cannot list it. An existing folder keeps its mode.
 */
export async function resolveDataFolder(env: NodeJS.ProcessEnv): Promise<string> {
  const folder = dataFolderPath(env);

  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
  } catch (error) {
    // mkdir reports EEXIST when the path is a file, and ENOTDIR when one of its parents is.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new DataFolderError(
        `The data folder ${folder} is not a folder: it or one of its parents is a file (${code}). ` +
          'Set BUTTERFLY_HOME to a folder path, or move the file away.',
        { cause: error },
      );
    }
    throw new DataFolderError(
      `Failed to create the data folder ${folder} (${error instanceof Error ? error.message : String(error)}). ` +
        'Check the permissions of its parent folder, or set BUTTERFLY_HOME to a folder you can write.',
      { cause: error },
    );
  }
  return folder;
}

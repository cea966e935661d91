import { stat } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { DesktopError } from './desktop-error.js';

/**
 * Asks the user where to save a file and returns the chosen path, or undefined when the user
 * dismissed the dialog. In the desktop app it is Electron's save dialog; tests pass a function
 * that returns a path in a temporary folder.
 */
export type ChooseSavePath = (suggestion: { defaultFileName: string }) => Promise<string | undefined>;

/**
 * Checks the path a save dialog returned before anything is written: an absolute path of a
 * `.pdf` file in an existing folder, and not an existing folder itself. Throws CANCELLED when
 * no path was chosen and INVALID_REQUEST or NOT_FOUND naming the path otherwise.
 */
export async function checkChosenPdfPath(chosen: unknown): Promise<string> {
  if (chosen === undefined || chosen === null || chosen === '') {
    throw new DesktopError('CANCELLED', 'No file was chosen in the save dialog, so no Audit Pack was written.');
  }
  if (typeof chosen !== 'string' || chosen.includes('\0') || !isAbsolute(chosen)) {
    throw new DesktopError('INVALID_REQUEST', `The save dialog returned ${JSON.stringify(chosen)}, which is not an absolute file path. Choose the file again.`);
  }
  const path = resolve(chosen);
  if (extname(path).toLowerCase() !== '.pdf') {
    throw new DesktopError('INVALID_REQUEST', `The chosen file '${path}' does not end in .pdf. Choose a file name ending in .pdf.`);
  }

  const folder = await stat(dirname(path)).catch(() => undefined);
  if (folder === undefined || !folder.isDirectory()) {
    throw new DesktopError('NOT_FOUND', `The folder '${dirname(path)}' does not exist. Choose a file in an existing folder.`);
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile()) {
    throw new DesktopError('INVALID_REQUEST', `'${path}' exists and is not a file. Choose another file name.`);
  }
  return path;
}

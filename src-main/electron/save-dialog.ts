import { join } from 'node:path';
import { app, dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { ChooseSavePath } from '../ipc/chosen-save-path.js';

/**
 * The Audit Pack's save dialog: Electron's native dialog, attached to the app window when there
 * is one, starting in the user's Documents folder with the name main proposes. Returns
 * undefined when the user dismisses it; main checks the returned path before writing.
 */
export function pdfSaveDialog(currentWindow: () => BrowserWindow | undefined): ChooseSavePath {
  return async ({ defaultFileName }) => {
    const options: SaveDialogOptions = {
      title: 'Save the Audit Pack',
      defaultPath: join(app.getPath('documents'), defaultFileName),
      buttonLabel: 'Save',
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const window = currentWindow();
    const result = window === undefined ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options);
    return result.canceled ? undefined : result.filePath;
  };
}

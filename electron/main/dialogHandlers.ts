import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { APP_CHANNELS } from '../common/appChannels';

const OpenFolderRequest = z.object({ title: z.string().max(200).optional() });

/**
 * The native choose-folder dialog, for the page's "add a runbook folder". The handler answers
 * only our own page, and the user, not the page, picks the folder. (An export is saved by the
 * page as a download, for which Electron shows its own save dialog.)
 */
export function registerDialogHandlers(isTrusted: (event: IpcMainInvokeEvent) => boolean, window: () => BrowserWindow | null): void {
  ipcMain.handle(APP_CHANNELS.showOpenFolderDialog, async (event, raw: unknown) => {
    if (!isTrusted(event)) throw new Error('refused: only the War Room console may open dialogs');
    const request = OpenFolderRequest.parse(raw ?? {});
    const options = { title: request.title, properties: ['openDirectory' as const] };
    const owner = window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}

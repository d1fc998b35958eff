import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { z } from 'zod';
import { APP_CHANNELS } from '../common/appChannels';

const Filter = z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[\w*]{1,16}$/)).max(20) });
const SaveRequest = z.object({ title: z.string().max(200).optional(), defaultName: z.string().min(1).max(255), filters: z.array(Filter).max(10).optional() });
const OpenFolderRequest = z.object({ title: z.string().max(200).optional() });

/**
 * The native save and choose-folder dialogs, for the page's export and runbook
 * folder actions. Each handler answers only our own page, and the page names a
 * file, never a folder: the dialog starts in the user's documents, and the
 * user, not the page, picks where anything is written.
 */
export function registerDialogHandlers(isTrusted: (event: IpcMainInvokeEvent) => boolean, window: () => BrowserWindow | null): void {
  ipcMain.handle(APP_CHANNELS.showSaveDialog, async (event, raw: unknown) => {
    if (!isTrusted(event)) throw new Error('refused: only the War Room console may open dialogs');
    const request = SaveRequest.parse(raw);
    const options = {
      title: request.title,
      defaultPath: path.join(app.getPath('documents'), path.basename(request.defaultName)),
      filters: request.filters,
    };
    const owner = window();
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  });

  ipcMain.handle(APP_CHANNELS.showOpenFolderDialog, async (event, raw: unknown) => {
    if (!isTrusted(event)) throw new Error('refused: only the War Room console may open dialogs');
    const request = OpenFolderRequest.parse(raw ?? {});
    const options = { title: request.title, properties: ['openDirectory' as const] };
    const owner = window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}

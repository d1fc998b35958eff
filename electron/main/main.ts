import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HostProcess, hostEntry } from './hostProcess';
import { hardenWebContents } from './windowSecurity';

// Everything the window needs comes from out/: main is out/electron/main/main.cjs.
const rendererIndex = path.join(__dirname, '..', '..', 'renderer', 'index.html');
const preload = path.join(__dirname, '..', 'preload', 'preload.cjs');

if (!app.requestSingleInstanceLock()) {
  // A second launch only focuses the first (see 'second-instance').
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  const host = new HostProcess(hostEntry(__dirname), {
    WARROOM_DATA: app.getPath('userData'),
    // The Electron-ABI build of better-sqlite3 (see docs/packaging.md), when present.
    ...(process.env.WARROOM_SQLITE_BINDING ? { WARROOM_SQLITE_BINDING: process.env.WARROOM_SQLITE_BINDING } : {}),
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(() => {
    hardenWebContents();
    host.start();
    window = new BrowserWindow({
      width: 1400,
      height: 900,
      title: 'War Room',
      backgroundColor: '#12151b',
      webPreferences: {
        preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        spellcheck: false,
      },
    });
    window.webContents.once('did-finish-load', () => window && host.connect(window.webContents));
    void window.loadURL(pathToFileURL(rendererIndex).href);
    window.on('closed', () => (window = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => host.stop());
}

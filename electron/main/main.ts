import { app, BrowserWindow, dialog, ipcMain, Menu, screen, shell } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_CHANNELS } from '../common/appChannels';
import type { MenuCommand } from '../common/bridge';
import { appMenuTemplate } from './appMenu';
import { cliArgsFrom } from './cliDispatch';
import { registerDialogHandlers } from './dialogHandlers';
import { HostProcess, hostEntry } from './hostProcess';
import { QuitGuard, quitWarning } from './quitGuard';
import { RunningCommandsQuery } from './runningCommandsQuery';
import { electronSqliteBinding } from './sqliteBinding';
import { loadWindowState, MIN_SIZE, restoreBounds, saveWindowState, windowStateFile } from './windowState';
import { hardenWebContents, isTrustedSender } from './windowSecurity';

// Everything the window needs comes from out/: main is out/electron/main/main.cjs.
const rendererIndex = path.join(__dirname, '..', '..', 'renderer', 'index.html');
const rendererIndexUrl = pathToFileURL(rendererIndex).href;
const preload = path.join(__dirname, '..', 'preload', 'preload.cjs');
/** The CLI as an ESM module exporting runCli (built by scripts/build.mjs beside the host). */
const cliModule = path.join(__dirname, '..', 'node', 'cliRun.js');
/** Why 500 ms: resizing fires dozens of events a second; the last bounds are what count. */
const SAVE_BOUNDS_DEBOUNCE_MS = 500;

/** The app's data: WARROOM_DATA when set (share a `warroom serve` folder), else Electron's userData. */
const dataDir = () => process.env.WARROOM_DATA ?? app.getPath('userData');
const sqliteBinding = () =>
  electronSqliteBinding({
    env: process.env,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: app.getAppPath(),
    arch: process.arch,
    exists: fs.existsSync,
  });

const cliArgs = cliArgsFrom(process.argv);
if (cliArgs) void runCliInProcess(cliArgs);
else startApp();

/**
 * `War Room --cli …`: the packaged app's command line (RunAsNode is fused off).
 * Runs before any window or single-instance lock, so it works while the app is open.
 */
async function runCliInProcess(args: string[]): Promise<void> {
  app.dock?.hide();
  process.env.WARROOM_DATA = dataDir();
  const binding = sqliteBinding();
  if (binding) process.env.WARROOM_SQLITE_BINDING = binding;
  let code = 1;
  try {
    const { runCli } = (await import(pathToFileURL(cliModule).href)) as typeof import('../node/cli/main');
    code = await runCli(args);
  } catch (error) {
    process.stderr.write(`War Room --cli: could not start the command line: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  // Let piped output drain before the process goes.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  app.exit(code);
}

function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    // A second launch only focuses the first (see 'second-instance').
    app.quit();
    return;
  }
  let window: BrowserWindow | null = null;
  const binding = sqliteBinding();
  const host = new HostProcess(hostEntry(__dirname), {
    WARROOM_DATA: dataDir(),
    // The Electron-ABI build of better-sqlite3 (see docs/packaging.md), when present.
    ...(binding ? { WARROOM_SQLITE_BINDING: binding } : {}),
  });
  const isTrusted = (frame: Electron.WebFrameMain | null | undefined) => isTrustedSender(frame, rendererIndexUrl);
  const running = new RunningCommandsQuery(ipcMain, isTrusted);
  const quitGuard = new QuitGuard({
    askRunning: () => running.ask(window?.webContents ?? null),
    async confirmQuit(answer) {
      const { message, detail } = quitWarning(answer);
      const options = { type: 'warning' as const, buttons: ['Quit', 'Cancel'], defaultId: 1, cancelId: 1, message, detail, noLink: true };
      const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
      return response === 0;
    },
  });

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.whenReady().then(() => {
    hardenWebContents();
    registerDialogHandlers((event) => isTrusted(event.senderFrame), () => window);
    app.setAboutPanelOptions({ applicationName: 'War Room', applicationVersion: app.getVersion(), copyright: 'MIT licensed' });
    const send = (command: MenuCommand) => window?.webContents.send(APP_CHANNELS.menuCommand, command);
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate(
          { platform: process.platform, isDev: !app.isPackaged },
          { send, openDataFolder: () => void shell.openPath(dataDir()), showAbout: () => app.showAboutPanel() },
        ),
      ),
    );
    host.start();
    window = createWindow();
    const contents = window.webContents;
    contents.once('did-finish-load', () => host.connect(contents));
    void window.loadURL(rendererIndexUrl);
  });

  function createWindow(): BrowserWindow {
    const stateFile = windowStateFile(app.getPath('userData'));
    const saved = loadWindowState(stateFile);
    const created = new BrowserWindow({
      ...restoreBounds(
        saved,
        screen.getAllDisplays().map((display) => display.workArea),
      ),
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
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
    if (saved?.maximized) created.maximize();

    let saveTimer: NodeJS.Timeout | undefined;
    const save = () => {
      if (created.isDestroyed() || created.isMinimized() || created.isFullScreen()) return;
      saveWindowState(stateFile, { bounds: created.isMaximized() ? created.getNormalBounds() : created.getBounds(), maximized: created.isMaximized() });
    };
    const saveSoon = () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_BOUNDS_DEBOUNCE_MS);
    };
    created.on('resize', saveSoon);
    created.on('move', saveSoon);
    created.on('maximize', saveSoon);
    created.on('unmaximize', saveSoon);

    created.on('close', (event) => {
      clearTimeout(saveTimer);
      save();
      if (quitGuard.mayQuit) return;
      // Closing the last window quits: ask first whether commands still run.
      event.preventDefault();
      void quitGuard.check().then((ok) => ok && app.quit());
    });
    created.on('closed', () => (window = null));
    return created;
  }

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!quitGuard.mayQuit) {
      event.preventDefault();
      void quitGuard.check().then((ok) => ok && app.quit());
      return;
    }
    host.stop();
  });
}

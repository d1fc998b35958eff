import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../common/bridge';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** An unpackaged run: reload and the developer tools appear in View. */
  isDev: boolean;
}

export interface AppMenuActions {
  /** A command the page acts on (it knows the open incident and the theme). */
  send(command: MenuCommand): void;
  openDataFolder(): void;
  showAbout(): void;
}

/**
 * The native menu. Accelerators are chosen around the terminal: on Linux and
 * Windows a plain Ctrl+letter belongs to the shell (Ctrl+C interrupts, Ctrl+E
 * ends the line, Ctrl+N is next-history, Ctrl+O runs-and-fetches, Ctrl+Q is
 * XON), so the app's own shortcuts there use Ctrl+Shift like terminal emulators
 * do, and the Edit items show Ctrl+C/V without grabbing them (the page's text
 * fields and xterm handle those keys themselves). On macOS Cmd never reaches the
 * shell, and the Edit menu's roles are what make Cmd+C/V work at all.
 * This module only builds the template (no Electron at run time), so it is tested.
 */
export function appMenuTemplate(options: AppMenuOptions, actions: AppMenuActions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const key = (letter: string) => (mac ? `Cmd+${letter}` : `Ctrl+Shift+${letter}`);
  const edit = (role: MenuItemConstructorOptions['role'], accelerator?: string): MenuItemConstructorOptions =>
    // registerAccelerator:false still shows the key, but leaves the keystroke to the page.
    mac ? { role } : { role, ...(accelerator ? { accelerator, registerAccelerator: false } : {}) };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'War Room',
      submenu: [{ label: 'About War Room', click: actions.showAbout }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit', accelerator: 'Cmd+Q' }],
    });
  }
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'New Incident', accelerator: key('N'), click: () => actions.send('new-incident') },
        { label: 'Open Runbook Folder…', accelerator: key('O'), click: () => actions.send('open-runbook-folder') },
        { type: 'separator' },
        { label: 'Export Report…', accelerator: key('E'), click: () => actions.send('export-report') },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Shift+Q' } as const]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        edit('undo', 'Ctrl+Z'),
        edit('redo', 'Ctrl+Y'),
        { type: 'separator' },
        edit('cut', 'Ctrl+X'),
        edit('copy', 'Ctrl+C'),
        edit('paste', 'Ctrl+V'),
        ...(mac ? [edit('pasteAndMatchStyle')] : []),
        edit('delete'),
        { type: 'separator' },
        edit('selectAll', 'Ctrl+A'),
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { type: 'separator' },
        { label: 'Toggle Light/Dark Theme', click: () => actions.send('toggle-theme') },
        { role: 'togglefullscreen' },
        // A reload drops the page's state mid-incident; only developers get it.
        ...(options.isDev ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
  );
  if (mac) template.push({ role: 'windowMenu' });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [...(mac ? [] : [{ label: 'About War Room', click: actions.showAbout }]), { label: 'Open Data Folder', click: actions.openDataFolder }],
  });
  return template;
}

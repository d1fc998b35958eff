import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../../../electron/common/bridge';
import { appMenuTemplate } from '../../../../electron/main/appMenu';

function build(platform: NodeJS.Platform, isDev = false) {
  const sent: MenuCommand[] = [];
  const done: string[] = [];
  const template = appMenuTemplate({ platform, isDev }, { send: (c) => sent.push(c), openDataFolder: () => done.push('data'), showAbout: () => done.push('about') });
  return { template, sent, done };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const byLabel = (template: MenuItemConstructorOptions[], label: string) => {
  const found = items(template).find((item) => item.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('appMenuTemplate', () => {
  it('has File, Edit, View and Help, with the app menu first on macOS', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(build('darwin').template.map((m) => m.label ?? m.role)).toEqual(['War Room', '&File', '&Edit', '&View', 'windowMenu', '&Help']);
  });

  it('sends the page the commands it owns', () => {
    const { template, sent } = build('linux');
    for (const label of ['New Incident', 'Open Runbook Folder…', 'Export Report…', 'Toggle Light/Dark Theme']) click(byLabel(template, label));
    expect(sent).toEqual(['new-incident', 'open-runbook-folder', 'export-report', 'toggle-theme']);
  });

  it('opens the data folder and the about panel itself', () => {
    const { template, done } = build('win32');
    click(byLabel(template, 'Open Data Folder'));
    click(byLabel(template, 'About War Room'));
    expect(done).toEqual(['data', 'about']);
  });

  it('never takes a plain Ctrl+letter from the shell on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      for (const item of items(build(platform, true).template)) {
        if (!item.accelerator || item.registerAccelerator === false) continue;
        expect(String(item.accelerator), `${item.label ?? item.role}`).not.toMatch(/^(Ctrl|CmdOrCtrl|CommandOrControl)\+[A-Z]$/i);
      }
    }
  });

  it('leaves Ctrl+C to the terminal (shown, not grabbed)', () => {
    const copy = items(build('linux').template).find((item) => item.role === 'copy');
    expect(copy).toMatchObject({ accelerator: 'Ctrl+C', registerAccelerator: false });
  });

  it('offers reload and the developer tools only to developers', () => {
    const roles = (isDev: boolean) => items(build('linux', isDev).template).map((item) => item.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('zooms in, out and back', () => {
    expect(items(build('darwin').template).map((item) => item.role)).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom']));
  });
});

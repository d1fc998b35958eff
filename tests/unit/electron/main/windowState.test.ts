import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, loadWindowState, restoreBounds, saveWindowState, windowStateFile } from '../../../../electron/main/windowState';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const externalRight = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreBounds', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(restoreBounds(null, [laptop])).toEqual(DEFAULT_SIZE);
  });

  it('restores a window that is on a connected display', () => {
    const bounds = { x: 1600, y: 100, width: 1200, height: 800 };
    expect(restoreBounds({ bounds, maximized: false }, [laptop, externalRight])).toEqual(bounds);
  });

  it('brings a window back when its monitor is gone, at a size the screen holds', () => {
    const restored = restoreBounds({ bounds: { x: 1600, y: 100, width: 2000, height: 1200 }, maximized: false }, [laptop]);
    expect(restored).toEqual({ width: 1440, height: 900 });
  });

  it('refuses a window whose title bar is above the screen or barely on it', () => {
    expect(restoreBounds({ bounds: { x: 100, y: -500, width: 800, height: 600 }, maximized: false }, [laptop])).not.toHaveProperty('x');
    expect(restoreBounds({ bounds: { x: 1420, y: 100, width: 800, height: 600 }, maximized: false }, [laptop])).not.toHaveProperty('x');
  });

  it('grows a window saved too small to use', () => {
    expect(restoreBounds({ bounds: { x: 10, y: 10, width: 50, height: 20 }, maximized: false }, [laptop])).toEqual({ x: 10, y: 10, width: 640, height: 400 });
  });
});

describe('window state file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-winstate-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips bounds and maximized', () => {
    const file = windowStateFile(dir);
    saveWindowState(file, { bounds: { x: 5, y: 6, width: 700, height: 500 }, maximized: true });
    expect(loadWindowState(file)).toEqual({ bounds: { x: 5, y: 6, width: 700, height: 500 }, maximized: true });
  });

  it('treats a missing or damaged file as no state', () => {
    const file = windowStateFile(dir);
    expect(loadWindowState(file)).toBeNull();
    fs.writeFileSync(file, '{"bounds":{"x":"left"');
    expect(loadWindowState(file)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ bounds: { x: 1, y: 2, width: 'wide', height: 3 } }));
    expect(loadWindowState(file)).toBeNull();
  });
});

import fs from 'node:fs';
import path from 'node:path';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** Why 1400×900: the timeline, the runbook and a terminal side by side on a laptop screen. */
export const DEFAULT_SIZE = { width: 1400, height: 900 } as const;
/** Why 640×400: below this the console's panes no longer fit; a saved smaller size is a glitch. */
export const MIN_SIZE = { width: 640, height: 400 } as const;
/** Why 64 px: enough of the title bar on screen to grab it and drag the window back. */
const MIN_VISIBLE_PX = 64;

/** The window state file in userData. */
export function windowStateFile(userData: string): string {
  return path.join(userData, 'window-state.json');
}

/** The saved state, or null when there is none or it is unreadable (a fresh default window then). */
export function loadWindowState(file: string): WindowState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    const b = parsed.bounds;
    if (!b || ![b.x, b.y, b.width, b.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return { bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, maximized: parsed.maximized === true };
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename: a crash mid-write must not leave a half file that loses the position.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch {
    // Remembering the window is a comfort; failing to is never worth an error on screen.
  }
}

/**
 * The bounds to open with: the saved ones when enough of the window lands on a
 * display that is connected now (the external monitor may be gone), else the
 * default size centred by Electron (no x/y).
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rectangle[]): Partial<Rectangle> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN_SIZE.width, Math.round(saved.bounds.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.bounds.height));
  const bounds = { x: Math.round(saved.bounds.x), y: Math.round(saved.bounds.y), width, height };
  // The title bar (top strip) must be reachable on some display.
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(MIN_VISIBLE_PX, bounds.height) };
  const visible = workAreas.some((area) => overlap(titleBar, area).width >= MIN_VISIBLE_PX && overlap(titleBar, area).height > 0);
  return visible ? bounds : { width: Math.min(width, largest(workAreas)?.width ?? width), height: Math.min(height, largest(workAreas)?.height ?? height) };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function largest(areas: readonly Rectangle[]): Rectangle | undefined {
  return [...areas].sort((a, b) => b.width * b.height - a.width * a.height)[0];
}

import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MAIN = path.join(ROOT, 'out/electron/main/main.cjs');

export interface LaunchedApp {
  app: ElectronApplication;
  page: Page;
  userData: string;
  close(): Promise<void>;
}

/** The built app (npm run build) with its own userData folder, deleted by close(). */
export async function launchWarRoom(binary: string): Promise<LaunchedApp> {
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: [MAIN, `--user-data-dir=${userData}`],
    cwd: ROOT,
    env: { ...process.env, WARROOM_DATA: userData } as Record<string, string>,
  });
  const page = await app.firstWindow();
  return {
    app,
    page,
    userData,
    async close() {
      // Tests may leave a quit guard armed; let every close through.
      await app.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
      await app.close().catch(() => undefined);
      fs.rmSync(userData, { recursive: true, force: true });
    },
  };
}

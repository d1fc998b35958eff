import os from 'node:os';
import path from 'node:path';

/**
 * Where the CLI and `warroom serve` keep their data when no `--data` is given:
 * `$WARROOM_DATA`, else the platform's per-user data folder. (The Electron app
 * uses its own userData folder instead.)
 */
export function resolveDataDir(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (explicit) return path.resolve(explicit);
  if (env.WARROOM_DATA) return path.resolve(env.WARROOM_DATA);
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'warroom');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'warroom');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'warroom');
}

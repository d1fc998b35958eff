import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../../electron/node/dataDir';

describe('resolveDataDir', () => {
  it('prefers --data, then WARROOM_DATA, then XDG_DATA_HOME, then ~/.local/share', () => {
    const env = { HOME: '/home/r', WARROOM_DATA: '/w', XDG_DATA_HOME: '/x' };
    expect(resolveDataDir('/flag', env, 'linux')).toBe('/flag');
    expect(resolveDataDir(undefined, env, 'linux')).toBe('/w');
    expect(resolveDataDir(undefined, { HOME: '/home/r', XDG_DATA_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'warroom'));
    expect(resolveDataDir(undefined, { HOME: '/home/r' }, 'linux')).toBe('/home/r/.local/share/warroom');
    expect(resolveDataDir(undefined, { HOME: '/Users/r' }, 'darwin')).toBe('/Users/r/Library/Application Support/warroom');
  });
});

import { FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronSqliteBinding } from '../../../electron/main/sqliteBinding';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a CommonJS config file, checked field by field below
const config: any = require(path.join(ROOT, 'build/electron-builder.config.cjs'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hooks: any = require(path.join(ROOT, 'build/packHooks.cjs'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

type Target = { target: string; arch?: string[] };
const targets = (platform: { target: (string | Target)[] }): Target[] => platform.target.map((t) => (typeof t === 'string' ? { target: t } : t));

describe('electron-builder config', () => {
  it('names the app', () => {
    expect(config.productName).toBe('War Room');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
  });

  it('builds AppImage and deb, a universal dmg and an nsis installer', () => {
    expect(targets(config.linux).map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.mac)).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(targets(config.win).map((t) => t.target)).toEqual(['nsis']);
    expect(config.deb.maintainer).toBeTruthy();
  });

  it('packs the built app: main, preload, host, console and bundled runbooks', () => {
    expect(pkg.main).toBe('out/electron/main/main.cjs');
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'out/**/*', 'runbooks/**/*']));
    expect(fs.existsSync(path.join(ROOT, 'runbooks'))).toBe(true);
  });

  it('keeps native addons outside the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/node-pty/**']));
    expect(config.extraResources).toEqual([{ from: 'build/electron-native/${arch}/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
  });

  it('ships the SQLite addon where main looks for it, from where the build script writes it', () => {
    const resources = '/opt/War Room/resources';
    const packaged = electronSqliteBinding({ env: {}, isPackaged: true, resourcesPath: resources, appRoot: ROOT, arch: 'x64', exists: () => true });
    expect(packaged).toBe(path.join(resources, config.extraResources[0].to));
    const from = path.join(ROOT, config.extraResources[0].from.replace('${arch}', 'arm64'));
    expect(hooks.sqliteAddon(ROOT, 'arm64')).toBe(from);
    expect(electronSqliteBinding({ env: {}, isPackaged: false, resourcesPath: '', appRoot: ROOT, arch: 'arm64', exists: () => true })).toBe(from);
  });

  it('never rebuilds node_modules in place (the Node builds stay for the CLI and tests)', () => {
    expect(config.npmRebuild).toBe(false);
  });

  it('registers no URL scheme', () => {
    expect(config.protocols).toBeUndefined();
    expect(config.mac.protocols).toBeUndefined();
  });

  it('points at icons and entitlements that exist or that generate-icons writes', () => {
    expect(fs.readFileSync(path.join(ROOT, 'build/icon.svg'), 'utf8')).toContain('<svg');
    const generated = ['build/icons', 'build/icon.icns', 'build/icon.ico'];
    expect([config.linux.icon, config.mac.icon, config.win.icon]).toEqual(generated);
    const script = fs.readFileSync(path.join(ROOT, 'scripts/generate-icons.mjs'), 'utf8');
    for (const name of ["'icons'", "'icon.icns'", "'icon.ico'"]) expect(script).toContain(name);
    const plist = fs.readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect(plist).toContain('<key>com.apple.security.cs.allow-jit</key>');
    expect(config.mac.hardenedRuntime).toBe(true);
  });

  it('runs the pack hooks', () => {
    expect(config.beforePack).toBe(hooks.beforePack);
    expect(config.afterPack).toBe(hooks.afterPack);
  });
});

describe('pack hooks', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-pack-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Enough of an Electron binary for @electron/fuses: its sentinel, then a v1 wire of 9 fuses as Electron ships them. */
  function fakeElectron(file: string) {
    const wire = Buffer.from([1, 9, ...Buffer.from('101100011')]);
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), wire, Buffer.alloc(4096, 7)]));
  }

  const context = (platform: string, arch = 1) => ({
    appOutDir: dir,
    electronPlatformName: platform,
    arch,
    packager: { appInfo: { productFilename: 'War Room' }, executableName: 'war-room', projectDir: dir },
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS, no --inspect; cookies encrypted, asar checked and required', async () => {
    fakeElectron(path.join(dir, 'war-room'));
    await hooks.afterPack(context('linux'));
    const wire = await getCurrentFuseWire(path.join(dir, 'war-room'));
    const on = (option: FuseV1Options) => String.fromCharCode(wire[option] as number);
    expect(wire.version).toBe(FuseVersion.V1);
    expect(on(FuseV1Options.RunAsNode)).toBe('0');
    expect(on(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(on(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(on(FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(on(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(on(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    // Left as Electron has it: the console's module scripts load from file://.
    expect(on(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('1');
  });

  it('finds the binary of each platform', () => {
    expect(hooks.electronBinary(context('win32'))).toBe(path.join(dir, 'War Room.exe'));
    expect(hooks.electronBinary(context('darwin'))).toBe(path.join(dir, 'War Room.app'));
    expect(hooks.electronBinary(context('linux'))).toBe(path.join(dir, 'war-room'));
  });

  it('refuses to package an arch without its Electron-ABI SQLite, saying how to build it', async () => {
    await expect(hooks.beforePack(context('linux', 3))).rejects.toThrow(
      'War Room cannot be packaged for arm64 without build/electron-native/arm64/better_sqlite3.node: run node scripts/build-electron-sqlite.mjs --arch arm64',
    );
    fs.mkdirSync(path.join(dir, 'build/electron-native/arm64'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'build/electron-native/arm64/better_sqlite3.node'), '');
    await expect(hooks.beforePack(context('linux', 3))).resolves.toBeUndefined();
    // The universal merge is checked through its x64 and arm64 packs.
    await expect(hooks.beforePack(context('darwin', 4))).resolves.toBeUndefined();
  });
});

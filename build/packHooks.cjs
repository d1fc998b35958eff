// electron-builder hooks for War Room (wired in electron-builder.config.cjs):
//   beforePack  refuses to package without the Electron-ABI SQLite addon for the arch
//   afterPack   flips Electron's fuses on the packaged binary (@electron/fuses)
// CommonJS because electron-builder requires its config and hooks.
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder require()s this file */
const fs = require('node:fs');
const path = require('node:path');

/** electron-builder's Arch enum, by value (builder-util: ia32=0, x64=1, armv7l=2, arm64=3, universal=4). */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * The fuses, by @electron/fuses option name. Each closes a way to run code in
 * the app's name that is not the app:
 *   RunAsNode off                       ELECTRON_RUN_AS_NODE would make the signed binary a plain node
 *                                       (the CLI is `War Room --cli …` instead)
 *   EnableNodeOptionsEnvironmentVariable off  NODE_OPTIONS=--require evil.js
 *   EnableNodeCliInspectArguments off   --inspect would hand a debugger the main process
 *   EnableCookieEncryption on           cookies at rest encrypted with the OS keychain
 *   EnableEmbeddedAsarIntegrityValidation on  a patched app.asar does not load (macOS, Windows)
 *   OnlyLoadAppFromAsar on              no app/ folder beside app.asar is loaded instead
 * GrantFileProtocolExtraPrivileges stays as Electron has it: the console loads from file://
 * and its ES module scripts need it until it moves to a custom protocol.
 */
const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};

/** The file whose fuse wire is flipped: the .app bundle, the .exe, or the Linux executable. */
function electronBinary(context) {
  const { appOutDir, packager, electronPlatformName } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const config = { version: FuseVersion.V1 };
  for (const [name, value] of Object.entries(FUSES)) config[FuseV1Options[name]] = value;
  // Flipping bytes breaks the ad-hoc signature of an arm64 macOS binary; electron-builder signs after this.
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') config.resetAdHocDarwinSignature = true;
  await flipFuses(electronBinary(context), config);
}

/** The Electron-ABI better-sqlite3 for one arch (scripts/build-electron-sqlite.mjs writes it). */
function sqliteAddon(projectDir, arch) {
  return path.join(projectDir, 'build', 'electron-native', arch, 'better_sqlite3.node');
}

async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch];
  // A universal macOS app is merged from the x64 and arm64 packs, each checked on its own.
  if (arch === 'universal') return;
  const addon = sqliteAddon(context.packager.projectDir, arch);
  if (!fs.existsSync(addon)) {
    throw new Error(`War Room cannot be packaged for ${arch} without ${path.relative(context.packager.projectDir, addon)}: run node scripts/build-electron-sqlite.mjs --arch ${arch}`);
  }
}

module.exports = { FUSES, ARCH_NAMES, afterPack, beforePack, electronBinary, sqliteAddon };

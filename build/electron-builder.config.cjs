// electron-builder configuration: `npm run dist` (scripts/dist.mjs) builds the
// installers for the platform it runs on. Steps per platform: docs/packaging.md.
// CommonJS because electron-builder requires it (the package itself is ESM).
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder require()s this file */
const hooks = require('./packHooks.cjs');

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'dev.warroom.console',
  productName: 'War Room',
  copyright: 'MIT licensed',
  directories: { output: 'dist', buildResources: 'build' },
  // Everything main, the host and the console run is already built into out/ (scripts/build.mjs).
  files: [
    'package.json',
    'out/**/*',
    '!out/**/*.map',
    'runbooks/**/*',
    // The console's libraries are bundled into out/renderer by Vite; the host never loads them.
    '!node_modules/{react,react-dom,dompurify}/**',
    '!node_modules/@xterm/{xterm,addon-fit,addon-search,addon-unicode11,addon-web-links}/**',
    // better-sqlite3 in node_modules is built for Node; the app loads its Electron-ABI copy
    // (extraResources below) through nativeBinding, so only the JavaScript half ships.
    '!node_modules/better-sqlite3/{build,deps,src}/**',
    '!node_modules/node-pty/{deps,src,scripts,third_party,node-addon-api}/**',
  ],
  extraResources: [
    // Outside app.asar, so the dynamic loader can open it; main finds it at resources/native.
    { from: 'build/electron-native/${arch}/better_sqlite3.node', to: 'native/better_sqlite3.node' },
  ],
  asar: true,
  // Native addons cannot load from inside an asar archive; node-pty's spawn-helper must be a real file too.
  asarUnpack: ['node_modules/node-pty/**', '**/*.node'],
  // electron-builder's own rebuild would replace node_modules' Node-ABI builds in place and
  // break the CLI and tests on the packaging machine; node-pty is N-API (one build serves
  // Electron) and SQLite comes from build/electron-native instead.
  npmRebuild: false,
  beforePack: hooks.beforePack,
  afterPack: hooks.afterPack,
  // No `protocols`: War Room registers no warroom:// deep links (nothing a web page could trigger).

  linux: {
    target: ['AppImage', 'deb'],
    executableName: 'war-room',
    category: 'Development',
    synopsis: 'Offline console for incident response',
    description: 'Runnable runbooks, a self-writing incident timeline, and the report.',
    icon: 'build/icons',
    artifactName: 'war-room-${version}-${arch}.${ext}',
  },
  deb: {
    // Without a maintainer, dpkg-deb refuses the package.
    maintainer: 'War Room maintainers <warroom@localhost>',
  },

  mac: {
    target: [{ target: 'dmg', arch: ['universal'] }],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    artifactName: 'War-Room-${version}-${arch}.${ext}',
    // node-pty ships prebuilds/darwin-x64 and darwin-arm64; a build/Release made on the
    // packaging Mac is one arch only and would shadow them in the other half of the universal app.
    files: ['!node_modules/node-pty/build/**'],
  },
  dmg: {
    title: 'War Room ${version}',
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
    artifactName: 'War-Room-Setup-${version}-${arch}.${ext}',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    shortcutName: 'War Room',
  },
};

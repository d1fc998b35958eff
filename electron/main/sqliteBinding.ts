import path from 'node:path';

/** The Electron-ABI better-sqlite3 addon's file name, as scripts/build-electron-sqlite.mjs writes it. */
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

export interface SqliteBindingContext {
  env: Record<string, string | undefined>;
  isPackaged: boolean;
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath: string;
  /** The source checkout (unpackaged runs): package.json lives here. */
  appRoot: string;
  arch: string;
  exists: (file: string) => boolean;
}

/**
 * Where the better-sqlite3 addon built for Electron's ABI is, or undefined when
 * there is none (the store then says it cannot open the database, and why).
 * node_modules keeps the Node-ABI build for the CLI and the tests; the app
 * needs its own copy (docs/packaging.md):
 *   1. WARROOM_SQLITE_BINDING, when set (a developer's own build);
 *   2. packaged: resources/native/better_sqlite3.node (electron-builder extraResources);
 *   3. a checkout: build/electron-native/<arch>/better_sqlite3.node (`npm start` builds it).
 */
export function electronSqliteBinding(context: SqliteBindingContext): string | undefined {
  if (context.env.WARROOM_SQLITE_BINDING) return context.env.WARROOM_SQLITE_BINDING;
  const candidate = context.isPackaged
    ? path.join(context.resourcesPath, 'native', SQLITE_BINDING_FILE)
    : path.join(context.appRoot, 'build', 'electron-native', context.arch, SQLITE_BINDING_FILE);
  return context.exists(candidate) ? candidate : undefined;
}

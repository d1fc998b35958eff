import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronSqliteBinding, type SqliteBindingContext } from '../../../../electron/main/sqliteBinding';

const base = (over: Partial<SqliteBindingContext>): SqliteBindingContext => ({
  env: {},
  isPackaged: false,
  resourcesPath: '/opt/War Room/resources',
  appRoot: '/src/warroom',
  arch: 'x64',
  exists: () => true,
  ...over,
});

describe('electronSqliteBinding', () => {
  it('prefers WARROOM_SQLITE_BINDING', () => {
    expect(electronSqliteBinding(base({ env: { WARROOM_SQLITE_BINDING: '/x/b.node' }, isPackaged: true }))).toBe('/x/b.node');
  });

  it('uses the copy in the packaged app resources', () => {
    expect(electronSqliteBinding(base({ isPackaged: true }))).toBe(path.join('/opt/War Room/resources', 'native', 'better_sqlite3.node'));
  });

  it('uses the per-arch build of a checkout', () => {
    expect(electronSqliteBinding(base({ arch: 'arm64' }))).toBe(path.join('/src/warroom', 'build', 'electron-native', 'arm64', 'better_sqlite3.node'));
  });

  it('gives nothing when the build is missing, never a path that cannot load', () => {
    expect(electronSqliteBinding(base({ exists: () => false }))).toBeUndefined();
    expect(electronSqliteBinding(base({ exists: () => false, isPackaged: true }))).toBeUndefined();
  });
});

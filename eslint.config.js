// Lint rules, above all the layering: the folder says where code runs.
//   electron/common  pure TypeScript: no Node, no Electron, no native addons
//   renderer         the browser: only electron/common from the host side
//   electron/node    Node: never Electron
//   electron/main|preload  Electron
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_MODULES = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'worker_threads', 'stream', 'url', 'util', 'events', 'zlib', 'better-sqlite3', 'node-pty', 'ws', '@xterm/headless'];
/** `paths` are exact module names; `patterns` are gitignore-style globs over the import string. */
const restrict = ({ paths = [], patterns = [] }, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.length ? [{ group: patterns, message }] : [],
    },
  ],
});
const NODE = { paths: NODE_MODULES, patterns: ['node:*'] };
const ELECTRON = { paths: ['electron'], patterns: ['electron/*'] };
const both = (...sets) => ({ paths: sets.flatMap((s) => s.paths ?? []), patterns: sets.flatMap((s) => s.patterns ?? []) });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**', 'bench-results/**', 'build/electron-native/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty-pattern': 'off',
      // Terminal and shell code matches control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: restrict(both(NODE, ELECTRON), 'electron/common runs everywhere (browser too): no Node or Electron imports.'),
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'electron/common must not use Node globals.' }, { name: 'Buffer', message: 'electron/common must not use Node globals.' }, { name: 'require', message: 'electron/common is ESM and pure.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      both(NODE, ELECTRON, { patterns: ['**/electron/node/**', '**/electron/main/**', '**/electron/preload/**'] }),
      'The renderer talks to the host only through electron/common contracts (connectHost).',
    ),
  },
  {
    files: ['electron/node/**/*.ts'],
    rules: restrict(both(ELECTRON, { patterns: ['**/electron/main/**', '**/electron/preload/**', '**/renderer/**'] }), 'electron/node is plain Node: it never imports Electron.'),
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

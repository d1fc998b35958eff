// Lint rules, above all the layering: the folder says where code runs.
//   electron/common  pure TypeScript: no Node, no Electron, no native addons
//   renderer         the browser: only electron/common from the host side
//   electron/node    Node: never Electron
//   electron/main|preload  Electron
// Two rules keep it: `import/no-restricted-paths` resolves every relative import to the file
// it names and refuses a path into a layer that may not be reached (LAYERS below);
// `no-restricted-imports` refuses bare module names (`node:*`, `electron`, native addons).
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
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

/**
 * What each layer may not import, by folder: `from` is matched against the resolved file, so
 * `../node/store/incidentStore`, `../../electron/main/main` and `./x/../../main/y` are caught
 * alike. Main may import node's entry points (it starts the host and the CLI); nothing ships
 * code from tests/, bench/ or scripts/.
 */
const TOOLING = ['tests', 'bench', 'scripts'];
const LAYERS = [
  { target: 'electron/common', from: ['electron/node', 'electron/main', 'electron/preload', 'renderer'], why: 'electron/common runs everywhere: it imports only electron/common and pure packages.' },
  { target: 'electron/node', from: ['electron/main', 'electron/preload', 'renderer'], why: 'electron/node is plain Node (the host, the CLI): it never reaches into Electron or the page.' },
  { target: 'electron/main', from: ['electron/preload', 'renderer'], why: 'electron/main loads the preload and the page by path, never by import.' },
  { target: 'electron/preload', from: ['electron/node', 'electron/main', 'renderer'], why: 'The sandboxed preload imports only electron/common (and electron).' },
  { target: 'renderer', from: ['electron/node', 'electron/main', 'electron/preload'], why: 'The renderer talks to the host only through electron/common contracts (connectHost).' },
];
const layering = {
  plugins: { import: importPlugin },
  // Resolve relative imports of TypeScript files the way tsc and esbuild do (no extension).
  settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } } },
  rules: {
    'import/no-restricted-paths': [
      'error',
      { zones: LAYERS.flatMap(({ target, from, why }) => [{ target: `./${target}`, from: [...from, ...TOOLING].map((f) => `./${f}`), message: why }]) },
    ],
  },
};

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
  { files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'], ...layering },
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
      both(NODE, ELECTRON),
      'The renderer talks to the host only through electron/common contracts (connectHost).',
    ),
  },
  {
    files: ['electron/node/**/*.ts'],
    rules: restrict(ELECTRON, 'electron/node is plain Node: it never imports Electron.'),
  },
  {
    // A sandboxed preload can require only electron and a few polyfills, never Node or an addon.
    files: ['electron/preload/**/*.ts'],
    rules: restrict(NODE, 'The preload runs sandboxed: no Node modules or native addons.'),
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);

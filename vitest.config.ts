import { defineConfig } from 'vitest/config';
import { textAssetsPlugin } from './scripts/textAssets.mjs';

export default defineConfig({
  // The shell scripts import as their text, as esbuild's text loader has them in the app.
  plugins: [textAssetsPlugin()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Native addons (node-pty, better-sqlite3) are happiest in child processes, not worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

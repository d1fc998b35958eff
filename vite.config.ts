import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console's renderer: a static bundle served by `warroom serve` or loaded by Electron.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    // xterm.js alone is ~300 KB; one chunk is fine for a local app.
    chunkSizeWarningLimit: 2000,
  },
});

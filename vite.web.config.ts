// Browser-mode build of the renderer (served by `flowgate serve`). The desktop app builds the same
// renderer through electron.vite.config.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: modules: the server's CSP allows neither.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // A local app: one bundle loads from disk or 127.0.0.1, so a large chunk costs nothing.
    chunkSizeWarningLimit: 2000,
  },
});

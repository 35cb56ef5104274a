// electron-vite build of the three parts: main process, preload script, renderer.
// Output: out/main/index.js (ES module) with out/main/batch-worker.js next to it (the batch worker
// thread, which the backend's runner starts from there), out/preload/index.cjs, out/renderer/index.html.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rollupOptions: {
        input: { index: resolve(root, 'electron/main/index.ts'), 'batch-worker': resolve(root, 'electron/backend/batch/worker.ts') },
        // Shared chunks beside the entries, not in chunks/: the runner finds the worker at
        // `new URL('./batch-worker.js', import.meta.url)`, which holds in whichever file it is bundled into.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot be an ES module and cannot require() anything but electron:
      // one self-contained CommonJS file, with nothing left external.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});

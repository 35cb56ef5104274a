// Build of the `flowgate` command and the batch worker thread for Node, so that neither needs a
// TypeScript compiler at run time. Output: out/cli/main.js (what bin/flowgate.js imports) with
// out/cli/batch-worker.js beside it (the batch runner starts the worker from there), and the chunks
// they share. npm's `prepare` runs it on `npm install`; `npm test` runs it through the tests' setup.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // No public/ folder to copy and no .env files to read: this is a Node program.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: at('./out/cli'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: { main: at('./cli/main.ts'), 'batch-worker': at('./electron/backend/batch/worker.ts') },
      // Chunks beside the entries, not in a subfolder: the runner finds the worker at
      // `new URL('./batch-worker.js', import.meta.url)`, which holds in whichever file it is bundled into.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});

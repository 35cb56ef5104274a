// The packaged app runs batches in a worker thread only if the build puts the worker next to the main
// bundle, where the runner looks for it (`./batch-worker.js` beside the file it is bundled into).
// Checked here on the desktop build's configuration; tests/backend/batch-worker-build.test.ts builds
// the command line the same way and starts its worker, alone and from the built backend.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import electronViteConfig from '../../../electron.vite.config';

const root = path.resolve(import.meta.dirname, '../../..');

interface MainSection {
  build: { outDir: string; rollupOptions: { input: Record<string, string>; output?: { chunkFileNames?: string; entryFileNames?: string } } };
}

const main = (electronViteConfig as unknown as { main: MainSection }).main;

describe('the batch worker in the desktop build', () => {
  it('is a main-process entry of its own, built as out/main/batch-worker.js', () => {
    const { input } = main.build.rollupOptions;
    expect(path.relative(root, input['batch-worker'])).toBe(path.join('electron', 'backend', 'batch', 'worker.ts'));
    expect(fs.existsSync(input['batch-worker'])).toBe(true);
    expect(path.relative(root, input.index)).toBe(path.join('electron', 'main', 'index.ts'));
    expect(path.relative(root, main.build.outDir)).toBe(path.join('out', 'main'));
    // Entries keep their names ([name].js, the default), so the file is batch-worker.js.
    expect(main.build.rollupOptions.output?.entryFileNames ?? '[name].js').toBe('[name].js');
  });

  it('keeps shared chunks beside the entries, so the runner finds the worker from whichever file holds it', () => {
    const chunks = main.build.rollupOptions.output?.chunkFileNames;
    expect(chunks).toBeDefined();
    expect(chunks).not.toContain('/');
  });
});

// Builds the browser version of the renderer with Vite when `serve` finds no build yet.
// Vite's log goes to stderr: stdout is reserved for the one line holding the URL.
import { existsSync } from 'node:fs';
import { Console } from 'node:console';
import { join } from 'node:path';

export async function buildRenderer(configFile: string, outDir: string, stderr: NodeJS.WritableStream): Promise<void> {
  if (!existsSync(configFile)) throw new Error(`Cannot build the app: ${configFile} is missing.`);
  stderr.write('Building the Flowgate app for the browser (first run only)…\n');
  const { build, createLogger } = await import('vite');
  await build({
    configFile,
    // Vite's per-environment reporter prints info lines through a logger of its own (on stdout),
    // so info is turned off and the progress lines here say what is happening instead.
    logLevel: 'warn',
    clearScreen: false,
    customLogger: createLogger('warn', { console: new Console(stderr, stderr), allowClearScreen: false }),
  });
  if (!existsSync(join(outDir, 'index.html'))) {
    throw new Error(`The build finished but ${join(outDir, 'index.html')} is missing: check build.outDir in ${configFile}.`);
  }
  stderr.write('Build finished.\n');
}

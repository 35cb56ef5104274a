// Builds the browser renderer with vite.web.config.ts (the build `npm run build:web` makes) and weighs
// its bundle: every .js and .css file under assets/, gzipped at level 9. The build goes to a folder of
// the benchmark's own, so it never empties out/renderer under a test or a server that is using it.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_VITE_CONFIG } from '../cli/repo';
import { figure, type Figure } from './lib/figures';

/** Builds the renderer into a new temp folder and returns it. */
export async function buildRenderer(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'flowgate-bench-renderer-'));
  const { build } = await import('vite');
  await build({ configFile: WEB_VITE_CONFIG, logLevel: 'warn', clearScreen: false, build: { outDir, emptyOutDir: true } });
  return outDir;
}

export async function weighBundle(buildDir: string): Promise<{ raw: number; gzip: number; files: number; js: number; css: number }> {
  const dir = join(buildDir, 'assets');
  const names = (await readdir(dir)).filter((n) => n.endsWith('.js') || n.endsWith('.css'));
  let raw = 0;
  let gzip = 0;
  let js = 0;
  let css = 0;
  for (const name of names) {
    const bytes = await readFile(join(dir, name));
    const packed = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += packed;
    if (name.endsWith('.js')) js += packed;
    else css += packed;
  }
  return { raw, gzip, files: names.length, js, css };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export async function bundleFigures(buildDir: string): Promise<Figure[]> {
  const w = await weighBundle(buildDir);
  const note = `${w.files} files in assets/: JS ${kb(w.js)} KB + CSS ${kb(w.css)} KB gzipped, ${kb(w.raw)} KB raw`;
  return [figure('bundle.gzip', 'Renderer bundle, gzipped', kb(w.gzip), 'KB', null, note)];
}

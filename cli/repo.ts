// Where the CLI finds the app's own files when run from a checkout: from the sources (cli/) in
// tests, from the build (out/cli/, what bin/flowgate.js runs) otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The nearest folder above `moduleUrl` that holds package.json: the checkout, from cli/ or out/cli/. */
export function checkoutRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`Flowgate cannot find its package.json in ${start} or any folder above it.`);
  }
}

export const REPO_ROOT = checkoutRoot(import.meta.url);
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');
export const WEB_BUILD_DIR = join(REPO_ROOT, 'out', 'renderer');
export const WEB_VITE_CONFIG = join(REPO_ROOT, 'vite.web.config.ts');
/** The built command line and batch worker (vite.cli.config.ts). */
export const CLI_BUILD_DIR = join(REPO_ROOT, 'out', 'cli');

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

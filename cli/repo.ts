// Where the CLI finds the app's own files when run from a checkout (bin/flowgate.js → cli/).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RESOURCES_DIR = join(REPO_ROOT, 'resources');
export const WEB_BUILD_DIR = join(REPO_ROOT, 'out', 'renderer');
export const WEB_VITE_CONFIG = join(REPO_ROOT, 'vite.web.config.ts');

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

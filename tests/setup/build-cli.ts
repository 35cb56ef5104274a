// Vitest global setup: the tests spawn bin/flowgate.js and start the batch worker, both of which run
// the build in out/cli/ (vite.cli.config.ts). Builds it when it is missing or older than its sources,
// so `npm test` and `npx vitest run` on a fresh clone or after an edit test the code as it is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { CLI_BUILD_DIR, REPO_ROOT } from '../../cli/repo';

const SOURCES = ['cli', 'shared', 'electron/backend', 'electron/server', 'vite.cli.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function cliBuildIsCurrent(): boolean {
  const built = join(CLI_BUILD_DIR, 'main.js');
  if (!existsSync(built) || !existsSync(join(CLI_BUILD_DIR, 'batch-worker.js'))) return false;
  const sources = Math.max(...SOURCES.map((p) => join(REPO_ROOT, p)).filter(existsSync).map(newestMtime));
  return statSync(built).mtimeMs >= sources;
}

export default async function setup(): Promise<void> {
  if (cliBuildIsCurrent()) return;
  await build({ configFile: join(REPO_ROOT, 'vite.cli.config.ts'), logLevel: 'warn' });
}

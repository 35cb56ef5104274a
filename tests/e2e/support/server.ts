// The real backend and HTTP server of browser mode, started in-process over a fresh temp data
// folder, serving the built renderer (out/renderer) — exactly what `flowgate serve` runs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../electron/backend/backend';
import { startServer } from '../../../electron/server/server';
import { REPO_ROOT, RESOURCES_DIR, WEB_BUILD_DIR, appVersion } from '../../../cli/repo';

export interface FlowgateServer {
  /** The address to open, with the access token (`http://127.0.0.1:<port>/?token=…`). */
  url: string;
  token: string;
  /** The temp folder holding the library store (recent files, settings). */
  dataDir: string;
  /** Where browser mode reads and writes workflow files (`<dataDir>/workflows`). */
  workspaceDir: string;
  /** Stops the server, flushes the backend and deletes the temp folder. */
  close(): Promise<void>;
}

/** Throws when there is no web build: the tests drive the built app, never a dev server. */
export function assertWebBuild(): void {
  if (!existsSync(join(WEB_BUILD_DIR, 'index.html'))) {
    throw new Error(`No web build in ${WEB_BUILD_DIR}. Run "npm run build:web" first ("npm run test:e2e" does it for you).`);
  }
  const built = statSync(join(WEB_BUILD_DIR, 'index.html')).mtimeMs;
  const stale = newestMtime([join(REPO_ROOT, 'renderer', 'src'), join(REPO_ROOT, 'shared')]) > built;
  // A warning, not a failure: the sources may be mid-edit, but a surprising result then has a reason.
  if (stale) console.warn(`Flowgate e2e: ${WEB_BUILD_DIR} is older than the sources; run "npm run build:web" to test the current code.`);
}

function newestMtime(dirs: string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newest;
}

export async function startFlowgate(): Promise<FlowgateServer> {
  assertWebBuild();
  const dataDir = await mkdtemp(join(tmpdir(), 'flowgate-e2e-'));
  const workspaceDir = join(dataDir, 'workflows');
  const backend = await createBackend({ mode: 'browser', dataDir, workspaceDir, resourcesDir: RESOURCES_DIR, version: appVersion() });
  let server;
  try {
    server = await startServer({ backend, port: 0, staticDir: WEB_BUILD_DIR });
  } catch (e) {
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
  const running = server;
  return {
    url: running.url,
    token: running.token,
    dataDir,
    workspaceDir,
    async close() {
      await running.close();
      await backend.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

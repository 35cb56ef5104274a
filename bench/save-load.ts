// Save and open of a 1,000-step workflow through the backend, the way both transports call it:
// dispatch() validates the params against the API contract, then the handler validates the document
// again, serialises it, writes it atomically (temp file, fsync, backup, rename) and checks the result.
// The transport hop itself (IPC structured clone, or HTTP + JSON) is not included.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/backend';
import { dispatch } from '../shared/api/dispatch';
import type { Envelope } from '../shared/api/contract';
import { loadWorkflow, serializeWorkflow } from '../shared/model/load';
import { RESOURCES_DIR, appVersion } from '../cli/repo';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { figure, type Figure } from './lib/figures';
import { formatRuns, sampleAsync } from './lib/stats';

const NODES = 1_000;
const FILE = 'bench-1000.flowgate.json';

function unwrap<T>(envelope: Envelope<unknown>, what: string): T {
  if (!envelope.ok) throw new Error(`${what} failed: ${envelope.error.message}`);
  return envelope.result as T;
}

export async function saveLoadFigures(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'flowgate-bench-'));
  const backend = await createBackend({
    mode: 'browser',
    dataDir: join(dir, 'data'),
    workspaceDir: join(dir, 'workspace'),
    resourcesDir: RESOURCES_DIR,
    version: appVersion(),
  });
  try {
    const text = serializeWorkflow(generateWorkflow({ nodes: NODES, variant: 'clean', seed: 1 }));
    // The renderer holds a loaded document; it sends that.
    const { workflow } = loadWorkflow(text);
    let mtimeMs = unwrap<{ mtimeMs: number }>(await dispatch(backend, 'workflow.save', { path: FILE, document: workflow }), 'The first save').mtimeMs;

    // Each save passes the mtime the previous one returned, as the app does, so the change check runs too.
    const save = await sampleAsync(
      async () => {
        const result = unwrap<{ mtimeMs: number }>(await dispatch(backend, 'workflow.save', { path: FILE, document: workflow, expectedMtimeMs: mtimeMs }), 'Save');
        mtimeMs = result.mtimeMs;
      },
      { warmup: 5, runs: 30 },
    );
    const open = await sampleAsync(async () => unwrap(await dispatch(backend, 'workflow.open', { path: FILE }), 'Open'), { warmup: 5, runs: 30 });
    const kb = Math.round(Buffer.byteLength(text) / 1024);
    return [
      figure('save.1000', 'Save, 1,000 steps (backend)', save.median, 'ms', { max: 50 }, `${formatRuns(save)}; ${kb} KB file, fsync + backup included`),
      figure('load.1000', 'Open, 1,000 steps (backend)', open.median, 'ms', null, `${formatRuns(open)}; read, parse, validate, result checked against the contract`),
    ];
  } finally {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  }
}

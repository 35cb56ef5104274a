// Save and open of workflows through the backend, the way both transports call it: dispatch()
// validates the params against the API contract, then the handler checks what a schema cannot (depth,
// references), serialises, writes atomically (temp file, fsync, backup, rename) and checks the
// result. The transport hop itself (IPC structured clone, or HTTP + JSON) is not included.
//
// Baselines, in the same run and alternating with the figure: for a save, JSON.stringify of the same
// document written to a file with fsync; for an open, reading the same file and JSON.parse. What the
// ratio adds is Flowgate's own care: validation, the backup, the change check, the recent list.
import { open as openFile, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../electron/backend/backend';
import { dispatch } from '../shared/api/dispatch';
import type { Envelope } from '../shared/api/contract';
import { loadWorkflow, serializeWorkflow } from '../shared/model/load';
import type { Workflow } from '../shared/model/schema';
import { RESOURCES_DIR, appVersion } from '../cli/repo';
import { generateWorkflow } from '../tests/fixtures/generate-workflow';
import { figure, type Budget, type Figure } from './lib/figures';
import { formatRuns, summarise } from './lib/stats';

const SIZES: { nodes: number; saveBudget: Budget | null; ratio: { save: Budget; open: Budget } | null; runs: number }[] = [
  { nodes: 1_000, saveBudget: { max: 50 }, ratio: null, runs: 21 },
  // 300 ms each, where the baselines take about 60 ms (save) and 40 ms (open) on the development machine at rest.
  { nodes: 10_000, saveBudget: { max: 300 }, ratio: { save: { max: 5 }, open: { max: 7.5 } }, runs: 9 },
];
const WARMUP = 2;

function unwrap<T>(envelope: Envelope<unknown>, what: string): T {
  if (!envelope.ok) throw new Error(`${what} failed: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Serialises the document as files are written and writes it durably: the least a save does. */
async function bareSave(file: string, wf: Workflow): Promise<void> {
  const handle = await openFile(file, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(wf, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function bareOpen(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
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
  const out: Figure[] = [];
  try {
    for (const { nodes, saveBudget, ratio, runs } of SIZES) {
      const file = `bench-${nodes}.flowgate.json`;
      const text = serializeWorkflow(generateWorkflow({ nodes, variant: 'clean', seed: 1 }));
      // The renderer holds a loaded document; it sends that.
      const { workflow } = loadWorkflow(text);
      let mtimeMs = unwrap<{ mtimeMs: number }>(await dispatch(backend, 'workflow.save', { path: file, document: workflow }), 'The first save').mtimeMs;
      const bareFile = join(dir, `bare-${nodes}.json`);
      await bareSave(bareFile, workflow);

      // Each save passes the mtime the previous one returned, as the app does, so the change check runs too.
      const save = async () => {
        mtimeMs = unwrap<{ mtimeMs: number }>(await dispatch(backend, 'workflow.save', { path: file, document: workflow, expectedMtimeMs: mtimeMs }), 'Save').mtimeMs;
      };
      const open = async () => unwrap(await dispatch(backend, 'workflow.open', { path: file }), 'Open');
      const times = { save: [] as number[], bareSave: [] as number[], open: [] as number[], bareOpen: [] as number[] };
      for (let i = 0; i < WARMUP + runs; i++) {
        const round = {
          save: await timed(save),
          bareSave: await timed(() => bareSave(bareFile, workflow)),
          open: await timed(open),
          bareOpen: await timed(() => bareOpen(bareFile)),
        };
        if (i < WARMUP) continue;
        for (const k of Object.keys(round) as (keyof typeof round)[]) times[k].push(round[k]);
      }
      const s = summarise(times.save);
      const o = summarise(times.open);
      const kb = Math.round(Buffer.byteLength(text) / 1024).toLocaleString('en-US');
      const steps = nodes.toLocaleString('en-US');
      out.push(
        figure(`save.${nodes}`, `Save, ${steps} steps (backend)`, s.median, 'ms', saveBudget, `${formatRuns(s)}; ${kb} KB file, fsync + backup included`, {
          what: 'JSON.stringify of the same document written to a file with fsync',
          value: summarise(times.bareSave).median,
          budget: ratio?.save ?? null,
        }),
        figure(`load.${nodes}`, `Open, ${steps} steps (backend)`, o.median, 'ms', nodes >= 10_000 ? { max: 300 } : null, `${formatRuns(o)}; read, parse, validate, result checked against the contract`, {
          what: 'reading the same file and JSON.parse',
          value: summarise(times.bareOpen).median,
          budget: ratio?.open ?? null,
        }),
      );
    }
    return out;
  } finally {
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  }
}

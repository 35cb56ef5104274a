// runBatch(): a batch in a worker thread, with progress and cancel, so the backend (and the window it
// serves) stays responsive however many items run. When no worker can be started — the packaged app
// was built without the worker entry, or a platform refuses threads — the batch runs in the backend's
// own thread instead, in slices of a few milliseconds with the event loop served between them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Workflow } from '../../../shared/model/schema';
import { BatchRunner, prepareBatch } from '../../../shared/simulation/batch';
import type { BatchSettingsInput } from '../../../shared/simulation/batch-settings';
import type { DataSets } from '../../../shared/simulation/datasets';
import type { BatchResult } from '../../../shared/simulation/metrics-schema';
import { readSampleData } from '../simulation/sample-data';
import type { BatchFailure, WorkerInput, WorkerMessage } from './protocol';
import { failureOf, runSlices } from './slices';

export interface BatchProgress {
  done: number;
  total: number;
  /** Whether this batch runs in a worker thread. */
  inWorker: boolean;
}

export interface RunBatchOptions {
  /** The folder holding sample-data/ (the app's resources). */
  resourcesDir: string;
  /** `auto` (default): a worker when one starts, else in-process. Tests force one or the other. */
  mode?: 'auto' | 'worker' | 'in-process';
  /** Wall-clock length of a slice of items between progress reports (default 50 ms; 8 ms in-process). */
  sliceMs?: number;
  /** Sample data already loaded (in-process only; a worker reads its own). */
  datasets?: DataSets;
}

/** A batch that could not start or broke off, with what the API reports. */
export class BatchError extends Error {
  constructor(readonly failure: BatchFailure) {
    super(failure.message);
    this.name = 'BatchError';
  }
}

/** Thrown by a forced worker run when no worker could be started. */
class NoWorker extends Error {}

/**
 * The worker's script: `batch-worker.js` beside the bundle this runner is built into (out/main/ in the
 * desktop app, out/cli/ for the command line and browser mode). Run from the TypeScript sources (the
 * tests), the runner starts the command line's build of it, out/cli/batch-worker.js, which
 * `npm run build:cli` makes (npm install and the tests' setup run it): no compiler in the worker.
 */
function workerFile(): URL | null {
  const here = import.meta.url;
  const file = here.endsWith('.ts') ? new URL('../../../out/cli/batch-worker.js', here) : new URL('./batch-worker.js', here);
  return existsSync(fileURLToPath(file)) ? file : null;
}

function inWorker(
  document: Workflow,
  settings: BatchSettingsInput,
  onProgress: (p: BatchProgress) => void,
  signal: AbortSignal,
  options: RunBatchOptions,
): Promise<BatchResult> {
  const file = workerFile();
  if (!file) return Promise.reject(new NoWorker('its script has not been built (npm run build:cli)'));
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const workerData: WorkerInput = { document, settings, sampleDataDir: join(options.resourcesDir, 'sample-data'), cancel, sliceMs: options.sliceMs ?? 50 };
  return new Promise<BatchResult>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(file, { workerData, name: 'flowgate-batch' });
    } catch (e) {
      reject(new NoWorker((e as Error).message));
      return;
    }
    let started = false;
    let settled = false;
    const onAbort = () => Atomics.store(flag, 0, 1);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'started') {
        started = true;
        onProgress({ done: 0, total: m.total, inWorker: true });
      } else if (m.type === 'progress') onProgress({ done: m.done, total: m.total, inWorker: true });
      else if (m.type === 'finished') settle(() => resolve(m.result));
      else settle(() => reject(new BatchError(m.failure)));
    });
    worker.on('error', (e) => settle(() => reject(started ? new BatchError({ message: e.message, code: 'internal' }) : new NoWorker(e.message))));
    worker.on('exit', (code) => settle(() => reject(started ? new BatchError({ message: `The batch worker stopped unexpectedly (exit code ${code}).`, code: 'internal' }) : new NoWorker(`exit ${code}`))));
  });
}

async function inProcess(
  document: Workflow,
  settings: BatchSettingsInput,
  onProgress: (p: BatchProgress) => void,
  signal: AbortSignal,
  options: RunBatchOptions,
): Promise<BatchResult> {
  let runner: BatchRunner;
  try {
    const datasets = options.datasets ?? (await readSampleData(join(options.resourcesDir, 'sample-data')));
    runner = new BatchRunner(prepareBatch(document, datasets, settings));
  } catch (e) {
    throw new BatchError(failureOf(e));
  }
  onProgress({ done: 0, total: runner.total, inWorker: false });
  const cancelled = await runSlices(runner, {
    // Short slices: here the batch shares the thread with every other request of the backend.
    sliceMs: options.sliceMs ?? 8,
    onProgress: (done, total) => onProgress({ done, total, inWorker: false }),
    isCancelled: () => signal.aborted,
    between: () => new Promise<void>((r) => setImmediate(r)),
  });
  return runner.result(cancelled);
}

/**
 * Runs a batch of `document` with `settings`, calling `onProgress` as items finish. Aborting `signal`
 * cancels it: the promise then resolves with the result of the items finished (`cancelled: true`),
 * which are the same items a full batch starts with. Rejects with BatchError when it cannot run.
 */
export async function runBatch(
  document: Workflow,
  settings: BatchSettingsInput,
  onProgress: (p: BatchProgress) => void,
  signal: AbortSignal,
  options: RunBatchOptions,
): Promise<BatchResult> {
  const mode = options.mode ?? 'auto';
  if (mode !== 'in-process') {
    try {
      return await inWorker(document, settings, onProgress, signal, options);
    } catch (e) {
      if (!(e instanceof NoWorker)) throw e;
      if (mode === 'worker') throw new BatchError({ message: `The batch worker could not start: ${e.message}`, code: 'internal' });
    }
  }
  return inProcess(document, settings, onProgress, signal, options);
}

// The batch worker thread: loads the sample data, prepares the batch and runs it slice by slice,
// posting progress, until it is finished or the runner raises the cancel flag. It posts the result of
// the items it finished either way. Built as an entry of its own, beside the bundle that starts it
// (out/main/ and out/cli/, see docs/BATCH.md): it always runs as built JavaScript.
import { parentPort, workerData } from 'node:worker_threads';
import { BatchRunner, prepareBatch } from '../../../shared/simulation/batch';
import { readSampleData } from '../simulation/sample-data';
import type { WorkerInput, WorkerMessage } from './protocol';
import { failureOf, runSlices } from './slices';

const input = workerData as WorkerInput;
const cancelled = new Int32Array(input.cancel);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);

async function main(): Promise<void> {
  let runner: BatchRunner;
  try {
    const datasets = await readSampleData(input.sampleDataDir);
    runner = new BatchRunner(prepareBatch(input.document, datasets, input.settings));
  } catch (e) {
    post({ type: 'failed', failure: failureOf(e) });
    return;
  }
  post({ type: 'started', total: runner.total });
  try {
    const wasCancelled = await runSlices(runner, {
      sliceMs: input.sliceMs,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
      isCancelled: () => Atomics.load(cancelled, 0) === 1,
    });
    post({ type: 'finished', result: runner.result(wasCancelled) });
  } catch (e) {
    post({ type: 'failed', failure: { ...failureOf(e), code: 'internal' } });
  }
}

void main();

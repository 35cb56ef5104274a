// A batch whose AI steps marked `external` run on the configured model. It runs in the backend's own
// thread, where the provider (and its key) lives — a worker would need both — on the engine's async
// path, a few items at a time. Cancelling aborts the requests in flight through the batch's signal;
// the calls, tokens and estimated cost are counted in one ledger and added to the result.
import type { Workflow } from '../../../shared/model/schema';
import type { AiProvider } from '../../../shared/simulation/ai-provider';
import { prepareBatch } from '../../../shared/simulation/batch';
import { DEFAULT_BATCH_CONCURRENCY, runBatchAsync } from '../../../shared/simulation/batch-async';
import type { BatchSettingsInput } from '../../../shared/simulation/batch-settings';
import type { DataSets } from '../../../shared/simulation/datasets';
import type { BatchResult } from '../../../shared/simulation/metrics-schema';
import type { UsageLedger } from '../ai/usage';
import { routeAi, type AiProviderFor } from '../simulation/ai-router';
import { BatchError, type BatchProgress } from './runner';
import { failureOf } from './slices';

export interface ModelBatchOptions {
  datasets: DataSets;
  /** The provider of each AI step (the configured model for the external ones, else null: the mock). */
  providerFor: AiProviderFor;
  /** Where the batch's calls and tokens are counted. */
  ledger: UsageLedger;
  /** Items in flight at once (default 4). */
  concurrency?: number;
}

/**
 * Runs a batch with the model, calling `onProgress` as items finish. Aborting `signal` cancels it: the
 * requests in flight are aborted, and the promise resolves with the items finished before
 * (`cancelled: true`). Rejects with BatchError when it cannot run.
 */
export async function runModelBatch(
  document: Workflow,
  settings: BatchSettingsInput,
  onProgress: (p: BatchProgress) => void,
  signal: AbortSignal,
  options: ModelBatchOptions,
): Promise<BatchResult> {
  let prepared;
  try {
    prepared = prepareBatch(document, options.datasets, settings);
  } catch (e) {
    throw new BatchError(failureOf(e));
  }
  // One provider per step for the whole batch: its requests share the batch's signal and ledger.
  const ai: AiProvider = routeAi(document, options.providerFor, { signal, ledger: options.ledger });
  onProgress({ done: 0, total: prepared.settings.runs, inWorker: false });
  let result: BatchResult;
  try {
    result = await runBatchAsync(prepared, {
      ai,
      concurrency: options.concurrency ?? DEFAULT_BATCH_CONCURRENCY,
      isCancelled: () => signal.aborted,
      onProgress: (done, total) => onProgress({ done, total, inWorker: false }),
      // Steps the model is not asked about answer at once: let other requests of the backend in.
      between: () => new Promise<void>((resolve) => setImmediate(resolve)),
    });
  } catch (e) {
    throw new BatchError({ ...failureOf(e), code: 'internal' });
  }
  return { ...result, aiUsage: options.ledger.summary() };
}

// The batch methods of the API: batch.start runs a batch in the background (a worker thread when one
// starts; in the backend's thread when AI steps run on the configured model, after asking when it would
// make more calls than Settings allow), batch.estimate says what it would send, batch.progress says how
// far it is, batch.cancel stops it keeping what it finished, and batches.list / batches.get read the
// history every finished batch is saved to.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, type Params, type Result } from '../../../shared/api/contract';
import type { Workflow } from '../../../shared/model/schema';
import { prepareBatch } from '../../../shared/simulation/batch';
import type { BatchResult } from '../../../shared/simulation/metrics-schema';
import { callsPhrase, estimateCalls, type BudgetSettings, type CallEstimate } from '../ai/call-budget';
import type { UsageLedger } from '../ai/usage';
import { realFs, type AtomicFs } from '../atomic-write';
import type { AiProviderFor } from '../simulation/ai-router';
import { newRunId } from '../simulation/ids';
import { sampleDataCache } from '../simulation/sample-data';
import { batchHistory } from './history';
import { runModelBatch } from './model-batch';
import { BatchError, runBatch, type RunBatchOptions } from './runner';
import { failureOf } from './slices';
import { thousands } from '../../../shared/text';

/** What batches need of the AI settings: the model external steps run on, their providers, a usage count. */
export interface BatchAi {
  settings(): Readonly<BudgetSettings>;
  providerFor: AiProviderFor;
  newLedger(): UsageLedger;
}

export interface BatchDeps {
  dataDir: string;
  resourcesDir: string;
  fs?: AtomicFs;
  /** Tests force the worker or the in-process runner; `auto` otherwise. */
  mode?: RunBatchOptions['mode'];
  /** Wall clock, for rate and time left; tests pass their own. */
  now?: () => number;
  /** The AI settings and providers; without them every batch uses the mock. */
  ai?: BatchAi;
  /** Items a batch with the model runs at once (default 4). */
  modelConcurrency?: number;
}

/** Finished batches stay answerable to batch.progress for a while; the history keeps them for good. */
const KEEP_FINISHED = 20;

interface LiveBatch {
  id: string;
  workflowId: string;
  total: number;
  done: number;
  inWorker: boolean;
  startedMs: number;
  finishedMs: number | null;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  result: BatchResult | null;
  error: string | null;
  saved: boolean;
  /** The model calls of a batch that runs AI steps on the model; null for a mock-only batch. */
  ledger: UsageLedger | null;
  controller: AbortController;
  finished: Promise<void>;
}

type BatchMethod = 'batch.start' | 'batch.estimate' | 'batch.progress' | 'batch.cancel' | 'batches.list' | 'batches.get' | 'sim.datasets';
type Handlers = { [M in BatchMethod]: (params: Params<M>) => Promise<Result<M>> };

export function batchService({ dataDir, resourcesDir, fs = realFs, mode = 'auto', now = () => Date.now(), ai, modelConcurrency }: BatchDeps) {
  const sampleDir = join(resourcesDir, 'sample-data');
  const datasets = sampleDataCache(sampleDir);
  const history = batchHistory({ dataDir, fs });
  const live = new Map<string, LiveBatch>();

  async function datasetNames(): Promise<string[]> {
    const names = await readdir(sampleDir).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).sort();
  }

  function forget(): void {
    const finished = [...live.values()].filter((b) => b.state !== 'running');
    for (const b of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) live.delete(b.id);
  }

  async function keep(batch: LiveBatch, document: Workflow, startedAt: Date): Promise<void> {
    const result = batch.result!;
    if (result.metrics.runs === 0) return; // a batch cancelled before its first item has nothing to keep
    try {
      await history.save({
        id: batch.id,
        workflowId: document.id,
        workflowName: document.name,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date(startedAt.getTime() + (batch.finishedMs! - batch.startedMs)).toISOString(),
        durationMs: Math.round(batch.finishedMs! - batch.startedMs),
        document,
        result,
      });
      batch.saved = true;
    } catch (e) {
      batch.error = `The batch finished but could not be kept in the history: ${(e as Error).message}`;
    }
  }

  function lookup(id: string): LiveBatch {
    const batch = live.get(id);
    if (!batch) throw new ApiError('not-found', 'There is no such batch running: it finished long ago or the app was restarted. Look for it in the batch history.');
    return batch;
  }

  /** Refuses what cannot run before anything starts, with the path of the problem. */
  async function check(wf: Workflow, settings: Params<'batch.start'>['settings']): Promise<void> {
    try {
      prepareBatch(wf, await datasets(), settings, { datasetNames: await datasetNames() });
    } catch (e) {
      const f = failureOf(e);
      throw new ApiError(f.code, f.message, f.path);
    }
  }

  function estimate(wf: Workflow, runs: number): CallEstimate {
    const none: CallEstimate = { calls: 0, maxCallsWithoutAsking: 0, mustAsk: false, model: null, host: null, local: false, steps: [] };
    return ai ? estimateCalls(wf, runs, ai.settings()) : none;
  }

  const handlers: Handlers = {
    async 'batch.estimate'({ document, settings }) {
      const wf = document as Workflow;
      await check(wf, settings);
      return estimate(wf, settings.runs);
    },

    async 'batch.start'({ document, settings, confirmCalls }) {
      const wf = document as Workflow;
      await check(wf, settings);
      const plan = estimate(wf, settings.runs);
      const withModel = ai !== undefined && plan.steps.length > 0;
      if (withModel && !plan.model?.trim()) {
        throw new ApiError('bad-request', `AI steps ${plan.steps.join(', ')} are marked external, but no model is chosen in Settings → AI. Choose one, or set the steps to the mock.`);
      }
      if (withModel && plan.mustAsk && (confirmCalls ?? -1) < plan.calls) {
        throw new ApiError(
          'conflict',
          `This batch would send ${callsPhrase(plan)}, more than the ${thousands(plan.maxCallsWithoutAsking)} that Settings → AI allow without asking. Confirm to send them.`,
          '$.confirmCalls',
        );
      }
      const startedAt = new Date();
      const batch: LiveBatch = {
        id: newRunId(startedAt),
        workflowId: wf.id,
        total: settings.runs,
        done: 0,
        inWorker: false,
        startedMs: now(),
        finishedMs: null,
        state: 'running',
        result: null,
        error: null,
        saved: false,
        ledger: withModel ? ai.newLedger() : null,
        controller: new AbortController(),
        finished: Promise.resolve(),
      };
      live.set(batch.id, batch);
      const onProgress = (p: { done: number; total: number; inWorker: boolean }) => {
        batch.done = p.done;
        batch.total = p.total;
        batch.inWorker = p.inWorker;
      };
      // With the model, the batch runs here, where the provider and its key are; else in a worker.
      const running = batch.ledger
        ? runModelBatch(wf, settings, onProgress, batch.controller.signal, {
            datasets: await datasets(),
            providerFor: ai!.providerFor,
            ledger: batch.ledger,
            concurrency: modelConcurrency,
          })
        : runBatch(wf, settings, onProgress, batch.controller.signal, { resourcesDir, mode, datasets: await datasets() });
      batch.finished = running.then(
        async (result) => {
          batch.finishedMs = now();
          batch.result = result;
          batch.done = result.metrics.runs;
          batch.state = result.cancelled ? 'cancelled' : 'done';
          await keep(batch, wf, startedAt);
          forget();
        },
        (e: unknown) => {
          batch.finishedMs = now();
          batch.state = 'failed';
          batch.error = e instanceof BatchError ? e.message : `The batch failed: ${(e as Error).message}`;
          forget();
        },
      );
      return { batchId: batch.id };
    },

    async 'batch.progress'({ batchId }) {
      const b = lookup(batchId);
      // Saving happens after the run: report the batch finished only once it is kept.
      const finished = b.state !== 'running' && (b.state === 'failed' || b.saved || b.error !== null || b.result?.metrics.runs === 0);
      const elapsed = ((b.finishedMs ?? now()) - b.startedMs) / 1000;
      const rate = elapsed > 0 ? b.done / elapsed : 0;
      return {
        batchId: b.id,
        state: finished ? b.state : 'running',
        done: b.done,
        total: b.total,
        rate: Math.round(rate * 10) / 10,
        etaSeconds: finished ? 0 : rate > 0 ? Math.round(((b.total - b.done) / rate) * 10) / 10 : null,
        finished,
        cancelled: finished && b.state === 'cancelled',
        inWorker: b.inWorker,
        ...(finished && b.result ? { metrics: b.result.metrics } : {}),
        error: finished ? b.error : null,
        saved: b.saved,
        ...(b.ledger ? { aiUsage: b.ledger.summary() } : {}),
      };
    },

    async 'batch.cancel'({ batchId }) {
      lookup(batchId).controller.abort();
      return {};
    },

    'batches.list': ({ workflowId }) => history.list(workflowId),
    'batches.get': ({ workflowId, batchId }) => history.get(workflowId, batchId),

    async 'sim.datasets'() {
      const data = await datasets();
      const names = await datasetNames();
      return { datasets: names.flatMap((name) => (data.get(name) ? [{ name, records: data.get(name)!.length, fields: recordFields(data.get(name)!) }] : [])) };
    },
  };

  /** The fields a set's records have (every field of every record, in the order first seen). */
  function recordFields(records: readonly Record<string, unknown>[]): string[] {
    const fields = new Set<string>();
    for (const r of records) for (const key of Object.keys(r)) fields.add(key);
    return [...fields];
  }

  /** Cancels running batches and waits until they are kept. */
  async function close(): Promise<void> {
    const running = [...live.values()].filter((b) => b.state === 'running');
    for (const b of running) b.controller.abort();
    await Promise.all(running.map((b) => b.finished));
  }

  return { handlers, close };
}

// A batch whose AI provider answers asynchronously (a real model): a few items run at once, each
// awaiting its model's answers on the engine's async path, and each finished item is added to the
// metrics as a whole — its steps are buffered while it runs, since the collector follows one item at a
// time. A cancel stops taking new items; items still waiting for an answer are dropped, not counted.
// Items finish in the order their answers come, so the metrics cover the items finished, whichever.
import type { AiProvider } from './ai-provider';
import { batchItemOptions, type PreparedBatch } from './batch';
import { startRun } from './engine';
import { MetricsCollector } from './metrics';
import { BATCH_FORMAT, BATCH_VERSION, type BatchResult } from './metrics-schema';
import type { Trace } from './trace';

/** Items in flight at once by default: enough to overlap the model's latency, few enough to stay polite. */
export const DEFAULT_BATCH_CONCURRENCY = 4;

export interface AsyncBatchOptions {
  /** The AI provider of the items (shared by all of them). */
  ai: AiProvider;
  /** Items run at once (default DEFAULT_BATCH_CONCURRENCY). */
  concurrency?: number;
  /** Checked before each item and after each answer: once true, no new item starts and unfinished ones are dropped. */
  isCancelled: () => boolean;
  /** Called as each item finishes, with the items finished and the batch's size. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Awaited between items once `sliceMs` of work ran without a pause: answers that arrive at once
   * (a step the model is not asked about) would otherwise keep the thread busy. Default: none.
   */
  between?: () => Promise<void>;
  sliceMs?: number;
  now?: () => number;
}

interface FinishedItem {
  /** onStep's arguments, three at a time (node index, output handle, milliseconds). */
  steps: (number | string | null)[];
  trace: Trace;
}

/**
 * Runs a prepared batch with an asynchronous AI provider. Resolves with the result of the items that
 * finished (`cancelled: true` when a cancel left some unrun); rejects when the engine fails.
 */
export async function runBatchAsync(prepared: PreparedBatch, options: AsyncBatchOptions): Promise<BatchResult> {
  const { settings, compiled } = prepared;
  const total = settings.runs;
  const collector = new MetricsCollector(compiled, total, settings.slaMinutes);
  const now = options.now ?? (() => Date.now());
  const sliceMs = options.sliceMs ?? 8;
  let next = 0;
  let done = 0;
  let failure: unknown = null;
  let sliceStart = now();
  const stopping = () => failure !== null || options.isCancelled();

  async function runItem(index: number): Promise<FinishedItem | null> {
    const steps: (number | string | null)[] = [];
    const run = startRun(compiled, {
      ...batchItemOptions(prepared, index, { onStep: (i, handle, ms) => void steps.push(i, handle, ms), recordEvents: false }),
      ai: options.ai,
    });
    for (;;) {
      const status = run.advance();
      if (status.state === 'done') return { steps, trace: status.trace };
      if (status.state === 'waiting-decision') throw new Error(`Item ${index + 1} of the batch waits for a decision at "${status.nodeId}".`);
      if (status.state === 'waiting-ai') {
        await status.settled;
        // An answer that came after a cancel is most likely the cancel itself: the item is dropped.
        if (stopping()) return null;
      }
    }
  }

  function add(item: FinishedItem): void {
    collector.beginItem();
    const s = item.steps;
    for (let i = 0; i < s.length; i += 3) collector.onStep(s[i] as number, s[i + 1] as string | null, s[i + 2] as number);
    collector.finishItem(item.trace);
    done++;
    options.onProgress?.(done, total);
  }

  async function lane(): Promise<void> {
    while (!stopping() && next < total) {
      const index = next++;
      try {
        const item = await runItem(index);
        if (!item || stopping()) return;
        add(item);
      } catch (e) {
        // The other lanes stop at their next item or answer; the batch rejects once all have.
        failure ??= e;
        return;
      }
      if (options.between && now() - sliceStart >= sliceMs) {
        await options.between();
        sliceStart = now();
      }
    }
  }

  const lanes = Math.max(1, Math.min(options.concurrency ?? DEFAULT_BATCH_CONCURRENCY, total));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure !== null) throw failure;
  const wf = compiled.workflow;
  return {
    format: BATCH_FORMAT,
    version: BATCH_VERSION,
    workflow: { id: wf.id, name: wf.name },
    settings,
    cancelled: done < total,
    metrics: collector.metrics(),
  };
}

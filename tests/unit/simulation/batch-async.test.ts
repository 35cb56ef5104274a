// runBatchAsync: a batch whose AI answers asynchronously. With the mock's answers handed back as
// promises it must give exactly the metrics of the synchronous batch (items in flight at once do not mix
// up the per-item counts); it keeps no more than `concurrency` items in flight; a cancel drops the
// items still waiting for an answer and counts only the finished ones; an engine failure rejects.
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import type { AiProvider, AiResponse } from '../../../shared/simulation/ai-provider';
import { prepareBatch, runBatch } from '../../../shared/simulation/batch';
import { runBatchAsync } from '../../../shared/simulation/batch-async';
import { mockAi } from '../../../shared/simulation/mock-ai';
import { supportTemplate } from '../../backend/simulation-helpers';

const data = loadSampleData();
const FAULTS = { aiUnavailable: 0.05, aiUnsure: 0.1, connectorFailure: 0.03 };

/** The mock's answers, later: each after a few turns of the event loop, so items finish out of order. */
function laterMock(): AiProvider & { inFlight: number; most: number; calls: number } {
  const p = {
    name: 'mock',
    inFlight: 0,
    most: 0,
    calls: 0,
    async run(request: Parameters<AiProvider['run']>[0]): Promise<AiResponse> {
      p.calls++;
      p.inFlight++;
      p.most = Math.max(p.most, p.inFlight);
      const turns = (request.material.length + p.calls) % 4;
      for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 0));
      p.inFlight--;
      return mockAi.run(request) as AiResponse;
    },
  };
  return p;
}

describe('runBatchAsync', () => {
  it('gives the metrics of the synchronous batch, whatever order items finish in', async () => {
    const wf = supportTemplate();
    const settings = { runs: 300, seed: 5, faults: FAULTS, slaMinutes: 60 };
    const ai = laterMock();
    const seen: number[] = [];
    const result = await runBatchAsync(prepareBatch(wf, data, settings), { ai, concurrency: 4, isCancelled: () => false, onProgress: (done) => seen.push(done) });
    const sync = runBatch(wf, data, settings);
    expect(result.cancelled).toBe(false);
    expect(result.metrics).toEqual(sync.metrics);
    expect(result.settings).toEqual(sync.settings);
    expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(ai.most).toBe(4);
  });

  it('keeps at most `concurrency` items in flight', async () => {
    const ai = laterMock();
    await runBatchAsync(prepareBatch(supportTemplate(), data, { runs: 40, seed: 2 }), { ai, concurrency: 2, isCancelled: () => false });
    expect(ai.most).toBe(2);
  });

  it('stops taking items on cancel and drops the ones still waiting for an answer', async () => {
    let cancelled = false;
    const waiting: ((r: AiResponse) => void)[] = [];
    // The first 10 answers come at once; after that none comes until the cancel, which answers "cancelled".
    let answered = 0;
    const ai: AiProvider = {
      name: 'slow',
      run(request) {
        if (answered < 10) {
          answered++;
          return Promise.resolve(mockAi.run(request) as AiResponse);
        }
        return new Promise<AiResponse>((resolve) => waiting.push(resolve));
      },
    };
    const wf = supportTemplate();
    const settings = { runs: 500, seed: 9 };
    const running = runBatchAsync(prepareBatch(wf, data, settings), { ai, concurrency: 3, isCancelled: () => cancelled });
    while (waiting.length < 3) await new Promise((r) => setTimeout(r, 1));
    cancelled = true;
    for (const resolve of waiting) resolve({ ok: false, error: 'Cancelled before the model answered.' });
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.metrics.runs).toBeGreaterThan(0);
    expect(result.metrics.runs).toBeLessThan(500);
    // No item that got the cancel as its answer is counted: none left by an AI step's error output.
    expect(result.metrics.errors).toBe(0);
    expect(waiting).toHaveLength(3);
  });

  it('rejects on a failure, after the items in flight settle, and starts no more items', async () => {
    const ai = laterMock();
    const running = runBatchAsync(prepareBatch(supportTemplate(), data, { runs: 200, seed: 1 }), {
      ai,
      concurrency: 3,
      isCancelled: () => false,
      onProgress: (done) => {
        if (done === 5) throw new Error('the progress report broke');
      },
    });
    await expect(running).rejects.toThrow('the progress report broke');
    const calls = ai.calls;
    await new Promise((r) => setTimeout(r, 20));
    expect(ai.calls).toBe(calls);
    expect(ai.inFlight).toBe(0);
    // Far fewer than the 200 items' calls were made.
    expect(calls).toBeLessThan(60);
  });
});

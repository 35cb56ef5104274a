// The batch runner in the backend: a worker thread with progress and cancel (a cancelled batch keeps
// the items it finished, the same as a full batch's first items), the in-process fallback, and the
// batch.* / batches.* methods through the contract, with the history on disk.
import { readFileSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../cli/commands/simulate';
import { loadWorkflow } from '../../shared/model/load';
import { runBatch as runBatchHere } from '../../shared/simulation/batch';
import { BatchError, runBatch, type BatchProgress } from '../../electron/backend/batch/runner';
import { makeBackend } from './helpers';

const RESOURCES = fileURLToPath(new URL('../../resources/', import.meta.url));
const support = loadWorkflow(readFileSync(join(RESOURCES, 'templates', 'support-ticket-triage.flowgate.json'), 'utf8')).workflow;
const sample = loadSampleData();
const FAULTS = { aiUnavailable: 0.03, aiUnsure: 0.05, connectorFailure: 0.02 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runBatch', () => {
  it('runs in a worker thread, reports progress, and gives the same metrics as the engine in this thread', async () => {
    const seen: BatchProgress[] = [];
    const settings = { runs: 3000, seed: 21, faults: FAULTS, slaMinutes: 90 };
    const result = await runBatch(support, settings, (p) => seen.push(p), new AbortController().signal, { resourcesDir: RESOURCES, mode: 'worker', sliceMs: 5 });
    expect(result.cancelled).toBe(false);
    expect(result.metrics).toEqual(runBatchHere(support, sample, settings).metrics);
    expect(seen.every((p) => p.inWorker)).toBe(true);
    expect(seen[0]).toEqual({ done: 0, total: 3000, inWorker: true });
    expect(seen.at(-1)!.done).toBe(3000);
    const dones = seen.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(2);
  });

  it('a cancelled worker batch keeps what it finished: the first items of the full batch', async () => {
    const controller = new AbortController();
    const settings = { runs: 100_000, seed: 4, faults: FAULTS };
    let latest = 0;
    const running = runBatch(
      support,
      settings,
      (p) => {
        latest = p.done;
        if (p.done > 0) controller.abort();
      },
      controller.signal,
      { resourcesDir: RESOURCES, mode: 'worker', sliceMs: 5 },
    );
    const result = await running;
    expect(result.cancelled).toBe(true);
    expect(result.settings.runs).toBe(100_000);
    const finished = result.metrics.runs;
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(100_000);
    expect(finished).toBeGreaterThanOrEqual(latest);
    expect(result.metrics).toEqual(runBatchHere(support, sample, { ...settings, runs: finished }).metrics);
  });

  it('in-process, it runs in slices and the event loop keeps turning; cancel works the same', async () => {
    const controller = new AbortController();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let progress = 0;
    const result = await runBatch(
      support,
      { runs: 100_000, seed: 4, faults: FAULTS },
      (p) => {
        progress++;
        expect(p.inWorker).toBe(false);
        if (p.done >= 2000) controller.abort();
      },
      controller.signal,
      { resourcesDir: RESOURCES, mode: 'in-process', sliceMs: 4 },
    );
    clearInterval(timer);
    expect(result.cancelled).toBe(true);
    expect(result.metrics.runs).toBeGreaterThanOrEqual(2000);
    expect(progress).toBeGreaterThan(2);
    // Timers ran while the batch did: the thread was never held for the whole batch.
    expect(ticks).toBeGreaterThan(1);
    expect(result.metrics).toEqual(runBatchHere(support, sample, { runs: result.metrics.runs, seed: 4, faults: FAULTS }).metrics);
  });

  it('refuses settings it cannot run, with the path, in either mode', async () => {
    for (const mode of ['worker', 'in-process'] as const) {
      const run = runBatch(support, { runs: 10, inputs: { from: 'dataset', dataset: 'orders' } }, () => undefined, new AbortController().signal, { resourcesDir: RESOURCES, mode });
      await expect(run).rejects.toBeInstanceOf(BatchError);
      await expect(run).rejects.toMatchObject({ failure: { code: 'bad-request', path: '$.inputs.dataset' } });
    }
  });
});

describe('batch.* and batches.* through the API', () => {
  async function waitFinished(fg: Awaited<ReturnType<typeof makeBackend>>, batchId: string) {
    for (let i = 0; i < 600; i++) {
      const p = await fg.ok('batch.progress', { batchId });
      if (p.finished) return p;
      await sleep(25);
    }
    throw new Error('the batch did not finish');
  }

  it('starts a batch, reports progress, keeps it in the history with its settings and document', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const settings = { runs: 2500, seed: 9, faults: FAULTS, slaMinutes: 120 };
    const { batchId } = await fg.ok('batch.start', { document: support, settings });
    const first = await fg.ok('batch.progress', { batchId });
    expect(first).toMatchObject({ batchId, total: 2500, finished: false, state: 'running' });
    const done = await waitFinished(fg, batchId);
    // From the TypeScript sources, the worker starts through tsx: the backend's thread stays free.
    expect(done).toMatchObject({ state: 'done', done: 2500, total: 2500, finished: true, cancelled: false, etaSeconds: 0, saved: true, error: null, inWorker: true });
    expect(done.metrics).toEqual(runBatchHere(support, sample, settings).metrics);

    const list = await fg.ok('batches.list', { workflowId: support.id });
    expect(list.warnings).toEqual([]);
    expect(list.batches).toHaveLength(1);
    expect(list.batches[0]).toMatchObject({ id: batchId, workflowId: support.id, workflowName: support.name, runs: 2500, cancelled: false });
    expect(list.batches[0].settings).toEqual({ runs: 2500, seed: 9, inputs: { from: 'scenarios' }, faults: FAULTS, slaMinutes: 120 });
    const stored = await fg.ok('batches.get', { workflowId: support.id, batchId });
    expect(stored.result.metrics).toEqual(done.metrics);
    expect(stored.document.nodes).toHaveLength(support.nodes.length);
    // Reproducible: the stored document and settings give the stored metrics again.
    expect(runBatchHere(stored.document, sample, stored.summary.settings).metrics).toEqual(stored.result.metrics);
  });

  it("takes the workflow's own SLA when the settings leave it out, and keeps it with the batch", async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const document = { ...support, simulation: { ...(support.simulation as object), slaMinutes: 45 } };
    const { batchId } = await fg.ok('batch.start', { document, settings: { runs: 200, seed: 3 } });
    const done = await waitFinished(fg, batchId);
    expect(done.metrics).toMatchObject({ slaMinutes: 45, slaBreaches: runBatchHere(support, sample, { runs: 200, seed: 3, slaMinutes: 45 }).metrics.slaBreaches });
    const stored = await fg.ok('batches.get', { workflowId: support.id, batchId });
    expect(stored.summary.settings.slaMinutes).toBe(45);
  });

  it('cancel stops a batch and keeps the items it finished in the history', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const { batchId } = await fg.ok('batch.start', { document: support, settings: { runs: 100_000, seed: 2 } });
    for (let i = 0; i < 400 && (await fg.ok('batch.progress', { batchId })).done === 0; i++) await sleep(25);
    await fg.ok('batch.cancel', { batchId });
    const p = await waitFinished(fg, batchId);
    expect(p).toMatchObject({ state: 'cancelled', cancelled: true, finished: true, saved: true });
    expect(p.done).toBeGreaterThan(0);
    expect(p.done).toBeLessThan(100_000);
    expect(p.metrics!.runs).toBe(p.done);
    const stored = await fg.ok('batches.get', { workflowId: support.id, batchId });
    expect(stored.summary).toMatchObject({ cancelled: true, runs: p.done });
    expect(stored.result.metrics).toEqual(runBatchHere(support, sample, { runs: p.done, seed: 2 }).metrics);
    // Cancelling again, or after the end, does nothing.
    expect((await fg.call('batch.cancel', { batchId })).ok).toBe(true);
  });

  it('refuses bad settings and unknown batches with clear errors', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const zero = await fg.call('batch.start', { document: support, settings: { runs: 0 } });
    expect(zero).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.settings.runs' } });
    const unknownSet = await fg.call('batch.start', { document: support, settings: { runs: 5, inputs: { from: 'dataset', dataset: 'orders' } } });
    expect(unknownSet).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.inputs.dataset' } });
    if (!unknownSet.ok) expect(unknownSet.error.message).toContain('there is no data set "orders" (data sets: articles, customers, employees, invoices, leads, tickets)');
    const broken = { ...support, simulation: { scenarios: [{ id: '' }] } };
    const badSection = await fg.call('batch.start', { document: broken, settings: { runs: 5 } });
    expect(badSection).toMatchObject({ ok: false, error: { code: 'bad-request', path: '$.simulation.scenarios[0].id' } });
    expect(await fg.call('batch.progress', { batchId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await fg.call('batch.progress', { batchId: '../etc' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await fg.call('batches.get', { workflowId: support.id, batchId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('a corrupt history file is set aside and reported, never listed', async () => {
    const fg = await makeBackend({ resourcesDir: RESOURCES });
    const { batchId } = await fg.ok('batch.start', { document: support, settings: { runs: 20 } });
    await waitFinished(fg, batchId);
    const dir = join(fg.dataDir, 'batches', support.id);
    await writeFile(join(dir, '20990101T000000000-abcdef.json'), '{ not json');
    const list = await fg.ok('batches.list', { workflowId: support.id });
    expect(list.batches.map((b) => b.id)).toEqual([batchId]);
    expect(list.warnings).toHaveLength(1);
    expect(list.warnings[0]).toMatch(/could not be read .* moved to/);
    expect(await readdir(join(dir, 'corrupt'))).toHaveLength(1);
  });
});

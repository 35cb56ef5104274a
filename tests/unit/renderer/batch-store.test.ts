// The batch panel's store: it polls a running batch on a clock the test moves, cancels keeping what
// finished, shows the results and paints the heat map, lists and compares kept batches, forgets a
// document's batches when another opens — against a scripted backend, and once against the real one.
import { describe, expect, it, vi } from 'vitest';
import { createApi, unwrap } from '../../../renderer/src/client/transport';
import type { Api, Params, Result } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import type { Workflow } from '../../../shared/model/schema';
import { runBatch } from '../../../shared/simulation/batch';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';
import { loadSampleData } from '../../../cli/commands/simulate';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { createSessionStore } from '../../../renderer/src/store/session';
import { POLL_MS, createBatchStore } from '../../../renderer/src/batch/store';
import { simBackend, supportTemplate } from '../../backend/simulation-helpers';

type Progress = Result<'batch.progress'>;

/** A clock the test moves by hand: the pending timer and the delay it asked for. */
function manualClock() {
  let pending: { fn: () => void; ms: number } | null = null;
  return {
    schedule: (fn: () => void, ms: number) => (pending = { fn, ms }),
    unschedule: (h: unknown) => {
      if (pending === h) pending = null;
    },
    get pendingMs() {
      return pending?.ms ?? null;
    },
    /** Fires the pending timer and lets the backend's answer arrive. */
    async fire(): Promise<boolean> {
      const p = pending;
      pending = null;
      p?.fn();
      await flush();
      return p !== null;
    },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function metrics(runs: number, wf: Workflow, overrides: Partial<BatchMetrics> = {}): BatchMetrics {
  const nodeVisits = Object.fromEntries(wf.nodes.map((n, i) => [n.id, i === 0 ? runs : i === 1 ? Math.round(runs / 2) : 0]));
  return {
    runs,
    outcomes: { resolved: runs },
    stopped: {},
    completedWithoutHuman: runs,
    reviewed: 0,
    escalated: 0,
    deniedCalls: 0,
    failedCalls: 0,
    errors: 0,
    deniedCallsByNode: {},
    errorsByNode: {},
    cycleTimeMinutes: { mean: 1, p50: 1, p90: 2, p95: 2, max: 3 },
    slaMinutes: null,
    slaBreaches: null,
    reviewerWorkload: {},
    steps: runs * 2,
    nodeVisits,
    nodeMeanSeconds: Object.fromEntries(wf.nodes.map((n) => [n.id, 1])),
    edgeTraversals: Object.fromEntries(wf.edges.map((e, i) => [e.id, i === 0 ? runs : 0])),
    ...overrides,
  };
}

/** A backend that answers batch.progress from a script the test writes, and records every call. */
function scriptedApi(wf: Workflow) {
  const calls: { method: string; params: unknown }[] = [];
  let progress: Progress[] = [];
  const kept = new Map<string, Result<'batches.get'>>();
  const handlers: Partial<Api> = {
    async 'batch.start'(p: Params<'batch.start'>) {
      calls.push({ method: 'batch.start', params: p });
      return { batchId: 'b1' };
    },
    async 'batch.progress'(p: Params<'batch.progress'>) {
      calls.push({ method: 'batch.progress', params: p });
      const next = progress.length > 1 ? progress.shift()! : progress[0];
      return next;
    },
    async 'batch.cancel'(p: Params<'batch.cancel'>) {
      calls.push({ method: 'batch.cancel', params: p });
      return {};
    },
    async 'batches.list'(p: Params<'batches.list'>) {
      calls.push({ method: 'batches.list', params: p });
      return { batches: [...kept.values()].map((k) => k.summary), warnings: [] };
    },
    async 'batches.get'(p: Params<'batches.get'>) {
      calls.push({ method: 'batches.get', params: p });
      const k = kept.get(p.batchId);
      if (!k) throw new Error('There is no such batch.');
      return k;
    },
  };
  return {
    api: handlers as Api,
    calls,
    count: (method: string) => calls.filter((c) => c.method === method).length,
    script(...steps: Progress[]) {
      progress = steps;
    },
    keep(id: string, startedAt: string, settings: Result<'batches.get'>['summary']['settings'], m: BatchMetrics, document: Workflow = wf) {
      const summary = { id, workflowId: wf.id, workflowName: wf.name, startedAt, finishedAt: startedAt, durationMs: 10, settings, runs: m.runs, cancelled: false };
      kept.set(id, { summary, result: { format: 'flowgate.batch', version: 1, workflow: { id: wf.id, name: wf.name }, settings, cancelled: false, metrics: m }, document });
    },
  };
}

function progressOf(done: number, total: number, extra: Partial<Progress> = {}): Progress {
  return { batchId: 'b1', state: 'running', done, total, rate: done * 5, etaSeconds: done ? (total - done) / (done * 5) : null, finished: false, cancelled: false, inWorker: true, error: null, saved: false, ...extra };
}

function setup(wf: Workflow = supportTemplate()) {
  const backend = scriptedApi(wf);
  const doc = createDocumentStore();
  const session = createSessionStore(doc);
  const clock = manualClock();
  let now = 1000;
  const batch = createBatchStore({ api: backend.api, doc, session, schedule: clock.schedule, unschedule: clock.unschedule, now: () => now });
  doc.load(wf);
  session.opened(wf, null, null);
  return { wf, backend, doc, session, clock, batch, advance: (ms: number) => (now += ms) };
}

const SETTINGS = { runs: 1000, seed: 7, inputs: { from: 'scenarios' as const }, faults: { aiUnavailable: 0, aiUnsure: 0.05, connectorFailure: 0 }, slaMinutes: null };

describe('the batch store', () => {
  it('starts a batch with the form’s settings, polls every 200 ms, and shows the results when it finishes', async () => {
    const { wf, backend, clock, batch, advance } = setup();
    batch.setField('aiUnsure', '5');
    batch.setField('seed', '7');
    backend.script(progressOf(0, 1000), progressOf(200, 1000), progressOf(400, 1000), { ...progressOf(1000, 1000), state: 'done', finished: true, etaSeconds: 0, saved: true, metrics: metrics(1000, wf) });

    expect(await batch.start()).toBe(true);
    expect(backend.calls[0]).toEqual({ method: 'batch.start', params: { document: wf, settings: SETTINGS } });
    expect(batch.state.runningId).toBe('b1');
    // The first look is at once, the next ones every POLL_MS.
    expect(clock.pendingMs).toBe(0);
    await clock.fire();
    expect(batch.state.progress).toMatchObject({ done: 0, total: 1000 });
    expect(clock.pendingMs).toBe(POLL_MS);
    // The rate is measured from the first items finished: 200 more items in 0.4 s.
    advance(100);
    await clock.fire();
    expect(batch.state.progress).toMatchObject({ done: 200 });
    expect(batch.state.speed).toBeNull();
    advance(400);
    await clock.fire();
    expect(batch.state.progress).toMatchObject({ done: 400 });
    expect(batch.state.speed).toEqual({ rate: 500, etaSeconds: 1.2 });
    expect(batch.state.shown).toBeNull();
    advance(450);
    await clock.fire();
    expect(clock.pendingMs).toBeNull();
    expect(backend.count('batch.progress')).toBe(4);
    const s = batch.state;
    expect(s.runningId).toBeNull();
    expect(s.progress).toMatchObject({ state: 'done', done: 1000 });
    expect(s.shown).toMatchObject({ id: 'b1', settings: SETTINGS, cancelled: false, total: 1000, durationMs: 950, inWorker: true, saved: true, document: wf });
    expect(s.shown!.metrics.runs).toBe(1000);
    // Finished batches are in the history: it is read again.
    expect(backend.count('batches.list')).toBe(1);
  });

  it('refuses to start with a form that cannot be used, and while a batch runs', async () => {
    const { backend, batch, clock } = setup();
    batch.setField('runs', '100001');
    expect(await batch.start()).toBe(false);
    batch.setField('runs', '50');
    backend.script(progressOf(10, 50));
    expect(await batch.start()).toBe(true);
    await clock.fire();
    expect(await batch.start()).toBe(false);
    expect(backend.count('batch.start')).toBe(1);
  });

  it('cancels: the backend is told once, polling goes on until the batch says it is cancelled, and the finished items are shown', async () => {
    const { wf, backend, clock, batch } = setup();
    backend.script(progressOf(300, 100_000));
    batch.setField('runs', '100000');
    await batch.start();
    await clock.fire();
    await batch.cancel();
    await batch.cancel();
    expect(backend.count('batch.cancel')).toBe(1);
    expect(backend.calls.find((c) => c.method === 'batch.cancel')!.params).toEqual({ batchId: 'b1' });
    expect(batch.state.cancelling).toBe(true);
    backend.script({ ...progressOf(512, 100_000), state: 'cancelled', finished: true, cancelled: true, etaSeconds: 0, saved: true, metrics: metrics(512, wf) });
    await clock.fire();
    expect(batch.state).toMatchObject({ runningId: null, cancelling: false, error: null });
    expect(batch.state.shown).toMatchObject({ cancelled: true, total: 100_000 });
    expect(batch.state.shown!.metrics.runs).toBe(512);
  });

  it('a batch cancelled before its first item shows nothing and no error; a failed one says why', async () => {
    const { backend, clock, batch } = setup();
    backend.script({ ...progressOf(0, 10), state: 'cancelled', finished: true, cancelled: true, etaSeconds: 0 });
    await batch.start();
    await clock.fire();
    expect(batch.state).toMatchObject({ runningId: null, shown: null, error: null });

    backend.script({ ...progressOf(3, 10), state: 'failed', finished: true, error: 'The batch failed: disk full' });
    await batch.start();
    await clock.fire();
    expect(batch.state).toMatchObject({ runningId: null, shown: null, error: 'The batch failed: disk full' });
  });

  it('paints the heat map of the shown batch, keeps each unchanged step’s heat object, and clears it when off', async () => {
    const { wf, backend, clock, batch } = setup();
    backend.script({ ...progressOf(10, 10), state: 'done', finished: true, saved: true, metrics: metrics(10, wf) });
    await batch.start();
    await clock.fire();
    expect(batch.state.heatNodes.size).toBe(0);
    batch.setHeat('visits');
    const [first, second, third] = wf.nodes.map((n) => batch.state.heatNodes.get(n.id)!);
    expect(first).toMatchObject({ level: 5, reached: true, text: '10' });
    expect(second).toMatchObject({ level: 3, reached: true, text: '5' });
    expect(third).toMatchObject({ level: 0, reached: false });
    expect(batch.state.heatEdges.get(wf.edges[0].id)).toBe(5);
    expect(batch.state.heatEdges.get(wf.edges[1].id)).toBe(0);
    // Time: every reached step spent 1 s, so all are equally hot; unreached ones keep their object.
    batch.setHeat('time');
    expect(batch.state.heatNodes.get(wf.nodes[1].id)).toMatchObject({ level: 5, text: '1 s' });
    expect(batch.state.heatNodes.get(wf.nodes[2].id)).toBe(third);
    batch.setHeat('off');
    expect(batch.state.heatNodes.size).toBe(0);
    expect(batch.state.heatEdges.size).toBe(0);
  });

  it('shows a kept batch, runs one again exactly, and compares two with the earlier as A', async () => {
    const { wf, backend, clock, batch } = setup();
    const slower = metrics(1000, wf, { cycleTimeMinutes: { mean: 30, p50: 20, p90: 60, p95: 90, max: 200 }, escalated: 100 });
    backend.keep('b-new', '2026-02-01T10:00:00.000Z', { ...SETTINGS, seed: 2 }, slower);
    backend.keep('b-old', '2026-01-01T10:00:00.000Z', SETTINGS, metrics(1000, wf));
    await batch.loadHistory();
    expect(batch.state.history.map((b) => b.id)).toEqual(['b-new', 'b-old']);

    await batch.show('b-old');
    expect(batch.state.shown).toMatchObject({ id: 'b-old', startedAt: '2026-01-01T10:00:00.000Z', saved: true });

    batch.togglePick('b-new');
    batch.togglePick('b-old');
    await batch.compare();
    const c = batch.state.comparison!;
    expect(c.a.id).toBe('b-old');
    expect(c.b.id).toBe('b-new');
    expect(c.result.rows.find((r) => r.key === 'p50')).toMatchObject({ a: 1, b: 20, change: 'up', tone: 'worse' });
    expect(c.result.rows.find((r) => r.key === 'escalated')).toMatchObject({ a: 0, b: 0.1, change: 'up', tone: 'worse' });
    expect(c.result.settings.find((s) => s.label === 'Seed')).toEqual({ label: 'Seed', a: '7', b: '2', differs: true });
    batch.closeComparison();
    expect(batch.state.comparison).toBeNull();

    backend.script({ ...progressOf(1000, 1000), state: 'done', finished: true, saved: true, metrics: slower });
    expect(await batch.runAgain('b-new')).toBe(true);
    expect(backend.calls.filter((x) => x.method === 'batch.start').at(-1)!.params).toEqual({ document: wf, settings: { ...SETTINGS, seed: 2 } });
    expect(batch.state.form).toMatchObject({ runs: '1000', seed: '2', aiUnsure: '5' });
    await clock.fire();
    expect(batch.state.shown).toMatchObject({ settings: { ...SETTINGS, seed: 2 } });
  });

  it('a third tick drops the oldest; the comparison needs exactly two', async () => {
    const { batch, backend } = setup();
    batch.togglePick('a');
    await batch.compare();
    expect(backend.count('batches.get')).toBe(0);
    batch.togglePick('b');
    batch.togglePick('c');
    expect(batch.state.picked).toEqual(['b', 'c']);
    batch.togglePick('b');
    expect(batch.state.picked).toEqual(['c']);
  });

  it('another document cancels the running batch, stops polling and forgets results, keeping the form', async () => {
    const { wf, backend, clock, batch, doc, session } = setup();
    backend.script(progressOf(10, 1000));
    batch.setField('runs', '2000');
    batch.setMode('batch');
    await batch.start();
    await clock.fire();
    const other = { ...wf, id: 'other-workflow' };
    doc.load(other);
    session.opened(other, null, null);
    expect(backend.count('batch.cancel')).toBe(1);
    expect(clock.pendingMs).toBeNull();
    expect(batch.state).toMatchObject({ runningId: null, progress: null, shown: null, history: [], mode: 'batch' });
    expect(batch.state.form.runs).toBe('2000');
  });
});

describe('the batch store against the real backend', () => {
  it('runs a batch in the backend to the end and shows the same metrics as the engine', async () => {
    const t = await simBackend();
    const api = createApi(async (method, params) => unwrap(await dispatch(t.backend, method, params), method));
    const doc = createDocumentStore();
    const session = createSessionStore(doc);
    const batch = createBatchStore({ api, doc, session });
    const wf = supportTemplate();
    doc.load(wf);
    session.opened(wf, null, null);
    batch.setField('runs', '300');
    batch.setField('seed', '3');
    batch.setField('connectorFailure', '2');
    expect(await batch.start()).toBe(true);
    await vi.waitFor(() => expect(batch.state.shown).not.toBeNull(), { timeout: 15_000, interval: 50 });
    const expected = runBatch(wf, loadSampleData(), { runs: 300, seed: 3, faults: { connectorFailure: 0.02 } }).metrics;
    expect(batch.state.shown!.metrics).toEqual(expected);
    expect(batch.state.progress).toMatchObject({ state: 'done', done: 300, total: 300 });
    await vi.waitFor(() => expect(batch.state.history).toHaveLength(1), { timeout: 5_000, interval: 20 });
    expect(batch.state.history[0]).toMatchObject({ runs: 300, settings: { seed: 3 } });
    const { datasets } = await api['sim.datasets']({});
    expect(datasets.map((d) => d.name)).toContain('tickets');
  });
});

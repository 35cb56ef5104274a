// The batch panel's state and actions. Batches run in the backend (batch.start); the panel asks how
// far one is every 200 ms (batch.progress) until it finishes or is cancelled (batch.cancel keeps the
// items finished), then shows its results and, when asked, paints them on the canvas as a heat map.
// Finished batches are kept in the backend's history with their settings and the document as it ran:
// one can be shown again, run again exactly, or compared with another. A batch whose AI steps run on a
// model may be refused until the user says yes to its number of calls (batch.estimate tells how many).
import { createStore } from 'zustand/vanilla';
import type { AiProviderKind } from '../../../shared/api/ai-contract';
import { ApiError, type Api, type Result } from '../../../shared/api/contract';
import type { AiUsage } from '../../../shared/simulation/ai-usage';
import type { Workflow } from '../../../shared/model/schema';
import type { BatchSettings } from '../../../shared/simulation/batch-settings';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';
import { workflowSlaMinutes } from '../../../shared/simulation/scenario';
import type { DocumentStore } from '../store/document';
import type { SessionStore } from '../store/session';
import { compareBatches, type BatchSide, type Comparison } from './compare';
import { DEFAULT_FORM, formFromSettings, settingsFromForm, type BatchForm, type FormField } from './form';
import { edgeHeats, nodeHeats, type HeatMode, type NodeHeat } from './heat';
import { estimateSpeed, type Sample, type Speed } from './speed';
import { errorText, plural } from '../../../shared/text';
import { createStaleGuard, createTimer, remoteList, type Schedule, type Unschedule } from '../store/remote';

export type BatchProgress = Result<'batch.progress'>;
export type BatchSummary = Result<'batches.list'>['batches'][number];
export type Dataset = Result<'sim.datasets'>['datasets'][number];

/** The Run tab shows either the single run or the batch panel. */
/** What the Run tab shows: a single run, a batch, or a log compared with the design (renderer/src/conformance). */
export type RunMode = 'single' | 'batch' | 'log';

/** How often a running batch is asked for its progress. */
export const POLL_MS = 200;
/** At most this many batches are picked for a comparison. */
const PICK = 2;

/** A finished batch whose results the panel shows (and the heat map paints). */
export interface ShownBatch extends BatchSide {
  /** Items the batch was asked to run (more than metrics.runs when cancelled). */
  total: number;
  durationMs: number | null;
  /** Whether it ran in a worker thread; null for one reopened from the history. */
  inWorker: boolean | null;
  /** Whether it is in the history, and why not when it could not be kept. */
  saved: boolean;
  saveError: string | null;
  /** The model calls, tokens and cost when AI steps ran on a model; null for the mock only. */
  aiUsage: AiUsage | null;
}

/** The model AI steps marked external run on (Settings → AI), as the panel words it. */
export interface AiTarget {
  model: string;
  host: string;
  maxCallsWithoutAsking: number;
}

/** A batch the backend would not start before the user says yes to its calls. */
export interface PendingConfirm {
  calls: number;
  model: string;
  host: string;
  local: boolean;
  document: Workflow;
  settings: BatchSettings;
}

export interface BatchState {
  mode: RunMode;
  form: BatchForm;
  datasets: Dataset[] | null;
  /** The AI provider chosen in Settings; null until known. */
  aiProvider: AiProviderKind | null;
  /** Its model and server while it is an OpenAI-compatible one; null otherwise. */
  aiTarget: AiTarget | null;
  /** A batch waiting for the user to confirm the calls it would send. */
  confirm: PendingConfirm | null;
  /** The batch running in the backend, if any. */
  runningId: string | null;
  /** Its latest progress (kept after it finished, so the bar shows where it ended). */
  progress: BatchProgress | null;
  /** Items per second and time left as the panel measures them (null until it can). */
  speed: Speed | null;
  starting: boolean;
  cancelling: boolean;
  error: string | null;
  shown: ShownBatch | null;
  loading: string | null;
  heat: HeatMode;
  heatNodes: ReadonlyMap<string, NodeHeat>;
  heatEdges: ReadonlyMap<string, number>;
  history: BatchSummary[];
  historyWarnings: string[];
  historyOf: string | null;
  /** Batches ticked for a comparison, oldest tick first. */
  picked: readonly string[];
  comparison: { a: BatchSide; b: BatchSide; result: Comparison } | null;
  comparing: boolean;
}

export interface BatchDeps {
  api: Api;
  doc: DocumentStore;
  session: SessionStore;
  schedule?: Schedule;
  unschedule?: Unschedule;
  /** Wall clock, for how long a batch took as the panel saw it. */
  now?: () => number;
}

/** The batch the panel follows while it runs. */
interface Followed {
  batchId: string;
  document: Workflow;
  settings: BatchSettings;
  startedMs: number;
  /** The stale guard's ticket of this batch. */
  mine: number;
  /** The first look that saw items finished, for the rate. */
  first: Sample | null;
}

const NO_NODES: ReadonlyMap<string, NodeHeat> = new Map();
const NO_EDGES: ReadonlyMap<string, number> = new Map();

function initial(form: BatchForm = DEFAULT_FORM, mode: RunMode = 'single'): BatchState {
  return {
    mode,
    form,
    datasets: null,
    aiProvider: null,
    aiTarget: null,
    confirm: null,
    runningId: null,
    progress: null,
    speed: null,
    starting: false,
    cancelling: false,
    error: null,
    shown: null,
    loading: null,
    heat: 'off',
    heatNodes: NO_NODES,
    heatEdges: NO_EDGES,
    history: [],
    historyWarnings: [],
    historyOf: null,
    picked: [],
    comparison: null,
    comparing: false,
  };
}

export type BatchStore = ReturnType<typeof createBatchStore>;

export function createBatchStore(deps: BatchDeps) {
  const { api, doc, session } = deps;
  const now = deps.now ?? (() => Date.now());
  const store = createStore<BatchState>()(() => initial());
  const get = () => store.getState();
  const timer = createTimer(deps.schedule, deps.unschedule);
  /** A new ticket when the followed batch changes (a new one, another document): late answers are dropped. */
  const stale = createStaleGuard();
  let datasetsAsked = false;

  /** Sets state and repaints the heat map from the shown batch and the mode. */
  function update(patch: Partial<BatchState>) {
    const next = { ...get(), ...patch };
    const metrics = next.shown?.metrics ?? null;
    store.setState({ ...patch, heatNodes: nodeHeats(metrics, next.heat, get().heatNodes), heatEdges: edgeHeats(metrics, next.heat, get().heatEdges) });
  }

  // ---- the form ----

  function setField(field: FormField, value: string) {
    store.setState({ form: { ...get().form, [field]: value } });
  }

  // ---- running ----

  /**
   * Starts a batch of `document` with complete `settings`; false when one is already starting or running,
   * or the backend refused. Refused for its number of model calls, the batch waits in `confirm` for the
   * user's yes (confirmCalls, which starts it with `confirmed` calls) or no (dismissConfirm).
   */
  async function run(document: Workflow, settings: BatchSettings, confirmed?: number): Promise<boolean> {
    if (get().runningId !== null || get().starting) return false;
    const mine = stale.take();
    timer.stop();
    store.setState({ starting: true, error: null, progress: null, speed: null, confirm: null });
    try {
      const { batchId } = await api['batch.start']({ document, settings, ...(confirmed !== undefined ? { confirmCalls: confirmed } : {}) });
      if (!stale.isCurrent(mine)) return false;
      const followed: Followed = { batchId, document, settings, startedMs: now(), mine, first: null };
      store.setState({ starting: false, runningId: batchId, cancelling: false });
      timer.start(() => void poll(followed), 0);
      return true;
    } catch (e) {
      if (!stale.isCurrent(mine)) return false;
      if (!mustConfirm(e)) {
        store.setState({ starting: false, error: errorText(e) });
        return false;
      }
      try {
        const estimate = await api['batch.estimate']({ document, settings });
        if (!stale.isCurrent(mine)) return false;
        const confirm = { calls: estimate.calls, model: estimate.model ?? 'the model', host: estimate.host ?? 'its server', local: estimate.local, document, settings };
        store.setState({ starting: false, confirm });
      } catch (e2) {
        if (stale.isCurrent(mine)) store.setState({ starting: false, error: errorText(e2) });
      }
      return false;
    }
  }

  /** The user said yes to the calls of the batch waiting for it: start it, confirming that many. */
  function confirmCalls(): Promise<boolean> {
    const c = get().confirm;
    if (!c) return Promise.resolve(false);
    return run(c.document, c.settings, c.calls);
  }

  async function poll(f: Followed) {
    let progress: BatchProgress;
    try {
      progress = await api['batch.progress']({ batchId: f.batchId });
    } catch (e) {
      if (stale.isCurrent(f.mine)) store.setState({ runningId: null, cancelling: false, error: `Flowgate lost track of the batch: ${errorText(e)}` });
      return;
    }
    if (!stale.isCurrent(f.mine)) return;
    if (!progress.finished) {
      const sample = { at: now(), done: progress.done };
      if (!f.first && progress.done > 0) f.first = sample;
      store.setState({ progress, speed: estimateSpeed(f.first, sample, progress.total) ?? get().speed });
      timer.start(() => void poll(f), POLL_MS);
      return;
    }
    finished(progress, f);
  }

  function finished(progress: BatchProgress, f: Followed) {
    if (progress.state === 'failed' || !progress.metrics) {
      // A batch cancelled before its first item has nothing to show, and that is no error.
      const error = progress.state === 'failed' ? (progress.error ?? 'The batch failed.') : progress.error;
      update({ progress, runningId: null, cancelling: false, error });
      return;
    }
    update({
      progress,
      runningId: null,
      cancelling: false,
      shown: {
        id: progress.batchId,
        startedAt: null,
        settings: f.settings,
        metrics: progress.metrics,
        cancelled: progress.cancelled,
        document: f.document,
        total: progress.total,
        durationMs: now() - f.startedMs,
        inWorker: progress.inWorker,
        saved: progress.saved,
        saveError: progress.saved ? null : progress.error,
        aiUsage: progress.aiUsage ?? null,
      },
    });
    void loadHistory(true);
  }

  async function cancel() {
    const id = get().runningId;
    if (!id || get().cancelling) return;
    store.setState({ cancelling: true });
    try {
      await api['batch.cancel']({ batchId: id });
    } catch (e) {
      store.setState({ cancelling: false, error: errorText(e) });
    }
  }

  // ---- results and the heat map ----

  function setHeat(heat: HeatMode) {
    if (heat !== get().heat) update({ heat });
  }

  /** Shows a batch of the history (its results, and its heat on the canvas when the heat map is on). */
  async function show(batchId: string) {
    const wf = doc.workflow;
    if (!wf) return;
    store.setState({ loading: batchId, error: null });
    try {
      const kept = await api['batches.get']({ workflowId: wf.id, batchId });
      if (doc.workflow?.id !== wf.id) return;
      update({ loading: null, shown: shownOf(kept) });
    } catch (e) {
      store.setState({ loading: null, error: errorText(e) });
      void loadHistory(true);
    }
  }

  /** Runs a kept batch again exactly: the document as it ran, with its settings and seed. */
  async function runAgain(batchId: string) {
    const wf = doc.workflow;
    if (!wf) return false;
    try {
      const kept = await api['batches.get']({ workflowId: wf.id, batchId });
      store.setState({ form: formFromSettings(kept.summary.settings) });
      return await run(kept.document as Workflow, kept.summary.settings);
    } catch (e) {
      store.setState({ error: errorText(e) });
      return false;
    }
  }

  // ---- history and comparison ----

  /** Lists the batches of the open workflow; again only when its id changed, unless `force`. */
  const loadHistory = remoteList<BatchSummary>({
    name: 'batch history',
    workflowId: () => doc.workflow?.id,
    loadedFor: () => get().historyOf,
    fetch: (workflowId) => api['batches.list']({ workflowId }).then(({ batches, warnings }) => ({ items: batches, warnings })),
    set({ workflowId, items, warnings }) {
      if (!items) return store.setState({ historyWarnings: warnings, historyOf: workflowId });
      // A ticked batch that is no longer in the history is no longer ticked.
      const ids = new Set(items.map((b) => b.id));
      store.setState({ history: items, historyWarnings: warnings, historyOf: workflowId, picked: get().picked.filter((id) => ids.has(id)) });
    },
  });

  /** Ticks or unticks a batch for the comparison; a third tick drops the oldest. */
  function togglePick(batchId: string) {
    const picked = get().picked;
    store.setState({ picked: picked.includes(batchId) ? picked.filter((id) => id !== batchId) : [...picked, batchId].slice(-PICK) });
  }

  /** Compares the two ticked batches, the earlier one as "before". */
  async function compare() {
    const wf = doc.workflow;
    const picked = get().picked;
    if (!wf || picked.length !== PICK) return;
    store.setState({ comparing: true, error: null });
    try {
      const [x, y] = await Promise.all(picked.map((batchId) => api['batches.get']({ workflowId: wf.id, batchId })));
      const [a, b] = x.summary.startedAt <= y.summary.startedAt ? [x, y] : [y, x];
      const sa = shownOf(a);
      const sb = shownOf(b);
      store.setState({ comparing: false, comparison: { a: sa, b: sb, result: compareBatches(sa, sb) } });
    } catch (e) {
      store.setState({ comparing: false, error: errorText(e) });
      void loadHistory(true);
    }
  }

  // ---- what the panel needs to offer ----

  async function loadDatasets() {
    if (datasetsAsked) return;
    datasetsAsked = true;
    try {
      store.setState({ datasets: (await api['sim.datasets']({})).datasets });
    } catch {
      // Without the list the panel still offers the scenarios.
      datasetsAsked = false;
      store.setState({ datasets: [] });
    }
  }

  /** The AI provider of Settings, asked each time the panel opens (Settings may have changed it). */
  async function loadAiProvider() {
    try {
      const s = await api['ai.getSettings']({});
      const aiTarget = s.provider === 'openai-compatible' ? { model: s.model, host: hostOf(s.baseUrl), maxCallsWithoutAsking: s.maxCallsWithoutAsking } : null;
      store.setState({ aiProvider: s.provider, aiTarget });
    } catch {
      // Without it the panel says nothing about the model; batch.start still asks before sending.
    }
  }

  // Another document (open, new, reopen): its batches are not this one's. A batch still running is
  // cancelled; the items it finished are kept in the history of the workflow it ran.
  session.store.subscribe((s, prev) => {
    if (s.generation === prev.generation) return;
    const running = get().runningId;
    if (running) void api['batch.cancel']({ batchId: running }).catch(() => undefined);
    stale.invalidate();
    timer.stop();
    const { form, mode, datasets, aiProvider, aiTarget } = get();
    // Inputs and SLA go back to the new document's own defaults.
    store.setState({ ...initial({ ...form, inputs: null, sla: null }, mode), datasets, aiProvider, aiTarget });
  });

  return {
    store,
    get state() {
      return get();
    },
    setMode: (mode: RunMode) => store.setState({ mode }),
    setField,
    /** Forgets the SLA typed, so the form follows the workflow's own again (after it was saved there). */
    followWorkflowSla: () => store.setState({ form: { ...get().form, sla: null } }),
    /** Starts a batch of the canvas's workflow with the form's settings; false when the form cannot be used. */
    start() {
      if (!doc.workflow) return Promise.resolve(false);
      const parsed = settingsFromForm(get().form, workflowSlaMinutes(doc.workflow));
      if (!parsed.ok) return Promise.resolve(false);
      return run(doc.workflow, parsed.settings);
    },
    confirmCalls,
    dismissConfirm: () => store.setState({ confirm: null }),
    cancel,
    setHeat,
    show,
    runAgain,
    loadHistory,
    togglePick,
    compare,
    closeComparison: () => store.setState({ comparison: null }),
    dismissError: () => store.setState({ error: null }),
    loadDatasets,
    loadAiProvider,
  };
}

function shownOf(kept: Result<'batches.get'>): ShownBatch {
  return {
    id: kept.summary.id,
    startedAt: kept.summary.startedAt,
    settings: kept.summary.settings,
    metrics: kept.result.metrics as BatchMetrics,
    cancelled: kept.result.cancelled,
    document: kept.document as Workflow,
    total: kept.summary.settings.runs,
    durationMs: kept.summary.durationMs,
    inWorker: null,
    saved: true,
    saveError: null,
    aiUsage: kept.result.aiUsage ?? null,
  };
}

/** batch.start's refusal of a batch that would send more model calls than Settings allow without asking. */
export function mustConfirm(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'conflict' && e.path === '$.confirmCalls';
}

/** `https://api.openai.com/v1` → `api.openai.com`. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

/** The question the panel asks before such a batch starts. */
export function confirmQuestion(c: Pick<PendingConfirm, 'calls' | 'model' | 'host'>): string {
  return `This batch will send about ${plural(c.calls, 'call')} to ${c.model} at ${c.host}. Continue?`;
}

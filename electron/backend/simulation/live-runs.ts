// Runs in progress. Each run is driven in the backend, a slice of steps per turn of the event loop so
// that other calls are answered in between, until it must wait: for a person at an approval, or for an
// AI provider's answer. The renderer only ever receives traces to replay, so it never computes a run.
// A finished run is kept in the run history; runs left waiting are forgotten when the backend closes.
import { ApiError } from '../../../shared/api/contract';
import type { ApprovalMode, LiveRunStatus } from '../../../shared/api/simulation-contract';
import type { Result } from '../../../shared/api/contract';
import type { Workflow } from '../../../shared/model/schema';
import type { CompiledWorkflow } from '../../../shared/simulation/compile';
import { startRun, type SimulationRun } from '../../../shared/simulation/engine';
import type { Decision, Scenario, SimulationSection } from '../../../shared/simulation/scenario';
import type { Trace } from '../../../shared/simulation/trace';
import { lookup } from '../../../shared/simulation/variables';
import type { UsageLedger } from '../ai/usage';
import { routeAi, type AiProviderFor } from './ai-router';
import { newRunId } from './ids';
import type { RunHistory, UserDecision } from './run-history';

export type RunView = Result<'sim.start'>;

/** Steps taken before letting other calls in. A run of the default step limit fits in a few slices. */
export const STEPS_PER_SLICE = 200;
/** How long start and decide wait for the run to reach its next waiting point before answering `running`. */
export const ANSWER_WAIT_MS = 2_000;
/** Live runs kept in memory; beyond it the oldest finished (then the oldest waiting) are dropped. */
export const MAX_LIVE_RUNS = 16;
/** The variable a reviewer's note becomes, so later steps can use it (`{{reviewNote}}`). */
export const NOTE_VARIABLE = 'reviewNote';

export interface StartSpec {
  document: Workflow;
  compiled: CompiledWorkflow;
  scenario: Scenario;
  section: SimulationSection;
  seed: number;
  approvals: ApprovalMode;
}

interface Live {
  id: string;
  startedAt: string;
  spec: StartSpec;
  run: SimulationRun;
  status: LiveRunStatus;
  cancelled: boolean;
  /** Aborts the run's pending AI requests when it is cancelled. */
  abort: AbortController;
  /** The run's model calls and tokens (null without a model). */
  ledger: UsageLedger | null;
  failure: Error | null;
  decisions: UserDecision[];
  history: { saved: boolean; error: string | null };
  driving: Promise<void>;
  /** Callers of sim.get waiting for the run to leave `running`. */
  waiters: Set<() => void>;
}

export interface LiveRunsDeps {
  history: RunHistory;
  aiProviderFor?: AiProviderFor;
  /** A fresh count of model calls for each run (the configured model's); without it runs report no usage. */
  newLedger?: () => UsageLedger;
  now?: () => Date;
  /** Default ANSWER_WAIT_MS; tests shorten it to see a run that is still `running`. */
  answerWaitMs?: number;
}

export type LiveRuns = ReturnType<typeof liveRuns>;

export function liveRuns({ history, aiProviderFor, newLedger, now = () => new Date(), answerWaitMs = ANSWER_WAIT_MS }: LiveRunsDeps) {
  const runs = new Map<string, Live>();
  const saving = new Set<Promise<unknown>>();
  let closed = false;

  async function start(spec: StartSpec): Promise<RunView> {
    if (closed) throw new ApiError('unavailable', 'Flowgate is closing; the run was not started.');
    const ask = spec.approvals === 'ask';
    const abort = new AbortController();
    const ledger = aiProviderFor && newLedger ? newLedger() : null;
    const run = startRun(spec.compiled, {
      // Asked at every approval: the scenario's scripted decisions and the reviewer profiles are set aside.
      scenario: ask ? { ...spec.scenario, decisions: {} } : spec.scenario,
      reviewers: ask ? {} : spec.section.reviewers,
      seed: spec.seed,
      undecided: 'pause',
      ai: routeAi(spec.document, aiProviderFor, { signal: abort.signal, ...(ledger ? { ledger } : {}) }),
    });
    const live: Live = {
      id: uniqueId(),
      startedAt: now().toISOString(),
      spec,
      run,
      status: 'running',
      cancelled: false,
      abort,
      ledger,
      failure: null,
      decisions: [],
      history: { saved: false, error: null },
      driving: Promise.resolve(),
      waiters: new Set(),
    };
    runs.set(live.id, live);
    evict();
    live.driving = drive(live);
    return answer(live);
  }

  function uniqueId(): string {
    let id = newRunId(now());
    while (runs.has(id)) id = newRunId(now());
    return id;
  }

  async function decide(runId: string, nodeId: string, decision: Decision, opts: { note?: string; editedDraft?: string }): Promise<RunView> {
    const live = find(runId);
    if (live.status !== 'waiting' || live.run.currentNodeId !== nodeId) {
      const at = live.status === 'waiting' ? ` It waits at "${live.run.currentNodeId}".` : '';
      throw new ApiError('conflict', `The run is not waiting for a decision at "${nodeId}".${at}`);
    }
    const edits: Record<string, unknown> = {};
    if (opts.editedDraft !== undefined) {
      const draft = draftOf(live.spec.document, live.run.trace());
      if (!draft) throw new ApiError('bad-request', 'There is no draft to edit at this approval: no AI step wrote one before it.', '$.editedDraft');
      edits[draft.variable] = opts.editedDraft;
    }
    const note = opts.note?.trim() || null;
    if (note) edits[NOTE_VARIABLE] = note;
    // Marked running before anything else, so a second decision sent meanwhile is refused.
    live.status = 'running';
    live.run.decide(nodeId, decision, Object.keys(edits).length ? { edits } : {});
    live.decisions.push({ nodeId, decision, note, editedDraft: opts.editedDraft ?? null });
    live.driving = drive(live);
    return answer(live);
  }

  function cancel(runId: string): void {
    const live = runs.get(runId);
    if (!live) return;
    live.cancelled = true;
    live.abort.abort();
    runs.delete(runId);
    wake(live);
  }

  async function get(runId: string, waitMs = 0): Promise<RunView> {
    const live = find(runId);
    if (live.status === 'running' && waitMs > 0) await changeOf(live, waitMs);
    return view(live);
  }

  /** Stops every run and waits for runs being kept in the history. */
  async function close(): Promise<void> {
    closed = true;
    for (const id of [...runs.keys()]) cancel(id);
    await Promise.allSettled([...saving]);
  }

  // ---- driving ----

  async function drive(live: Live): Promise<void> {
    try {
      for (;;) {
        let status = live.run.step();
        for (let i = 1; i < STEPS_PER_SLICE && status.state === 'running'; i++) status = live.run.step();
        if (live.cancelled) return;
        if (status.state === 'running') await nextTurn();
        else if (status.state === 'waiting-ai') await status.settled;
        else if (status.state === 'waiting-decision') {
          live.status = 'waiting';
          return;
        } else {
          await keep(live, status.trace);
          live.status = 'done';
          return;
        }
        if (live.cancelled) return;
      }
    } catch (e) {
      // An engine bug must not leave the run `running` forever: the caller gets the error.
      live.failure = e instanceof Error ? e : new Error(String(e));
      live.status = 'done';
    } finally {
      wake(live);
    }
  }

  async function keep(live: Live, trace: Trace): Promise<void> {
    const { spec } = live;
    const saved = history.save({
      id: live.id,
      workflowId: spec.document.id,
      startedAt: live.startedAt,
      finishedAt: now().toISOString(),
      approvals: spec.approvals,
      seed: spec.seed,
      scenario: spec.scenario,
      decisions: live.decisions,
      document: spec.document,
      trace,
      ...usageOf(live),
    });
    saving.add(saved);
    try {
      await saved;
      live.history = { saved: true, error: null };
    } catch (e) {
      live.history = { saved: false, error: `The run could not be kept in the run history: ${(e as Error).message}` };
    } finally {
      saving.delete(saved);
    }
  }

  /** The run's state after at most ANSWER_WAIT_MS: done, waiting, or still running (then ask sim.get). */
  async function answer(live: Live): Promise<RunView> {
    await within(live.driving, answerWaitMs);
    return view(live);
  }

  function view(live: Live): RunView {
    if (live.failure) {
      runs.delete(live.id);
      throw new ApiError('internal', `The simulation failed: ${live.failure.message}`);
    }
    const trace = live.run.trace();
    return {
      runId: live.id,
      workflowId: live.spec.document.id,
      status: live.status,
      waiting: live.status === 'waiting' ? waitingAt(live, trace) : null,
      trace,
      history: live.history,
      ...usageOf(live),
    };
  }

  function waitingAt(live: Live, trace: Trace): RunView['waiting'] {
    const nodeId = live.run.currentNodeId ?? '';
    const node = live.spec.document.nodes.find((n) => n.id === nodeId);
    const config = node?.kind === 'approval' ? node.config : null;
    return {
      nodeId,
      label: node?.label ?? nodeId,
      reviewer: config?.reviewer ?? '',
      instructions: config?.instructions ?? '',
      timeoutHours: config?.timeoutHours ?? null,
      draft: draftOf(live.spec.document, trace),
      shown: shownAt(live.spec.compiled, nodeId, trace),
    };
  }

  function find(runId: string): Live {
    const live = runs.get(runId);
    if (!live) throw new ApiError('not-found', 'This run is no longer running: it was cancelled, or Flowgate was restarted. Start it again.');
    return live;
  }

  function evict(): void {
    if (runs.size <= MAX_LIVE_RUNS) return;
    const all = [...runs.values()];
    const order = [...all.filter((r) => r.status === 'done'), ...all.filter((r) => r.status !== 'done')];
    for (const r of order.slice(0, runs.size - MAX_LIVE_RUNS)) cancel(r.id);
  }

  function wake(live: Live): void {
    for (const w of live.waiters) w();
    live.waiters.clear();
  }

  function changeOf(live: Live, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        live.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      live.waiters.add(done);
    });
  }

  return {
    start,
    decide,
    cancel,
    get,
    close,
    /** Live runs held in memory (tests). */
    get size() {
      return runs.size;
    },
  };
}

/**
 * The text a reviewer may edit at an approval: the latest draft (or summary) an AI step wrote, as the
 * run's variable holds it now. Null when no AI step wrote one.
 */
export function draftOf(wf: Workflow, trace: Trace): { variable: string; text: string } | null {
  for (let i = trace.events.length - 1; i >= 0; i--) {
    const e = trace.events[i];
    if (e.type !== 'ai' || e.error !== null || (e.task !== 'draft' && e.task !== 'summarize')) continue;
    const node = wf.nodes.find((n) => n.id === e.nodeId);
    if (node?.kind !== 'ai') continue;
    const variable = node.config.output.trim() || 'result';
    const value = trace.variables[variable];
    if (typeof value === 'string') return { variable, text: value };
  }
  return null;
}

/** What the approval the run waits at shows its reviewer: its variables with their values now, as text. */
export function shownAt(compiled: CompiledWorkflow, nodeId: string, trace: Trace): { variable: string; text: string }[] {
  const index = compiled.byId.get(nodeId);
  if (index === undefined) return [];
  return compiled.nodes[index].shows.map((variable) => {
    const value = lookup(trace.variables, variable);
    return { variable, text: typeof value === 'string' ? value : value === undefined || value === null ? '' : (JSON.stringify(value) ?? '') };
  });
}

/** `{aiUsage}` once the run has sent a request to a model; nothing before. */
function usageOf(live: { ledger: UsageLedger | null }): { aiUsage?: ReturnType<UsageLedger['summary']> } {
  return live.ledger && live.ledger.calls > 0 ? { aiUsage: live.ledger.summary() } : {};
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits for `p`, but no longer than `ms`. Never rejects (drive() does not). */
async function within(p: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

// The Simulation panel's state and actions. Runs execute in the backend (sim.start / sim.decide);
// the renderer only replays the trace it gets back: a cursor moves over its frames on a timer (play,
// pause, step, speed, breakpoints), and the canvas reads each step's state from `nodes` and `edges`.
// When the replay reaches an approval the run waits at, the panel asks the user and sends the decision.
import { createStore } from 'zustand/vanilla';
import type { Api, Params, Result } from '../../../shared/api/contract';
import type { ApprovalMode } from '../../../shared/api/simulation-contract';
import type { Decision } from '../../../shared/simulation/scenario';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';
import type { Trace } from '../../../shared/simulation/trace';
import type { AiUsage } from '../../../shared/simulation/ai-usage';
import type { DocumentStore } from '../store/document';
import type { SessionStore } from '../store/session';
import type { UiStore } from '../store/ui';
import { advance, DEFAULT_SPEED, frameOfEvent, framesOf, nodeSims, replayAtEnd, sameEdgeSims, stepInterval, takenEdges, type EdgeSim, type Frame, type NodeSim } from './replay';
import { inputText as textOfInput, sourcesOf, startParams, type Samples } from './scenarios';
import { errorText } from '../../../shared/text';
import { displayText } from '../../../shared/model/display-text';
import { createStaleGuard, createTimer, remoteList, type Schedule, type Unschedule } from '../store/remote';

export type RunView = Result<'sim.start'>;
export type RunSummary = Result<'runs.list'>['runs'][number];
export type Waiting = NonNullable<RunView['waiting']>;

/** The run the panel shows: one going on in the backend, or one reopened from the history. */
export interface ShownRun {
  kind: 'live' | 'saved';
  runId: string;
  workflowId: string;
  status: RunView['status'];
  waiting: Waiting | null;
  trace: Trace;
  /** The document the run ran on (the canvas may have changed since). */
  document: Workflow;
  /** Saved runs: when it ran. */
  startedAt: string | null;
  /** Why a finished live run is not in the history, if it is not. */
  historyError: string | null;
  /** The run's model calls, tokens and estimated cost (AI steps marked external); absent when none was sent. */
  aiUsage?: AiUsage | null;
}

export interface SimState {
  /** The chosen start: `scenario:<id>`, `record:<id>` or `typed`; null until the panel picks a default. */
  source: string | null;
  inputText: string;
  seedText: string;
  approvals: ApprovalMode;
  samples: Samples | null;
  shown: ShownRun | null;
  busy: 'starting' | 'deciding' | 'loading' | null;
  error: string | null;
  frames: Frame[];
  cursor: number;
  /** The current step is shown on entry only: the replay paused at its breakpoint, before the step ran. */
  atEntry: boolean;
  /** The user wants the replay to move (it rests at the end of what the backend has run so far). */
  playing: boolean;
  speed: number;
  breakpoints: ReadonlySet<string>;
  /** The breakpoint the replay paused at. */
  pausedAt: string | null;
  nodes: ReadonlyMap<string, NodeSim>;
  edges: ReadonlyMap<string, EdgeSim>;
  history: RunSummary[];
  historyWarnings: string[];
  /** The workflow whose history is listed. */
  historyOf: string | null;
  /** Said once the run is gone: `stopped` after Stop run. */
  notice: 'stopped' | null;
  /** How long a request to the AI server may take (Settings → AI), for "waiting for the AI server"; null until asked. */
  aiTimeoutSeconds: number | null;
  /**
   * Whether the canvas shows the run (token, visited steps, taken links, breakpoints): only while the
   * single run or the Inspector is in view, so that the Batch, Connections or Properties tab shows the
   * workflow plain (the replay itself keeps going and comes back with the Run tab).
   */
  overlay: boolean;
}

export interface SimDeps {
  api: Api;
  doc: DocumentStore;
  session: SessionStore;
  ui: UiStore;
  /** Centres the canvas on a step (the canvas may not be mounted). */
  reveal?: (nodeId: string) => void;
  schedule?: Schedule;
  unschedule?: Unschedule;
  /** How long each sim.get waits for a run that is still running (a slow AI provider). */
  pollWaitMs?: number;
}

const EMPTY_SET: ReadonlySet<string> = new Set();
const NO_NODES: ReadonlyMap<string, NodeSim> = new Map();
const NO_EDGES: ReadonlyMap<string, EdgeSim> = new Map();

function initial(): SimState {
  return {
    source: null,
    inputText: '{}',
    seedText: '1',
    // A first run shows the approval: the person rehearsing decides (batches follow the profiles).
    approvals: 'ask',
    samples: null,
    shown: null,
    busy: null,
    error: null,
    frames: [],
    cursor: 0,
    atEntry: false,
    playing: false,
    speed: DEFAULT_SPEED,
    breakpoints: EMPTY_SET,
    pausedAt: null,
    nodes: NO_NODES,
    edges: NO_EDGES,
    history: [],
    historyWarnings: [],
    historyOf: null,
    notice: null,
    aiTimeoutSeconds: null,
    overlay: true,
  };
}

export type Simulation = ReturnType<typeof createSimulation>;

export function createSimulation(deps: SimDeps) {
  const { api, doc, session, ui } = deps;
  const pollWaitMs = deps.pollWaitMs ?? 10_000;
  const store = createStore<SimState>()(initial);
  const timer = createTimer(deps.schedule, deps.unschedule);
  /** A new ticket whenever the shown run is replaced: answers for an older one are dropped. */
  const stale = createStaleGuard();
  let samplesFor: WorkflowNode | null | undefined;

  const get = () => store.getState();

  /** Sets state and recomputes what the canvas shows from the replay's position. */
  function update(patch: Partial<SimState>) {
    const next = { ...get(), ...patch };
    const input = {
      trace: next.shown?.trace ?? null,
      frames: next.frames,
      cursor: next.cursor,
      atEntry: next.atEntry,
      breakpoints: next.breakpoints,
      waitingAt: next.shown?.status === 'waiting' ? (next.shown.waiting?.nodeId ?? null) : null,
    };
    if (!next.overlay) {
      store.setState({ ...patch, nodes: NO_NODES, edges: NO_EDGES });
      return;
    }
    const nodes = nodeSims(input, get().nodes);
    const edges = takenEdges(input, next.shown?.document.edges ?? []);
    store.setState({ ...patch, nodes, edges: sameEdgeSims(edges, get().edges) ? get().edges : edges });
  }

  // ---- the replay clock ----

  const stopTimer = () => timer.stop();

  function arm() {
    stopTimer();
    const s = get();
    if (!s.playing || replayAtEnd(s.frames, s.cursor, s.atEntry)) return;
    timer.start(tick, stepInterval(s.speed));
  }

  function tick() {
    const s = get();
    if (!s.playing) return;
    const { cursor, atEntry, atBreakpoint } = advance(s.frames, s.cursor, s.breakpoints, s.atEntry);
    const atEnd = replayAtEnd(s.frames, cursor, atEntry);
    // At the end of a run that waits or is done, the replay stops; a run still going keeps `playing`
    // so that the replay moves on when the rest arrives.
    const keepPlaying = !atBreakpoint && !(atEnd && s.shown?.status !== 'running');
    update({ cursor, atEntry, playing: keepPlaying, pausedAt: atBreakpoint });
    bringIntoView(atBreakpoint);
    arm();
  }

  /** Where the replay stops for the user (a breakpoint, the approval the run waits at, its end), the canvas shows the step. */
  function bringIntoView(atBreakpoint: string | null) {
    const s = get();
    const stopsHere = replayAtEnd(s.frames, s.cursor, s.atEntry) && s.shown?.status !== 'running';
    const nodeId = atBreakpoint ?? (stopsHere ? (s.frames.at(-1)?.nodeId ?? null) : null);
    if (nodeId) deps.reveal?.(nodeId);
  }

  function play() {
    const s = get();
    if (!s.shown) return;
    // Playing again from the end starts over.
    const over = replayAtEnd(s.frames, s.cursor, s.atEntry) && s.shown.status !== 'running';
    update({ playing: true, pausedAt: null, cursor: over ? 0 : s.cursor, atEntry: over ? false : s.atEntry });
    arm();
  }

  function pause() {
    stopTimer();
    update({ playing: false });
  }

  function step() {
    stopTimer();
    const s = get();
    const { cursor, atEntry, atBreakpoint } = advance(s.frames, s.cursor, s.breakpoints, s.atEntry);
    update({ cursor, atEntry, playing: false, pausedAt: atBreakpoint });
    bringIntoView(atBreakpoint);
  }

  function restart() {
    stopTimer();
    update({ cursor: 0, atEntry: false, playing: false, pausedAt: null });
  }

  function toEnd() {
    stopTimer();
    update({ cursor: get().frames.length, atEntry: false, playing: false, pausedAt: null });
    bringIntoView(null);
  }

  /** Moves the replay to the step of a clicked event. */
  function jumpToEvent(index: number) {
    stopTimer();
    update({ cursor: frameOfEvent(get().frames, index), atEntry: false, playing: false, pausedAt: null });
  }

  function setSpeed(speed: number) {
    store.setState({ speed });
    arm();
  }

  function toggleBreakpoint(nodeId: string) {
    const next = new Set(get().breakpoints);
    if (next.has(nodeId)) next.delete(nodeId);
    else next.add(nodeId);
    update({ breakpoints: next });
  }

  // ---- showing runs ----

  function show(run: ShownRun, opts: { restart: boolean; play: boolean }) {
    const frames = framesOf(run.trace.events);
    const s = get();
    const cursor = opts.restart ? 0 : Math.min(s.cursor, frames.length);
    // A step paused on entry stays so while more of the run arrives (its frame only grows).
    const atEntry = !opts.restart && s.atEntry && cursor === s.cursor;
    update({ shown: run, frames, cursor, atEntry, playing: opts.play, pausedAt: atEntry ? s.pausedAt : null, error: null, notice: null });
    arm();
  }

  function fromView(view: RunView, document: Workflow): ShownRun {
    return {
      kind: 'live',
      runId: view.runId,
      workflowId: view.workflowId,
      status: view.status,
      waiting: view.waiting,
      trace: view.trace,
      document,
      startedAt: null,
      historyError: view.history.error,
      aiUsage: view.aiUsage ?? null,
    };
  }

  /** A live run that is still `running` (a slow AI provider): asks the backend until it moves on. */
  async function follow(runId: string, document: Workflow, mine: number) {
    void loadAiTimeout();
    for (;;) {
      if (!stale.isCurrent(mine)) return;
      let view: RunView;
      try {
        view = await api['sim.get']({ runId, waitMs: pollWaitMs });
      } catch (e) {
        if (stale.isCurrent(mine)) update({ error: errorText(e), busy: null });
        return;
      }
      if (!stale.isCurrent(mine)) return;
      arrived(view, document, false);
      if (view.status !== 'running') return;
    }
  }

  function arrived(view: RunView, document: Workflow, fromStart: boolean) {
    const playing = fromStart || get().playing;
    show(fromView(view, document), { restart: fromStart, play: playing });
    if (view.status === 'done') void loadHistory(true);
  }

  /**
   * Before another run is shown (a new one, one from the history): answers for the shown one are
   * dropped from now on, and a live one still going is cancelled in the backend. The new ticket.
   */
  function replaceShown(busy: 'starting' | 'loading'): number {
    const old = get().shown;
    const mine = stale.take();
    stopTimer();
    update({ busy, error: null, notice: null });
    if (old?.kind === 'live' && old.status !== 'done') void api['sim.cancel']({ runId: old.runId }).catch(() => undefined);
    return mine;
  }

  async function start(params: Params<'sim.start'>) {
    const document = params.document as Workflow;
    const mine = replaceShown('starting');
    try {
      const view = await api['sim.start'](params);
      if (!stale.isCurrent(mine)) return;
      store.setState({ busy: null });
      arrived(view, document, true);
      if (view.status === 'running') void follow(view.runId, document, mine);
    } catch (e) {
      if (stale.isCurrent(mine)) update({ busy: null, error: errorText(e) });
    }
  }

  async function decide(decision: Decision, opts: { note?: string; editedDraft?: string } = {}) {
    const run = get().shown;
    if (!run || run.kind !== 'live' || run.status !== 'waiting' || !run.waiting) return;
    const mine = stale.current;
    update({ busy: 'deciding', error: null });
    try {
      const view = await api['sim.decide']({ runId: run.runId, nodeId: run.waiting.nodeId, decision, ...opts });
      if (!stale.isCurrent(mine)) return;
      store.setState({ busy: null, playing: true });
      arrived(view, run.document, false);
      if (view.status === 'running') void follow(view.runId, run.document, mine);
    } catch (e) {
      if (stale.isCurrent(mine)) update({ busy: null, error: errorText(e) });
    }
  }

  /** How long the AI server may take per request, to say so while a run waits for it. */
  async function loadAiTimeout() {
    try {
      store.setState({ aiTimeoutSeconds: (await api['ai.getSettings']({})).timeoutSeconds });
    } catch {
      // The wait is still shown, just without the limit.
    }
  }

  /** Stop run: cancels the live run in the backend, clears the replay and says that it stopped. */
  async function stop() {
    const done = cancel();
    store.setState({ notice: 'stopped' });
    await done;
  }

  /** Stops a live run in the backend and clears the replay. */
  async function cancel() {
    const run = get().shown;
    clear();
    if (run?.kind === 'live' && run.status !== 'done') {
      try {
        await api['sim.cancel']({ runId: run.runId });
      } catch {
        // The run is gone from the panel either way; the backend drops it when it closes.
      }
    }
  }

  /** Hides the shown run (a live one still waiting is cancelled by the caller). */
  function clear() {
    stale.invalidate();
    stopTimer();
    update({ shown: null, frames: [], cursor: 0, atEntry: false, playing: false, pausedAt: null, busy: null, error: null, notice: null });
  }

  // ---- history ----

  /** Lists the runs of the open workflow; again only when its id changed, unless `force`. */
  const loadHistory = remoteList<RunSummary>({
    name: 'run history',
    workflowId: () => doc.workflow?.id,
    loadedFor: () => get().historyOf,
    fetch: (workflowId) => api['runs.list']({ workflowId }).then(({ runs, warnings }) => ({ items: runs, warnings })),
    set: ({ workflowId, items, warnings }) => store.setState({ ...(items ? { history: items } : {}), historyWarnings: warnings, historyOf: workflowId }),
  });

  async function reopen(runId: string) {
    const wf = doc.workflow;
    if (!wf) return;
    const mine = replaceShown('loading');
    try {
      const saved = await api['runs.get']({ workflowId: wf.id, runId });
      if (!stale.isCurrent(mine)) return;
      store.setState({ busy: null });
      show(
        {
          kind: 'saved',
          runId,
          workflowId: wf.id,
          status: 'done',
          waiting: null,
          trace: saved.trace,
          document: saved.document,
          startedAt: saved.summary.startedAt,
          historyError: null,
          aiUsage: saved.aiUsage ?? null,
        },
        { restart: true, play: true },
      );
    } catch (e) {
      if (stale.isCurrent(mine)) update({ busy: null, error: errorText(e) });
      void loadHistory(true);
    }
  }

  async function deleteRun(runId: string) {
    const wf = doc.workflow;
    if (!wf) return;
    try {
      await api['runs.delete']({ workflowId: wf.id, runId });
      if (get().shown?.kind === 'saved' && get().shown?.runId === runId) clear();
    } catch (e) {
      update({ error: errorText(e) });
    }
    await loadHistory(true);
  }

  // ---- samples and the start form ----

  /** Sample records of the intake's system; asked again only when the intake changes. */
  async function loadSamples(wf: Workflow) {
    const intake = wf.nodes.find((n) => n.kind === 'intake') ?? null;
    if (intake === samplesFor) return;
    samplesFor = intake;
    try {
      const samples = await api['sim.samples']({ document: wf });
      if (samplesFor === intake) store.setState({ samples });
    } catch {
      // Without samples the panel still offers the scenarios and a typed input.
      if (samplesFor === intake) store.setState({ samples: null });
    }
  }

  function choose(source: string, input: Record<string, unknown>) {
    store.setState({ source, inputText: JSON.stringify(input, null, 2) });
  }

  /**
   * Starts a run of the open workflow with the Run tab's choices (start, input, seed, approvals): what
   * Run on the toolbar does. Before the panel picked a start, the first one (the first scenario).
   * False when the choices cannot run (an input or seed that does not parse): the panel says why.
   */
  async function runChosen(): Promise<boolean> {
    const wf = doc.workflow;
    if (!wf) return false;
    const s = get();
    const { options } = sourcesOf(wf, s.samples);
    const chosen = options.find((o) => o.value === s.source);
    const option = chosen ?? options[0];
    const text = chosen ? s.inputText : textOfInput(option.input);
    if (!chosen) choose(option.value, option.input);
    const params = startParams(wf, option, text, s.seedText, s.approvals, s.samples);
    if (!params.ok) return false;
    await start(params.value);
    return true;
  }

  // A different document (open, new, reopen): its runs, breakpoints and samples are not this one's.
  session.store.subscribe((s, prev) => {
    if (s.generation === prev.generation) return;
    const run = get().shown;
    if (run?.kind === 'live' && run.status !== 'done') void api['sim.cancel']({ runId: run.runId }).catch(() => undefined);
    stale.invalidate();
    stopTimer();
    samplesFor = undefined;
    const { speed, approvals, overlay } = get();
    store.setState({ ...initial(), speed, approvals, overlay });
  });

  return {
    store,
    get state() {
      return get();
    },
    start,
    decide,
    stop,
    cancel,
    clear,
    play,
    pause,
    step,
    restart,
    toEnd,
    jumpToEvent,
    setSpeed,
    toggleBreakpoint,
    loadHistory,
    reopen,
    deleteRun,
    loadSamples,
    choose,
    runChosen,
    setInputText: (inputText: string) => store.setState({ inputText }),
    setSeedText: (seedText: string) => store.setState({ seedText }),
    setApprovals: (approvals: ApprovalMode) => store.setState({ approvals }),
    /** Shows or hides the run on the canvas (see SimState.overlay). */
    setOverlay(overlay: boolean) {
      if (get().overlay !== overlay) update({ overlay });
    },
    /**
     * Selects a step of the run on the canvas (the Simulation tab stays open) and brings it into view;
     * a step deleted since the run says so instead. False when the step is gone.
     */
    focusNode(nodeId: string): boolean {
      if (!doc.workflow?.nodes.some((n) => n.id === nodeId)) {
        const label = displayText(get().shown?.document.nodes.find((n) => n.id === nodeId)?.label ?? '', 60);
        ui.toast('info', `${label ? `“${label}”` : 'This step'} is no longer in the workflow: it was deleted after this run. Undo brings it back; running again follows the workflow as it is now.`);
        return false;
      }
      ui.select([nodeId]);
      deps.reveal?.(nodeId);
      return true;
    },
  };
}

// The stepping engine: a token walks the graph from the intake along the edge of the output each step
// takes, on a virtual clock, with a seeded random source. `step()` runs one node; `advance()` runs until
// the run ends or has to wait — for a person at an approval, or for an AI provider that answers with a
// promise. Each kind of step has its handler in steps/; the run's state is in run-state.ts and what it
// records in trace-recorder.ts. The all-mock path never waits and allocates little beyond the trace.
import { thousands } from '../text';
import type { AiProvider } from './ai-provider';
import { StepDraws, type HandleShares, type StepMinutes } from './calibrated';
import type { CompiledNode, CompiledWorkflow } from './compile';
import { mockAi } from './mock-ai';
import { seededRandom, type Random } from './random';
import { isKind, RunState, type Handle, type RunSnapshot } from './run-state';
import { emptyScenario, type Decision, type ReviewerProfile, type Scenario } from './scenario';
import { finishAi, runAi } from './steps/ai';
import { decideApproval, runApproval } from './steps/approval';
import { runDecision } from './steps/decision';
import { runEnd } from './steps/end';
import { runEscalation } from './steps/escalation';
import { runIntake } from './steps/intake';
import { runIntegration } from './steps/integration';
import { RunStore } from './store';
import type { TapeRecorder } from './tape';
import type { Trace } from './trace';

export const DEFAULT_MAX_STEPS = 1_000;

export interface RunOptions {
  scenario?: Scenario;
  reviewers?: Readonly<Record<string, ReviewerProfile>>;
  /** Integer seed of the random source (durations, reviewer behaviour). Default 1. */
  seed?: number;
  /** Default: the deterministic mock. */
  ai?: AiProvider;
  /** Node executions after which the run stops. Default 1,000. */
  maxSteps?: number;
  /**
   * An approval that neither the scenario nor a reviewer profile decides: `pause` waits for `decide()`
   * (the app), `approve` approves it and records `decidedBy: "default"` (the command line, batches).
   */
  undecided?: 'pause' | 'approve';
  /** Decisions given by the user up front (`--decide`); they win over the scenario's. */
  decisions?: Readonly<Record<string, Decision>>;
  /** Whether to record the event list; batches can turn it off. Default true. */
  recordEvents?: boolean;
  /**
   * Called once per step execution, when the step is left (or ends or stops the run), with the node's
   * index in the compiled workflow, the output it left by (null at an end or a stop) and the virtual
   * milliseconds it took. Batches count visits and time per step with it, without the event list.
   */
  onStep?: (nodeIndex: number, handle: string | null, ms: number) => void;
  /**
   * Node id → output → share, calibrated from a log (a batch: see calibrated.ts). Each visit of such an
   * AI step, integration or decision leaves by an output drawn from these shares, whatever its answer,
   * call or rules would give — except that a call its connection does not grant still fails.
   */
  handleShares?: Readonly<Record<string, HandleShares>>;
  /** Node id → minutes (median, p90), calibrated from a log: each visit of the step takes a log-normal draw of them in all. */
  stepMinutes?: Readonly<Record<string, StepMinutes>>;
  /** The engine's random source in place of the one seeded from `seed` (a benchmark counting the draws). */
  random?: Random;
  /** A batch's fast path: the run writes on this tape what a replay of it needs (tape.ts). */
  tape?: TapeRecorder;
  /**
   * The trace is read for a batch's metrics only (MetricsCollector.finishItem): its final variables are
   * left empty and its approvals do not copy what they showed. Default false.
   */
  metricsOnly?: boolean;
}

/** Mixed into the run's seed for the stream calibrated outputs and times are drawn from. */
export const CALIBRATION_STREAM = 0x3c6ef372;

export type RunStatus =
  | { state: 'running' }
  | { state: 'waiting-decision'; nodeId: string; reviewer: string }
  | { state: 'waiting-ai'; nodeId: string; settled: Promise<void> }
  | { state: 'done'; trace: Trace };

export interface DecideOptions {
  /** Variables the reviewer changed before deciding (an edited draft). */
  edits?: Readonly<Record<string, unknown>>;
  /** How long the reviewer took; drawn from their profile (or the default) when absent. */
  responseMinutes?: number;
}

const RUNNING: RunStatus = { state: 'running' };

export class SimulationRun {
  private readonly run: RunState;
  private readonly maxSteps: number;
  private doneStatus: RunStatus | null = null;

  constructor(
    private readonly compiled: CompiledWorkflow,
    private readonly options: RunOptions = {},
  ) {
    const scenario = options.scenario ?? emptyScenario();
    // The scenario's id is mixed in so that two scenarios run with the same seed do not draw the same numbers.
    const { seed, calibrationSeed } = runSeeds(options.seed ?? 1, scenario.id);
    const random = options.random ?? seededRandom(seed);
    const approvals = { reviewers: options.reviewers, decisions: options.decisions, undecided: options.undecided };
    // Calibrated outputs and times are drawn on a stream of their own, so the engine's draws stay put.
    const draws = options.handleShares || options.stepMinutes ? new StepDraws(options.handleShares, options.stepMinutes, calibrationSeed) : null;
    this.run = new RunState(compiled, scenario, random, options.ai ?? mockAi, new RunStore(compiled.datasets), approvals, options.recordEvents ?? true, options.onStep, draws, options.tape ?? null);
    this.run.metricsOnly = options.metricsOnly ?? false;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  }

  /** The node the token is on (or waiting at), or null before the start and after the end. */
  get currentNodeId(): string | null {
    const run = this.run;
    return run.phase === 'done' || run.current < 0 ? null : this.compiled.nodes[run.current].node.id;
  }

  get done(): boolean {
    return this.run.phase === 'done';
  }

  /** Runs until the run ends or must wait. */
  advance(): RunStatus {
    for (;;) {
      const status = this.step();
      if (status.state !== 'running') return status;
    }
  }

  /** Runs one node (or finishes the one that was waiting). */
  step(): RunStatus {
    switch (this.run.phase) {
      case 'done':
        return this.finished();
      case 'approval':
        return this.waitingDecision();
      case 'ai':
        return this.continueAi();
      case 'ready':
        // begin() may end the run at once (no intake).
        if (!this.begin()) return this.finished();
    }
    return this.runNode(this.compiled.nodes[this.run.current]);
  }

  /** Decides the approval the run waits at. */
  decide(nodeId: string, decision: Decision, opts: DecideOptions = {}): void {
    const c = this.run.phase === 'approval' ? this.compiled.nodes[this.run.current] : null;
    if (!c || c.node.id !== nodeId || !isKind(c.node, 'approval')) throw new Error(`The run is not waiting for a decision at "${nodeId}".`);
    this.run.phase = 'node';
    const handle = decideApproval(this.run, c.node, decision, 'user', opts.responseMinutes, opts.edits);
    if (handle !== null) this.leave(c, handle);
  }

  /** The trace so far; complete once the run is done. A snapshot of a run still going has its own lists. */
  trace(): Trace {
    const run = this.run;
    return run.recorder.trace(run.wf, run.scenario, this.options.seed ?? 1, run.end, run.now, run.steps, run.metricsOnly ? {} : run.finalVariables(), run.phase === 'done');
  }

  // ---- the walk ----

  private begin(): boolean {
    const run = this.run;
    const start = this.compiled.start;
    Object.assign(run.vars, run.scenario.input);
    run.vars.runId = `run-${run.scenario.id}-${this.options.seed ?? 1}`;
    run.vars.workflow = run.wf.name;
    if (start === -1) {
      run.stop(null, 'no-intake', 'The workflow has no intake step, so nothing can start a run.');
      return false;
    }
    run.current = start;
    run.phase = 'node';
    return true;
  }

  /** Takes up a snapshot of another run at clock time `now` (a batch's fast path: startResumed). */
  resumeFrom(from: RunSnapshot, now: number): void {
    const run = this.run;
    if (run.phase !== 'ready') throw new Error('Only a run that has not started can resume another.');
    run.resume(from, now);
    run.vars.runId = `run-${run.scenario.id}-${this.options.seed ?? 1}`;
  }

  private runNode(c: CompiledNode): RunStatus {
    const run = this.run;
    // A batch's tape keeps the run as it reaches a gate, to resume items that decide otherwise there.
    if (run.tape !== null && c.node.kind === 'approval') run.tape.atGate(run);
    if (run.steps >= this.maxSteps) {
      run.stop(c.node.id, 'step-limit', `The run stopped after ${thousands(this.maxSteps)} steps without reaching an end step: the workflow probably loops.`);
      return this.finished();
    }
    run.steps++;
    run.beginStep();
    const node = c.node;
    if (run.recorder.recording) run.recorder.events.push({ type: 'step.entered', atMs: run.now, nodeId: node.id, kind: node.kind, label: node.label });
    let handle: Handle;
    switch (node.kind) {
      case 'intake':
        handle = runIntake(run, c, node);
        break;
      case 'ai':
        handle = runAi(run, c, node);
        break;
      case 'integration':
        handle = runIntegration(run, c, node);
        break;
      case 'decision':
        handle = runDecision(run, node);
        break;
      case 'approval':
        handle = runApproval(run, node);
        break;
      case 'escalation':
        handle = runEscalation(run, c, node);
        break;
      case 'end':
        runEnd(run, c, node);
        return this.finished();
      default: {
        // A kind this version does not know (a file from a newer Flowgate): the run stops at it.
        const unknown: { id: string; label: string } = node;
        handle = null;
        run.stopAt(unknown.id, 'no-path', `"${unknown.label}" is a kind of step the simulator does not know.`);
      }
    }
    if (handle !== null) this.leave(c, handle);
    return this.status();
  }

  private leave(c: CompiledNode, handle: string): void {
    const run = this.run;
    const node = c.node;
    run.finishStepTime(node.id);
    if (run.recorder.recording) run.recorder.events.push({ type: 'step.left', atMs: run.now, nodeId: node.id, handle });
    run.recorder.path.push({ nodeId: node.id, handle });
    run.onStep?.(c.index, handle, run.now - run.stepStartMs);
    run.tape?.leave(c.index);
    const next = c.next[handle];
    if (next === undefined) {
      run.stop(node.id, 'no-path', `"${node.label}" left by its "${handle}" output, which leads nowhere.`);
      return;
    }
    run.current = next;
  }

  private status(): RunStatus {
    const phase = this.run.phase;
    if (phase === 'done') return this.finished();
    if (phase === 'approval') return this.waitingDecision();
    if (phase === 'ai') return this.waitingAi();
    return RUNNING;
  }

  private finished(): RunStatus {
    if (!this.doneStatus) this.doneStatus = { state: 'done', trace: this.trace() };
    return this.doneStatus;
  }

  private continueAi(): RunStatus {
    const run = this.run;
    const pending = run.pendingAi!;
    if (pending.response === null) return this.waitingAi();
    run.pendingAi = null;
    run.phase = 'node';
    const c = pending.node;
    if (!isKind(c.node, 'ai')) throw new Error(`"${c.node.id}" is not an AI step, yet the run waited for an AI answer there.`);
    const handle = finishAi(run, c, c.node, pending.request, pending.response);
    if (handle !== null) this.leave(c, handle);
    return this.status();
  }

  private waitingDecision(): RunStatus {
    const node = this.compiled.nodes[this.run.current].node;
    if (!isKind(node, 'approval')) throw new Error(`"${node.id}" is not an approval, yet the run waits for a decision there.`);
    return { state: 'waiting-decision', nodeId: node.id, reviewer: node.config.reviewer };
  }

  private waitingAi(): RunStatus {
    const pending = this.run.pendingAi!;
    return { state: 'waiting-ai', nodeId: pending.node.node.id, settled: pending.settled };
  }
}

/**
 * The seeds of a run's two random streams: the engine's (the seed mixed with the scenario's id, so that
 * two scenarios run with the same seed do not draw the same numbers) and the calibrated steps' own.
 */
export function runSeeds(seed: number, scenarioId: string): { seed: number; calibrationSeed: number } {
  const mixed = seed ^ scenarioSalt(scenarioId);
  return { seed: mixed, calibrationSeed: mixed ^ CALIBRATION_STREAM };
}

/** What a scenario's id mixes into a run's seed (runSeeds: the seed XOR this), for callers that mix it once for many runs. */
export function scenarioSalt(scenarioId: string): number {
  return hashText(scenarioId);
}

/** FNV-1a: a small, stable hash of a text. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

export function startRun(compiled: CompiledWorkflow, options: RunOptions = {}): SimulationRun {
  return new SimulationRun(compiled, options);
}

/**
 * A run that starts where a snapshot of another run left off (RunState.snapshot, taken as a gate was
 * about to run), at clock time `now`, with its own options: seed or random source, scenario (faults),
 * tape. A batch's fast path resumes an item whose reviewer decides what no item with its input
 * decided before, instead of running the steps before the gate again (tape.ts).
 */
export function startResumed(compiled: CompiledWorkflow, options: RunOptions, from: RunSnapshot, now: number): SimulationRun {
  const run = new SimulationRun(compiled, options);
  run.resumeFrom(from, now);
  return run;
}

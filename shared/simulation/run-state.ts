// The state of one run that its step handlers (steps/) read and change: the variables and the item,
// the virtual clock, the run's copy of the sample data, what the last AI step produced, the phase the
// run is in, and the trace recorder. The engine (engine.ts) drives it from step to step.
import type { NodeKind, NodeOfKind, Workflow, WorkflowNode } from '../model/schema';
import type { AiDocument, AiProvider, AiRequest, AiResponse } from './ai-provider';
import type { StepDraws } from './calibrated';
import type { CompiledCall, CompiledNode, CompiledWorkflow } from './compile';
import { JITTER, VIRTUAL_EPOCH_MS } from './durations';
import { callInput, callSources, type InputSources } from './inputs';
import { jitter, type Random } from './random';
import type { Decision, ReviewerProfile, Scenario } from './scenario';
import type { RunStore, StoreCopy } from './store';
import type { TapeRecorder } from './tape';
import type { ApprovedContent } from './approved-content';
import { TraceRecorder, type RunEnd } from './trace-recorder';
import type { ApprovalRecord, AuditEntry, CallRecord, Change, OutboxMessage, PathStep, StopCode } from './trace';
import type { Variables } from './variables';

/** The output a step leaves by; null when it does not leave (the run stopped or waits). */
export type Handle = string | null;

export type Phase = 'ready' | 'node' | 'approval' | 'ai' | 'done';

/** What a call's input is built from, given the run's variables and draft text (now, or when an approval was given). */
export type SourcesAt = (state: { vars: Variables; lastText: string | undefined }) => Omit<InputSources, 'item'>;

/** An AI step waiting for a provider that answers with a promise. */
export interface PendingAi {
  node: CompiledNode;
  request: AiRequest;
  response: AiResponse | null;
  settled: Promise<void>;
}

/** What the run was asked to do at approvals nobody else decides, and by whom decisions come. */
export interface ApprovalSettings {
  reviewers?: Readonly<Record<string, ReviewerProfile>>;
  decisions?: Readonly<Record<string, Decision>>;
  undecided?: 'pause' | 'approve';
}

const SYSTEM_NAMES = new Set(['now', 'today', 'runId', 'workflow']);

/** Whether a compiled node is of kind `kind`: the node's type narrows with it, no cast needed. */
export function isKind<K extends NodeKind>(node: WorkflowNode, kind: K): node is NodeOfKind<K> {
  return node.kind === kind;
}

/**
 * A run's state as a step is about to run (a batch's fast path keeps one at each gate, to resume other
 * items with the same input there: tape.ts). Lists and the variables are copies, so the run going on
 * does not change them; records, the item and documents are shared, since runs replace them and
 * never change them.
 */
export interface RunSnapshot {
  current: number;
  steps: number;
  vars: Variables;
  item: Record<string, unknown>;
  lastDocuments: AiDocument[];
  lastText: string | undefined;
  lastInput: RunState['lastInput'];
  store: StoreCopy;
  path: PathStep[];
  calls: CallRecord[];
  approvals: ApprovalRecord[];
  changes: Change[];
  outbox: OutboxMessage[];
  audit: AuditEntry[];
  approved: ApprovedContent | null;
}

export class RunState {
  readonly wf: Workflow;
  readonly vars: Variables = {};
  /** The item as it arrived: the scenario's input, completed from the intake's system. */
  item: Record<string, unknown> = {};
  phase: Phase = 'ready';
  /** Virtual milliseconds since the run started. */
  now = 0;
  private clockSetAt = -1;
  /** The compiled node the token is on. */
  current = -1;
  /** Virtual time at which the current step began, for onStep. */
  stepStartMs = 0;
  steps = 0;
  readonly end: RunEnd = { outcome: null, endNodeId: null, stopped: null, stopCode: null };
  lastDocuments: AiDocument[] = [];
  lastText: string | undefined;
  pendingAi: PendingAi | null = null;
  /**
   * The output the current step was drawn to take (a calibrated batch), or null: set by the step's
   * handler through forcedHandle(), cleared as each step begins. While set, it decides whether the
   * step's connector calls fail, in place of the scenario's (the batch's) action faults.
   */
  forced: string | null = null;
  /** How the last call input was built, so that the call can compare what it sends with what was approved. */
  lastInput: { call: CompiledCall; sourcesAt: SourcesAt } | null = null;
  readonly recorder: TraceRecorder;
  /** The trace is for a batch's metrics only (RunOptions.metricsOnly): what only a reader of the trace needs is left out. */
  metricsOnly = false;

  constructor(
    readonly compiled: CompiledWorkflow,
    readonly scenario: Scenario,
    readonly random: Random,
    readonly ai: AiProvider,
    readonly store: RunStore,
    readonly approvalSettings: ApprovalSettings,
    recordEvents: boolean,
    readonly onStep: ((nodeIndex: number, handle: string | null, ms: number) => void) | undefined,
    /** Outputs and times calibrated from a log (a batch); null for an ordinary run. */
    readonly draws: StepDraws | null = null,
    /** A batch's fast path: what the run does with the clock and its draws is written on it (tape.ts). */
    readonly tape: TapeRecorder | null = null,
  ) {
    this.wf = compiled.workflow;
    this.recorder = new TraceRecorder(recordEvents);
  }

  /** The state as the current step is about to run (phase `node`, nothing pending): see RunSnapshot. */
  snapshot(): RunSnapshot {
    const r = this.recorder;
    return {
      current: this.current,
      steps: this.steps,
      vars: { ...this.vars },
      item: this.item,
      lastDocuments: this.lastDocuments,
      lastText: this.lastText,
      lastInput: this.lastInput,
      store: this.store.copy(),
      path: r.path.slice(),
      calls: r.calls.slice(),
      approvals: r.approvals.slice(),
      changes: r.changes.slice(),
      outbox: r.outbox.slice(),
      audit: r.audit.slice(),
      approved: r.approved,
    };
  }

  /**
   * Takes up a snapshot (of a run of the same workflow and input, with the same choices so far) on this
   * new run, at clock time `now`: the run then goes on with the snapshot's step, with its own clock,
   * random source and faults. The snapshot itself is left as it was, for further resumes.
   */
  resume(from: RunSnapshot, now: number): void {
    this.current = from.current;
    this.steps = from.steps;
    this.phase = 'node';
    this.now = now;
    Object.assign(this.vars, from.vars);
    this.item = from.item;
    this.lastDocuments = from.lastDocuments;
    this.lastText = from.lastText;
    this.lastInput = from.lastInput;
    this.store.restore(from.store);
    const r = this.recorder;
    r.path.push(...from.path);
    r.calls.push(...from.calls);
    r.approvals.push(...from.approvals);
    r.changes.push(...from.changes);
    r.outbox.push(...from.outbox);
    r.audit.push(...from.audit);
    r.approved = from.approved;
  }

  /** Marks the start of a step: its time is measured from here, and nothing is forced on it yet. */
  beginStep(): void {
    this.stepStartMs = this.now;
    this.forced = null;
    this.tape?.begin();
  }

  /** The clock moves on by a fixed time. Every change of the clock goes through here, waitJitter or an approval (tape.ts replays them). */
  wait(ms: number): void {
    this.now += ms;
    this.tape?.wait(ms);
  }

  /** The clock moves on by `base` ms stretched by the usual jitter (one draw). */
  waitJitter(base: number): void {
    this.now += jitter(this.random, base, JITTER);
    this.tape?.jittered(base);
  }

  /** The output this visit of a calibrated step is drawn to take (remembered in `forced`), or undefined. */
  forcedHandle(nodeId: string): string | undefined {
    let handle: string | undefined;
    if (this.draws) {
      const at = this.draws.handleIndex(nodeId);
      if (at !== -1) {
        handle = this.draws.handles(nodeId)[at];
        this.tape?.forced(this.current, at);
      }
    }
    this.forced = handle ?? null;
    return handle;
  }

  /** The AI fault the scenario (a batch: the item) sets on the step, if any. */
  aiFault(nodeId: string): string | undefined {
    const fault = this.scenario.faults.ai[nodeId];
    this.tape?.aiFault(nodeId, fault);
    return fault;
  }

  /** Whether the step's time is calibrated: its own fixed times (an AI answer, a timeout) are then left out. */
  timedByCalibration(nodeId: string): boolean {
    return this.draws !== null && this.draws.timed(nodeId);
  }

  /**
   * A calibrated step takes the time drawn for it in all: the clock moves on to its start plus that
   * time. Its connector calls happen within it at their usual times, so a step never takes less than
   * they do.
   */
  finishStepTime(nodeId: string): void {
    const ms = this.draws?.ms(nodeId);
    if (ms !== undefined && this.now < this.stepStartMs + ms) this.now = this.stepStartMs + ms;
  }

  /** Why a connector call fails though it is allowed, or null: the step's drawn output, else an action fault. */
  callFault(key: string): string | null {
    if (this.forced !== null) return this.forced === 'error' ? 'drawn from the calibrated shares' : null;
    const failing = this.scenario.faults.actions[key] === 'error';
    this.tape?.actionFault(key, failing);
    return failing ? 'a fault set by the scenario' : null;
  }

  /** The variables with `now` and `today` set to the virtual clock. */
  scope(): Variables {
    if (this.compiled.usesClock && this.clockSetAt !== this.now) {
      const iso = new Date(VIRTUAL_EPOCH_MS + this.now).toISOString();
      this.vars.now = iso;
      this.vars.today = iso.slice(0, 10);
      this.clockSetAt = this.now;
    }
    return this.vars;
  }

  /** The variables a trace reports: all but the ones the run sets itself. */
  finalVariables(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.vars)) if (!SYSTEM_NAMES.has(k)) out[k] = v;
    return out;
  }

  setVariables(nodeId: string, set: Record<string, unknown>): void {
    Object.assign(this.vars, set);
    if (this.recorder.recording) this.recorder.events.push({ type: 'variables', atMs: this.now, nodeId, set });
  }

  /**
   * The input of a connector call, from the step's mapping and what the run knows. `sources` may be
   * given as a function of the run's variables and draft text: the call can then work out what it
   * would have sent when the last approval was given (steps/connector-call.ts).
   */
  input(call: CompiledCall, sources: Omit<InputSources, 'item'> | SourcesAt): Record<string, unknown> {
    const sourcesAt: SourcesAt = typeof sources === 'function' ? sources : () => sources;
    this.lastInput = { call, sourcesAt };
    const vars = this.scope();
    return callInput(call, vars, callSources(sourcesAt({ vars, lastText: this.lastText }), this.item));
  }

  /** Stops inside a step that cannot leave: the path ends at it, with no output. */
  stopAt(nodeId: string, code: StopCode, reason: string): void {
    this.recorder.path.push({ nodeId, handle: null });
    // Steps stop the run only while they run, so the current node is the one that stopped it.
    this.onStep?.(this.current, null, this.now - this.stepStartMs);
    this.tape?.stopAt(this.current);
    this.finishRun(nodeId, code, reason);
  }

  stop(nodeId: string | null, code: StopCode, reason: string): void {
    this.tape?.stop();
    this.finishRun(nodeId, code, reason);
  }

  private finishRun(nodeId: string | null, code: StopCode, reason: string): void {
    this.end.stopped = reason;
    this.end.stopCode = code;
    if (this.recorder.recording) this.recorder.events.push({ type: 'stopped', atMs: this.now, nodeId, code, reason });
    this.phase = 'done';
  }
}

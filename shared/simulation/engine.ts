// The stepping engine: a token walks the graph from the intake along the edge of the output each step
// takes, on a virtual clock, with a seeded random source. `step()` runs one node; `advance()` runs until
// the run ends or has to wait — for a person at an approval, or for an AI provider that answers with a
// promise. The all-mock path never waits and allocates little beyond the trace itself.
import type { NodeOfKind, Workflow, WorkflowNode } from '../model/schema';
import type { AiDocument, AiProvider, AiRequest, AiResponse } from './ai-provider';
import type { CompiledCall, CompiledNode, CompiledWorkflow } from './compile';
import type { DataRecord } from './datasets';
import { chooseRule } from './conditions';
import { AI_MS, AI_TIMEOUT_MS, CALL_MS, DEFAULT_RESPONSE_MINUTES, DENIED_MS, FAILED_MS, JITTER, VIRTUAL_EPOCH_MS } from './durations';
import { callInput, type InputSources } from './inputs';
import { mockAi } from './mock-ai';
import { perform } from './mock-connectors';
import { jitter, logNormal, seededRandom, type Random } from './random';
import { emptyScenario, type Decision, type ReviewerProfile, type Scenario } from './scenario';
import { RunStore, search } from './store';
import { round2 } from './text';
import {
  TRACE_FORMAT,
  TRACE_VERSION,
  type ApprovalRecord,
  type AuditEntry,
  type CallRecord,
  type Change,
  type DecidedBy,
  type OutboxMessage,
  type PathStep,
  type StopCode,
  type Trace,
  type TraceEvent,
} from './trace';
import { lookup, render, textOf, type Variables } from './variables';

export const DEFAULT_MAX_STEPS = 1_000;
/** Knowledge searches hand at most this many articles to the AI step. */
export const RETRIEVE_LIMIT = 3;

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
}

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
type Phase = 'ready' | 'node' | 'approval' | 'ai' | 'done';
type Handle = string | null;

interface PendingAi {
  node: CompiledNode;
  request: AiRequest;
  response: AiResponse | null;
  settled: Promise<void>;
}

interface CallOutcome {
  ok: boolean;
  value: unknown;
  message: string;
}

const SYSTEM_NAMES = new Set(['now', 'today', 'runId', 'workflow']);

export class SimulationRun {
  private readonly wf: Workflow;
  private readonly scenario: Scenario;
  private readonly random: Random;
  private readonly ai: AiProvider;
  private readonly maxSteps: number;
  private readonly record: boolean;
  private readonly onStep: RunOptions['onStep'];
  /** Virtual time at which the current step began, for onStep. */
  private stepStartMs = 0;
  private readonly store: RunStore;
  private readonly vars: Variables = {};
  /** The item as it arrived: the scenario's input, completed from the intake's system. */
  private item: Record<string, unknown> = {};
  private phase: Phase = 'ready';
  private current = -1;
  private now = 0;
  private clockSetAt = -1;
  private steps = 0;
  private outcome: string | null = null;
  private endNodeId: string | null = null;
  private stopped: string | null = null;
  private stopCode: StopCode | null = null;
  private lastDocuments: AiDocument[] = [];
  private lastText: string | undefined;
  private pendingAi: PendingAi | null = null;
  private readonly path: PathStep[] = [];
  private readonly calls: CallRecord[] = [];
  private readonly approvals: ApprovalRecord[] = [];
  private readonly changes: Change[] = [];
  private readonly outbox: OutboxMessage[] = [];
  private readonly events: TraceEvent[] = [];
  private readonly audit: AuditEntry[] = [];
  private doneStatus: RunStatus | null = null;

  constructor(
    private readonly compiled: CompiledWorkflow,
    private readonly options: RunOptions = {},
  ) {
    this.wf = compiled.workflow;
    this.scenario = options.scenario ?? emptyScenario();
    // The scenario's id is mixed in so that two scenarios run with the same seed do not draw the same numbers.
    this.random = seededRandom((options.seed ?? 1) ^ hashText(this.scenario.id));
    this.ai = options.ai ?? mockAi;
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    this.record = options.recordEvents ?? true;
    this.onStep = options.onStep;
    this.store = new RunStore(compiled.datasets);
  }

  /** The node the token is on (or waiting at), or null before the start and after the end. */
  get currentNodeId(): string | null {
    return this.phase === 'done' || this.current < 0 ? null : this.compiled.nodes[this.current].node.id;
  }

  get done(): boolean {
    return this.phase === 'done';
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
    switch (this.phase) {
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
    return this.runNode(this.compiled.nodes[this.current]);
  }

  /** Decides the approval the run waits at. */
  decide(nodeId: string, decision: Decision, opts: DecideOptions = {}): void {
    const c = this.phase === 'approval' ? this.compiled.nodes[this.current] : null;
    if (!c || c.node.id !== nodeId) throw new Error(`The run is not waiting for a decision at "${nodeId}".`);
    this.phase = 'node';
    const handle = this.decideApproval(c, decision, 'user', opts.responseMinutes, opts.edits);
    if (handle !== null) this.leave(c, handle);
  }

  /** The trace so far; complete once the run is done. A snapshot of a run still going has its own lists. */
  trace(): Trace {
    const own = <T>(list: T[]): T[] => (this.phase === 'done' ? list : list.slice());
    return {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      workflow: { id: this.wf.id, name: this.wf.name },
      scenario: { id: this.scenario.id, name: this.scenario.name },
      seed: this.options.seed ?? 1,
      outcome: this.outcome,
      endNodeId: this.endNodeId,
      stopped: this.stopped,
      stopCode: this.stopCode,
      elapsedMinutes: round2(this.now / 60_000),
      elapsedMs: this.now,
      steps: this.steps,
      path: own(this.path),
      calls: own(this.calls),
      approvals: own(this.approvals),
      changes: own(this.changes),
      outbox: own(this.outbox),
      variables: this.finalVariables(),
      events: own(this.events),
      audit: own(this.audit),
    };
  }

  // ---- the walk ----

  private begin(): boolean {
    const start = this.compiled.start;
    Object.assign(this.vars, this.scenario.input);
    this.vars.runId = `run-${this.scenario.id}-${this.options.seed ?? 1}`;
    this.vars.workflow = this.wf.name;
    if (start === -1) {
      this.stop(null, 'no-intake', 'The workflow has no intake step, so nothing can start a run.');
      return false;
    }
    this.current = start;
    this.phase = 'node';
    return true;
  }

  private runNode(c: CompiledNode): RunStatus {
    if (this.steps >= this.maxSteps) {
      this.stop(c.node.id, 'step-limit', `The run stopped after ${thousands(this.maxSteps)} steps without reaching an end step: the workflow probably loops.`);
      return this.finished();
    }
    this.steps++;
    this.stepStartMs = this.now;
    const node = c.node;
    if (this.record) this.events.push({ type: 'step.entered', atMs: this.now, nodeId: node.id, kind: node.kind, label: node.label });
    let handle: Handle;
    switch (node.kind) {
      case 'intake':
        handle = this.runIntake(c);
        break;
      case 'ai':
        handle = this.runAi(c, node);
        break;
      case 'integration':
        handle = this.runIntegration(c, node);
        break;
      case 'decision':
        handle = chooseRule(node.config.rules, this.scope());
        if (this.record) this.events.push({ type: 'decision', atMs: this.now, nodeId: node.id, rule: handle });
        break;
      case 'approval':
        handle = this.runApproval(c, node);
        break;
      case 'escalation':
        handle = this.runEscalation(c, node);
        break;
      case 'end':
        this.outcome = node.config.outcome;
        this.endNodeId = node.id;
        this.path.push({ nodeId: node.id, handle: null });
        this.onStep?.(c.index, null, this.now - this.stepStartMs);
        if (this.record) this.events.push({ type: 'ended', atMs: this.now, nodeId: node.id, outcome: node.config.outcome });
        this.phase = 'done';
        return this.finished();
      default:
        handle = null;
        this.stopAt((node as WorkflowNode).id, 'no-path', `"${(node as WorkflowNode).label}" is a kind of step the simulator does not know.`);
    }
    if (handle !== null) this.leave(c, handle);
    return this.status();
  }

  private leave(c: CompiledNode, handle: string): void {
    const node = c.node;
    if (this.record) this.events.push({ type: 'step.left', atMs: this.now, nodeId: node.id, handle });
    this.path.push({ nodeId: node.id, handle });
    this.onStep?.(c.index, handle, this.now - this.stepStartMs);
    const next = c.next[handle];
    if (next === undefined) {
      this.stop(node.id, 'no-path', `"${node.label}" left by its "${handle}" output, which leads nowhere.`);
      return;
    }
    this.current = next;
  }

  private status(): RunStatus {
    if (this.phase === 'done') return this.finished();
    if (this.phase === 'approval') return this.waitingDecision();
    if (this.phase === 'ai') return this.waitingAi();
    return RUNNING;
  }

  private finished(): RunStatus {
    if (!this.doneStatus) this.doneStatus = { state: 'done', trace: this.trace() };
    return this.doneStatus;
  }

  /** Stops inside a step that cannot leave: the path ends at it, with no output. */
  private stopAt(nodeId: string, code: StopCode, reason: string): void {
    this.path.push({ nodeId, handle: null });
    // Steps stop the run only while they run, so the current node is the one that stopped it.
    this.onStep?.(this.current, null, this.now - this.stepStartMs);
    this.stop(nodeId, code, reason);
  }

  private stop(nodeId: string | null, code: StopCode, reason: string): void {
    this.stopped = reason;
    this.stopCode = code;
    if (this.record) this.events.push({ type: 'stopped', atMs: this.now, nodeId, code, reason });
    this.phase = 'done';
  }

  /** The variables with `now` and `today` set to the virtual clock. */
  private scope(): Variables {
    if (this.compiled.usesClock && this.clockSetAt !== this.now) {
      const iso = new Date(VIRTUAL_EPOCH_MS + this.now).toISOString();
      this.vars.now = iso;
      this.vars.today = iso.slice(0, 10);
      this.clockSetAt = this.now;
    }
    return this.vars;
  }

  private finalVariables(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.vars)) if (!SYSTEM_NAMES.has(k)) out[k] = v;
    return out;
  }

  private setVariables(nodeId: string, set: Record<string, unknown>): void {
    Object.assign(this.vars, set);
    if (this.record) this.events.push({ type: 'variables', atMs: this.now, nodeId, set });
  }

  // ---- connector calls ----

  private call(nodeId: string, call: CompiledCall, input: Record<string, unknown>): CallOutcome {
    const at = this.now;
    let allowed = true;
    let result: CallRecord['result'] = 'ok';
    let message = '';
    let value: unknown = null;
    let change: Change | null = null;
    let sent: OutboxMessage | null = null;
    if (call.problem !== null) {
      allowed = false;
      result = 'unknown';
      message = call.problem;
    } else if (!call.granted) {
      allowed = false;
      result = 'denied';
      message = `Denied (403): the connection "${call.connection}" does not grant "${call.action}".`;
      this.now += DENIED_MS;
    } else if (this.scenario.faults.actions[call.key] === 'error') {
      result = 'failed';
      message = `"${call.action}" on "${call.connection}" failed (a fault set by the scenario).`;
      this.now += FAILED_MS;
    } else {
      const done = perform(call, input, this.store, this.item);
      this.now += jitter(this.random, CALL_MS[call.effect!], JITTER);
      if (!done.ok) {
        result = 'not-found';
        message = done.message;
      } else {
        value = done.value;
        const base = { atMs: this.now, nodeId, connection: call.connection, action: call.action };
        if (done.change) change = { id: `chg-${this.changes.length + 1}`, ...base, ...done.change };
        if (done.message) sent = { id: `msg-${this.outbox.length + 1}`, ...base, customerFacing: call.customerFacing, ...done.message };
      }
    }
    this.calls.push({ atMs: at, nodeId, connection: call.connection, action: call.action, effect: call.effect, allowed, result });
    this.audit.push({ atMs: at, connection: call.connection, identity: call.identity, action: call.action, allowed, logged: call.logging });
    if (change) this.changes.push(change);
    if (sent) this.outbox.push(sent);
    if (this.record) {
      const { connection, identity, action, effect } = call;
      this.events.push({ type: 'call', atMs: at, nodeId, connection, identity, action, effect, allowed, result, input, message: message || null });
      if (result !== 'ok') this.events.push({ type: 'error', atMs: this.now, nodeId, message });
      if (change) this.events.push({ type: 'change', atMs: this.now, nodeId, changeId: change.id });
      if (sent) this.events.push({ type: 'outbox', atMs: this.now, nodeId, messageId: sent.id });
    }
    return { ok: result === 'ok', value, message };
  }

  private input(call: CompiledCall, sources: Omit<InputSources, 'item'>): Record<string, unknown> {
    return callInput(call, this.scope(), { ...sources, item: this.item });
  }

  // ---- node kinds ----

  private runIntake(c: CompiledNode): Handle {
    this.item = { ...this.scenario.input };
    const call = c.call;
    if (!call) {
      this.setVariables(c.node.id, { ...this.item });
      return 'out';
    }
    const ds = call.dataset;
    const idKey = call.idKeys[0];
    // The item comes from the intake's system, so it exists there: a ticket new to the sample data is
    // added to the run's copy (with an id from the run's counter when the input has none).
    const input = this.input(call, {});
    if (ds && this.store.has(ds) && call.problem === null && call.granted) {
      const given = call.idKeys.find((k) => typeof this.item[k] === 'string' && this.item[k]);
      const id = given ? String(this.item[given]) : this.store.newId(ds);
      if (!given) this.item[idKey] = this.vars[idKey] = id;
      if (!this.store.find(ds, id)) this.store.put(ds, { ...this.item, id });
      // The intake reads the item it was given, whatever inputs its action declares.
      input[given ?? idKey] = id;
    }
    const result = this.call(c.node.id, call, input);
    if (!result.ok) {
      this.stopAt(c.node.id, 'no-error-path', `"${c.node.label}" could not receive the item: ${result.message} An intake has no error output, so the run stops here.`);
      return null;
    }
    const record = result.value;
    if (record && typeof record === 'object' && !Array.isArray(record)) {
      // The record completes the input; what the scenario typed wins, and the record's own `id` is
      // already there under the action's name for it (`ticketId`).
      const named = call.idKeys.some((k) => k !== 'id' && this.item[k] !== undefined);
      for (const [k, v] of Object.entries(record as Record<string, unknown>)) {
        if (!(k in this.item) && !(named && k === 'id')) this.item[k] = v;
      }
    }
    this.setVariables(c.node.id, { ...this.item });
    return 'out';
  }

  private runIntegration(c: CompiledNode, node: NodeOfKind<'integration'>): Handle {
    const call = c.call!;
    const result = this.call(node.id, call, this.input(call, { mapping: node.config.inputs, text: this.lastText }));
    if (!result.ok) return 'error';
    if (call.effect === 'read') {
      const output = (node.config as { output?: unknown }).output;
      const name = typeof output === 'string' && output.trim() ? output.trim() : call.dataset ? singular(call.dataset) : node.id;
      this.setVariables(node.id, { [name]: result.value });
    }
    return 'ok';
  }

  private runEscalation(c: CompiledNode, node: NodeOfKind<'escalation'>): Handle {
    const { team, reason, priority } = node.config;
    if (this.record) this.events.push({ type: 'escalated', atMs: this.now, nodeId: node.id, team, priority, reason });
    const call = c.call;
    if (!call) return 'out';
    const subject = textOf(lookup(this.vars, 'subject'));
    const note = `Escalated to ${team || 'a team'} (${priority} priority)${reason ? `: ${reason}` : ''}${subject ? ` — "${subject}"` : ''}`;
    const given = { team, group: team, queue: team, owner: team, channel: `#${slugOf(team)}`, reason, priority, subject: `Escalation: ${reason || node.label}` };
    const result = this.call(node.id, call, this.input(call, { given, text: note }));
    if (!result.ok) {
      this.stopAt(node.id, 'no-error-path', `"${node.label}" could not hand the item over: ${result.message} An escalation has no error output, so the run stops here.`);
      return null;
    }
    return 'out';
  }

  private runAi(c: CompiledNode, node: NodeOfKind<'ai'>): Handle {
    const cfg = node.config;
    const vars = this.scope();
    if (this.scenario.faults.ai[node.id] === 'error') {
      this.now += AI_TIMEOUT_MS;
      this.aiEvent(node, cfg.prompt ? render(cfg.prompt, vars) : '', null, null, null, 'The AI service did not answer (a fault set by the scenario).');
      return 'error';
    }
    const values: Record<string, unknown> = {};
    if (c.promptRefs.length) for (const ref of c.promptRefs) values[ref] = lookup(vars, ref);
    else Object.assign(values, this.item);
    let material = '';
    for (const v of Object.values(values)) {
      const t = textOf(v);
      if (t) material = material ? `${material}\n${t}` : t;
    }
    let documents: AiDocument[] = this.lastDocuments;
    if (c.sources.length) {
      const found = this.consultSources(node.id, c.sources, material);
      if (found === null) return 'error';
      documents = found;
      if (found.length) this.lastDocuments = found;
    } else if (cfg.task === 'retrieve') {
      documents = [];
    }
    const template = (cfg as { template?: unknown }).template;
    const request: AiRequest = {
      nodeId: node.id,
      task: cfg.task,
      prompt: cfg.prompt ? render(cfg.prompt, vars) : material,
      material,
      values,
      item: this.item,
      labels: c.labels,
      fields: cfg.fields ?? [],
      documents,
      template: typeof template === 'string' ? render(template, vars) : undefined,
      signature: this.wf.owner,
    };
    let answer: AiResponse | Promise<AiResponse>;
    try {
      answer = this.ai.run(request);
    } catch (e) {
      answer = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    if (isPromise(answer)) {
      const pending: PendingAi = { node: c, request, response: null, settled: Promise.resolve() };
      pending.settled = answer.then(
        (r) => void (pending.response = r),
        (e: unknown) => void (pending.response = { ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
      this.pendingAi = pending;
      this.phase = 'ai';
      return null;
    }
    return this.finishAi(c, node, request, answer);
  }

  /**
   * Asks the step's knowledge sources. Searches (actions that take a query) look for articles matching
   * the material; reads by id then open what the searches found (`kb.read_article`), or, when nothing
   * was searched, read the record the run is about (a customer's account). Null when a source refused
   * or failed: the step leaves by `error`, as with a real 403.
   */
  private consultSources(nodeId: string, sources: readonly CompiledCall[], query: string): AiDocument[] | null {
    const found: AiDocument[] = [];
    const datasetOf = new Map<string, string | null>();
    for (const source of sources) {
      if (source.inputs !== null && !source.inputs.includes('query')) continue;
      if (!this.call(nodeId, source, { query }).ok) return null;
      if (!source.dataset || !this.store.has(source.dataset)) continue;
      for (const hit of search(this.store.records(source.dataset), query, RETRIEVE_LIMIT, source.connector)) {
        if (found.some((d) => d.id === hit.record.id)) continue;
        found.push(documentOf(hit.record, 'article', hit.score));
        datasetOf.set(hit.record.id, source.dataset);
      }
    }
    found.sort((a, b) => b.score - a.score);
    const articles = found.slice(0, RETRIEVE_LIMIT);
    const records: AiDocument[] = [];
    for (const source of sources) {
      if (source.inputs === null || source.inputs.includes('query')) continue;
      const idKey = source.idKeys.find((k) => source.inputs!.includes(k));
      const opened = articles.filter((d) => datasetOf.get(d.id) === source.dataset);
      if (opened.length && idKey) {
        for (const doc of opened) if (!this.call(nodeId, source, { [idKey]: doc.id }).ok) return null;
        continue;
      }
      const input = this.input(source, {});
      if (!idKey || input[idKey] === undefined) continue;
      const result = this.call(nodeId, source, input);
      if (!result.ok) return null;
      const value = result.value;
      if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string') {
        records.push(documentOf(value as DataRecord, 'record', 0));
      }
    }
    return [...articles, ...records];
  }

  private continueAi(): RunStatus {
    const pending = this.pendingAi!;
    if (pending.response === null) return this.waitingAi();
    this.pendingAi = null;
    this.phase = 'node';
    const c = pending.node;
    const handle = this.finishAi(c, c.node as NodeOfKind<'ai'>, pending.request, pending.response);
    if (handle !== null) this.leave(c, handle);
    return this.status();
  }

  private finishAi(c: CompiledNode, node: NodeOfKind<'ai'>, request: AiRequest, answer: AiResponse): Handle {
    const cfg = node.config;
    this.now += answer.durationMs ?? jitter(this.random, AI_MS[cfg.task] ?? AI_MS.classify, JITTER);
    if (!answer.ok) {
      this.aiEvent(node, request.prompt, null, null, null, answer.error);
      return 'error';
    }
    let confidence = answer.confidence;
    let note = answer.note ?? null;
    if (this.scenario.faults.ai[node.id] === 'low_confidence') {
      confidence = round2(Math.min(confidence, cfg.confidenceThreshold * 0.5));
      note = 'unsure (a fault set by the scenario)';
    }
    const output = cfg.output.trim() || 'result';
    this.vars[output] = answer.output;
    if (typeof answer.output === 'string' && (cfg.task === 'draft' || cfg.task === 'summarize')) this.lastText = answer.output;
    this.aiEvent(node, request.prompt, answer.output, confidence, note, null);
    if (confidence < cfg.confidenceThreshold) return 'low_confidence';
    if (cfg.mode === 'act') {
      // An agent in act mode calls its tools itself, with what it produced; a refused tool is an error.
      const text = typeof answer.output === 'string' ? answer.output : this.lastText;
      for (const tool of c.tools) {
        if (!this.call(node.id, tool, this.input(tool, { text })).ok) return 'error';
      }
    }
    return 'ok';
  }

  private aiEvent(node: NodeOfKind<'ai'>, input: string, output: unknown, confidence: number | null, note: string | null, error: string | null): void {
    if (!this.record) return;
    if (error !== null) this.events.push({ type: 'error', atMs: this.now, nodeId: node.id, message: error });
    this.events.push({
      type: 'ai',
      atMs: this.now,
      nodeId: node.id,
      task: node.config.task,
      provider: this.ai.name,
      input,
      output: output ?? null,
      confidence,
      threshold: node.config.confidenceThreshold,
      note,
      error,
    });
  }

  // ---- approvals ----

  private profileOf(reviewer: string): ReviewerProfile | undefined {
    const all = this.options.reviewers;
    if (!all || !reviewer) return undefined;
    if (Object.prototype.hasOwnProperty.call(all, reviewer)) return all[reviewer];
    const wanted = reviewer.trim().toLowerCase();
    const key = Object.keys(all).find((k) => k.trim().toLowerCase() === wanted);
    return key === undefined ? undefined : all[key];
  }

  private runApproval(c: CompiledNode, node: NodeOfKind<'approval'>): Handle {
    const { reviewer, timeoutHours } = node.config;
    if (this.record) this.events.push({ type: 'approval.requested', atMs: this.now, nodeId: node.id, reviewer, timeoutHours });
    const user = this.options.decisions?.[node.id];
    if (user) return this.decideApproval(c, user, 'user');
    const scripted = this.scenario.decisions[node.id];
    if (scripted) return this.decideApproval(c, scripted, 'scenario');
    const profile = this.profileOf(reviewer);
    if (profile) {
      const total = profile.approve + profile.reject + profile.timeout;
      const u = this.random.next() * total;
      let decision: Decision = u < profile.approve ? 'approved' : u < profile.approve + profile.reject ? 'rejected' : 'timeout';
      const minutes = this.responseMinutes(profile);
      // A reviewer slower than the gate's timeout has, in effect, let it time out.
      if (decision !== 'timeout' && timeoutHours !== null && minutes > timeoutHours * 60) decision = 'timeout';
      return this.decideApproval(c, decision, 'profile', minutes);
    }
    if (this.options.undecided === 'approve') return this.decideApproval(c, 'approved', 'default');
    this.phase = 'approval';
    return null;
  }

  private responseMinutes(profile: ReviewerProfile | undefined): number {
    const r = profile?.responseMinutes ?? DEFAULT_RESPONSE_MINUTES;
    return logNormal(this.random, r.median, r.p90);
  }

  /**
   * How long a reviewer who did answer took: a draw from their distribution that falls before the
   * gate's timeout (a few tries, then a time well inside it), since an answer after it would be a timeout.
   */
  private responseWithin(profile: ReviewerProfile | undefined, limit: number | null): number {
    for (let i = 0; i < 8; i++) {
      const minutes = this.responseMinutes(profile);
      if (limit === null || minutes < limit) return minutes;
    }
    const median = (profile?.responseMinutes ?? DEFAULT_RESPONSE_MINUTES).median;
    return Math.min(median, limit! * 0.9);
  }

  private decideApproval(c: CompiledNode, decision: Decision, by: DecidedBy, minutes?: number, edits?: Readonly<Record<string, unknown>>): Handle {
    const node = c.node as NodeOfKind<'approval'>;
    const { reviewer, timeoutHours } = node.config;
    const limit = timeoutHours === null ? null : timeoutHours * 60;
    let waited: number;
    if (decision === 'timeout') {
      if (limit === null) {
        this.stopAt(node.id, 'no-timeout', `Nobody answered "${node.label}" and the gate has no timeout, so the item would wait forever.`);
        return null;
      }
      waited = limit;
    } else {
      waited = minutes ?? this.responseWithin(this.profileOf(reviewer), limit);
      if (limit !== null) waited = Math.min(waited, limit);
    }
    const ms = Math.round(waited * 60_000);
    this.now += ms;
    const responseMinutes = round2(ms / 60_000);
    const edited = edits ? Object.keys(edits) : [];
    if (edits && edited.length) {
      // An edited draft replaces the text later steps send by default, not only its variable.
      for (const key of edited) {
        if (this.lastText !== undefined && this.vars[key] === this.lastText && typeof edits[key] === 'string') this.lastText = edits[key] as string;
      }
      this.setVariables(node.id, { ...edits });
    }
    this.approvals.push({ nodeId: node.id, reviewer, decision, decidedBy: by, responseMinutes });
    if (this.record) this.events.push({ type: 'approval.decided', atMs: this.now, nodeId: node.id, decision, decidedBy: by, responseMinutes, edited });
    return decision;
  }

  private waitingDecision(): RunStatus {
    const node = this.compiled.nodes[this.current].node as NodeOfKind<'approval'>;
    return { state: 'waiting-decision', nodeId: node.id, reviewer: node.config.reviewer };
  }

  private waitingAi(): RunStatus {
    const pending = this.pendingAi!;
    return { state: 'waiting-ai', nodeId: pending.node.node.id, settled: pending.settled };
  }
}

function documentOf(r: DataRecord, kind: AiDocument['kind'], score: number): AiDocument {
  const title = textOf(r.title ?? r.name ?? r.subject ?? r.id);
  const text = kind === 'article' ? textOf(r.body ?? r.summary ?? r.description ?? '') : textOf(r);
  return { id: r.id, kind, title, text, score };
}

/** 1000 → "1,000", the same on every machine (no locale). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** FNV-1a: a small, stable hash of a text. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown })?.then === 'function';
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'team'
  );
}

export function startRun(compiled: CompiledWorkflow, options: RunOptions = {}): SimulationRun {
  return new SimulationRun(compiled, options);
}

// The batch's fast path. An item of a batch is an ordinary run of the engine, but most of what a run
// does depends only on its input and on the few random choices made on the way (what a reviewer
// decides, the output a calibrated step is drawn, a fault drawn for the item): the mock AI, the
// sample data, the variables and what each call sends are the same every time the same input takes
// the same choices. What is left to chance is time (jitter, response times) and those choices.
//
// So the engine, run once for an input, records a *tape*: per step, the operations that touch the
// clock or the random streams and what the metrics count (step entered and left, calls, the end),
// as flat numbers, cut into segments at each random choice. Segments form a tree per input (a trie
// keyed by the choices). The next item with that input replays the tape: the same draws from the
// same seeded streams, through the same functions the engine calls (jitter, profileDecision,
// waitedMs, drawHandleIndex, drawStepMs), and the same MetricsCollector methods — no variables, no
// strings, no trace. A choice never taken before ends the replay: the item runs on the engine, which
// records the new branch. So a replayed item gives exactly the metrics of its engine run
// (tests/unit/simulation/batch-fast-path.property.test.ts checks it over random workflows).
//
// Workflows whose content depends on the clock (`now`, `today`) or on the run's id cannot be replayed
// (their content differs with every item): their batches run every item on the engine.
import type { CompiledWorkflow } from './compile';
import { drawHandleIndex, drawStepMs, shareTable, type ShareTable, type StepCalibration, type StepMinutes } from './calibrated';
import { JITTER } from './durations';
import type { MetricsCollector } from './metrics';
import { jitter, seededRandom, type Random } from './random';
import type { Decision, ReviewerProfile } from './scenario';
import { profileDecision, profileOf, waitedMs } from './steps/approval';
import { round2 } from './text';
import type { DecidedBy, StopCode } from './trace';

// Operations, each followed by its operands.
const BEGIN = 0; // node: a step begins (steps + 1, its time starts)
const WAIT = 1; // ms: the clock moves on by a fixed time
const JITTERED = 2; // base ms: the clock moves on by a jittered time (one engine draw)
const LEAVE = 3; // node, handle code: the step is left (its calibrated time drawn, then counted)
const END = 4; // node, outcome: an end step ends the item
const STOP_AT = 5; // node, stop code: the step stopped the item
const STOP = 6; // stop code: the item stopped between steps
const CALL = 7; // node (-1 unknown), call flags: a connector call
// Choices: the last operation of a segment; the value chosen picks the next segment.
const REVIEW = 8; // node: a reviewer's decision and wait (profile or default)
const FORCED = 9; // node: a calibrated step's drawn output
const FAULT_AI = 10; // AI step index (prepared.aiNodes): the item's AI fault there
const FAULT_ACTION = 11; // action index (prepared.actionKeys): whether the item's calls of it fail

/** Call flags of a CALL operation. */
export const CALL_DENIED = 1;
export const CALL_FAILED = 2;
export const CALL_CHANGED = 4;

const DECISIONS: readonly Decision[] = ['approved', 'rejected', 'timeout'];
/** Item fault codes of AI steps, as drawn for an item (batch.ts drawItemFaults). */
export const AI_FAULTS = [null, 'error', 'low_confidence'] as const;

/** A segment: the operations from one choice to the next (or to the end of the item). */
interface Segment {
  ops: number[];
  /** Whether the segment is complete (it ends with a choice, or the item ended in it). */
  complete: boolean;
  /** The next segment by the value chosen at this segment's last operation. */
  next: (Segment | undefined)[];
}

function segment(): Segment {
  return { ops: [], complete: false, next: [] };
}

/** Numbers kept in all segments together before the tape stops growing (about 32 MB). */
const MAX_OPS = 4_000_000;

/** What the batch knows about the items' random choices, for the tape. */
export interface TapeSetup {
  compiled: CompiledWorkflow;
  collector: MetricsCollector;
  reviewers: Readonly<Record<string, ReviewerProfile>>;
  calibration: StepCalibration | null;
  aiNodes: readonly string[];
  actionKeys: readonly string[];
  /** Whether any fault rate is above 0 (else faults are never consulted on the tape). */
  faults: boolean;
  variations: number;
}

/** Whether a batch of this workflow can be replayed from tapes: its content must not depend on the clock or the run's id. */
export function replayable(compiled: CompiledWorkflow): boolean {
  return !compiled.usesClock && !JSON.stringify(compiled.workflow).includes('runId');
}

/** The item's state while a segment is replayed, kept between items to allocate nothing per step. */
class ItemBuffer {
  steps: Float64Array = new Float64Array(3 * 64);
  stepCount = 0;
  calls: Int32Array = new Int32Array(2 * 32);
  callCount = 0;
  reviews: number[] = [];
  outcome: string | null = null;
  stopCode: StopCode | null = null;
  elapsedMs = 0;
  executed = 0;

  reset(): void {
    this.stepCount = 0;
    this.callCount = 0;
    this.reviews.length = 0;
    this.outcome = null;
    this.stopCode = null;
  }

  step(node: number, code: number, ms: number): void {
    let at = this.stepCount * 3;
    if (at + 3 > this.steps.length) {
      const grown = new Float64Array(this.steps.length * 2);
      grown.set(this.steps);
      this.steps = grown;
    }
    const s = this.steps;
    s[at++] = node;
    s[at++] = code;
    s[at] = ms;
    this.stepCount++;
  }

  call(node: number, flags: number): void {
    const at = this.callCount * 2;
    if (at + 2 > this.calls.length) {
      const grown = new Int32Array(this.calls.length * 2);
      grown.set(this.calls);
      this.calls = grown;
    }
    this.calls[at] = node;
    this.calls[at + 1] = flags;
    this.callCount++;
  }

  /** Hands the item to the collector, in the order the engine's path does (MetricsCollector.finishItem). */
  commit(collector: MetricsCollector, roles: readonly string[]): void {
    collector.beginItem();
    const s = this.steps;
    for (let i = 0, at = 0; i < this.stepCount; i++, at += 3) collector.step(s[at], s[at + 1], s[at + 2]);
    const c = this.calls;
    for (let i = 0, at = 0; i < this.callCount; i++, at += 2) {
      const flags = c[at + 1];
      collector.countCall(c[at], (flags & CALL_DENIED) === 0, (flags & CALL_FAILED) !== 0, (flags & CALL_CHANGED) !== 0);
    }
    if (!collector.endItem(this.executed, this.outcome, this.stopCode, this.elapsedMs)) return;
    const r = this.reviews;
    let reviewed = false;
    for (let i = 0; i < r.length; i += 3) reviewed = collector.countReview(roles[r[i]], DECISIONS[r[i + 1]], r[i + 2]) || reviewed;
    collector.endReviews(reviewed);
  }
}

export class Tape {
  private readonly roots = new Map<number, Segment>();
  private size = 0;
  /** Set when a run did something the tape cannot replay: every item then runs on the engine. */
  broken = false;
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  // By node index: the reviewer profile and timeout of an approval, its reviewer role (metrics).
  private readonly profiles: (ReviewerProfile | undefined)[];
  private readonly timeouts: (number | null)[];
  private readonly roles: string[];
  private readonly roleOfNode: number[];
  // By node index: the calibrated output table and time of a step, if any.
  private readonly tables: (ShareTable | null)[];
  private readonly minutes: (StepMinutes | null)[];
  private readonly calibrated: boolean;
  private readonly aiIndex: Map<string, number>;
  private readonly actionIndex: Map<string, number>;
  private readonly buffer = new ItemBuffer();

  constructor(private readonly setup: TapeSetup) {
    const nodes = setup.compiled.nodes;
    this.profiles = nodes.map((c) => (c.node.kind === 'approval' ? profileOf(setup.reviewers, c.node.config.reviewer) : undefined));
    this.timeouts = nodes.map((c) => (c.node.kind === 'approval' ? c.node.config.timeoutHours : null));
    this.roles = [];
    this.roleOfNode = nodes.map((c) => {
      if (c.node.kind !== 'approval') return -1;
      const role = setup.collector.roleOf(c.node.config.reviewer);
      let at = this.roles.indexOf(role);
      if (at === -1) at = this.roles.push(role) - 1;
      return at;
    });
    const cal = setup.calibration;
    this.tables = nodes.map((c) => {
      const shares = cal?.handles[c.node.id];
      return shares && Object.prototype.hasOwnProperty.call(cal!.handles, c.node.id) ? shareTable(shares) : null;
    });
    this.minutes = nodes.map((c) => (cal && Object.prototype.hasOwnProperty.call(cal.minutes, c.node.id) ? cal.minutes[c.node.id] : null));
    this.calibrated = cal !== null;
    this.aiIndex = new Map(setup.aiNodes.map((id, i) => [id, i]));
    this.actionIndex = new Map(setup.actionKeys.map((key, i) => [key, i]));
  }

  private stringId(text: string): number {
    let id = this.stringIds.get(text);
    if (id === undefined) {
      id = this.strings.push(text) - 1;
      this.stringIds.set(text, id);
    }
    return id;
  }

  /**
   * A recorder for the engine's run of an item with input `variation`, or null when the tape is full
   * or broken (the item then runs on the engine unrecorded).
   */
  recorder(variation: number): TapeRecorder | null {
    if (this.broken || this.size > MAX_OPS) return null;
    let root = this.roots.get(variation);
    if (!root) this.roots.set(variation, (root = segment()));
    return new TapeRecorder(this, root);
  }

  /** Called by the recorder for each number it writes. */
  grew(numbers: number): void {
    this.size += numbers;
  }

  /** An id for a text kept on the tape (outcomes, stop codes). */
  text(value: string): number {
    return this.stringId(value);
  }

  handleCode(node: number, handle: string): number {
    return this.setup.collector.handleCode(node, handle);
  }

  aiFaultIndex(nodeId: string): number {
    return this.aiIndex.get(nodeId) ?? -1;
  }

  actionFaultIndex(key: string): number {
    return this.actionIndex.get(key) ?? -1;
  }

  get recordsFaults(): boolean {
    return this.setup.faults;
  }

  /**
   * Replays item with input `variation` and engine seed `seed` (engine.ts runSeeds), the item's faults
   * drawn in `aiFaults`/`actionFaults`, and hands its metrics to the collector. False when the item
   * takes a choice the tape has not seen: nothing was counted, and the item must run on the engine.
   */
  replay(variation: number, seed: number, calibrationSeed: number, aiFaults: Uint8Array, actionFaults: Uint8Array): boolean {
    if (this.broken) return false;
    const root = this.roots.get(variation);
    if (!root || !root.complete) return false;
    let seg: Segment = root;
    const random: Random = seededRandom(seed);
    const draws: Random | null = this.calibrated ? seededRandom(calibrationSeed) : null;
    const buf = this.buffer;
    buf.reset();
    let now = 0;
    let stepStart = 0;
    let executed = 0;
    for (;;) {
      const ops = seg.ops;
      const n = ops.length;
      let i = 0;
      let chosen = -1;
      while (i < n) {
        const op = ops[i];
        if (op === BEGIN) {
          executed++;
          stepStart = now;
          i += 2;
        } else if (op === JITTERED) {
          now += jitter(random, ops[i + 1], JITTER);
          i += 2;
        } else if (op === WAIT) {
          now += ops[i + 1];
          i += 2;
        } else if (op === LEAVE) {
          const node = ops[i + 1];
          const m = draws === null ? null : this.minutes[node];
          if (m !== null) {
            const ms = drawStepMs(draws!, m);
            if (now < stepStart + ms) now = stepStart + ms;
          }
          buf.step(node, ops[i + 2], now - stepStart);
          i += 3;
        } else if (op === CALL) {
          buf.call(ops[i + 1], ops[i + 2]);
          i += 3;
        } else if (op === END) {
          const node = ops[i + 1];
          const m = draws === null ? null : this.minutes[node];
          if (m !== null) {
            const ms = drawStepMs(draws!, m);
            if (now < stepStart + ms) now = stepStart + ms;
          }
          buf.step(node, -1, now - stepStart);
          buf.outcome = this.strings[ops[i + 2]];
          return this.finish(buf, now, executed);
        } else if (op === STOP_AT) {
          buf.step(ops[i + 1], -1, now - stepStart);
          buf.stopCode = this.strings[ops[i + 2]] as StopCode;
          return this.finish(buf, now, executed);
        } else if (op === STOP) {
          buf.stopCode = this.strings[ops[i + 1]] as StopCode;
          return this.finish(buf, now, executed);
        } else if (op === REVIEW) {
          const node = ops[i + 1];
          const profile = this.profiles[node];
          const timeoutHours = this.timeouts[node];
          let decision: Decision = 'approved';
          let minutes: number | undefined;
          if (profile) ({ decision, minutes } = profileDecision(random, profile, timeoutHours));
          const ms = waitedMs(random, decision, profile, timeoutHours, minutes);
          chosen = DECISIONS.indexOf(decision);
          if (ms !== null) {
            now += ms;
            this.buffer.reviews.push(this.roleOfNode[node], chosen, round2(ms / 60_000));
          }
          i += 2;
        } else if (op === FORCED) {
          chosen = drawHandleIndex(draws!, this.tables[ops[i + 1]]!);
          i += 2;
        } else if (op === FAULT_AI) {
          chosen = aiFaults[ops[i + 1]];
          i += 2;
        } else {
          // FAULT_ACTION
          chosen = actionFaults[ops[i + 1]];
          i += 2;
        }
      }
      const next: Segment | undefined = seg.next[chosen];
      if (next === undefined || !next.complete) return false;
      seg = next;
    }
  }

  private finish(buf: ItemBuffer, now: number, executed: number): true {
    buf.elapsedMs = now;
    buf.executed = executed;
    buf.commit(this.setup.collector, this.roles);
    return true;
  }
}

/**
 * What the engine writes on the tape while it runs an item (RunState.tape): segments already on the
 * tape are walked without writing, new ones are written as the run goes.
 */
export class TapeRecorder {
  private seg: Segment;
  private writing: boolean;

  constructor(
    private readonly tape: Tape,
    root: Segment,
  ) {
    this.seg = root;
    this.writing = !root.complete;
  }

  private write(a: number, b?: number, c?: number): void {
    if (!this.writing) return;
    const ops = this.seg.ops;
    ops.push(a);
    if (b !== undefined) ops.push(b);
    if (c !== undefined) ops.push(c);
    this.tape.grew(c !== undefined ? 3 : b !== undefined ? 2 : 1);
  }

  private choose(op: number, operand: number, value: number): void {
    if (operand < 0 || value < 0) {
      this.fail();
      return;
    }
    this.write(op, operand);
    this.seg.complete = true;
    let next = this.seg.next[value];
    if (!next) this.seg.next[value] = next = segment();
    this.seg = next;
    this.writing = !next.complete;
  }

  /** The run did something a replay could not reproduce: the batch stops using the tape. */
  fail(): void {
    this.tape.broken = true;
    this.writing = false;
  }

  begin(node: number): void {
    this.write(BEGIN, node);
  }

  wait(ms: number): void {
    this.write(WAIT, ms);
  }

  jittered(base: number): void {
    this.write(JITTERED, base);
  }

  leave(node: number, handle: string): void {
    if (this.writing) this.write(LEAVE, node, this.tape.handleCode(node, handle));
  }

  end(node: number, outcome: string): void {
    if (this.writing) this.write(END, node, this.tape.text(outcome));
    this.seg.complete = true;
  }

  stopAt(node: number, code: StopCode): void {
    if (this.writing) this.write(STOP_AT, node, this.tape.text(code));
    this.seg.complete = true;
  }

  stop(code: StopCode): void {
    if (this.writing) this.write(STOP, this.tape.text(code));
    this.seg.complete = true;
  }

  call(node: number, flags: number): void {
    this.write(CALL, node, flags);
  }

  review(node: number, decision: Decision, by: DecidedBy): void {
    // Decisions given by a person or a scenario are not draws; batches make none, but a tape must not guess.
    if (by !== 'profile' && by !== 'default') this.fail();
    else this.choose(REVIEW, node, DECISIONS.indexOf(decision));
  }

  forced(node: number, handleIndex: number): void {
    this.choose(FORCED, node, handleIndex);
  }

  aiFault(nodeId: string, fault: string | undefined): void {
    if (!this.tape.recordsFaults) return;
    this.choose(FAULT_AI, this.tape.aiFaultIndex(nodeId), AI_FAULTS.indexOf((fault ?? null) as (typeof AI_FAULTS)[number]));
  }

  actionFault(key: string, failing: boolean): void {
    if (!this.tape.recordsFaults) return;
    this.choose(FAULT_ACTION, this.tape.actionFaultIndex(key), failing ? 1 : 0);
  }
}

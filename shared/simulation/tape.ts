// The batch's fast path. An item of a batch is an ordinary run of the engine, but most of what a run
// does depends only on its input and on the few random choices made on the way (what a reviewer
// decides, the output a calibrated step is drawn, a fault drawn for the item): the mock AI, the
// sample data, the variables and what each call sends are the same every time the same input takes
// the same choices. What is left to chance is time (jitter, response times) and those choices.
//
// So the engine, run once for an input, records a *tape*: per step, the operations that touch the
// clock or the random streams, as flat numbers, cut into segments at each random choice. Segments form
// a tree per input (a trie keyed by the choices), and the segment where an item ends stands for its
// whole way through the workflow: the metrics the engine's run counted for it (an ItemPath: steps,
// outputs, calls, the end, the gates' decisions) are kept there. The next item with that input replays
// the tape: the same draws from the same seeded streams, through the same functions the engine calls
// (jitter, profileDecision, waitedMs, drawHandleIndex, drawStepMs), giving its times (per step, its
// cycle time, its waits at gates); its path is counted once per batch with the number of items that
// took it (MetricsCollector.addPath), since it is the same for all of them. No variables, no strings,
// no trace. A choice never taken before ends the replay with nothing counted: the item runs on the
// engine, which records the new branch. So a replayed item gives exactly the metrics of its engine run
// (tests/unit/simulation/batch-fast-path.property.test.ts checks it over random workflows).
//
// Workflows whose content depends on the clock (`now`, `today`) or on the run's id cannot be replayed
// (their content differs with every item): their batches run every item on the engine.
import type { CompiledWorkflow } from './compile';
import { drawHandleIndex, drawStepMs, shareTable, type ShareTable, type StepCalibration, type StepMinutes } from './calibrated';
import { JITTER } from './durations';
import type { ItemPath, MetricsCollector } from './metrics';
import { jitter, seededRandom, type Random } from './random';
import type { RunSnapshot, RunState } from './run-state';
import type { Decision, ReviewerProfile } from './scenario';
import { profileDecision, profileOf, waitedMs } from './steps/approval';
import { round2 } from './text';
import type { DecidedBy } from './trace';

// Operations, each followed by its operands.
const BEGIN = 0; // a step begins: its time starts
const WAIT = 1; // ms: the clock moves on by a fixed time
const JITTERED = 2; // base ms: the clock moves on by a jittered time (one engine draw)
const LEAVE = 3; // node: the step is left (its calibrated time drawn, if it has one)
const END = 4; // node: an end step ends the item
const STOP_AT = 5; // the step stopped the item
const STOP = 6; // the item stopped between steps
// A whole step written as one operation when nothing in it is a choice or calibrated:
const FIXED = 7; // ms: a step that takes a fixed time
const JITTERED_STEP = 12; // base ms, fixed ms: a step that takes one jittered time and a fixed time
// Choices: the last operation of a segment; the value chosen picks the next segment.
const REVIEW = 8; // node: a reviewer's decision and wait (profile or default)
const FORCED = 9; // node: a calibrated step's drawn output
const FAULT_AI = 10; // AI step index (prepared.aiNodes): the item's AI fault there
const FAULT_ACTION = 11; // action index (prepared.actionKeys): whether the item's calls of it fail

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
  /**
   * Where the item ended in this segment: the whole way it took (a segment is reached by one sequence
   * of choices only), as the metrics count it, and how many replayed items took it since the last flush.
   */
  path: ItemPath | null;
  pending: number;
  /** The engine's run as the gate whose decision ends this segment was about to run (uncalibrated tapes). */
  gate: GateSnapshot | null;
}

/** A run kept at a gate: its state, and the node index of each step it took before (one a path entry). */
interface GateSnapshot {
  state: RunSnapshot;
  nodes: Int32Array;
}

function segment(): Segment {
  return { ops: [], complete: false, next: [], path: null, pending: 0, gate: null };
}

/**
 * How to go on with an item whose reviewer decided at a gate what no item with its input decided before:
 * the engine's run resumed from the gate's snapshot (engine.ts startResumed) with the item's own clock,
 * random source positioned before the gate's draws, and gate waits; its steps before the gate and their
 * times, for the metrics; a recorder that writes the new way on from the gate's segment.
 */
export interface Resume {
  state: RunSnapshot;
  nodes: Int32Array;
  stepMs: Float64Array;
  random: Random;
  now: number;
  recorder: TapeRecorder;
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
  return !compiled.usesClock && !compiled.usesRunId;
}

/** Step times and gate waits of the item being replayed, kept between items to allocate nothing per step. */
class ItemTimes {
  /**
   * Each step's time. Never shorter than the most steps a recorded run took (`hold`): a replay follows
   * the segments of recorded runs, so it writes no more steps than one of them took.
   */
  ms = new Float64Array(64);
  /** Role index and minutes, two numbers a gate; `reviewed` numbers used. A typed buffer: an array's `length = 0` would drop its storage each item. */
  reviews = new Float64Array(16);
  reviewed = 0;

  hold(steps: number): void {
    if (steps <= this.ms.length) return;
    let size = this.ms.length * 2;
    while (size < steps) size *= 2;
    const grown = new Float64Array(size);
    grown.set(this.ms);
    this.ms = grown;
  }

  growReviews(): Float64Array {
    const grown = new Float64Array(this.reviews.length * 2);
    grown.set(this.reviews);
    return (this.reviews = grown);
  }
}

export class Tape {
  /** By input (variation index): the first segment. */
  private readonly roots: (Segment | undefined)[];
  private size = 0;
  /** Set when a run did something the tape cannot replay: every item then runs on the engine. */
  broken = false;
  // By node index: the reviewer profile and timeout of an approval, its reviewer role (metrics).
  private readonly profiles: (ReviewerProfile | undefined)[];
  private readonly timeouts: (number | null)[];
  private readonly roles: string[];
  /** By role index: the collector's slot of the role's gate hours (-1 until an item recorded on the tape waited at one of its gates). */
  private readonly slots: Int32Array;
  private readonly roleOfNode: number[];
  // By node index: the calibrated output table and time of a step, if any.
  private readonly tables: (ShareTable | null)[];
  private readonly minutes: (StepMinutes | null)[];
  private readonly calibrated: boolean;
  private readonly aiIndex: Map<string, number>;
  private readonly actionIndex: Map<string, number>;
  private readonly times = new ItemTimes();
  /** The segments recorded items ended in (those with a path), in the order they were kept: flush() counts their pending items. */
  private readonly ends: Segment[] = [];
  /** The segment whose choice the last replay had not seen, if any. */
  private failedAt: Segment | null = null;
  /** Where a replay told to stop at a gate stopped (resumeOf). */
  private paused: { random: Random; now: number; count: number; minutes: number[] } | null = null;
  /** The segment where the last walk ended the item. */
  private endedIn: Segment | null = null;
  /** The decision index of the last gate a replay decided (decide). */
  private decided = 0;

  /** The setup's collector, in a field of the tape's own (see BatchRunner: a literal's field types widen from one batch to the next). */
  private readonly collector: MetricsCollector;

  constructor(private readonly setup: TapeSetup) {
    this.collector = setup.collector;
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
    // Made at their full length, filled in as inputs and roles come: arrays of one shape from batch to
    // batch, so that the replay's compiled code is not thrown away when a new batch starts.
    this.roots = Array.from({ length: setup.variations }, () => undefined);
    this.slots = new Int32Array(this.roles.length).fill(-1);
    this.actionIndex = new Map(setup.actionKeys.map((key, i) => [key, i]));
  }

  /**
   * A recorder for the engine's run of an item with input `variation`, or null when the tape is full
   * or broken (the item then runs on the engine unrecorded).
   */
  recorder(variation: number): TapeRecorder | null {
    if (this.broken || this.size > MAX_OPS) return null;
    let root = this.roots[variation];
    if (!root) this.roots[variation] = root = segment();
    return new TapeRecorder(this, root);
  }

  /** Called by the recorder for each number it writes. */
  grew(numbers: number): void {
    this.size += numbers;
  }

  /** A recorded run took this many steps: a replay along its segments writes as many step times. */
  holdSteps(steps: number): void {
    this.times.hold(steps);
  }

  /** Whether runs are kept at gates to resume items there: not when times or outputs are drawn on the calibrated stream, whose position a replay does not keep. */
  get resumes(): boolean {
    return !this.calibrated && !this.broken;
  }

  /** Whether a step's time is calibrated (drawn when it is left). */
  timed(node: number): boolean {
    return this.minutes[node] !== null;
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
    const now = this.walk(variation, seed, calibrationSeed, aiFaults, actionFaults, null);
    return !Number.isNaN(now) && this.finish(this.endedIn!, now);
  }

  /**
   * The replay's loop: follows the item's segments, writing its step times and gate waits, up to where
   * it ends (its cycle time returned, its segment in `endedIn`) or to a choice the tape has not seen
   * (NaN, `failedAt` set), or to `stopAt`'s gate (NaN, `paused` set). Kept small so that V8 optimises it
   * early in a batch: counting the item (finish), a gate's draws (decide) and calibrated times
   * (calibratedNow) are methods of their own.
   */
  private walk(variation: number, seed: number, calibrationSeed: number, aiFaults: Uint8Array, actionFaults: Uint8Array, stopAt: Segment | null): number {
    this.failedAt = null;
    if (this.broken) return NaN;
    const root = this.roots[variation];
    if (root === undefined || !root.complete) return NaN;
    let seg: Segment = root;
    const random: Random = seededRandom(seed);
    const draws: Random | null = this.calibrated ? seededRandom(calibrationSeed) : null;
    const times = this.times;
    // The step times and gate waits are written into the shared buffers through locals (one switch per
    // operation); the step buffer is long enough for any way on the tape (ItemTimes.hold).
    const stepMs = times.ms;
    let reviews: Float64Array = times.reviews;
    let reviewed = 0;
    let count = 0;
    let now = 0;
    let stepStart = 0;
    for (;;) {
      const ops = seg.ops;
      const n = ops.length;
      let i = 0;
      let chosen = -1;
      while (i < n) {
        switch (ops[i]) {
          case JITTERED_STEP: {
            const ms = jitter(random, ops[i + 1], JITTER) + ops[i + 2];
            now += ms;
            stepMs[count++] = ms;
            i += 3;
            break;
          }
          case FIXED: {
            const ms = ops[i + 1];
            now += ms;
            stepMs[count++] = ms;
            i += 2;
            break;
          }
          case BEGIN:
            stepStart = now;
            i += 1;
            break;
          case JITTERED:
            now += jitter(random, ops[i + 1], JITTER);
            i += 2;
            break;
          case WAIT:
            now += ops[i + 1];
            i += 2;
            break;
          case LEAVE:
            if (draws !== null) now = this.calibratedNow(draws, ops[i + 1], now, stepStart);
            stepMs[count++] = now - stepStart;
            i += 2;
            break;
          case END:
            if (draws !== null) now = this.calibratedNow(draws, ops[i + 1], now, stepStart);
            stepMs[count++] = now - stepStart;
            times.reviewed = reviewed;
            this.endedIn = seg;
            return now;
          case STOP_AT:
            stepMs[count++] = now - stepStart;
            times.reviewed = reviewed;
            this.endedIn = seg;
            return now;
          case STOP:
            times.reviewed = reviewed;
            this.endedIn = seg;
            return now;
          case REVIEW: {
            if (seg === stopAt) {
              this.pause(random, now, count, reviews, reviewed);
              return NaN;
            }
            const node = ops[i + 1];
            const ms = this.decide(random, node);
            chosen = this.decided;
            if (!Number.isNaN(ms)) {
              now += ms;
              if (reviewed === reviews.length) reviews = times.growReviews();
              reviews[reviewed++] = this.roleOfNode[node];
              reviews[reviewed++] = round2(ms / 60_000);
            }
            i += 2;
            break;
          }
          case FORCED:
            chosen = drawHandleIndex(draws!, this.tables[ops[i + 1]]!);
            i += 2;
            break;
          case FAULT_AI:
            chosen = aiFaults[ops[i + 1]];
            i += 2;
            break;
          default:
            // FAULT_ACTION
            chosen = actionFaults[ops[i + 1]];
            i += 2;
        }
      }
      const next: Segment | undefined = seg.next[chosen];
      if (next === undefined || !next.complete) {
        this.failedAt = seg;
        return NaN;
      }
      seg = next;
    }
  }

  /** The clock as a calibrated step is left: its drawn time in all, if the step has one and took less so far. */
  private calibratedNow(draws: Random, node: number, now: number, stepStart: number): number {
    const m = this.minutes[node];
    if (m === null) return now;
    const ms = drawStepMs(draws, m);
    return now < stepStart + ms ? stepStart + ms : now;
  }

  /**
   * A gate's draws, as the engine makes them (profileDecision, waitedMs): the decision's index in
   * `decided` (0 approved, 1 rejected, 2 timeout), the wait in milliseconds returned (NaN: none).
   */
  private decide(random: Random, node: number): number {
    const profile = this.profiles[node];
    const timeoutHours = this.timeouts[node];
    let decision: Decision = 'approved';
    let minutes: number | undefined;
    if (profile) ({ decision, minutes } = profileDecision(random, profile, timeoutHours));
    const ms = waitedMs(random, decision, profile, timeoutHours, minutes);
    this.decided = decision === 'approved' ? 0 : decision === 'rejected' ? 1 : 2;
    return ms === null ? NaN : ms;
  }

  /** Keeps where a replay told to stop at a gate stopped (resumeOf). */
  private pause(random: Random, now: number, count: number, reviews: Float64Array, reviewed: number): void {
    const minutes: number[] = [];
    for (let k = 1; k < reviewed; k += 2) minutes.push(reviews[k]);
    this.paused = { random, now, count, minutes };
  }

  /**
   * After a replay of the item failed at a gate's decision no item with its input took before, how to
   * resume the engine's run at that gate (Resume), or null when the item must run from the start: the
   * choice was not a gate's, or no snapshot was kept there. Same arguments as the replay.
   */
  resumeOf(variation: number, seed: number, calibrationSeed: number, aiFaults: Uint8Array, actionFaults: Uint8Array): Resume | null {
    const at = this.failedAt;
    this.failedAt = null;
    const gate = at?.gate;
    if (!at || !gate || at.ops[at.ops.length - 2] !== REVIEW) return null;
    // Replayed again up to the gate, to have the item's random source as it was before the gate's draws.
    this.walk(variation, seed, calibrationSeed, aiFaults, actionFaults, at);
    const paused = this.paused;
    this.paused = null;
    const state = gate.state;
    if (paused === null || paused.count !== gate.nodes.length || state.path.length !== gate.nodes.length || paused.minutes.length !== state.approvals.length) return null;
    // The item's own times at the gates before this one.
    const approvals = state.approvals.map((a, i) => ({ ...a, responseMinutes: paused.minutes[i] }));
    return {
      state: { ...state, approvals },
      nodes: gate.nodes,
      stepMs: this.times.ms.slice(0, paused.count),
      random: paused.random,
      now: paused.now,
      recorder: new TapeRecorder(this, at, gate.nodes),
    };
  }

  /**
   * The item ended in `seg`: its times are counted now, its path (the same for every item that ends
   * there) at the next flush. Without branches that only the first items take: V8 optimises this early
   * in a batch, and a branch it had not seen taken then throws the optimised code away when the next
   * batch takes it (the role's slot is known from the recorded item, keepPath; the segment is counted
   * at flush whatever its count).
   */
  private finish(seg: Segment, now: number): boolean {
    const path = seg.path;
    if (path === null) return false;
    const collector = this.collector;
    const times = this.times;
    collector.addStepTimes(path, times.ms);
    collector.addItemTimes(path, now);
    const r = times.reviews;
    const slots = this.slots;
    for (let i = 0; i < times.reviewed; i += 2) {
      const role = r[i] | 0;
      // As addReviewTime adds it, without looking the role up by name for every item.
      let slot = slots[role];
      if (slot === -1) slot = this.slotOf(role);
      collector.addGateTime(slot, r[i + 1]);
    }
    seg.pending++;
    return true;
  }

  /** The collector's slot of a role's gate hours, made if it has none yet (kept in `slots`). */
  private slotOf(role: number): number {
    return (this.slots[role] = this.collector.roleSlot(this.roles[role]));
  }

  /** Counts the paths of the items replayed since the last flush (before the metrics are read). */
  flush(): void {
    // Counts are whole numbers: the order the segments are counted in changes nothing.
    for (const seg of this.ends) {
      if (seg.pending === 0) continue;
      this.collector.addPath(seg.path!, seg.pending);
      seg.pending = 0;
    }
  }

  /**
   * Keeps on the segment where the recorded item ended the path the collector counted for it, and the
   * collector's slots of the roles it waited for (the collector made them as it counted the item).
   */
  keepPath(recorder: TapeRecorder, path: ItemPath | null): void {
    const seg = recorder.last;
    if (seg === null || seg.path !== null || path === null) return;
    seg.path = path;
    this.ends.push(seg);
    for (const review of path.reviews) {
      const role = this.roles.indexOf(review.role);
      if (role !== -1 && this.slots[role] === -1) this.slotOf(role);
    }
  }
}

/**
 * What the engine writes on the tape while it runs an item (RunState.tape): segments already on the
 * tape are walked without writing, new ones are written as the run goes.
 */
export class TapeRecorder {
  private seg: Segment;
  private writing: boolean;
  /** The segment the item ended in, once it ended. */
  last: Segment | null = null;
  // The step being written: where its BEGIN is in this segment (-1: not in it), its jitters and fixed time.
  private beginAt = -1;
  private jitters = 0;
  private base = 0;
  private fixed = 0;
  /** The node index of each step the run has taken (one step time each on a replay: the tape's buffer is made to hold them). */
  private readonly stepNodes: number[];

  constructor(
    private readonly tape: Tape,
    root: Segment,
    /** The steps taken before `root`, for a run resumed there. */
    before: ArrayLike<number> = [],
  ) {
    this.seg = root;
    this.writing = !root.complete;
    this.stepNodes = Array.from(before);
  }

  /** The run is about to run a gate: kept there, for items that decide otherwise (the first run to reach the segment's gate only). */
  atGate(run: RunState): void {
    if (this.seg.gate === null && this.tape.resumes) this.seg.gate = { state: run.snapshot(), nodes: Int32Array.from(this.stepNodes) };
  }

  private write(a: number, b?: number, c?: number): void {
    if (!this.writing) return;
    const ops = this.seg.ops;
    ops.push(a);
    if (b !== undefined) ops.push(b);
    if (c !== undefined) ops.push(c);
    this.tape.grew(c !== undefined ? 3 : b !== undefined ? 2 : 1);
  }

  /** Writes a step begun in this segment whose time is fixed or one jitter as one operation; false when it is not such a step. */
  private fuse(node: number): boolean {
    const at = this.beginAt;
    this.beginAt = -1;
    if (!this.writing || at === -1 || this.jitters > 1 || this.tape.timed(node)) return false;
    this.seg.ops.length = at;
    if (this.jitters === 1) this.write(JITTERED_STEP, this.base, this.fixed);
    else this.write(FIXED, this.fixed);
    return true;
  }

  private choose(op: number, operand: number, value: number): void {
    if (operand < 0 || value < 0) {
      this.fail();
      return;
    }
    this.write(op, operand);
    this.beginAt = -1;
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

  begin(): void {
    if (!this.writing) return;
    this.beginAt = this.seg.ops.length;
    this.jitters = 0;
    this.fixed = 0;
    this.write(BEGIN);
  }

  wait(ms: number): void {
    this.fixed += ms;
    this.write(WAIT, ms);
  }

  jittered(base: number): void {
    this.jitters++;
    this.base = base;
    this.write(JITTERED, base);
  }

  leave(node: number): void {
    this.stepNodes.push(node);
    if (!this.fuse(node)) this.write(LEAVE, node);
  }

  end(node: number): void {
    this.stepNodes.push(node);
    this.beginAt = -1;
    this.write(END, node);
    this.ended();
  }

  stopAt(node: number): void {
    this.stepNodes.push(node);
    this.beginAt = -1;
    this.write(STOP_AT);
    this.ended();
  }

  stop(): void {
    this.beginAt = -1;
    this.write(STOP);
    this.ended();
  }

  private ended(): void {
    this.seg.complete = true;
    this.writing = false;
    this.last = this.seg;
    this.tape.holdSteps(this.stepNodes.length);
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

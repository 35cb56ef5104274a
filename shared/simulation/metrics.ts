// Batch metrics, gathered item by item as the runs finish: per-step counts come from the engine's
// onStep hook (no event list needed), the rest from each run's trace, which is then dropped. Only one
// number per item is kept (its cycle time, for the percentiles); everything else is a running total.
import type { CompiledWorkflow } from './compile';
import { outputsOf } from '../kinds/registry';
import type { BatchMetrics, CycleBucket, CycleTime, ReviewerLoad } from './metrics-schema';
import { round2 } from './text';
import type { Decision } from './scenario';
import type { StopCode, Trace } from './trace';

export type { BatchMetrics, CycleBucket, CycleTime, ReviewerLoad } from './metrics-schema';

/**
 * Lower bounds (virtual minutes) of the cycle-time histogram's buckets: fixed and roughly logarithmic,
 * since items take from seconds (no person involved) to days (a gate waiting on a busy reviewer).
 */
export const CYCLE_BUCKETS_MINUTES = [0, 1, 5, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080] as const;

const LAST_BUCKET = CYCLE_BUCKETS_MINUTES.length - 1;
const LAST_START = CYCLE_BUCKETS_MINUTES[LAST_BUCKET];

/** By whole minute below the last bucket's start: the bucket that minute (and every time within it) falls in. */
const BUCKET_OF_MINUTE = (() => {
  const table = new Uint8Array(LAST_START);
  let bucket = 0;
  for (let m = 0; m < LAST_START; m++) {
    while (CYCLE_BUCKETS_MINUTES[bucket + 1] <= m) bucket++;
    table[m] = bucket;
  }
  return table;
})();

/**
 * The histogram bucket of a cycle time in milliseconds: the last whose start is not above it in minutes
 * (the first for anything below it). The starts are whole minutes, so the whole minute below the time
 * decides, read from a table.
 */
export function cycleBucketOf(ms: number): number {
  const minutes = ms / 60_000;
  if (!(minutes < LAST_START)) return LAST_BUCKET;
  return minutes >= 0 ? BUCKET_OF_MINUTE[Math.floor(minutes)] : 0;
}

/** Items per bucket of CYCLE_BUCKETS_MINUTES, from cycle times in milliseconds (any order). */
export function cycleHistogram(cycleMs: ArrayLike<number>): CycleBucket[] {
  const items = new Float64Array(CYCLE_BUCKETS_MINUTES.length);
  for (let i = 0; i < cycleMs.length; i++) items[cycleBucketOf(cycleMs[i])]++;
  return histogramOf(items);
}

function histogramOf(items: ArrayLike<number>): CycleBucket[] {
  return CYCLE_BUCKETS_MINUTES.map((fromMinutes, i) => ({ fromMinutes, items: items[i] }));
}

// Cycle times in whole milliseconds from 0 to 2³²−1 are counted per *rank bucket* as they come: the
// value itself below 128, above that 64 buckets per doubling (the top seven bits). A percentile is
// then found by counting buckets up to its rank and selecting among the times in that bucket only.
const RANK_BITS = 6;

/** The rank bucket of a whole number from 0 to 2³²−1 (`u >>> 0`): larger numbers never fall in an earlier bucket. */
export function rankBucketOf(u: number): number {
  if (u < 2 << RANK_BITS) return u;
  const top = 31 - Math.clz32(u);
  return ((top - RANK_BITS) << RANK_BITS) + (u >>> (top - RANK_BITS));
}

/**
 * The smallest (`end` 0) or largest (`end` 1) whole number in rank bucket `b`. A number, not a pair: a
 * pair of small integers and one of large ones are lists of two kinds to V8, and the code reading them
 * was thrown away at every batch's result.
 */
function rankBucketEnd(b: number, end: 0 | 1): number {
  if (b < 2 << RANK_BITS) return b;
  const scale = 2 ** ((b >> RANK_BITS) - 1);
  const top = (b & ((1 << RANK_BITS) - 1)) + (1 << RANK_BITS);
  return (top + end) * scale - end;
}

/** Rank buckets: 128 single values, then 64 for each doubling from 2⁷ to 2³¹. */
export const RANK_BUCKETS = rankBucketOf(2 ** 32 - 1) + 1;

/** How a reviewer role with no name is listed. */
export const NO_REVIEWER = '(no reviewer named)';

/** Nearest-rank percentile of sorted values (p in 0..1); 0 for no values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1];
}

/** Edge index by node index and output handle: the edge the engine follows (the first of each handle, as compileWorkflow picks). */
function edgeIndexes(compiled: CompiledWorkflow): Record<string, number>[] {
  const byNode = compiled.nodes.map(() => Object.create(null) as Record<string, number>);
  const handles = compiled.nodes.map((c) => new Set(outputsOf(c.node).map((h) => h.id)));
  compiled.workflow.edges.forEach((e, i) => {
    const source = compiled.byId.get(e.source);
    if (source === undefined || !compiled.byId.has(e.target)) return;
    const map = byNode[source];
    if (handles[source].has(e.sourceHandle) && !(e.sourceHandle in map)) map[e.sourceHandle] = i;
  });
  return byNode;
}

/**
 * What one way through the workflow adds to the metrics, the same for every item that takes it: the
 * steps (node index, output code — MetricsCollector.handleCode, -1 at an end or stop), the calls
 * (node index or -1, CALL_* flags of tape.ts), how it ended, and the decisions at its gates. The times
 * are not part of it: they differ from item to item.
 */
export interface ItemPath {
  /** Node index and output code, two numbers a step. */
  steps: Int32Array;
  /** Node index and call flags, two numbers a call. */
  calls: Int32Array;
  outcome: string | null;
  stopCode: StopCode | null;
  /** Node executions (the trace's `steps`). */
  executed: number;
  /** The reviewer role and the decision of each gate decided, in order. */
  reviews: { role: string; decision: Decision }[];
}

/** Call flags of an ItemPath (and of a tape's CALL operation). */
export const CALL_DENIED = 1;
export const CALL_FAILED = 2;
export const CALL_CHANGED = 4;

/** Where MetricsCollector keeps the running sum and maximum of the cycle times. */
const CYCLE_SUM = 0;
const CYCLE_MAX = 1;

export class MetricsCollector {
  private readonly kinds: string[];
  private readonly edgeOf: Record<string, number>[];
  private readonly visits: Float64Array;
  /** Virtual milliseconds by node; the batch's fast path adds to it directly (addStepTimes). */
  private readonly timeMs: Float64Array;
  private readonly errorsAt: Float64Array;
  private readonly deniedAt: Float64Array;
  private readonly changedAt: Float64Array;
  private readonly edges: Float64Array;
  private cycleMs: Float64Array;
  // Running figures of the cycle times, counted as they come (addItemTimes): their sum in item order,
  // maximum, histogram, rank buckets, and how many are not whole milliseconds from 0 to 2³²−1 (then
  // the percentiles are found over all of them, as before the rank buckets). The sum and the maximum
  // are kept in a typed array, as gateHours below: the sum outgrows a whole number of 31 bits within a
  // batch, and a field changing from whole number to decimal changes every collector's shape, which
  // makes V8 throw away the batch's optimised replay code when the next batch starts.
  private readonly cycle = new Float64Array(2);
  private readonly histogram = new Float64Array(CYCLE_BUCKETS_MINUTES.length);
  private readonly rankCounts = new Int32Array(RANK_BUCKETS);
  private unranked = 0;
  private fractional = 0;
  /** The SLA in milliseconds, or Infinity for none. */
  private readonly slaMs: number;
  private runs = 0;
  /** Items that entered the workflow: their cycle times are the first `entered` of cycleMs. */
  private entered = 0;
  private notEntered = 0;
  private changed = 0;
  private steps = 0;
  private readonly outcomes = new Map<string, number>();
  private readonly stopped = new Map<string, number>();
  private readonly reviewers = new Map<string, ReviewerLoad>();
  /**
   * Hours items waited at each role's gates, by the role's slot (roleSlot), added in item order; read
   * into the workload by metrics(). Kept apart from the ReviewerLoad objects so that adding to them is
   * a store into a typed array, not into an object field that starts as a whole number.
   */
  private gateHours = new Float64Array(4);
  private readonly slots = new Map<string, number>();
  private withoutHuman = 0;
  private reviewed = 0;
  private escalated = 0;
  private denied = 0;
  private failed = 0;
  private errors = 0;
  private breaches = 0;
  // The item being run on the engine: its steps (node, output code) and their milliseconds.
  private itemSteps: number[] = [];
  /** A typed buffer, `itemCount` used: addStepTimes then only ever reads typed arrays (the tape's too). */
  private itemMs = new Float64Array(64);
  private itemCount = 0;
  /** The path of the last item finishItem counted (the batch's fast path keeps it on its tape). */
  lastPath: ItemPath | null = null;

  /**
   * @param expected how many items to make room for (the batch's runs); more are accepted.
   * @param slaMinutes cycle time above which an item is an SLA breach; null for none.
   */
  constructor(
    private readonly compiled: CompiledWorkflow,
    expected: number,
    private readonly slaMinutes: number | null = null,
  ) {
    const n = compiled.nodes.length;
    this.kinds = compiled.nodes.map((c) => c.node.kind);
    this.edgeOf = edgeIndexes(compiled);
    this.visits = new Float64Array(n);
    this.timeMs = new Float64Array(n);
    this.errorsAt = new Float64Array(n);
    this.deniedAt = new Float64Array(n);
    this.changedAt = new Float64Array(n);
    this.edges = new Float64Array(compiled.workflow.edges.length);
    this.cycleMs = new Float64Array(Math.max(1, expected));
    this.slaMs = slaMinutes === null ? Infinity : slaMinutes * 60_000;
  }

  /** Pass as RunOptions.onStep of each item's run. */
  readonly onStep = (index: number, handle: string | null, ms: number): void => this.step(index, handle, ms);

  /** One step of the item being run (what onStep reports); a method, so that callers in a loop call one target whatever the collector. */
  step(index: number, handle: string | null, ms: number): void {
    this.itemSteps.push(index, handle === null ? -1 : this.handleCode(index, handle));
    if (this.itemCount === this.itemMs.length) {
      const grown = new Float64Array(this.itemMs.length * 2);
      grown.set(this.itemMs);
      this.itemMs = grown;
    }
    this.itemMs[this.itemCount++] = ms;
  }

  /**
   * A step's output as a number: the edge it follows (+1, 0 for none) times 2, plus 1 when it is the
   * `error` output.
   */
  handleCode(index: number, handle: string): number {
    const edge = this.edgeOf[index][handle];
    return ((edge === undefined ? 0 : edge + 1) << 1) | (handle === 'error' ? 1 : 0);
  }

  /** Call before each item's run. */
  beginItem(): void {
    this.itemSteps = [];
    this.itemCount = 0;
  }

  /** Call with each item's trace once its run is done. */
  finishItem(trace: Trace): void {
    const calls: number[] = [];
    for (const call of trace.calls) {
      calls.push(this.compiled.byId.get(call.nodeId) ?? -1, (call.allowed ? 0 : CALL_DENIED) | (call.result === 'failed' ? CALL_FAILED : 0) | (call.approvedContentChanged ? CALL_CHANGED : 0));
    }
    const path: ItemPath = {
      steps: new Int32Array(this.itemSteps),
      calls: new Int32Array(calls),
      outcome: trace.outcome,
      stopCode: trace.stopCode,
      executed: trace.steps,
      reviews: trace.approvals.map((a) => ({ role: this.roleOf(a.reviewer), decision: a.decision })),
    };
    this.lastPath = path;
    this.addPath(path, 1);
    this.addStepTimes(path, this.itemMs);
    this.addItemTimes(path, trace.elapsedMs);
    if (path.stopCode !== 'not-entered') for (let i = 0; i < trace.approvals.length; i++) this.addReviewTime(path.reviews[i].role, trace.approvals[i].responseMinutes);
  }

  /** How a gate's reviewer is listed in the workload. */
  roleOf(reviewer: string): string {
    return reviewer.trim() || NO_REVIEWER;
  }

  /** Everything `times` items that took `path` add to the metrics but their times (addStepTimes, addItemTimes, addReviewTime). */
  addPath(path: ItemPath, times: number): void {
    this.runs += times;
    this.steps += path.executed * times;
    const c = path.calls;
    for (let i = 0; i < c.length; i += 2) {
      const index = c[i];
      const flags = c[i + 1];
      if (flags & CALL_DENIED) {
        this.denied += times;
        if (index >= 0) this.deniedAt[index] += times;
      } else if (flags & CALL_FAILED) this.failed += times;
      if (flags & CALL_CHANGED) {
        this.changed += times;
        if (index >= 0) this.changedAt[index] += times;
      }
    }
    const s = path.steps;
    let human = false;
    let escalated = false;
    let lastIndex = -1;
    for (let i = 0; i < s.length; i += 2) {
      const index = s[i];
      const code = s[i + 1];
      this.visits[index] += times;
      lastIndex = index;
      const kind = this.kinds[index];
      if (kind === 'approval') human = true;
      else if (kind === 'escalation') human = escalated = true;
      if (code < 0) continue;
      if (code & 1) {
        this.errorsAt[index] += times;
        this.errors += times;
      }
      const edge = (code >> 1) - 1;
      if (edge >= 0) this.edges[edge] += times;
    }
    // An item its intake could not read never entered: counted apart, in nothing else.
    if (path.stopCode === 'not-entered') {
      this.notEntered += times;
      return;
    }
    if (path.outcome !== null) {
      this.outcomes.set(path.outcome, (this.outcomes.get(path.outcome) ?? 0) + times);
      if (!human) this.withoutHuman += times;
    } else {
      const code = path.stopCode ?? 'unknown';
      this.stopped.set(code, (this.stopped.get(code) ?? 0) + times);
      // A step that could not go on (an escalation whose call failed) is an error there.
      if (path.stopCode === 'no-error-path' && lastIndex >= 0) {
        this.errorsAt[lastIndex] += times;
        this.errors += times;
      }
    }
    if (escalated) this.escalated += times;
    let reviewed = false;
    for (const { role, decision } of path.reviews) {
      const load = this.loadOf(role);
      load.items += times;
      if (decision === 'approved') load.approved += times;
      else if (decision === 'rejected') load.rejected += times;
      else load.timedOut += times;
      if (decision !== 'timeout') reviewed = true;
    }
    if (reviewed) this.reviewed += times;
  }

  /** The milliseconds of each step of one item that took `path`, in order (`ms` may be longer: a reused buffer). */
  addStepTimes(path: ItemPath, ms: Float64Array): void {
    const s = path.steps;
    const timeMs = this.timeMs;
    for (let i = 0, at = 0; at < s.length; i++, at += 2) timeMs[s[at]] += ms[i];
  }

  /** The cycle time of one item that took `path` (nothing for an item that never entered). */
  addItemTimes(path: ItemPath, elapsedMs: number): void {
    if (path.stopCode === 'not-entered') return;
    if (this.entered === this.cycleMs.length) {
      const grown = new Float64Array(this.cycleMs.length * 2);
      grown.set(this.cycleMs);
      this.cycleMs = grown;
    }
    this.cycleMs[this.entered++] = elapsedMs;
    if (elapsedMs > this.slaMs) this.breaches++;
    const cycle = this.cycle;
    cycle[CYCLE_SUM] += elapsedMs;
    if (elapsedMs > cycle[CYCLE_MAX]) cycle[CYCLE_MAX] = elapsedMs;
    this.histogram[cycleBucketOf(elapsedMs)]++;
    const u = elapsedMs >>> 0;
    if (u === elapsedMs) this.rankCounts[rankBucketOf(u)]++;
    else {
      this.unranked++;
      if (!Number.isInteger(elapsedMs)) this.fractional++;
    }
  }

  /** How long one item waited at a gate of `role` (minutes, as the trace rounds them). */
  addReviewTime(role: string, responseMinutes: number): void {
    this.addGateTime(this.roleSlot(role), responseMinutes);
  }

  /** As addReviewTime, for the role of slot `slot` (the tape keeps the slot per role for its replays). */
  addGateTime(slot: number, responseMinutes: number): void {
    this.gateHours[slot] += responseMinutes / 60;
  }

  /** Where a role's gate hours are kept, made at first use (with its workload). */
  roleSlot(role: string): number {
    let slot = this.slots.get(role);
    if (slot === undefined) {
      this.loadOf(role);
      slot = this.slots.size;
      this.slots.set(role, slot);
      if (slot === this.gateHours.length) {
        const grown = new Float64Array(slot * 2);
        grown.set(this.gateHours);
        this.gateHours = grown;
      }
    }
    return slot;
  }

  /** The workload of a role's reviewers, created at first use. */
  loadOf(role: string): ReviewerLoad {
    let load = this.reviewers.get(role);
    if (!load) this.reviewers.set(role, (load = { items: 0, approved: 0, rejected: 0, timedOut: 0, hours: 0 }));
    return load;
  }

  /**
   * The times as added up, before the metrics round them: per step (ms), every item's cycle time (ms,
   * in ascending order) and each role's gate hours. Tests compare batches by these, exactly.
   */
  exactTimes(): { stepMs: number[]; cycleMs: number[]; hours: Record<string, number> } {
    return {
      stepMs: Array.from(this.timeMs),
      cycleMs: Array.from(this.cycleMs.slice(0, this.entered).sort()),
      hours: Object.fromEntries([...this.reviewers.keys()].map((role) => [role, this.hoursOf(role)])),
    };
  }

  private hoursOf(role: string): number {
    const slot = this.slots.get(role);
    return slot === undefined ? 0 : this.gateHours[slot];
  }

  /** Items finished so far. */
  get count(): number {
    return this.runs;
  }

  /** The metrics of the items finished so far. Maps are in a fixed order, so their JSON is stable. */
  metrics(): BatchMetrics {
    const nodes = this.compiled.workflow.nodes;
    // Duplicate node ids (an invalid document) count under the first, as the engine runs the first:
    // which steps are the first of their id is worked out once, not asked of each record as it grows.
    const first = new Uint8Array(nodes.length);
    const seen = new Set<string>();
    for (let i = 0; i < nodes.length; i++) {
      if (seen.has(nodes[i].id)) continue;
      seen.add(nodes[i].id);
      first[i] = 1;
    }
    const byNode = (values: ArrayLike<number>, f: (v: number, i: number) => number = (v) => v): Record<string, number> => {
      const out: Record<string, number> = {};
      for (let i = 0; i < nodes.length; i++) if (first[i]) out[nodes[i].id] = f(values[i], i);
      return out;
    };
    // The steps with a count above 0, in the same order: no record of every step to filter.
    const nonZero = (values: ArrayLike<number>): Record<string, number> => {
      const out: Record<string, number> = {};
      for (let i = 0; i < nodes.length; i++) if (first[i] && values[i] > 0) out[nodes[i].id] = values[i];
      return out;
    };
    const edgeTraversals: Record<string, number> = {};
    this.compiled.workflow.edges.forEach((e, i) => {
      if (!(e.id in edgeTraversals)) edgeTraversals[e.id] = this.edges[i];
    });
    const reviewerWorkload: Record<string, ReviewerLoad> = {};
    for (const [role, load] of [...this.reviewers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      reviewerWorkload[role] = { ...load, hours: round2(this.hoursOf(role)) };
    }
    return {
      runs: this.runs,
      outcomes: sortedCounts(this.outcomes),
      stopped: sortedCounts(this.stopped),
      completedWithoutHuman: this.withoutHuman,
      reviewed: this.reviewed,
      escalated: this.escalated,
      deniedCalls: this.denied,
      failedCalls: this.failed,
      errors: this.errors,
      deniedCallsByNode: nonZero(this.deniedAt),
      errorsByNode: nonZero(this.errorsAt),
      changedAfterApproval: this.changed,
      changedAfterApprovalByNode: nonZero(this.changedAt),
      notEntered: this.notEntered,
      cycleTimeMinutes: this.cycleTime(),
      cycleTimeHistogram: histogramOf(this.histogram),
      slaMinutes: this.slaMinutes,
      slaBreaches: this.slaMinutes === null ? null : this.breaches,
      reviewerWorkload,
      steps: this.steps,
      nodeVisits: byNode(this.visits),
      nodeMeanSeconds: byNode(this.timeMs, (ms, i) => (this.visits[i] ? round2(ms / this.visits[i] / 1000) : 0)),
      edgeTraversals,
    };
  }

  private cycleTime(): CycleTime {
    const n = this.entered;
    const minutes = (ms: number) => round2(ms / 60_000);
    if (!n) return { mean: 0, p50: 0, p90: 0, p95: 0, max: 0 };
    // Whole milliseconds (always, with the mock AI) add up exactly in any order: the sum kept in item
    // order is the sum, and the percentiles are found in their rank buckets, or by selection when some
    // are too large for them. Anything else is summed sorted, as it always was.
    let sum = this.cycle[CYCLE_SUM];
    const rank = (p: number) => Math.min(n, Math.max(1, Math.ceil(p * n))) - 1;
    const ranks = [rank(0.5), rank(0.9), rank(0.95)];
    let found: number[];
    if (this.fractional === 0 && sum <= Number.MAX_SAFE_INTEGER) {
      found = this.unranked === 0 ? this.ranked(ranks) : this.selected(ranks);
    } else {
      const values = this.cycleMs.slice(0, n).sort();
      sum = 0;
      for (let i = 0; i < n; i++) sum += values[i];
      found = ranks.map((k) => values[k]);
    }
    return { mean: minutes(sum / n), p50: minutes(found[0]), p90: minutes(found[1]), p95: minutes(found[2]), max: minutes(this.cycle[CYCLE_MAX]) };
  }

  /** The cycle times of the given ranks (ascending, from 0), all of them in rank buckets: only the times in those buckets are looked at again. */
  private ranked(ranks: readonly number[]): number[] {
    const counts = this.rankCounts;
    // For each rank: its bucket and its rank among the bucket's times.
    const buckets = ranks.map(() => -1);
    const within = ranks.map(() => 0);
    let before = 0;
    let r = 0;
    for (let b = 0; b < counts.length && r < ranks.length; b++) {
      const after = before + counts[b];
      for (; r < ranks.length && ranks[r] < after; r++) {
        buckets[r] = b;
        within[r] = ranks[r] - before;
      }
      before = after;
    }
    // The times of those buckets (at most three), in one pass over all times.
    const lo0 = rankBucketEnd(buckets[0], 0);
    const hi0 = rankBucketEnd(buckets[0], 1);
    const lo1 = rankBucketEnd(buckets[1], 0);
    const hi1 = rankBucketEnd(buckets[1], 1);
    const lo2 = rankBucketEnd(buckets[2], 0);
    const hi2 = rankBucketEnd(buckets[2], 1);
    const times = [new Float64Array(counts[buckets[0]]), new Float64Array(counts[buckets[1]]), new Float64Array(counts[buckets[2]])];
    gatherBucketTimes(this.cycleMs, this.entered, lo0, hi0, lo1, hi1, lo2, hi2, times[0], times[1], times[2]);
    // Selected, not sorted: a bucket often holds many equal times (a gate's timeout), which the typed
    // array's sort handles slowly. A bucket shared with the rank before was filled there, and what is
    // before that rank's place is already no larger.
    const found: number[] = [];
    for (let i = 0; i < buckets.length; i++) {
      const first = buckets.indexOf(buckets[i]);
      found.push(selectNth(times[first], within[i], first === i ? 0 : within[i - 1]));
    }
    return found;
  }

  /** The cycle times of the given ranks (ascending, from 0) by selection over a copy of all times. */
  private selected(ranks: readonly number[]): number[] {
    const values = this.cycleMs.slice(0, this.entered);
    let from = 0;
    return ranks.map((k) => {
      const v = selectNth(values, k, from);
      from = k;
      return v;
    });
  }
}

/**
 * Puts each of the first `n` times that falls in one of three buckets (lowest first: a time in the
 * first bucket is not looked for in the others) into that bucket's array. A function of its own over
 * typed arrays: V8 compiles this loop while it runs (on-stack replacement), and the code it kept for it
 * inside ranked() was thrown away at every batch's result, which then ran the loop unoptimised.
 */
function gatherBucketTimes(values: Float64Array, n: number, lo0: number, hi0: number, lo1: number, hi1: number, lo2: number, hi2: number, t0: Float64Array, t1: Float64Array, t2: Float64Array): void {
  let f0 = 0;
  let f1 = 0;
  let f2 = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v >= lo0 && v <= hi0) t0[f0++] = v;
    else if (v >= lo1 && v <= hi1) t1[f1++] = v;
    else if (v >= lo2 && v <= hi2) t2[f2++] = v;
  }
}

/**
 * The value of rank k (from 0) of `values` as if sorted, moving elements as a quickselect does; every
 * element at or after `from` is known to be no smaller than those before it (an earlier selection).
 */
export function selectNth(values: Float64Array, k: number, from: number): number {
  let lo = from;
  let hi = values.length - 1;
  while (hi > lo) {
    // Median of three as the pivot, then Hoare's partition: runs of equal times split evenly.
    const mid = (lo + hi) >> 1;
    const a = values[lo];
    const b = values[mid];
    const c = values[hi];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k];
  }
  return values[k];
}

/** Most frequent first; ties by name, so the order never depends on which item came first. */
function sortedCounts(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of [...map].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0))) out[k] = v;
  return out;
}

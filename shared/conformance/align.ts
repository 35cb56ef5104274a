// An optimal alignment of one case with the workflow: the cheapest way to explain the case's events
// as a run of the token, where a synchronous move (the case did the step the token does) costs 0, a
// log-only move (an event the design cannot place there) 1, and a model-only move (a step the design
// needs and the case did not record) 1 if the log records that step at all, else 0.
//
// A* over (events consumed, model state). The heuristic is a lower bound, so the first finish taken
// from the queue is optimal: events the token can no longer reach must be log moves (b), and the
// model must still do at least `cheapest` recorded steps of which each remaining event can pay for one
// (`cheapest − remaining + 2b`). docs/CONFORMANCE.md derives it.
import { START, type ReplayModel } from './model';

/** A step of the alignment; `state` is the model state after it. */
export type Move =
  | { kind: 'sync'; event: number; node: number; state: number }
  | { kind: 'log'; event: number }
  | { kind: 'model'; node: number; state: number };

export interface AlignedTrace {
  /** The node each event maps to, -1 when its activity maps to none. */
  nodes: Int32Array;
  /** Per event, the handle index its outcome names on its node, -1 when it names none. */
  handles: Int32Array;
}

export type AlignResult =
  | { ok: true; cost: number; moves: Move[] }
  | { ok: false; reason: 'too-long' | 'too-complex' | 'no-finish' };

export interface AlignLimits {
  /** Longest case aligned (events). */
  maxEvents: number;
  /** Most search states expanded for one case. */
  maxExpanded: number;
}

export const DEFAULT_ALIGN_LIMITS: AlignLimits = { maxEvents: 2_000, maxExpanded: 500_000 };

const SYNC = 0;
const LOG = 1;
const MODEL = 2;

/** A binary min-heap of search entries: lower f first, then more events consumed, then first pushed. */
class Queue {
  private f: number[] = [];
  private i: number[] = [];
  private seq: number[] = [];
  private key: number[] = [];
  private g: number[] = [];
  private counter = 0;

  get size(): number {
    return this.key.length;
  }

  push(f: number, i: number, key: number, g: number): void {
    this.f.push(f);
    this.i.push(i);
    this.seq.push(this.counter++);
    this.key.push(key);
    this.g.push(g);
    this.up(this.key.length - 1);
  }

  /** Removes the best entry; read it with the getters before the next push. */
  pop(): { key: number; g: number; i: number } {
    const top = { key: this.key[0], g: this.g[0], i: this.i[0] };
    const last = this.key.length - 1;
    this.swap(0, last);
    this.f.pop();
    this.i.pop();
    this.seq.pop();
    this.key.pop();
    this.g.pop();
    this.down(0);
    return top;
  }

  private less(a: number, b: number): boolean {
    if (this.f[a] !== this.f[b]) return this.f[a] < this.f[b];
    if (this.i[a] !== this.i[b]) return this.i[a] > this.i[b];
    return this.seq[a] < this.seq[b];
  }

  private swap(a: number, b: number): void {
    for (const arr of [this.f, this.i, this.seq, this.key, this.g]) [arr[a], arr[b]] = [arr[b], arr[a]];
  }

  private up(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.less(at, parent)) return;
      this.swap(at, parent);
      at = parent;
    }
  }

  private down(at: number): void {
    const n = this.key.length;
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let best = at;
      if (l < n && this.less(l, best)) best = l;
      if (r < n && this.less(r, best)) best = r;
      if (best === at) return;
      this.swap(at, best);
      at = best;
    }
  }
}

export function align(model: ReplayModel, trace: AlignedTrace, limits: AlignLimits = DEFAULT_ALIGN_LIMITS): AlignResult {
  const n = trace.nodes.length;
  if (n > limits.maxEvents) return { ok: false, reason: 'too-long' };
  if (model.cheapest(START) === Infinity) return { ok: false, reason: 'no-finish' };
  const S = model.stateCount;
  const keyOf = (i: number, s: number) => i * S + s;

  // Events from i on that the token can no longer do from state s: they can only be log moves.
  const blocked = new Map<number, Int32Array>();
  const blockedFrom = (s: number, i: number): number => {
    let suffix = blocked.get(s);
    if (!suffix) {
      suffix = new Int32Array(n + 1);
      const reach = model.reach(s);
      for (let j = n - 1; j >= 0; j--) {
        const v = trace.nodes[j];
        suffix[j] = suffix[j + 1] + (v === -1 || (reach !== null && !reach[v]) ? 1 : 0);
      }
      blocked.set(s, suffix);
    }
    return suffix[i];
  };
  // Among alignments of least cost, the one with the fewest log moves (the most synchronous moves) is
  // taken: the search weighs a move as cost × W + (1 for a log move), with W above any count of log
  // moves, so the tie-break never outweighs a unit of cost.
  const W = n + 1;
  const h = (i: number, s: number): number => {
    const b = blockedFrom(s, i);
    return W * Math.max(b, model.cheapest(s) - (n - i) + 2 * b) + b;
  };

  const best = new Map<number, number>();
  // How each search state was reached: the previous key and the move (kind, node).
  const parent = new Map<number, number>();
  const moveKind = new Map<number, number>();
  const moveNode = new Map<number, number>();
  const queue = new Queue();
  const startKey = keyOf(0, START);
  best.set(startKey, 0);
  queue.push(h(0, START), 0, startKey, 0);

  const relax = (fromKey: number, i: number, s: number, g: number, kind: number, node: number) => {
    if (model.cheapest(s) === Infinity) return; // the token could never finish from there
    const key = keyOf(i, s);
    const known = best.get(key);
    if (known !== undefined && known <= g) return;
    best.set(key, g);
    parent.set(key, fromKey);
    moveKind.set(key, kind);
    moveNode.set(key, node);
    queue.push(g + h(i, s), i, key, g);
  };

  let expanded = 0;
  while (queue.size) {
    const { key, g, i } = queue.pop();
    if (g > (best.get(key) ?? Infinity)) continue; // a cheaper way here was found after this entry was queued
    const s = key - i * S;
    const next = model.successors(s);
    if (i === n && model.canFinish(s)) return { ok: true, cost: Math.floor(g / W), moves: movesTo(key) };
    if (++expanded > limits.maxExpanded) return { ok: false, reason: 'too-complex' };
    if (i < n) {
      const v = trace.nodes[i];
      if (v !== -1 && next.includes(v)) relax(key, i + 1, model.state(v, trace.handles[i]), g, SYNC, v);
    }
    for (const v of next) relax(key, i, model.state(v), g + W * model.cost[v], MODEL, v);
    if (i < n) relax(key, i + 1, s, g + W + 1, LOG, -1);
  }
  return { ok: false, reason: 'no-finish' };

  function movesTo(goal: number): Move[] {
    const moves: Move[] = [];
    let key = goal;
    while (key !== startKey) {
      const i = Math.floor(key / S);
      const s = key - i * S;
      const kind = moveKind.get(key)!;
      const node = moveNode.get(key)!;
      if (kind === SYNC) moves.push({ kind: 'sync', event: i - 1, node, state: s });
      else if (kind === LOG) moves.push({ kind: 'log', event: i - 1 });
      else moves.push({ kind: 'model', node, state: s });
      key = parent.get(key)!;
    }
    return moves.reverse();
  }
}

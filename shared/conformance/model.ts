// The workflow as the replay sees it: one token on the graph. A state is the step just done (or the
// start, before the intake) and, when the log says how that step ended (its outcome), the output it
// must leave by. From a state the token may do any step an edge leads to. A case may finish where the
// token may stop: at a step without outputs (an end step), or by an output that leads nowhere (where
// the simulator's run stops too). Like the simulator, only the first edge of each output counts, and
// only outputs the step's kind has.
import { outputsOf } from '../kinds/registry';
import type { Workflow, WorkflowNode } from '../model/schema';

/** Nodes above this count skip the reachability part of the search heuristic (its memory grows with the square). */
const REACH_HEURISTIC_MAX_NODES = 2_000;

export const START = 0;

export class ReplayModel {
  readonly nodes: WorkflowNode[];
  readonly indexOf = new Map<string, number>();
  /** Output handle ids per node, in the kind's order. */
  readonly handles: string[][];
  /** Per node and handle index: the node the handle's first edge leads to, or -1. */
  readonly targets: Int32Array[];
  /** 1 for a recorded step (the log has activities mapped to it), 0 for one it never records. */
  readonly cost: Uint8Array;
  readonly stateCount: number;
  readonly starts: number[];
  private readonly base: Int32Array;
  private readonly stateNodeOf: Int32Array;
  private readonly stateHandleOf: Int32Array;
  private readonly succCache: (Int32Array | undefined)[];
  private readonly rminNode: Float64Array;
  private readonly rminState: Float64Array;
  private readonly reachCache = new Map<number, Uint8Array>();
  readonly useReach: boolean;

  constructor(wf: Pick<Workflow, 'nodes' | 'edges'>, recorded: ReadonlySet<string>) {
    this.nodes = [];
    for (const node of wf.nodes) {
      if (this.indexOf.has(node.id)) continue;
      this.indexOf.set(node.id, this.nodes.length);
      this.nodes.push(node);
    }
    const n = this.nodes.length;
    this.handles = this.nodes.map((node) => outputsOf(node).map((h) => h.id));
    this.targets = this.handles.map((hs) => new Int32Array(hs.length).fill(-1));
    for (const e of wf.edges) {
      const u = this.indexOf.get(e.source);
      const v = this.indexOf.get(e.target);
      if (u === undefined || v === undefined) continue;
      const h = this.handles[u].indexOf(e.sourceHandle);
      if (h !== -1 && this.targets[u][h] === -1) this.targets[u][h] = v;
    }
    this.cost = new Uint8Array(n);
    this.nodes.forEach((node, i) => (this.cost[i] = recorded.has(node.id) ? 1 : 0));
    this.starts = this.nodes.flatMap((node, i) => (node.kind === 'intake' ? [i] : []));

    this.base = new Int32Array(n);
    let count = 1;
    for (let u = 0; u < n; u++) {
      this.base[u] = count;
      count += 1 + this.handles[u].length;
    }
    this.stateCount = count;
    this.stateNodeOf = new Int32Array(count).fill(-1);
    this.stateHandleOf = new Int32Array(count).fill(-1);
    for (let u = 0; u < n; u++) {
      for (let c = -1; c < this.handles[u].length; c++) {
        this.stateNodeOf[this.base[u] + 1 + c] = u;
        this.stateHandleOf[this.base[u] + 1 + c] = c;
      }
    }
    this.succCache = new Array(count);
    this.rminNode = this.cheapestToFinish();
    this.rminState = new Float64Array(count).fill(-1);
    this.useReach = n <= REACH_HEURISTIC_MAX_NODES;
  }

  /** The state after doing node `u` and, when the log says so, leaving by handle index `c` (-1: not said). */
  state(u: number, c = -1): number {
    return this.base[u] + 1 + c;
  }

  nodeOf(state: number): number {
    return this.stateNodeOf[state];
  }

  handleOf(state: number): number {
    return this.stateHandleOf[state];
  }

  /** The nodes the token may do next from a state, each once. */
  successors(state: number): Int32Array {
    let list = this.succCache[state];
    if (list) return list;
    if (state === START) list = Int32Array.from(this.starts);
    else {
      const u = this.stateNodeOf[state];
      const c = this.stateHandleOf[state];
      const targets = this.targets[u];
      if (c !== -1) list = targets[c] === -1 ? new Int32Array(0) : Int32Array.of(targets[c]);
      else list = Int32Array.from(new Set(Array.from(targets).filter((t) => t !== -1)));
    }
    this.succCache[state] = list;
    return list;
  }

  /** Whether a case may finish in this state: the step has no outputs, or one it may leave by leads nowhere. */
  canFinish(state: number): boolean {
    if (state === START) return false;
    const targets = this.targets[this.stateNodeOf[state]];
    const c = this.stateHandleOf[state];
    if (c !== -1) return targets[c] === -1;
    return targets.length === 0 || targets.includes(-1);
  }

  /** The handle the token leaves `state`'s node by to reach `v`: the one the log named, else the first that leads there. */
  handleTo(state: number, v: number): string | null {
    if (state === START) return null;
    const u = this.stateNodeOf[state];
    const c = this.stateHandleOf[state];
    if (c !== -1) return this.handles[u][c];
    const h = this.targets[u].indexOf(v);
    return h === -1 ? null : this.handles[u][h];
  }

  /** The fewest recorded steps from a state to a finish: what the model must at least do (Infinity: it cannot finish). */
  cheapest(state: number): number {
    let value = this.rminState[state];
    if (value !== -1) return value;
    if (this.canFinish(state)) value = 0;
    else {
      value = Infinity;
      for (const v of this.successors(state)) value = Math.min(value, this.cost[v] + this.rminNode[v]);
    }
    this.rminState[state] = value;
    return value;
  }

  /** Nodes the token may still do from a state (null when the model is too large to keep this). */
  reach(state: number): Uint8Array | null {
    if (!this.useReach) return null;
    let set = this.reachCache.get(state);
    if (set) return set;
    set = new Uint8Array(this.nodes.length);
    const queue = Array.from(this.successors(state));
    for (const v of queue) set[v] = 1;
    for (let i = 0; i < queue.length; i++) {
      for (const w of this.successors(this.state(queue[i]))) {
        if (!set[w]) {
          set[w] = 1;
          queue.push(w);
        }
      }
    }
    this.reachCache.set(state, set);
    return set;
  }

  /**
   * For each node, the fewest recorded steps after it to a finish: a 0-1 breadth-first search
   * backwards from the nodes a case may finish at, each step costing what doing it costs.
   */
  private cheapestToFinish(): Float64Array {
    const n = this.nodes.length;
    const dist = new Float64Array(n).fill(Infinity);
    const preds: number[][] = this.nodes.map(() => []);
    for (let u = 0; u < n; u++) for (const v of new Set(this.targets[u])) if (v !== -1) preds[v].push(u);
    const deque: number[] = [];
    let head = 0;
    for (let u = 0; u < n; u++) {
      if (this.targets[u].length === 0 || this.targets[u].includes(-1)) {
        dist[u] = 0;
        deque.push(u);
      }
    }
    // Dijkstra on weights 0/1 (costs are small): a simple bucketed relaxation until nothing improves.
    const buckets: number[][] = [deque];
    for (let d = 0; d < buckets.length; d++) {
      const bucket = buckets[d];
      for (head = 0; head < bucket.length; head++) {
        const v = bucket[head];
        if (dist[v] !== d) continue;
        for (const u of preds[v]) {
          const nd = d + this.cost[v];
          if (nd < dist[u]) {
            dist[u] = nd;
            (buckets[nd] ??= []).push(u);
          }
        }
      }
    }
    return dist;
  }
}

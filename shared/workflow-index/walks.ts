// Walks over the links (links.ts): reachability from the intakes, with and without passing an
// approval, and the groups of steps that lie on a loop. Each is linear in steps and links and keeps
// its results in arrays indexed by slot (positions.ts).
import type { Links } from './links';
import { KIND_APPROVAL } from './positions';

export interface Reach {
  /** By slot: 1 where some intake reaches the step along links. */
  reached: Uint8Array;
  /** The reached steps, breadth first from the intakes in document order. */
  reachedOrder: Int32Array;
  /**
   * Slot of the intake from which the step is first reached (breadth first) on a path that does
   * not leave an approval through `approved`; -1 when there is none.
   */
  origin: Int32Array;
  ungatedOrder: Int32Array;
}

/** Breadth-first walk from the intakes; each step is visited once, so loops cannot hang it. */
function walk(kinds: Uint8Array, intakes: readonly number[], links: Links, gated: boolean, mark: Int32Array): Int32Array {
  const queue = new Int32Array(kinds.length);
  let tail = 0;
  for (const i of intakes) {
    if (mark[i] >= 0) continue;
    mark[i] = i;
    queue[tail++] = i;
  }
  const { start, ends, link, edges } = links.out;
  for (let head = 0; head < tail; head++) {
    const i = queue[head];
    // Past an approval's `approved` output an item has been reviewed: the gated walk stops there.
    const approval = gated && kinds[i] === KIND_APPROVAL;
    for (let r = start[i]; r < start[i + 1]; r++) {
      const t = ends[r];
      if (mark[t] >= 0 || (approval && edges[link[r]].sourceHandle === 'approved')) continue;
      mark[t] = mark[i];
      queue[tail++] = t;
    }
  }
  return queue.slice(0, tail);
}

/** Both walks over the steps by slot (positions.ts: `kinds`, by kindCode), from the intakes' slots in document order. */
export function computeReach(kinds: Uint8Array, intakes: readonly number[], links: Links): Reach {
  const seen = new Int32Array(kinds.length).fill(-1);
  const reachedOrder = walk(kinds, intakes, links, false, seen);
  const reached = new Uint8Array(kinds.length);
  for (const i of reachedOrder) reached[i] = 1;
  const origin = new Int32Array(kinds.length).fill(-1);
  const ungatedOrder = walk(kinds, intakes, links, true, origin);
  return { reached, reachedOrder, origin, ungatedOrder };
}

/** The same reach over more slots: steps added or deleted without links, none of them an intake. */
export function resizeReach(reach: Reach, n: number): Reach {
  if (reach.reached.length === n) return reach;
  return { reached: grown(reach.reached, n, 0), origin: grown(reach.origin, n, -1), reachedOrder: reach.reachedOrder, ungatedOrder: reach.ungatedOrder };
}

/** A typed array resized to `n` slots: the first kept, new slots set to `fill`. */
export function grown<T extends Uint8Array | Int32Array>(values: T, n: number, fill: number): T {
  if (values.length === n) return values;
  const out = new (values.constructor as new (n: number) => T)(n);
  if (fill) out.fill(fill);
  out.set(values.subarray(0, n));
  return out;
}

/**
 * Groups of steps on a loop: strongly connected components (Tarjan's algorithm, iterative so that a
 * chain of 10,000 steps cannot overflow the stack) of two or more steps, or of one step linked to
 * itself; as slots. Each group lists its steps in document order, and the groups come in the
 * document order of their first steps: an order that depends on the loops, not on the walk.
 */
export function cyclicComponents(stepCount: number, roots: Iterable<number>, links: Links): number[][] {
  const index = new Int32Array(stepCount).fill(-1);
  const low = new Int32Array(stepCount);
  const onStack = new Uint8Array(stepCount);
  const stack = new Int32Array(stepCount);
  let top = 0;
  // The walk's own stack: a step and how far through its links it is.
  const frameNode = new Int32Array(stepCount);
  const frameNext = new Int32Array(stepCount);
  let depth = 0;
  let counter = 0;
  const result: number[][] = [];
  const { start, ends } = links.out;
  const open = (i: number) => {
    index[i] = low[i] = counter++;
    stack[top++] = i;
    onStack[i] = 1;
    frameNode[depth] = i;
    frameNext[depth] = 0;
    depth++;
  };
  for (const root of roots) {
    if (index[root] >= 0) continue;
    open(root);
    while (depth) {
      const v = frameNode[depth - 1];
      const r = frameNext[depth - 1];
      if (start[v] + r < start[v + 1]) {
        frameNext[depth - 1] = r + 1;
        const w = ends[start[v] + r];
        if (index[w] < 0) open(w);
        else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      depth--;
      if (depth && low[v] < low[frameNode[depth - 1]]) low[frameNode[depth - 1]] = low[v];
      if (low[v] !== index[v]) continue;
      if (stack[top - 1] === v) {
        // A group of one step (most steps): on a loop only when linked to itself.
        top--;
        onStack[v] = 0;
        let self = false;
        for (let p = start[v]; p < start[v + 1] && !self; p++) self = ends[p] === v;
        if (self) result.push([v]);
        continue;
      }
      const component: number[] = [];
      let w: number;
      do {
        w = stack[--top];
        onStack[w] = 0;
        component.push(w);
      } while (w !== v);
      result.push(component.sort((a, b) => a - b));
    }
  }
  return result.sort((a, b) => a[0] - b[0]);
}

/** For each step, the index of its loop in `cycles`, or -1. */
export function loopMembership(cycles: readonly number[][], n: number): Int32Array {
  const of = new Int32Array(n).fill(-1);
  cycles.forEach((c, k) => {
    for (const i of c) of[i] = k;
  });
  return of;
}

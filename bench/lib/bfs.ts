// The baseline of the analysis figures: one breadth-first walk over the same document's graph, the
// least any analysis of a workflow does — read every step's id once (one Map from id to position),
// every link once (both ends looked up), and walk from the intakes. Integer arrays throughout, nothing
// else: what this machine needs to read the graph at all, measured in the same run as the analysis.
import type { Workflow } from '../../shared/model/schema';

/** Returns how many steps the intakes reach (so that the work cannot be optimised away). */
export function breadthFirst(wf: Workflow): number {
  const nodes = wf.nodes;
  const n = nodes.length;
  const pos = new Map<string, number>();
  for (let i = 0; i < n; i++) pos.set(nodes[i].id, i);
  const m = wf.edges.length;
  const src = new Int32Array(m);
  const tgt = new Int32Array(m);
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const e = wf.edges[k];
    src[k] = pos.get(e.source) ?? 0;
    tgt[k] = pos.get(e.target) ?? 0;
    start[src[k] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const adj = new Int32Array(m);
  for (let k = 0; k < m; k++) adj[fill[src[k]]++] = tgt[k];
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (nodes[i].kind !== 'intake') continue;
    seen[i] = 1;
    queue[tail++] = i;
  }
  for (let head = 0; head < tail; head++) {
    const v = queue[head];
    for (let r = start[v]; r < start[v + 1]; r++) {
      const w = adj[r];
      if (seen[w]) continue;
      seen[w] = 1;
      queue[tail++] = w;
    }
  }
  return tail;
}

// Which AI results exist when each step runs: the outputs of every AI step on some path before it.
// Computed for all steps at once (a fixpoint over the links, one bit per output name), since the
// export asks for every approval and a walk per approval is quadratic on large workflows.
import type { Workflow } from '../../model/schema';

export function upstreamAiOutputs(wf: Pick<Workflow, 'nodes' | 'edges'>): (nodeId: string) => string[] {
  const names: string[] = [];
  const bit = new Map<string, number>();
  for (const n of wf.nodes) {
    if (n.kind !== 'ai') continue;
    const name = n.config.output.trim() || 'result';
    if (!bit.has(name)) {
      bit.set(name, names.length);
      names.push(name);
    }
  }
  const words = Math.max(1, Math.ceil(names.length / 32));
  const index = new Map<string, number>();
  wf.nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  // What a step hands on: what reached it, plus its own output.
  const own = new Uint32Array(wf.nodes.length * words);
  wf.nodes.forEach((n, i) => {
    if (n.kind !== 'ai') return;
    const b = bit.get(n.config.output.trim() || 'result')!;
    own[i * words + (b >>> 5)] |= 1 << (b & 31);
  });
  const reached = new Uint32Array(wf.nodes.length * words);
  const outgoing = new Map<number, number[]>();
  for (const e of wf.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue;
    const list = outgoing.get(s);
    if (list) list.push(t);
    else outgoing.set(s, [t]);
  }
  const queue = wf.nodes.map((_, i) => i);
  const queued = new Uint8Array(wf.nodes.length).fill(1);
  while (queue.length) {
    const s = queue.pop()!;
    queued[s] = 0;
    for (const t of outgoing.get(s) ?? []) {
      let changed = false;
      for (let w = 0; w < words; w++) {
        const next = reached[t * words + w] | reached[s * words + w] | own[s * words + w];
        if (next !== reached[t * words + w]) {
          reached[t * words + w] = next;
          changed = true;
        }
      }
      if (changed && !queued[t]) {
        queued[t] = 1;
        queue.push(t);
      }
    }
  }
  return (nodeId) => {
    const i = index.get(nodeId);
    if (i === undefined) return [];
    return names.filter((_, b) => (reached[i * words + (b >>> 5)] >>> (b & 31)) & 1);
  };
}

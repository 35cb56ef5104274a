// Which sensitive data categories can reach a step: what its own reads bring in, carried forward
// along the edges.
import type { DataCategory } from '../connectors/types';
import { asArray } from '../model/read';
import type { WorkflowEdge, WorkflowNode } from '../model/schema';
import type { Requirement } from './requirements';

const CATEGORY_BITS: Record<DataCategory, number> = { personal: 1, financial: 2, medical: 4, legal: 8, security: 16 };
const CATEGORY_ORDER = Object.keys(CATEGORY_BITS) as DataCategory[];

/** The data categories a step's own reads bring in (sources, read tools, read actions). */
export function readMask(reqs: readonly Requirement[] | undefined): number {
  let mask = 0;
  for (const r of reqs ?? []) {
    if (!r.resolved.ok || r.resolved.action.effect !== 'read') continue;
    for (const c of asArray<DataCategory>(r.resolved.action.data)) mask |= CATEGORY_BITS[c] ?? 0;
  }
  return mask;
}

export function maskToSet(mask: number): Set<DataCategory> {
  return new Set(CATEGORY_ORDER.filter((c) => mask & CATEGORY_BITS[c]));
}

/**
 * Forward propagation of data-category bit masks along the edges: what flows out of a node is what
 * flows in plus what it reads. A node is re-queued only when its incoming mask grows, which happens
 * at most once per category, so this stays linear in edges however loops are drawn.
 */
export function propagateData(
  nodeById: Map<string, WorkflowNode>,
  requirements: Map<string, Requirement[]>,
  outgoing: (id: string) => readonly WorkflowEdge[],
): Map<string, number> {
  const own = new Map<string, number>();
  for (const id of nodeById.keys()) {
    const mask = readMask(requirements.get(id));
    if (mask) own.set(id, mask);
  }
  const into = new Map<string, number>();
  const queue = [...own.keys()];
  const queued = new Set(queue);
  while (queue.length) {
    const id = queue.pop()!;
    queued.delete(id);
    const outMask = (into.get(id) ?? 0) | (own.get(id) ?? 0);
    for (const e of outgoing(id)) {
      const before = into.get(e.target) ?? 0;
      const after = before | outMask;
      if (after === before) continue;
      into.set(e.target, after);
      if (!queued.has(e.target)) {
        queued.add(e.target);
        queue.push(e.target);
      }
    }
  }
  return into;
}

// Which sensitive data categories can reach a step: what its own reads bring in, carried forward
// along the edges.
import type { DataCategory } from '../connectors/types';
import { asArray } from '../model/read';
import type { Links } from './links';
import type { Requirement } from './requirements';

const CATEGORY_BITS: Record<DataCategory, number> = { personal: 1, financial: 2, medical: 4, legal: 8, security: 16 };
const CATEGORY_ORDER = Object.keys(CATEGORY_BITS) as DataCategory[];

/** The data categories a step's own reads bring in (sources, read tools, read actions). */
export function readMask(reqs: readonly Requirement[] | undefined): number {
  let mask = 0;
  if (!reqs) return mask; // most steps: no list to make and walk
  for (let k = 0; k < reqs.length; k++) {
    const r = reqs[k];
    if (!r.resolved.ok || r.resolved.action.effect !== 'read') continue;
    for (const c of asArray<DataCategory>(r.resolved.action.data)) mask |= CATEGORY_BITS[c] ?? 0;
  }
  return mask;
}

export function maskToSet(mask: number): ReadonlySet<DataCategory> {
  // No category (most steps): one shared empty set.
  return mask ? new Set(CATEGORY_ORDER.filter((c) => mask & CATEGORY_BITS[c])) : NO_CATEGORIES;
}

const NO_CATEGORIES: ReadonlySet<DataCategory> = new Set();

/**
 * Forward propagation of data-category bit masks along the links: what flows out of a step is what
 * flows in plus what it reads (`own`, by slot). A step is queued again only when its incoming
 * mask grows, which happens at most once per category, so this stays linear in links however loops
 * are drawn. Returns the incoming mask of each step, by slot.
 */
export function propagateData(own: Uint8Array, links: Links): Uint8Array {
  const n = own.length;
  const into = new Uint8Array(n);
  const queued = new Uint8Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!own[i]) continue;
    queue.push(i);
    queued[i] = 1;
  }
  const { start, ends } = links.out;
  while (queue.length) {
    const i = queue.pop()!;
    queued[i] = 0;
    const outMask = into[i] | own[i];
    for (let r = start[i]; r < start[i + 1]; r++) {
      const t = ends[r];
      const after = into[t] | outMask;
      if (after === into[t]) continue;
      into[t] = after;
      if (!queued[t]) {
        queued[t] = 1;
        queue.push(t);
      }
    }
  }
  return into;
}

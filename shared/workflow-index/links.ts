// The links between steps, by slot (positions.ts): for each step the links leaving and entering it,
// with the slots at their other ends. Walks over them touch no Map. A link edit copies the per-step lists
// (arrays of references, copied whole) and renews only the lists of the steps at the ends of the
// links it added or removed.
import { asArray, isObject } from '../model/read';
import type { WorkflowEdge } from '../model/schema';
import { at, type NodeTable } from './positions';

/** The links of one step in one direction, in document order, with the slot at their other ends. */
export interface LinkRow {
  edges: WorkflowEdge[];
  ends: number[];
}

export interface Links {
  /** Links whose two ends are steps of the document, `sourceHandle` filled in (`out`) when missing. */
  edges: WorkflowEdge[];
  /** Every element of `wf.edges` is a valid link with its `sourceHandle`: `edges` is `wf.edges` itself. */
  pure: boolean;
  /** By step slot: its outgoing links (ends: targets) and incoming links (ends: sources); undefined when none. */
  out: (LinkRow | undefined)[];
  in: (LinkRow | undefined)[];
}

function normalised(raw: WorkflowEdge): WorkflowEdge {
  return typeof raw.sourceHandle === 'string' ? raw : { ...raw, sourceHandle: 'out' };
}

/**
 * Two passes: the ends of every link and how many each step has, then rows of their exact sizes
 * (rows grown a link at a time cost more than the rest of the index at 10,000 steps).
 */
export function buildLinks(raw: unknown, table: NodeTable): Links {
  const all = asArray<WorkflowEdge>(raw);
  const n = table.slots.length;
  const m = all.length;
  const src = new Int32Array(m);
  const tgt = new Int32Array(m);
  const outCount = new Int32Array(n);
  const inCount = new Int32Array(n);
  let edges: WorkflowEdge[] | null = null;
  for (let k = 0; k < m; k++) {
    const e = all[k];
    const s = isObject(e) ? at(table, e.source) : -1;
    const t = s < 0 ? -1 : at(table, e.target);
    src[k] = s;
    tgt[k] = t;
    if (t < 0 || typeof e.sourceHandle !== 'string') edges ??= all.slice(0, k);
    if (t < 0) continue;
    if (edges) edges.push(normalised(e));
    outCount[s]++;
    inCount[t]++;
  }
  const out = new Array<LinkRow | undefined>(n);
  const inc = new Array<LinkRow | undefined>(n);
  for (let i = 0; i < n; i++) {
    if (outCount[i]) out[i] = { edges: new Array<WorkflowEdge>(outCount[i]), ends: new Array<number>(outCount[i]) };
    if (inCount[i]) inc[i] = { edges: new Array<WorkflowEdge>(inCount[i]), ends: new Array<number>(inCount[i]) };
  }
  outCount.fill(0);
  inCount.fill(0);
  let x = 0;
  for (let k = 0; k < m; k++) {
    const s = src[k];
    const t = tgt[k];
    if (t < 0) continue;
    const edge = edges ? edges[x++] : all[k];
    const o = out[s]!;
    o.edges[outCount[s]] = edge;
    o.ends[outCount[s]++] = t;
    const r = inc[t]!;
    r.edges[inCount[t]] = edge;
    r.ends[inCount[t]++] = s;
  }
  return { edges: edges ?? all, pure: edges === null, out, in: inc };
}

export interface LinkChanges {
  links: Links;
  /** The links removed and added, as [source, target] slots (a removed link's may be deleted steps). */
  removed: [number, number][];
  added: [number, number][];
}

/** A row without the given links, or undefined when none is left. */
function without(row: LinkRow | undefined, gone: ReadonlySet<WorkflowEdge>): LinkRow | undefined {
  if (!row) return row;
  const kept: LinkRow = { edges: [], ends: [] };
  for (let r = 0; r < row.edges.length; r++) {
    if (gone.has(row.edges[r])) continue;
    kept.edges.push(row.edges[r]);
    kept.ends.push(row.ends[r]);
  }
  return kept.edges.length ? kept : undefined;
}

/**
 * The new version's links from the previous version's: the old links found in order in the new list
 * are kept, the others removed, and what the new list holds after the last one kept is added (an edit
 * that removes links anywhere and adds them at the end — connecting, pasting, deleting — changes just
 * those). Each step's row stays in document order: kept links come before the added ones in both.
 * `removedSlots`: the steps deleted, whose links must all be among those removed. Null for more than
 * `limit` changed links, and for a document whose links were not all valid.
 */
export function reuseLinks(prev: Links, prevTable: NodeTable, raw: unknown, table: NodeTable, removedSlots: readonly number[], limit: number): LinkChanges | null {
  if (!prev.pure || !Array.isArray(raw)) return null;
  const old = prev.edges;
  const next = raw as WorkflowEdge[];
  const slotCount = table.slots.length;

  // Walk both lists together: a link of the old list that is not next in the new one was removed; what
  // the new list has after the old one ends was added.
  const gone: WorkflowEdge[] = [];
  let j = 0;
  for (let k = 0; k < old.length; k++) {
    if (j < next.length && old[k] === next[j]) j++;
    else if (gone.push(old[k]) > limit) return null;
  }
  if (gone.length + next.length - j > limit) return null;
  const fresh = next.slice(j);
  const added: [number, number][] = [];
  for (const e of fresh) {
    if (!isObject(e) || typeof e.sourceHandle !== 'string') return null;
    const s = at(table, e.source);
    const t = s < 0 ? -1 : at(table, e.target);
    if (t < 0) return null;
    added.push([s, t]);
  }
  const removed: [number, number][] = gone.map((e) => [at(prevTable, e.source), at(prevTable, e.target)]);
  const goneSet = new Set(gone);
  // A deleted step takes its links with it; one left behind would point at nothing.
  for (const d of removedSlots) {
    if (prev.out[d]?.edges.some((e) => !goneSet.has(e)) || prev.in[d]?.edges.some((e) => !goneSet.has(e))) return null;
  }

  const out = prev.out.slice(0, slotCount);
  const inc = prev.in.slice(0, slotCount);
  out.length = slotCount;
  inc.length = slotCount;
  if (gone.length) {
    for (const s of new Set(removed.map((p) => p[0]))) out[s] = without(out[s], goneSet);
    for (const t of new Set(removed.map((p) => p[1]))) inc[t] = without(inc[t], goneSet);
  }
  // Added links come last in the document, so last in their steps' rows too (copied before adding).
  const copied = new Set<LinkRow>();
  const append = (rows: (LinkRow | undefined)[], i: number, edge: WorkflowEdge, end: number) => {
    let row = rows[i];
    if (row && !copied.has(row)) {
      row = { edges: [...row.edges], ends: [...row.ends] };
      rows[i] = row;
    }
    if (!row) rows[i] = row = { edges: [], ends: [] };
    copied.add(row);
    row.edges.push(edge);
    row.ends.push(end);
  };
  fresh.forEach((e, x) => {
    append(out, added[x][0], e, added[x][1]);
    append(inc, added[x][1], e, added[x][0]);
  });
  return { links: { edges: next, pure: true, out, in: inc }, removed, added };
}

/** The same links over a table with more slots at the end (for steps without links). */
export function widenLinks(links: Links, slotCount: number): Links {
  if (links.out.length === slotCount) return links;
  const out = links.out.slice(0, slotCount);
  const inc = links.in.slice(0, slotCount);
  out.length = slotCount;
  inc.length = slotCount;
  return { ...links, out, in: inc };
}

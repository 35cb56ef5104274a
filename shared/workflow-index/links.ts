// The links between steps, by slot (positions.ts): for each step the links leaving and entering it,
// with the slots at their other ends, laid out flat in typed arrays (compressed rows), so that walks
// over them touch no Map and a 10,000-step index holds a handful of arrays instead of a list per step.
// A link edit patches the rows of the previous version: the links removed taken out, those added put
// in at the end of their rows, the rest copied in runs (no lookup by id but for the links added, no Map);
// an edit of many links lays them out again from the slots each link already had.
import { asArray, isObject } from '../model/read';
import type { WorkflowEdge } from '../model/schema';
import { at, type NodeTable } from './positions';

/**
 * The links of every step in one direction, in document order: step i's are at positions
 * start[i] … start[i + 1] - 1 of `ends` (the slot at the other end) and `link` (the link's index in
 * Links.edges). Typed arrays only: laying out a list of 17,000 links as objects cost a millisecond.
 */
export interface LinkSide {
  start: Int32Array;
  ends: Int32Array;
  link: Int32Array;
  /** Links.edges, which `link` indexes. */
  edges: readonly WorkflowEdge[];
}

export interface Links {
  /** Links whose two ends are steps of the document, `sourceHandle` filled in (`out`) when missing. */
  edges: WorkflowEdge[];
  /** Every element of `wf.edges` is a valid link with its `sourceHandle`: `edges` is `wf.edges` itself. */
  pure: boolean;
  /** The source and target slot of each link of `edges`. */
  src: Int32Array;
  tgt: Int32Array;
  /** By step slot: its outgoing links (ends: targets) and incoming links (ends: sources). */
  out: LinkSide;
  in: LinkSide;
}

function normalised(raw: WorkflowEdge): WorkflowEdge {
  return typeof raw.sourceHandle === 'string' ? raw : { ...raw, sourceHandle: 'out' };
}

/** One direction's rows over `n` slots: a counting sort of the links by `from`, document order kept within each row. */
function layOut(n: number, edges: readonly WorkflowEdge[], from: Int32Array, to: Int32Array): LinkSide {
  const m = edges.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[from[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const ends = new Int32Array(m);
  const link = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const p = fill[from[k]]++;
    ends[p] = to[k];
    link[p] = k;
  }
  return { start, ends, link, edges };
}

function assemble(n: number, edges: WorkflowEdge[], pure: boolean, src: Int32Array, tgt: Int32Array): Links {
  return { edges, pure, src, tgt, out: layOut(n, edges, src, tgt), in: layOut(n, edges, tgt, src) };
}

export function buildLinks(raw: unknown, table: NodeTable): Links {
  const all = asArray<WorkflowEdge>(raw);
  const m = all.length;
  let src = new Int32Array(m);
  let tgt = new Int32Array(m);
  let edges: WorkflowEdge[] | null = null;
  let x = 0;
  // A step's links often follow one another: its slot is kept apart from the targets' lookups.
  let lastSource: unknown;
  let lastSlot = -1;
  for (let k = 0; k < m; k++) {
    const e = all[k];
    let s = -1;
    if (isObject(e)) {
      if (e.source !== lastSource) {
        lastSource = e.source;
        lastSlot = at(table, e.source);
      }
      s = lastSlot;
    }
    const t = s < 0 ? -1 : at(table, e.target);
    if (t < 0 || typeof e.sourceHandle !== 'string') edges ??= all.slice(0, k);
    if (t < 0) continue;
    if (edges) edges.push(normalised(e));
    src[x] = s;
    tgt[x++] = t;
  }
  if (x < m) {
    src = src.slice(0, x);
    tgt = tgt.slice(0, x);
  }
  return assemble(table.slots.length, edges ?? all, edges === null, src, tgt);
}

export interface LinkChanges {
  links: Links;
  /** The links removed and added, as [source, target] slots (a removed link's may be deleted steps). */
  removed: [number, number][];
  added: [number, number][];
}

/**
 * The new version's links from the previous version's: the old links found in order in the new list
 * are kept (with their slots: a step keeps its slot from one version to the next), the others removed,
 * and what the new list holds after the last one kept is added (an edit that removes links anywhere and
 * adds them at the end — connecting, pasting, deleting — changes just those). Each step's row stays in
 * document order. `removedSlots`: the steps deleted, whose links must all be among those removed. Null
 * for more than `limit` changed links, and for a document whose links were not all valid.
 */
export function reuseLinks(prev: Links, raw: unknown, table: NodeTable, removedSlots: readonly number[], limit: number): LinkChanges | null {
  if (!prev.pure || !Array.isArray(raw)) return null;
  const old = prev.edges;
  const next = raw as WorkflowEdge[];
  const src = new Int32Array(next.length);
  const tgt = new Int32Array(next.length);

  // Walk both lists together: a link of the old list that is not next in the new one was removed; what
  // the new list has after the old one ends was added. The slots of the links kept are copied in runs.
  const gone: number[] = [];
  let j = 0;
  for (let k = 0; k < old.length; k++) {
    if (j < next.length && old[k] === next[j]) j++;
    else if (gone.push(k) > limit) return null;
  }
  // A kept link's index moves down by the links removed before it: runs between them are copied.
  for (let x = 0, run = 0; x <= gone.length; x++) {
    const end = x < gone.length ? gone[x] : old.length;
    src.set(prev.src.subarray(run, end), run - x);
    tgt.set(prev.tgt.subarray(run, end), run - x);
    run = end + 1;
  }
  if (gone.length + next.length - j > limit) return null;
  const added: [number, number][] = [];
  for (let x = j; x < next.length; x++) {
    const e = next[x];
    if (!isObject(e) || typeof e.sourceHandle !== 'string') return null;
    const s = at(table, e.source);
    const t = s < 0 ? -1 : at(table, e.target);
    if (t < 0) return null;
    src[x] = s;
    tgt[x] = t;
    added.push([s, t]);
  }
  const removed: [number, number][] = gone.map((k) => [prev.src[k], prev.tgt[k]]);
  // A deleted step takes its links with it; one left behind would point at nothing.
  if (removedSlots.length) {
    const goneSet = new Set(gone.map((k) => old[k]));
    for (const d of removedSlots) {
      for (const side of [prev.out, prev.in]) {
        for (let p = side.start[d]; p < side.start[d + 1]; p++) if (!goneSet.has(side.edges[side.link[p]])) return null;
      }
    }
  }
  const n = table.slots.length;
  // A few links changed (the usual edit): each side's rows are the previous ones with those taken out
  // and put in, copied in runs; more: laid out again.
  if (gone.length + added.length > PATCH_LIMIT) return { links: assemble(n, next, true, src, tgt), removed, added };
  const put = (from: Int32Array, to: Int32Array) => {
    const out: Put[] = [];
    for (let x = j; x < next.length; x++) out.push({ k: x, from: from[x], to: to[x], at: -1 });
    return out;
  };
  const out = patchSide(prev.out, n, next, gone, gone.map((k) => prev.src[k]), put(src, tgt));
  const into = out && patchSide(prev.in, n, next, gone, gone.map((k) => prev.tgt[k]), put(tgt, src));
  return { links: out && into ? { edges: next, pure: true, src, tgt, out, in: into } : assemble(n, next, true, src, tgt), removed, added };
}

/** Above this many links removed and added, the rows are laid out again rather than patched. */
const PATCH_LIMIT = 64;

/** A link put in a side's rows: its index in the new list, the slot whose row takes it, and the other end. */
interface Put {
  k: number;
  from: number;
  to: number;
  /** Where in the new rows it was put (patchSide fills it in). */
  at: number;
}

/**
 * One side's rows over `n` slots from the previous version's: the links `gone` (indices in the old
 * list, ascending, in the rows of `goneFrom`) taken out, the links `put` (at the end of the new list,
 * ascending) put in at the end of their rows, which keeps each row in document order; the indices of
 * the links kept shift down past those taken out. The same rows as layOut(), by runs of copies.
 */
function patchSide(prev: LinkSide, n: number, edges: readonly WorkflowEdge[], gone: readonly number[], goneFrom: readonly number[], put: Put[]): LinkSide | null {
  const oldN = prev.start.length - 1;
  const oldM = prev.ends.length;
  // Where each link taken out sits in the old rows (and its row), ascending.
  const taken: { pos: number; row: number }[] = [];
  for (let x = 0; x < gone.length; x++) {
    const row = goneFrom[x];
    let pos = -1;
    for (let p = prev.start[row]; p < prev.start[row + 1]; p++) if (prev.link[p] === gone[x]) pos = p;
    if (pos < 0) return null;
    taken.push({ pos, row });
  }
  taken.sort((a, b) => a.pos - b.pos);
  const drop = taken.map((t) => t.pos);
  put.sort((a, b) => a.from - b.from || a.k - b.k);
  const m = oldM - drop.length + put.length;
  const ends = new Int32Array(m);
  const link = new Int32Array(m);
  // Runs of the old rows between the places where a link is taken out or put in (the end of its row in
  // the old layout; rows past the old ones: after them), copied as they are.
  let w = 0;
  let p = 0;
  let d = 0;
  let u = 0;
  for (;;) {
    const nextDrop = d < drop.length ? drop[d] : oldM;
    const nextPut = u < put.length ? (put[u].from < oldN ? prev.start[put[u].from + 1] : oldM) : oldM;
    const end = nextPut <= nextDrop ? nextPut : nextDrop;
    ends.set(prev.ends.subarray(p, end), w);
    link.set(prev.link.subarray(p, end), w);
    w += end - p;
    p = end;
    if (u < put.length && nextPut <= nextDrop) {
      put[u].at = w;
      ends[w] = put[u].to;
      link[w++] = put[u++].k;
    } else if (d < drop.length) {
      p++;
      d++;
    } else break;
  }
  // Old indices past a link taken out move down by one for each taken out before them (the largest
  // first, so that each comparison is with an index not yet moved past it); the links put in have their
  // new indices, written again after.
  for (let x = gone.length - 1; x >= 0; x--) {
    const g = gone[x];
    for (let q = 0; q < m; q++) if (link[q] > g) link[q]--;
  }
  for (const x of put) link[x.at] = x.k;
  // Each row starts where it did, less one for each link taken out of a row before it, plus one for each put in.
  const start = new Int32Array(n + 1);
  start.set(prev.start.subarray(0, Math.min(n, oldN) + 1));
  if (n > oldN) start.fill(oldM, oldN + 1);
  for (const { row } of taken) for (let i = row + 1; i <= n; i++) start[i]--;
  for (const { from } of put) for (let i = from + 1; i <= n; i++) start[i]++;
  return { start, ends, link, edges };
}

/** The same links over a table with more slots at the end (for steps without links). */
export function widenLinks(links: Links, slotCount: number): Links {
  if (links.out.start.length === slotCount + 1) return links;
  const widen = (side: LinkSide): LinkSide => {
    const start = new Int32Array(slotCount + 1);
    start.set(side.start.subarray(0, Math.min(side.start.length, slotCount + 1)));
    start.fill(side.start[side.start.length - 1], side.start.length);
    return { ...side, start };
  };
  return { ...links, out: widen(links.out), in: widen(links.in) };
}

/** The links of one step in one direction as a list (made when first asked, then kept), for the index's outgoing() and incoming(). */
export class LinkLists {
  private readonly lists: (WorkflowEdge[] | undefined)[];

  /** `previous`: the lists of an earlier version, still right for every step but the `stale` ones. */
  constructor(
    private readonly side: LinkSide,
    previous?: { lists: LinkLists; stale: Iterable<number> },
  ) {
    this.lists = previous ? previous.lists.lists.slice(0, side.start.length - 1) : [];
    if (previous) for (const i of previous.stale) this.lists[i] = undefined;
  }

  get(i: number): readonly WorkflowEdge[] | undefined {
    let list = this.lists[i];
    if (list) return list;
    const { start, link, edges } = this.side;
    if (i < 0 || i + 1 >= start.length || start[i] === start[i + 1]) return undefined;
    list = [];
    for (let p = start[i]; p < start[i + 1]; p++) list.push(edges[link[p]]);
    this.lists[i] = list;
    return list;
  }
}

// The links between steps, by slot (positions.ts): for each step the links leaving and entering it,
// with the slots at their other ends, laid out flat in typed arrays (compressed rows), so that walks
// over them touch no Map and a 10,000-step index holds a handful of arrays instead of a list per step.
// A link edit lays the rows out again from the slots each link already had (no lookup by id but for
// the links added): linear in steps and links, with no Map.
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
  // the new list has after the old one ends was added.
  const gone: number[] = [];
  let j = 0;
  for (let k = 0; k < old.length; k++) {
    if (j < next.length && old[k] === next[j]) {
      src[j] = prev.src[k];
      tgt[j++] = prev.tgt[k];
    } else if (gone.push(k) > limit) return null;
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
  return { links: assemble(table.slots.length, next, true, src, tgt), removed, added };
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

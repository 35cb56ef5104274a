// What an approval covers. An item that leaves an approval by `approved` carries what the reviewer
// approved; a step that changes one of those variables afterwards (an AI redraft) makes the
// approval stale for the sensitive steps that send it, until another approval is passed. And an
// approval covers the sensitive steps it leads to without another approval in between: it should
// show their reviewer what they send (its `shows` list), or it is a blind approval.
import type { WorkflowNode } from '../model/schema';
import { sameItems } from '../same-items';
import { attached } from './attached';
import type { LinkSide } from './links';
import { KIND_APPROVAL } from './positions';
import { isContentVariable, type NodeWrites, type VariableFlow } from './variable-flow';

/** A variable a sensitive step uses that was written after the last approval on some path to it. */
export interface StaleUse {
  /** The variable (a root), or a stand-in (DRAFT_TEXT, WHOLE_ITEM) of variable-flow.ts. */
  variable: string;
  /** A step that writes it after the approval (the sensitive step itself for an AI step that acts). */
  writerId: string;
  /** The approval the item passed before that write. */
  approvalId: string;
}

export interface ApprovalCoverage {
  /** Sensitive steps reached after an approval with content changed since, by node id: one witness per variable. */
  stale: ReadonlyMap<string, readonly StaleUse[]>;
  /** The sensitive steps an approval leads to by `approved` with no other approval in between, in document order. */
  covered(approvalId: string): readonly string[];
  /** What the approval shows its reviewer: its `shows` list, or the default when it has none. */
  shows(approvalId: string): string[];
  /** The default `shows` of an approval: the variables the sensitive steps it covers send. */
  defaultShows(approvalId: string): string[];
  /** Variables a covered step sends that the approval does not show, with the steps that send them. */
  unshown(approvalId: string): readonly { variable: string; stepIds: readonly string[] }[];
}

export interface CoverageSource {
  nodeById: ReadonlyMap<string, WorkflowNode>;
  /** The steps by position in document order (the index's slots): the first step of each id, undefined elsewhere. */
  slotCount: number;
  nodeAt(slot: number): WorkflowNode | undefined;
  slotOf(nodeId: string): number;
  /** The outgoing links by slot, with the slots of their targets (links.ts). */
  out: LinkSide;
  configOf(node: WorkflowNode): Record<string, unknown>;
  /** By slot: 1 for the steps with at least one sensitive, resolved action. */
  sensitive: Uint8Array;
  /** The steps' kinds by slot (positions.ts: kindCode; 0 where no step). */
  kinds: Uint8Array;
  /** What each step may write, by slot (undefined: nothing), as flow.writes() says. */
  writesAt(): readonly (NodeWrites | undefined)[];
  /** What each sensitive step's calls use and what it writes before sending, by slot, as flow.uses() and flow.writesBeforeSending() say. */
  usesAt(): { uses: readonly (ReadonlySet<string> | undefined)[]; selfWrites: readonly (ReadonlySet<string> | undefined)[] };
  flow: VariableFlow;
}

/** An approval's own `shows` list when it has one (strings, trimmed, each once), else null. */
export function explicitShows(config: Record<string, unknown>): string[] | null {
  if (!Array.isArray(config.shows)) return null;
  const out: string[] = [];
  // A short list (the usual) is searched; a long one gets a set.
  const seen = config.shows.length > 16 ? new Set<string>() : null;
  for (const v of config.shows as unknown[]) {
    if (typeof v !== 'string') continue;
    const name = v.trim();
    if (name === '' || (seen ? seen.has(name) : out.includes(name))) continue;
    seen?.add(name);
    out.push(name);
  }
  return out;
}

/**
 * The graph the stale walks run on: the links by slot (links.ts), with a mark on each approval's
 * `approved` output, which the walks do not take (an item leaving there carries approved content);
 * the last approval before each step; and, filled in as asked, the walk of each variable. Kept by the
 * next version when its links and writers are the same.
 */
interface StaleGraph {
  size: number;
  start: Int32Array;
  targets: Int32Array;
  /** By position in the rows: 1 for a link leaving an approval by `approved`. */
  approved: Uint8Array;
  lastApproval: Int32Array;
  /** By variable: for each step, the writer after an approval whose write reaches it (-1: none); null when nobody writes it after one. */
  walks: Map<string, Int32Array | null>;
  /** The steps after an approval that write each variable (document order), rewriters then reviewers, and those that may write any. */
  writers: { named: Map<string, [number[], number[]]>; anything: [number[], number[]] } | null;
  /** A work list for the walks over this graph (each done before the next begins). */
  queue: Int32Array;
}

function staleGraph(src: CoverageSource): StaleGraph {
  const size = src.slotCount;
  const { kinds } = src;
  const { start, ends: targets, link, edges } = src.out;
  // Only an approval's links are read for their handle.
  const approved = new Uint8Array(targets.length);
  for (let i = 0; i < size; i++) {
    if (kinds[i] !== KIND_APPROVAL) continue;
    for (let j = start[i]; j < start[i + 1]; j++) if (edges[link[j]].sourceHandle === 'approved') approved[j] = 1;
  }

  // Every step reached after some approval's `approved` output, with the last approval on one such path.
  const lastApproval = new Int32Array(size).fill(-1);
  const queue = new Int32Array(size);
  let tail = 0;
  for (let a = 0; a < size; a++) {
    if (kinds[a] !== KIND_APPROVAL) continue;
    for (let k = start[a]; k < start[a + 1]; k++) {
      const t = targets[k];
      if (!approved[k] || lastApproval[t] !== -1) continue;
      lastApproval[t] = a;
      queue[tail++] = t;
    }
  }
  const graph: StaleGraph = { size, start, targets, approved, lastApproval, walks: new Map(), writers: null, queue };
  spread(graph, lastApproval, 0, tail);
  return graph;
}

/**
 * Breadth first from the steps queued at `head` … `tail - 1` of the graph's work list, over every link
 * but an `approved` output: each step reached (label -1 so far) takes the label of the step it was
 * reached from. Returns the new end of the work list.
 */
function spread(graph: StaleGraph, labels: Int32Array, head: number, tail: number): number {
  const { start, targets, approved, queue } = graph;
  for (let q = head; q < tail; q++) {
    const i = queue[q];
    for (let k = start[i]; k < start[i + 1]; k++) {
      const t = targets[k];
      if (approved[k] || labels[t] !== -1) continue;
      labels[t] = labels[i];
      queue[tail++] = t;
    }
  }
  return tail;
}

/** The walk of one variable (see StaleGraph.walks), made when first asked. */
function walkFrom(graph: StaleGraph, src: CoverageSource, variable: string): Int32Array | null {
  if (graph.walks.has(variable)) return graph.walks.get(variable)!;
  const { size, start, targets, approved, lastApproval, queue } = graph;
  if (!graph.writers) {
    // Two groups: steps that rewrite, and reviewers (who may edit and then reject). The walk from the
    // first group is done before the second's begins, so each step reached is blamed on the likelier one.
    const named = new Map<string, [number[], number[]]>();
    const anything: [number[], number[]] = [[], []];
    const writesAt = src.writesAt();
    for (let i = 0; i < size; i++) {
      const w = writesAt[i];
      if (!w || lastApproval[i] === -1) continue;
      const group = src.kinds[i] === KIND_APPROVAL ? 1 : 0;
      if (w.any) anything[group].push(i);
      for (const name of w.names) {
        let lists = named.get(name);
        if (!lists) named.set(name, (lists = [[], []]));
        lists[group].push(i);
      }
    }
    graph.writers = { named, anything };
  }
  const { named: byName, anything } = graph.writers;
  const named = byName.get(variable);
  if (!named && !anything[0].length && !anything[1].length) {
    graph.walks.set(variable, null);
    return null;
  }
  const writtenBy = new Int32Array(size).fill(-1);
  let tail = 0;
  let q = 0;
  for (let group = 0; group < 2; group++) {
    for (const list of [named?.[group], anything[group]] as (number[] | undefined)[]) {
      if (!list) continue;
      for (let x = 0; x < list.length; x++) {
        const w: number = list[x];
        for (let k: number = start[w]; k < start[w + 1]; k++) {
          const t = targets[k];
          if (approved[k] || writtenBy[t] !== -1) continue;
          writtenBy[t] = w;
          queue[tail++] = t;
        }
      }
    }
    q = tail = spread(graph, writtenBy, q, tail);
  }
  graph.walks.set(variable, writtenBy);
  return writtenBy;
}

/**
 * Who uses what after an approval: by variable, the sensitive steps after an approval that use it (in
 * slot order); and the steps that send what they have just written themselves, with the variable, in
 * the order they were found.
 */
interface Users {
  byVariable: Map<string, number[]>;
  self: { slot: number; variable: string }[];
}

/** Users of a graph: read from the flow's uses by slot, for every sensitive step some approval leads to. */
function usersOf(src: CoverageSource, lastApproval: Int32Array): Users {
  const size = src.slotCount;
  const { uses: usesAt, selfWrites: selfWritesAt } = src.usesAt();
  const byVariable = new Map<string, number[]>();
  const self: Users['self'] = [];
  for (let i = 0; i < size; i++) {
    if (!src.sensitive[i] || lastApproval[i] === -1) continue;
    const uses = usesAt[i];
    if (!uses) continue;
    for (const v of uses) {
      const list = byVariable.get(v);
      if (list) list.push(i);
      else byVariable.set(v, [i]);
    }
    // An AI step that acts sends what it has just written itself.
    const own = selfWritesAt[i];
    if (own) for (const v of own) if (uses.has(v)) self.push({ slot: i, variable: v });
  }
  return { byVariable, self };
}

/** Whether two graphs have the same steps after an approval (whichever approval each is after). */
function sameSteps(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if ((a[i] === -1) !== (b[i] === -1)) return false;
  return true;
}

/**
 * A link edit's graph from the previous version's, when the same steps lie after an approval: the same
 * steps write after one (the writers), and a variable's walk holds where none of the changed links'
 * `sources` is reached by it or writes: a breadth-first walk that never reaches a step never reads its
 * links, so it cannot tell the links it had from those it has now. The other walks are left to be made.
 */
function carryWalks(before: StaleGraph, graph: StaleGraph, src: CoverageSource, sources: readonly number[]): void {
  graph.writers = before.writers;
  const writesAt = src.writesAt();
  const seeds = sources.some((s) => writesAt[s] !== undefined && graph.lastApproval[s] !== -1);
  for (const [variable, walk] of before.walks) {
    if (walk === null) graph.walks.set(variable, null);
    else if (!seeds && sources.every((s) => walk[s] === -1)) graph.walks.set(variable, walk);
  }
}

/**
 * `previous`: the coverage of an earlier version with the same sensitive steps, whose flow differs only
 * in what the steps `changed` send, and whose links differ only inside the approvals `approvals` (null:
 * the same links): what the other approvals cover holds here too, and what they do not show unless they
 * cover one of those steps. What the earlier coverage had worked out is handed over, not copied: it is
 * left to work its answers out again if still asked. `sources`: for an edit of links only (the steps,
 * their settings and so the flow's base the same), the slots the changed links leave from.
 */
export function buildApprovalCoverage(
  src: CoverageSource,
  previous?: { coverage: ApprovalCoverage; changed: ReadonlySet<string>; approvals: ReadonlySet<string> | null; sameLinks: boolean; sources: readonly number[] | null },
): ApprovalCoverage {
  const { flow } = src;
  // The graph on the index's slots, with the links an item carries approved content along: every link
  // but an approval's `approved` output. The walks below use typed arrays over it, so each is a tight
  // loop over the document's links.
  // The steps' kinds come from an array by slot and their ids are read only where needed: reading
  // 10,000 step objects costs more than the walks themselves.
  const size = src.slotCount;
  const idOf = (i: number) => src.nodeAt(i)!.id;
  const earlier = previous && CORES.get(previous.coverage);
  // With the same links and writers, the graph, the last approvals and the walks of the previous version
  // hold: only who uses what is read again.
  const graph = earlier && previous.sameLinks && earlier.graph.size === size ? earlier.graph : staleGraph(src);
  const { start, targets, approved, lastApproval } = graph;

  // For each variable a sensitive step after an approval uses: a walk from the steps that write it
  // after an approval, stopped by `approved` outputs. One walk per variable, each linear in links.
  const stale = new Map<string, StaleUse[]>();
  const report = (nodeId: string, use: StaleUse) => {
    const list = stale.get(nodeId);
    if (!list) stale.set(nodeId, [use]);
    else if (!list.some((u) => u.variable === use.variable)) list.push(use);
  };
  // After an edit of links only (`sources`, given only then: the graph above is a new one) that leaves
  // the same steps after an approval, who uses what holds, and so do the walks the changed links play no
  // part in; the approvals each step is after may differ.
  let users: Users;
  if (earlier && previous.sources && sameSteps(earlier.graph.lastApproval, lastApproval)) {
    users = earlier.users;
    carryWalks(earlier.graph, graph, src, previous.sources);
  } else users = usersOf(src, lastApproval);
  for (const { slot, variable } of users.self) report(idOf(slot), { variable, writerId: idOf(slot), approvalId: idOf(lastApproval[slot]) });
  for (const [variable, userIndexes] of users.byVariable) {
    const writtenBy = walkFrom(graph, src, variable);
    if (!writtenBy) continue;
    for (const i of userIndexes) {
      const w = writtenBy[i];
      if (w !== -1) report(idOf(i), { variable, writerId: idOf(w), approvalId: idOf(lastApproval[w]) });
    }
  }
  // A step's list equal to the previous version's is that list itself, so that what was made from it
  // (gate/stale-approval's finding) is known to hold without comparing again.
  if (earlier) {
    for (const [id, list] of stale) {
      const before = earlier.stale.get(id);
      if (before && sameUses(before, list)) stale.set(id, before as StaleUse[]);
    }
  }

  const core: CoverageCore = {
    stale,
    covered: (approvalId) => covered(approvalId),
    defaultShows: (approvalId) => defaultShows(approvalId),
    sentVariables: (id) => flow.sentVariables(id),
    unshown: new Map(),
    coveredCache: new Map(),
    shows: earlier?.shows ?? new WeakMap(),
    graph,
    users,
  };
  if (earlier) {
    // Handed over: with other links, only the approvals a changed link lies in (previous.approvals)
    // cover other steps; an approval's unshown list holds unless it is one of those or covers a step
    // whose sends changed.
    const approvals = previous.approvals;
    core.coveredCache = earlier.coveredCache;
    core.unshown = earlier.unshown;
    earlier.coveredCache = new Map();
    earlier.unshown = new Map();
    if (approvals) {
      for (const id of approvals) {
        core.coveredCache.delete(id);
        core.unshown.delete(id);
      }
    }
    // A local: a callback naming `previous` would keep it (and every coverage before it) with this one.
    const changed = previous.changed;
    if (changed.size) {
      for (const id of core.unshown.keys()) if (core.coveredCache.get(id)?.some((s) => changed.has(s)) ?? true) core.unshown.delete(id);
    }
  }
  const seen = new Uint8Array(size);
  const covered = (approvalId: string): string[] => {
    let list = core.coveredCache.get(approvalId);
    if (list) return list;
    const a = src.slotOf(approvalId);
    const walk = graph.queue;
    let tail = 0;
    if (a >= 0 && a < size && src.kinds[a] === KIND_APPROVAL) {
      for (let k = start[a]; k < start[a + 1]; k++) {
        const t = targets[k];
        if (!approved[k] || seen[t]) continue;
        seen[t] = 1;
        walk[tail++] = t;
      }
    }
    for (let q = 0; q < tail; q++) {
      const i = walk[q];
      for (let k = start[i]; k < start[i + 1]; k++) {
        const t = targets[k];
        if (approved[k] || seen[t]) continue;
        seen[t] = 1;
        walk[tail++] = t;
      }
    }
    // The sensitive steps reached, gathered at the front of the work list (no list of their own).
    let n = 0;
    for (let q = 0; q < tail; q++) {
      const i = walk[q];
      seen[i] = 0;
      if (src.sensitive[i] === 1) walk[n++] = i;
    }
    // Document order (indices are in it), from the walk itself: a region is small, the document may not be.
    if (n > 16) walk.subarray(0, n).sort();
    else {
      // A few steps (the usual): sorted in place by insertion.
      for (let p = 1; p < n; p++) {
        const x = walk[p];
        let q = p - 1;
        for (; q >= 0 && walk[q] > x; q--) walk[q + 1] = walk[q];
        walk[q + 1] = x;
      }
    }
    list = new Array<string>(n);
    for (let k = 0; k < n; k++) list[k] = idOf(walk[k]);
    core.coveredCache.set(approvalId, list);
    return list;
  };

  const defaultShows = (approvalId: string): string[] => {
    const out = new Set<string>();
    for (const id of covered(approvalId)) for (const v of flow.sentVariables(id)) if (isContentVariable(v)) out.add(v);
    return [...out];
  };

  return facade(core, src);
}

/** What a coverage knows from the graph and the variable flow alone. */
interface CoverageCore {
  stale: ReadonlyMap<string, readonly StaleUse[]>;
  covered(approvalId: string): readonly string[];
  defaultShows(approvalId: string): string[];
  sentVariables(nodeId: string): readonly string[];
  /** unshown() by approval, with the `shows` list it was computed for (an edit may change only that). Handed to the next version's core. */
  unshown: Map<string, { shows: readonly string[]; result: readonly { variable: string; stepIds: readonly string[] }[] }>;
  /** covered() by approval, as far as asked. Handed to the next version's core, or shared with a version of the same links and flow (rebindCoverage). */
  coveredCache: Map<string, string[]>;
  /** explicitShows() by approval config object (a document's objects are not changed in place: an edit makes new ones). */
  shows: WeakMap<Record<string, unknown>, string[] | null>;
  graph: StaleGraph;
  /** Who used what when this version was built (a link edit's next version may keep it). */
  users: Users;
}

const CORES = attached<ApprovalCoverage, CoverageCore>('coverage core');

const NOTHING_UNSHOWN: readonly { variable: string; stepIds: readonly string[] }[] = [];

function sameUses(a: readonly StaleUse[], b: readonly StaleUse[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].variable !== b[i].variable || a[i].writerId !== b[i].writerId || a[i].approvalId !== b[i].approvalId) return false;
  return true;
}

function entryOf<T extends { variable: string }>(list: readonly T[], variable: string): T | undefined {
  for (let k = 0; k < list.length; k++) if (list[k].variable === variable) return list[k];
  return undefined;
}

/** The coverage's answers, reading each approval's own `shows` from the document `src` describes. */
function facade(core: CoverageCore, src: Pick<CoverageSource, 'nodeById' | 'configOf'>): ApprovalCoverage {
  const own = (approvalId: string) => {
    const node = src.nodeById.get(approvalId);
    if (!node) return null;
    const config = src.configOf(node);
    let shows = core.shows.get(config);
    if (shows === undefined) {
      shows = explicitShows(config);
      core.shows.set(config, shows);
    }
    return shows;
  };
  const coverage: ApprovalCoverage = {
    stale: core.stale,
    covered: (id) => core.covered(id),
    defaultShows: (id) => core.defaultShows(id),
    shows: (id) => own(id)?.slice() ?? core.defaultShows(id), // a copy: the kept list is the coverage's own
    unshown(approvalId) {
      const shows = own(approvalId);
      if (shows === null) return NOTHING_UNSHOWN; // the default shows everything the covered steps send
      const known = core.unshown.get(approvalId);
      if (known && sameItems(known.shows, shows)) return known.result;
      // A short list (the usual) is searched; a long one gets a set.
      const shown = shows.length > 16 ? new Set(shows) : null;
      // The answer's entries in the order their variables are first met, found by a search while few
      // (the usual: a handful of variables), by a map past that.
      let found: { variable: string; stepIds: string[] }[] | undefined;
      let byVariable: Map<string, { variable: string; stepIds: string[] }> | undefined;
      for (const id of core.covered(approvalId)) {
        for (const v of core.sentVariables(id)) {
          if ((shown ? shown.has(v) : shows.includes(v)) || !isContentVariable(v)) continue;
          let entry = byVariable ? byVariable.get(v) : found && entryOf(found, v);
          if (entry) {
            entry.stepIds.push(id);
            continue;
          }
          entry = { variable: v, stepIds: [id] };
          if (!found) found = [entry];
          else found.push(entry);
          if (byVariable) byVariable.set(v, entry);
          else if (found.length > 16) byVariable = new Map(found.map((e) => [e.variable, e]));
        }
      }
      // Most approvals show everything: they share one empty answer.
      const result = found ?? NOTHING_UNSHOWN;
      core.unshown.set(approvalId, { shows, result });
      return result;
    },
  };
  CORES.set(coverage, core);
  return coverage;
}

/**
 * The coverage of an earlier version, for a version whose links and variable flow are the same
 * (workflow-index.ts decides): only the approvals' own `shows` lists are read again, from `src`.
 */
export function rebindCoverage(coverage: ApprovalCoverage, src: Pick<CoverageSource, 'nodeById' | 'configOf'>): ApprovalCoverage {
  return facade(CORES.get(coverage)!, src);
}

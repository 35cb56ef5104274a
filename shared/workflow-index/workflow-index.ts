// The workflow index: what analysis, readiness, the report, the quick fixes and the simulator's
// compiler need to know about a workflow, built once per document so that each of them is a single
// pass over it — the graph (steps, links, reachability, paths without approval, loops), the
// requirements (what each step needs from which connection, resolved by the connector lookup's one
// resolver), the data flow (which sensitive data can reach a step; who writes each variable and what
// each sensitive step sends; what each approval covers and shows) and the wording (how to name a step
// or a connection). The document may be anything a caller managed to cast to Workflow (a half-typed
// edit, a fuzzed file): nothing here assumes a field exists or has its schema's type.
//
// Inside, steps are slots (positions.ts) and links lists by slot (links.ts), so a 10,000-step
// workflow is indexed without a Map per question. Given the index of the previous version of the
// document (`previous`), an edit is indexed from what it changed: edits return new objects only for
// what they change, so the steps and links that are the same objects keep what was derived from them.
// What a version works out lazily (the resolved sends, what each approval covers and does not show)
// is handed to the next version rather than copied; the earlier one, if asked again, works it out anew.
// indexChanges() says what differed, for the incremental analysis (analysis/incremental.ts).
import { actionResolver, connectionName, connectorOfConnection, type ActionResolver } from '../connectors/lookup';
import type { ConnectorDefinition, DataCategory } from '../connectors/types';
import { asArray, isObject } from '../model/read';
import type { Connection, Workflow, WorkflowEdge, WorkflowNode } from '../model/schema';
import { sameItems } from '../same-items';
import { buildApprovalCoverage, rebindCoverage, type ApprovalCoverage } from './approval-coverage';
import { attached } from './attached';
import { maskToSet, propagateData, readMask } from './data-flow';
import { buildLinks, LinkLists, reuseLinks, widenLinks, type Links } from './links';
import { at, buildNodeTable, BySlot, KIND_APPROVAL, KIND_INTAKE, kindCode, MapView, NodesById, reuseNodeTable, SlotSet, type NodeTable } from './positions';
import { hasSensitiveAction, requirementsOf as stepRequirements, type Requirement } from './requirements';
import { computeReach, cyclicComponents, grown, loopMembership, resizeReach, type Reach } from './walks';
import { buildFlowBase, flowView, linkedSendsBySlot, removeFromFlowBase, reviseFlowBase, usesBySlot, type FlowBase, type StepChange, type VariableFlow } from './variable-flow';
import { stepLabel } from './wording';

export interface WorkflowIndex {
  wf: Workflow;
  /** Nodes that have a string id, in document order (a fuzzed document may have others). */
  nodes: WorkflowNode[];
  nodeById: ReadonlyMap<string, WorkflowNode>;
  /** No id repeats: every step of `nodes` is the first with its id (isFirstOfId need not look it up). */
  uniqueIds: boolean;
  connections: Connection[];
  connectionById: Map<string, Connection>;
  intakes: WorkflowNode[];
  /** The steps of one kind, in document order (the first step of each id only). */
  ofKind(kind: WorkflowNode['kind']): readonly WorkflowNode[];
  /** Edges whose two ends are nodes of the document. */
  edges: WorkflowEdge[];
  outgoing(nodeId: string): readonly WorkflowEdge[];
  incoming(nodeId: string): readonly WorkflowEdge[];
  /** Edges leaving a node through one output handle, in document order. */
  outgoingBy(nodeId: string, handle: string): readonly WorkflowEdge[];
  /** How many links leave a node (through `handle` when given): the length of outgoing() or outgoingBy(), without making a list. */
  outgoingCount(nodeId: string, handle?: string): number;
  /** Resolves a step's reference (connection id, action scope); see actionResolver(). */
  resolve: ActionResolver;
  /** The actions each step needs, by node id (steps that need none are absent), in document order. */
  requirements: ReadonlyMap<string, Requirement[]>;
  /** Every requirement, in document order (one list, made when first asked). */
  allRequirements(): Requirement[];
  /** The scopes steps name on each connection, by connection id, resolved or not, in order of first use. */
  scopesUsed(): Map<string, Set<string>>;
  /** Nodes some intake reaches along edges. */
  reachable: ReadonlySet<string>;
  /**
   * Nodes some intake reaches on a path that does not leave an approval through `approved`,
   * mapped to one such intake (the first found, breadth first).
   */
  ungated: ReadonlyMap<string, string>;
  /** Sensitive data categories that can flow into a node from reads before it (not its own). Lazy. */
  dataInto(nodeId: string): ReadonlySet<DataCategory>;
  /**
   * The groups of steps that lie on a loop (strongly connected components with a cycle), as ids, in
   * document order of their first steps, each in document order. Lazy.
   */
  cycles(): readonly (readonly string[])[];
  /** Who writes each variable, and what each sensitive step uses and sends (variable-flow.ts). Lazy. */
  variables(): VariableFlow;
  /** What each approval covers and shows, and the sensitive steps reached with content changed since (approval-coverage.ts). Lazy. */
  coverage(): ApprovalCoverage;
  /** The node's config as an object (empty when missing), for readers that read fields defensively. */
  configOf(node: WorkflowNode): Record<string, unknown>;
  /** The connector a connection uses (built-in or custom), or undefined when Flowgate does not know it. */
  connectorOf(connection: Connection): ConnectorDefinition | undefined;
  label(node: WorkflowNode | undefined): string;
  connectionName(connection: Connection | undefined): string;
}

/**
 * What differs between an index and the one it was built from (`previous`), by slot: a step keeps its
 * slot from one version to the next, slots are in document order, deleted steps leave holes and added
 * ones take new slots at the end (positions.ts). See indexSlots().
 */
export interface IndexChanges {
  /** Steps whose object changed, and steps added. */
  changed: readonly number[];
  /** Steps deleted. */
  removed: readonly number[];
  /** Steps whose outgoing (incoming) links changed. */
  outChanged: readonly number[];
  inChanged: readonly number[];
  /**
   * Steps whose reachability, or whose intake reaching them without approval, changed — or whose
   * intake itself changed. 'all' when the set of intakes changed.
   */
  reach: readonly number[] | 'all';
  /** Steps whose incoming data categories changed; 'all' when the previous index never computed them. */
  dataFlow(): readonly number[] | 'all';
  /** Whether the loops (cycles()), a step on one of them or a link of such a step may differ. */
  cycles(): boolean;
  /**
   * Approvals whose answers from the coverage (what they cover, show and do not show, and the steps
   * those answers name, labels included) may differ; 'all' when the coverage was not carried over.
   */
  coverage(): readonly number[] | 'all';
}

const EMPTY: readonly WorkflowEdge[] = Object.freeze([]);
const NO_CONFIG: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
/** Above this many changed steps or links (or holes left by deleted steps), building afresh costs less. */
const REUSE_LIMIT_SHARE = 8;

interface Connectors {
  connections: Connection[];
  connectionById: Map<string, Connection>;
  connectorOf: (connection: Connection) => ConnectorDefinition | undefined;
  resolve: ActionResolver;
}

interface Internals {
  wf: Workflow;
  table: NodeTable;
  /** Each step's kind by slot (kindCode; 0 where no step, or not the first with its id): walks test kinds without reading the steps. */
  kinds: Uint8Array;
  links: Links;
  /** Each step's outgoing and incoming links as lists, made when asked; kept for the steps a link edit did not touch. */
  lists: { out: LinkLists; in: LinkLists };
  conn: Connectors;
  /** Requirements by slot (of the first step of each id only). */
  reqs: (Requirement[] | undefined)[];
  /** Data categories each step's own reads bring in, by slot. */
  own: Uint8Array;
  /** By slot: 1 for the steps with at least one sensitive, resolved action (what the coverage covers). */
  sensitive: Uint8Array;
  /** Slots of the intakes, in document order. */
  intakes: number[];
  reach: Reach;
  data: Uint8Array | null;
  /** The loops by slot (cyclicComponents) and which loop each step is on (built when needed); shared by versions with the same loops. */
  loops: { list: number[][]; of: Int32Array | null } | null;
  scopes: Map<string, Set<string>> | null;
  /** The variable flow and the approval coverage once built; kept by the next version when its edit leaves them as they were (flowKept). */
  flowBase: FlowBase | null;
  /** With the same links and sensitive steps as the previous version, the steps whose sends the base revised: what was resolved for the others is carried over. */
  carry: { flow: VariableFlow | null; coverage: ApprovalCoverage | null; changed: Set<string>; approvals: Set<string> | null; sameLinks: boolean; sources: number[] | null } | null;
  flow: VariableFlow | null;
  coverage: ApprovalCoverage | null;
  changes: IndexChanges | null;
}

const INTERNALS = attached<WorkflowIndex, Internals>('workflow-index internals');

function buildConnectors(wf: Workflow): Connectors {
  const connections = asArray<Connection>(wf?.connections).filter((c) => isObject(c) && typeof c.id === 'string');
  const connectionById = new Map<string, Connection>();
  for (const c of connections) if (!connectionById.has(c.id)) connectionById.set(c.id, c);
  const known = new Map<Connection, ConnectorDefinition | undefined>();
  const connectorOf = (connection: Connection): ConnectorDefinition | undefined => {
    if (!known.has(connection)) known.set(connection, connectorOfConnection(wf, connection));
    return known.get(connection);
  };
  return { connections, connectionById, connectorOf, resolve: actionResolver((id) => connectionById.get(id), connectorOf) };
}

const configOf = (node: WorkflowNode): Record<string, unknown> => (isObject(node.config) ? node.config : NO_CONFIG);

function requirementsOf(node: WorkflowNode, resolve: ActionResolver): Requirement[] | undefined {
  return stepRequirements(node, configOf(node), resolve);
}

/** The step in slot i if it is the first step with its id (every step, in a document without repeated ids). */
function firstAt(table: NodeTable, i: number): WorkflowNode | undefined {
  const node = table.slots[i];
  return node && (table.clean || at(table, node.id) === i) ? node : undefined;
}

function intakeSlots(kinds: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < kinds.length; i++) if (kinds[i] === KIND_INTAKE) out.push(i);
  return out;
}

/** The same (connection, scope) names in the same order: the scopes used cannot differ. */
function sameRefs(a: readonly Requirement[] | undefined, b: readonly Requirement[] | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].connectionId !== b[i].connectionId || a[i].scope !== b[i].scope) return false;
  return true;
}

/**
 * A step with no part in the variable flow: it writes nothing, reads nothing for a sensitive call and is
 * no approval (which writes the reviewer's note). Adding or deleting one without links changes neither
 * the flow nor what an approval covers.
 */
function flowNeutral(node: WorkflowNode, reqs: readonly Requirement[] | undefined): boolean {
  return !reqs && node.kind !== 'ai' && node.kind !== 'intake' && node.kind !== 'integration' && node.kind !== 'approval';
}

/**
 * Whether a step's new version is the same to the variable flow and the approval coverage as its old one
 * (the connections being the same): same id and kind, and the same settings — an approval's settings
 * matter only through its `shows`, which the coverage reads from the current document each time.
 */
function sameDataFlow(before: WorkflowNode, after: WorkflowNode, reqsBefore: readonly Requirement[] | undefined, reqsAfter: readonly Requirement[] | undefined): boolean {
  if (before.id !== after.id || before.kind !== after.kind) return false;
  if (before.config === after.config) return true;
  if ((flowNeutral(before, reqsBefore) && flowNeutral(after, reqsAfter)) || (after.kind === 'approval' && !reqsBefore && !reqsAfter)) return true;
  return JSON.stringify(configOf(before)) === JSON.stringify(configOf(after));
}

/** Slots (below `n`) where two reach results differ. */
function reachDifferences(a: Reach, b: Reach, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (a.reached[i] !== b.reached[i] || a.origin[i] !== b.origin[i]) out.push(i);
  return out;
}

/** The steps reachable without approval from one of these intakes (their messages name the intake). */
function reachedFrom(reach: Reach, intakes: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (const i of reach.ungatedOrder) if (intakes.has(reach.origin[i])) out.push(i);
  return out;
}

/**
 * Indexes `wf`. With `previous` (the index of an earlier version of the same document), what the edit
 * left as the same objects is reused; the result is the same either way.
 */
export function buildWorkflowIndex(wf: Workflow, previous?: WorkflowIndex): WorkflowIndex {
  const prev = previous ? INTERNALS.get(previous) : undefined;
  const internals = prev ? rebuild(prev, wf) ?? fresh(wf) : fresh(wf);
  return present(internals);
}

/** How `index` differs from the `previous` it was built from, or null when it was built afresh. */
export function indexChanges(index: WorkflowIndex): IndexChanges | null {
  return INTERNALS.get(index)?.changes ?? null;
}

/**
 * For a walk over `index.nodes` in order: tells the index which step comes next (by its position in
 * `nodes`), so that the first question about it takes no lookup by id. Null when positions in `nodes`
 * are not slots (a document with repeated ids or invalid steps, or an index built from another).
 */
export function stepCursor(index: WorkflowIndex): ((position: number) => void) | null {
  const table = INTERNALS.get(index)?.table;
  if (!table || !table.clean || table.slots !== table.nodes) return null;
  return (i) => {
    table.lastId = table.nodes[i].id;
    table.lastSlot = i;
  };
}

/** The steps by slot (see IndexChanges), and the slot of a step id (-1 when absent): for the incremental analysis. */
export function indexSlots(index: WorkflowIndex): { slots: readonly (WorkflowNode | undefined)[]; slotOf(id: string): number } {
  const table = INTERNALS.get(index)!.table;
  return { slots: table.slots, slotOf: (id) => at(table, id) };
}

function fresh(wf: Workflow): Internals {
  const table = buildNodeTable(wf?.nodes);
  const conn = buildConnectors(wf);
  const links = buildLinks(wf?.edges, table);
  const n = table.slots.length;
  const reqs = new Array<Requirement[] | undefined>(n);
  const own = new Uint8Array(n);
  const sensitive = new Uint8Array(n);
  const kinds = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const node = firstAt(table, i);
    if (!node) continue;
    kinds[i] = kindCode(node.kind);
    reqs[i] = requirementsOf(node, conn.resolve);
    own[i] = readMask(reqs[i]);
    sensitive[i] = +hasSensitiveAction(reqs[i]);
  }
  const intakes = intakeSlots(kinds);
  return { wf, table, kinds, links, lists: { out: new LinkLists(links.out), in: new LinkLists(links.in) }, conn, reqs, own, sensitive, intakes, reach: computeReach(kinds, intakes, links), data: null, loops: null, scopes: null, flowBase: null, carry: null, flow: null, coverage: null, changes: null };
}

/** The index of `wf` from the previous version's, or null when too much differs to reuse it. */
function rebuild(prev: Internals, wf: Workflow): Internals | null {
  // Other connections or connectors: every requirement may resolve differently.
  if (wf?.connections !== prev.wf.connections || wf?.connectors !== prev.wf.connectors) return null;
  const limit = Math.max(16, (prev.table.nodes.length / REUSE_LIMIT_SHARE) | 0);
  const previousSlots = prev.table.slots.length;
  const nodeChanges = wf?.nodes === prev.wf.nodes ? { table: prev.table, changed: [] as number[], removed: [] as number[], previousSlots } : reuseNodeTable(prev.table, wf?.nodes, limit);
  if (!nodeChanges) return null;
  const { table, changed, removed: deleted } = nodeChanges;
  const n = table.slots.length;

  let links = prev.links;
  let removed: [number, number][] = [];
  let added: [number, number][] = [];
  if (wf?.edges !== prev.wf.edges || deleted.length) {
    const linkChanges = reuseLinks(prev.links, wf?.edges, table, deleted, limit);
    if (!linkChanges) return null;
    ({ links, removed, added } = linkChanges);
  } else if (n !== previousSlots) {
    links = widenLinks(prev.links, n);
  }
  const linksChanged = removed.length > 0 || added.length > 0;

  const conn = prev.conn;
  const reqs = prev.reqs.slice(0, n);
  reqs.length = n;
  const own = new Uint8Array(n);
  own.set(prev.own);
  const sensitive = new Uint8Array(n);
  sensitive.set(prev.sensitive);
  const kinds = new Uint8Array(n);
  kinds.set(prev.kinds.subarray(0, n));
  let scopesKept = true;
  let kindsChanged = false;
  let intakesChanged = false;
  const changedIntakes = new Set<number>();
  for (const i of changed) {
    const node = table.slots[i]!;
    const before = i < previousSlots ? prev.table.slots[i] : undefined;
    reqs[i] = requirementsOf(node, conn.resolve);
    own[i] = readMask(reqs[i]);
    sensitive[i] = +hasSensitiveAction(reqs[i]);
    kinds[i] = kindCode(node.kind);
    if (!sameRefs(before ? prev.reqs[i] : undefined, reqs[i])) scopesKept = false;
    if (before && before.kind !== node.kind) kindsChanged = true;
    if ((before?.kind === 'intake') !== (node.kind === 'intake')) intakesChanged = true;
    else if (node.kind === 'intake') changedIntakes.add(i);
  }
  for (const i of deleted) {
    if (prev.reqs[i]) scopesKept = false;
    if (prev.table.slots[i]!.kind === 'intake') intakesChanged = true;
    reqs[i] = undefined;
    own[i] = 0;
    sensitive[i] = 0;
    kinds[i] = 0;
  }

  // What the variable flow knows from the steps alone holds for this version too when every step the edit
  // touched is the same to it (sameDataFlow, flowNeutral): the usual rename, setting, link or step
  // without a part in the flow. With the links as they were, so do the whole flow and the coverage.
  // Steps changed in what they send but not in what they write revise the base (reviseFlowBase).
  const baseKept = prev.flowBase !== null;
  let revised: StepChange[] | null = [];
  for (let k = 0; revised && k < changed.length; k++) {
    const i = changed[k];
    const node = table.slots[i]!;
    const before = i < previousSlots ? prev.table.slots[i] : undefined;
    if (before ? sameDataFlow(before, node, prev.reqs[i], reqs[i]) : flowNeutral(node, reqs[i])) continue;
    if (before && table.clean && prev.table.clean) revised.push({ before, after: node, reqsBefore: prev.reqs[i], reqsAfter: reqs[i] });
    else revised = null;
  }
  // Deleted steps with a part in the flow are taken out of it, unless others' sends change with them.
  const deletedSteps = deleted.map((i) => prev.table.slots[i]!);
  const outOfFlow = deletedSteps.filter((node, k) => !flowNeutral(node, prev.reqs[deleted[k]]));
  let flowBase = baseKept ? prev.flowBase : null;
  if (flowBase && outOfFlow.length) flowBase = table.clean && prev.table.clean ? removeFromFlowBase(flowBase, outOfFlow, (id) => at(prev.table, id)) : null;
  // What a view or coverage resolved for a deleted step goes with it.
  const gone = deletedSteps.map((node) => node.id);
  if (flowBase && revised === null) flowBase = null;
  else if (flowBase && revised!.length) flowBase = reviseFlowBase(flowBase, revised!, configOf, (id) => at(table, id), n);
  const flowKept = flowBase !== null && flowBase === prev.flowBase && !linksChanged;
  let carry: Internals['carry'] = null;
  // What the coverage's answers may differ for (IndexChanges.coverage): the approvals above these steps,
  // and these approvals; null: any approval.
  let coverageFrom: { steps: readonly number[]; approvals: ReadonlySet<string> | null } | null = flowKept ? { steps: changed, approvals: null } : null;
  if (!flowKept && flowBase !== null && revised!.every((c) => hasSensitiveAction(c.reqsBefore) === hasSensitiveAction(c.reqsAfter))) {
    if (!linksChanged) {
      carry = { flow: prev.flow, coverage: prev.coverage, changed: new Set([...revised!.map((c) => c.after.id), ...gone]), approvals: null, sameLinks: true, sources: null };
      coverageFrom = { steps: changed, approvals: null };
    }
    else if (!revised!.length && table.clean && prev.table.clean) {
      // A link edit: the drafts that lead to a step change only after the links' targets (and only for
      // steps whose sends read them), and what an approval covers only when a link's source lies in it.
      // Each link is walked from in the version that has it: a path through it exists there only.
      const linked = linkedSendsBySlot(flowBase, (id) => at(table, id), n);
      const sides = [
        { links: prev.links, table: prev.table, kinds: prev.kinds, pairs: removed },
        { links, table, kinds, pairs: added },
      ];
      const changedIds = new Set<string>(gone);
      const approvalIds = new Set<string>();
      for (const { links: l, table: version, kinds: k, pairs } of sides) {
        if (!pairs.length) continue;
        const sl = version.slots;
        const after = new Uint8Array(sl.length);
        const stack = pairs.map((p) => p[1]).filter((t) => t < sl.length && sl[t]);
        for (const t of stack) after[t] = 1;
        while (stack.length) {
          const i = stack.pop()!;
          if (linked[i]) changedIds.add(sl[i]!.id);
          for (let r = l.out.start[i]; r < l.out.start[i + 1]; r++) {
            const t = l.out.ends[r];
            if (after[t]) continue;
            after[t] = 1;
            stack.push(t);
          }
        }
        for (const id of approvalsAbove(l, version, k, pairs.map((p) => p[0]))) approvalIds.add(id);
      }
      // Links alone changed (no step added, deleted or edited): the coverage may keep what the links
      // leaving these steps play no part in.
      const sources = changed.length || deleted.length ? null : [...removed, ...added].map((p) => p[0]);
      carry = { flow: prev.flow, coverage: prev.coverage, changed: changedIds, approvals: approvalIds, sameLinks: false, sources };
      coverageFrom = { steps: [...changed, ...[...changedIds].map((id) => at(table, id))], approvals: approvalIds };
    }
  } else if (!flowKept && flowBase !== null && !linksChanged && table.clean && prev.table.clean) {
    // A step that becomes sensitive or stops being so, the links the same: only the approvals whose
    // region holds it cover other steps; the walks over the links stay.
    const turned = revised!.filter((c) => hasSensitiveAction(c.reqsBefore) !== hasSensitiveAction(c.reqsAfter)).map((c) => at(table, c.after.id));
    carry = { flow: prev.flow, coverage: prev.coverage, changed: new Set([...revised!.map((c) => c.after.id), ...gone]), approvals: approvalsAbove(links, table, kinds, turned), sameLinks: true, sources: null };
    coverageFrom = { steps: changed, approvals: carry.approvals };
  }

  const intakes = intakesChanged ? intakeSlots(kinds) : prev.intakes;
  if (intakesChanged && sameItems(intakes, prev.intakes)) intakesChanged = false;
  // Steps added or deleted without links, none an intake, leave every walk as it was.
  const walksStale = linksChanged || kindsChanged || intakesChanged;
  const reach = walksStale ? computeReach(kinds, intakes, links) : resizeReach(prev.reach, n);
  let reachChanged: number[] | 'all';
  if (intakesChanged) reachChanged = 'all';
  else {
    const differ = walksStale ? reachDifferences(prev.reach, reach, previousSlots) : [];
    reachChanged = changedIntakes.size ? [...new Set([...differ, ...reachedFrom(reach, changedIntakes)])] : differ;
  }

  // Without a link change, steps added or deleted have no links: their own reads reach no one.
  const ownChanged = changed.some((i) => i < previousSlots && own[i] !== prev.own[i]);
  const touched = (end: 0 | 1) => [...removed, ...added].map((p) => p[end]).filter((i) => i < n);
  const next: Internals = {
    wf,
    table,
    kinds,
    links,
    lists: linksChanged
      ? { out: new LinkLists(links.out, { lists: prev.lists.out, stale: touched(0) }), in: new LinkLists(links.in, { lists: prev.lists.in, stale: touched(1) }) }
      : prev.lists,
    conn,
    reqs,
    own,
    sensitive,
    intakes,
    reach,
    data: !linksChanged && !ownChanged && prev.data ? grown(prev.data, n, 0) : null,
    loops: prev.loops && loopsKept(prev, removed, added, table, links) ? prev.loops : null,
    scopes: scopesKept ? prev.scopes : null,
    flowBase,
    carry,
    flow: flowKept ? prev.flow : null,
    coverage: flowKept ? prev.coverage : null,
    changes: null,
  };
  const ends = (end: 0 | 1) => [...new Set([...removed, ...added].map((p) => p[end]).filter((i) => table.slots[i] !== undefined))];
  next.changes = {
    changed,
    removed: deleted,
    outChanged: ends(0),
    inChanged: ends(1),
    reach: reachChanged,
    dataFlow() {
      const before = prev.data;
      const after = dataOf(next);
      if (!before) return 'all';
      if (before === after) return [];
      const out: number[] = [];
      // The masks first (typed, side by side), the step only where they differ.
      const common = Math.min(n, before.length);
      for (let i = 0; i < common; i++) if (before[i] !== after[i] && table.slots[i]) out.push(i);
      for (let i = common; i < n; i++) if (table.slots[i]) out.push(i);
      return out;
    },
    cycles() {
      if (!next.loops) return true;
      const of = loopOf(next);
      const onLoop = (i: number) => i < of.length && of[i] >= 0;
      return changed.some(onLoop) || removed.some(([a, b]) => onLoop(a) || onLoop(b)) || added.some(([a, b]) => onLoop(a) || onLoop(b));
    },
    coverage() {
      if (!coverageFrom || !table.clean) return 'all';
      const out = new Set<number>();
      for (const id of approvalsAbove(links, table, kinds, coverageFrom.steps.filter((i) => table.slots[i] !== undefined))) out.add(at(table, id));
      if (coverageFrom.approvals) for (const id of coverageFrom.approvals) out.add(at(table, id));
      out.delete(-1);
      return [...out];
    },
  };
  // The closures above keep `prev` (they share this scope with those that read it), and prev's own
  // changes and carry keep the version before it, and so on: typing makes a version at every key, and
  // each would stay. Cut there: prev answers the same without them (a coverage not yet built is built
  // afresh; indexChanges(prev) says it was built afresh).
  prev.changes = null;
  prev.carry = null;
  return next;
}

/**
 * The approvals whose region (the steps after their `approved` output, before another approval's) may
 * hold one of the steps `from`: a walk back from them that stops at `approved` outputs. It may name more
 * approvals than those (an approval it passes otherwise), never fewer.
 */
function approvalsAbove(links: Links, table: NodeTable, kinds: Uint8Array, from: readonly number[]): Set<string> {
  const out = new Set<string>();
  const inside = new Uint8Array(kinds.length);
  const stack = from.filter((i) => i >= 0);
  for (const i of stack) inside[i] = 1;
  const { start, ends, link, edges } = links.in;
  while (stack.length) {
    const i = stack.pop()!;
    if (kinds[i] === KIND_APPROVAL) out.add(table.slots[i]!.id);
    for (let j = start[i]; j < start[i + 1]; j++) {
      const source = ends[j];
      if (kinds[source] === KIND_APPROVAL && edges[link[j]].sourceHandle === 'approved') {
        out.add(table.slots[source]!.id);
        continue;
      }
      if (inside[source]) continue;
      inside[source] = 1;
      stack.push(source);
    }
  }
  return out;
}

/**
 * Whether the loops stay the same groups: a link added inside one loop, or removed from outside every
 * loop (or between two), changes no strongly connected component, and neither does a link added from
 * s to t when t cannot reach s (no new loop runs through it), nor steps added or deleted without links.
 * Any other change: computed again.
 */
function loopsKept(prev: Internals, removed: [number, number][], added: [number, number][], table: NodeTable, links: Links): boolean {
  if (!prev.loops!.list.every((c) => c.every((i) => table.slots[i] !== undefined))) return false;
  if (!removed.length && !added.length) return true;
  const of = loopOf(prev);
  const inside = ([s, t]: [number, number]) => s < of.length && t < of.length && of[s] >= 0 && of[s] === of[t];
  if (removed.some(inside)) return false;
  const across = added.filter((p) => !inside(p));
  if (!across.length) return true;
  // One walk from the added links' targets over the new links: a loop through an added link s → t is a path from t back to s.
  const sources = new Uint8Array(table.slots.length);
  for (const [s] of across) sources[s] = 1;
  const seen = new Uint8Array(table.slots.length);
  const stack: number[] = [];
  for (const [, t] of across) {
    if (seen[t]) continue;
    seen[t] = 1;
    stack.push(t);
  }
  const { start, ends } = links.out;
  while (stack.length) {
    const i = stack.pop()!;
    if (sources[i]) return false;
    for (let r = start[i]; r < start[i + 1]; r++) {
      const t = ends[r];
      if (seen[t]) continue;
      seen[t] = 1;
      stack.push(t);
    }
  }
  return true;
}

function loopOf(x: Internals): Int32Array {
  const loops = x.loops!;
  loops.of ??= loopMembership(loops.list, x.table.slots.length);
  return loops.of;
}

function dataOf(x: Internals): Uint8Array {
  x.data ??= propagateData(x.own, x.links);
  return x.data;
}

function cyclesOf(x: Internals): number[][] {
  if (!x.loops) {
    const { table } = x;
    // The slots that hold a step, in a typed array: a list pushed to ten thousand times grows by copies.
    const all = new Int32Array(table.slots.length);
    let count = 0;
    for (let i = 0; i < table.slots.length; i++) if (firstAt(table, i)) all[count++] = i;
    const roots = all.subarray(0, count);
    x.loops = { list: cyclicComponents(table.slots.length, roots, x.links), of: null };
  }
  return x.loops.list;
}

function scopesOf(x: Internals): Map<string, Set<string>> {
  if (!x.scopes) {
    const scopes = new Map<string, Set<string>>();
    // Index loops: this runs once an analysis, often before the iterators would be optimised away.
    for (let i = 0; i < x.reqs.length; i++) {
      const list = x.reqs[i];
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const r = list[k];
        const set = scopes.get(r.connectionId);
        if (set) set.add(r.scope);
        else scopes.set(r.connectionId, new Set([r.scope]));
      }
    }
    x.scopes = scopes;
  }
  return x.scopes;
}

/** The public face of the internals: the views and lazy parts every consumer reads. */
function present(x: Internals): WorkflowIndex {
  const { table, links, lists, conn, reqs, reach } = x;
  const { slots } = table;
  const slotOf = (id: string) => at(table, id);
  const outgoing = (id: string) => {
    const i = slotOf(id);
    return (i < 0 ? undefined : lists.out.get(i)) ?? EMPTY;
  };
  let allRequirements: Requirement[] | undefined;
  const byKind = new Map<number, WorkflowNode[]>();
  let approvalCoverage: ApprovalCoverage | undefined;
  const index: WorkflowIndex = {
    wf: x.wf,
    nodes: table.nodes,
    nodeById: new NodesById(table),
    uniqueIds: table.count === table.nodes.length,
    connections: conn.connections,
    connectionById: conn.connectionById,
    intakes: x.intakes.map((i) => slots[i]!),
    ofKind: (kind) => {
      const code = kindCode(kind);
      let list = byKind.get(code);
      if (!list) {
        list = [];
        for (let i = 0; i < x.kinds.length; i++) if (x.kinds[i] === code && slots[i]!.kind === kind) list.push(slots[i]!);
        byKind.set(code, list);
      }
      return list;
    },
    edges: links.edges,
    outgoing,
    incoming: (id) => {
      const i = slotOf(id);
      return (i < 0 ? undefined : lists.in.get(i)) ?? EMPTY;
    },
    outgoingBy: (id, handle) => {
      const all = outgoing(id);
      let only: WorkflowEdge[] | undefined;
      for (const e of all) if (e.sourceHandle === handle) (only ??= []).push(e);
      return only ?? EMPTY;
    },
    outgoingCount: (id, handle) => {
      const i = slotOf(id);
      const { start, link, edges } = links.out;
      if (i < 0 || i + 1 >= start.length) return 0;
      if (handle === undefined) return start[i + 1] - start[i];
      let count = 0;
      for (let r = start[i]; r < start[i + 1]; r++) if (edges[link[r]].sourceHandle === handle) count++;
      return count;
    },
    resolve: conn.resolve,
    requirements: new BySlot(table, (i) => reqs[i]),
    // Methods, not getters: V8 makes an object literal with a getter in dictionary mode (every property
    // the rules read a hash lookup), and such indexes were kept through young collections, each copying
    // them again until the next full one (docs/PERFORMANCE.md, "Young collections copied…").
    allRequirements: () => {
      if (!allRequirements) {
        allRequirements = [];
        for (const list of reqs) if (list) for (const r of list) allRequirements.push(r);
      }
      return allRequirements;
    },
    scopesUsed: () => scopesOf(x),
    reachable: new SlotSet(table, (i) => reach.reached[i] === 1, reach.reachedOrder),
    ungated: new UngatedMap(table, reach),
    dataInto: (id) => {
      const i = slotOf(id);
      return maskToSet(i < 0 ? 0 : dataOf(x)[i]);
    },
    cycles: () => cyclesOf(x).map((c) => c.map((i) => slots[i]!.id)),
    variables: () =>
      (x.flow ??= flowView((x.flowBase ??= buildFlowBase({ steps: table.clean ? slots : slots.map((_, i) => firstAt(table, i)), reqs, configOf })), {
        nodes: index.nodes,
        nodeById: index.nodeById,
        requirements: index.requirements,
        incoming: index.incoming,
        configOf,
        slotOf,
        slotCount: slots.length,
        nodeAt: (i) => firstAt(table, i),
        incomingLinks: links.in,
      }, x.carry?.flow ? { view: x.carry.flow, changed: x.carry.changed } : undefined)),
    coverage: () => {
      if (!approvalCoverage) {
        if (x.coverage) approvalCoverage = rebindCoverage(x.coverage, { nodeById: index.nodeById, configOf });
        else {
          approvalCoverage = buildApprovalCoverage({
            nodeById: index.nodeById,
            slotCount: slots.length,
            nodeAt: (i) => firstAt(table, i),
            slotOf,
            out: links.out,
            configOf,
            sensitive: x.sensitive,
            kinds: x.kinds,
            writesAt: () => x.flowBase!.writes,
            usesAt: () => usesBySlot(x.flowBase!, slotOf, slots.length),
            flow: index.variables(),
          }, x.carry?.coverage ? { ...x.carry, coverage: x.carry.coverage } : undefined);
          x.carry = null;
        }
        x.coverage = approvalCoverage;
      }
      return approvalCoverage;
    },
    configOf,
    connectorOf: conn.connectorOf,
    connectionName,
    label: stepLabel,
  };
  INTERNALS.set(index, x);
  return index;
}

/** `ungated` over the reach arrays: step id → id of the intake that reaches it without approval. */
class UngatedMap extends MapView<string> {
  constructor(
    private readonly table: NodeTable,
    private readonly reach: Reach,
  ) {
    super();
  }

  get size(): number {
    return this.reach.ungatedOrder.length;
  }

  get(id: string): string | undefined {
    const i = at(this.table, id);
    const o = i < 0 ? -1 : this.reach.origin[i];
    return o < 0 ? undefined : this.table.slots[o]!.id;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  *entries(): MapIterator<[string, string]> {
    for (const i of this.reach.ungatedOrder) yield [this.table.slots[i]!.id, this.table.slots[this.reach.origin[i]]!.id];
  }
}

// The index every rule shares, built once per analysis so that each rule is a single pass over it.
// The document may be anything a caller managed to cast to Workflow (a half-typed edit, a fuzzed file):
// nothing here assumes a field exists or has its schema's type.
import { findConnector, findConnectorAction, isGranted, type ResolvedAction } from '../connectors/lookup';
import type { ConnectorAction, ConnectorDefinition, DataCategory } from '../connectors/types';
import { requiredActionsOf } from '../kinds/registry';
import type { Connection, Workflow, WorkflowEdge, WorkflowNode } from '../model/schema';
import type { AnalyzeOptions } from './types';

/** Why a step needs an action: an intake's read, an integration's or escalation's action, an AI step's source or tool. */
export type RequirementRole = 'action' | 'source' | 'tool';

export interface Requirement {
  nodeId: string;
  role: RequirementRole;
  connectionId: string;
  /** The action's scope, which is also the name steps use for the action. */
  scope: string;
  resolved: ResolvedAction;
  /** The action does something (not a read) and the step really does it: see isSensitive(). */
  sensitive: boolean;
}

export interface AnalysisContext {
  wf: Workflow;
  options: AnalyzeOptions;
  /** Nodes that have a string id, in document order (a fuzzed document may have others). */
  nodes: WorkflowNode[];
  nodeById: Map<string, WorkflowNode>;
  connections: Connection[];
  connectionById: Map<string, Connection>;
  intakes: WorkflowNode[];
  /** Edges whose two ends are nodes of the document. */
  edges: WorkflowEdge[];
  outgoing(nodeId: string): readonly WorkflowEdge[];
  incoming(nodeId: string): readonly WorkflowEdge[];
  /** Edges leaving a node through one output handle. */
  outgoingBy(nodeId: string, handle: string): readonly WorkflowEdge[];
  /** The actions each step needs, by node id (steps that need none are absent). */
  requirements: Map<string, Requirement[]>;
  /** Every requirement, in document order. */
  allRequirements: Requirement[];
  /** The scopes steps name on each connection, by connection id, resolved or not. */
  scopesUsed: Map<string, Set<string>>;
  /** Nodes some intake reaches along edges. */
  reachable: Set<string>;
  /**
   * Nodes some intake reaches on a path that does not leave an approval through `approved`,
   * mapped to one such intake (the first found, breadth first).
   */
  ungated: Map<string, string>;
  /** Sensitive data categories that can flow into a node from reads before it (not its own). Lazy. */
  dataInto(nodeId: string): Set<DataCategory>;
  /** The node's config as an object (empty when missing), for rules that read fields defensively. */
  configOf(node: WorkflowNode): Record<string, unknown>;
  /** The connector a connection uses (built-in or custom), or undefined when Flowgate does not know it. */
  connectorOf(connection: Connection): ConnectorDefinition | undefined;
  label(node: WorkflowNode | undefined): string;
  connectionName(connection: Connection | undefined): string;
}

const EMPTY: readonly WorkflowEdge[] = Object.freeze([]);

export function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Whether an action a step performs needs a person's approval before it runs: its effect changes
 * something (write, send, delete, trigger, approve) or it is customer-facing. Reads never do — what a
 * read exposes is ai/sensitive-data's concern. AI knowledge sources are reads; an AI tool counts only
 * when the step acts (`act` mode), because in `suggest` mode it only drafts.
 */
export function isSensitive(action: ConnectorAction, role: RequirementRole, aiMode: unknown): boolean {
  if (action.effect === 'read') return false;
  if (role === 'source') return false;
  if (role === 'tool' && aiMode !== 'act') return false;
  // Every effect but read changes something; a customer-facing read is still a read.
  return true;
}

function refsOf(value: unknown): { connection: string; action: string }[] {
  return asArray<unknown>(value)
    .filter(isObject)
    .map((r) => ({ connection: asString(r.connection), action: asString(r.action) }));
}

/** The actions a step needs, with the role each plays; the kind registry says which fields hold them. */
function requiredRefs(node: WorkflowNode, config: Record<string, unknown>): { role: RequirementRole; connection: string; action: string }[] {
  if (node.kind === 'ai') {
    return [
      ...refsOf(config.sources).map((r) => ({ role: 'source' as const, ...r })),
      ...refsOf(config.tools).map((r) => ({ role: 'tool' as const, ...r })),
    ];
  }
  try {
    return requiredActionsOf({ ...node, config } as WorkflowNode).map((r) => ({ role: 'action' as const, connection: asString(r.connection), action: asString(r.action) }));
  } catch {
    return []; // a config of the wrong shape needs nothing the analysis could check
  }
}

export function buildContext(wf: Workflow, options: AnalyzeOptions = {}): AnalysisContext {
  const nodes = asArray<WorkflowNode>(wf?.nodes).filter((n) => isObject(n) && typeof n.id === 'string');
  const nodeById = new Map<string, WorkflowNode>();
  for (const n of nodes) if (!nodeById.has(n.id)) nodeById.set(n.id, n);

  const connections = asArray<Connection>(wf?.connections).filter((c) => isObject(c) && typeof c.id === 'string');
  const connectionById = new Map<string, Connection>();
  for (const c of connections) if (!connectionById.has(c.id)) connectionById.set(c.id, c);

  const edges: WorkflowEdge[] = [];
  const out = new Map<string, WorkflowEdge[]>();
  const inc = new Map<string, WorkflowEdge[]>();
  for (const raw of asArray<WorkflowEdge>(wf?.edges)) {
    if (!isObject(raw) || !nodeById.has(raw.source as string) || !nodeById.has(raw.target as string)) continue;
    const edge = typeof raw.sourceHandle === 'string' ? raw : { ...raw, sourceHandle: 'out' };
    edges.push(edge);
    push(out, edge.source, edge);
    push(inc, edge.target, edge);
  }
  const outByHandle = new Map<string, WorkflowEdge[]>();
  for (const e of edges) push(outByHandle, `${e.source}\u0000${e.sourceHandle}`, e);

  const configs = new Map<WorkflowNode, Record<string, unknown>>();
  const configOf = (node: WorkflowNode): Record<string, unknown> => {
    let c = configs.get(node);
    if (!c) {
      c = isObject(node.config) ? node.config : {};
      configs.set(node, c);
    }
    return c;
  };

  const connectors = new Map<Connection, ConnectorDefinition | undefined>();
  const connectorOf = (connection: Connection): ConnectorDefinition | undefined => {
    if (!connectors.has(connection)) connectors.set(connection, lookupConnector(wf, connection));
    return connectors.get(connection);
  };
  const resolve = resolver(connectionById, connectorOf);
  const requirements = new Map<string, Requirement[]>();
  const allRequirements: Requirement[] = [];
  for (const node of nodeById.values()) {
    const config = configOf(node);
    const list = requiredRefs(node, config).map(({ role, connection, action }): Requirement => {
      const resolved = resolve(connection, action);
      const sensitive = resolved.ok && isSensitive(resolved.action, role, config.mode);
      return { nodeId: node.id, role, connectionId: connection, scope: action, resolved, sensitive };
    });
    if (list.length) {
      requirements.set(node.id, list);
      allRequirements.push(...list);
    }
  }
  const scopesUsed = new Map<string, Set<string>>();
  for (const r of allRequirements) {
    const set = scopesUsed.get(r.connectionId);
    if (set) set.add(r.scope);
    else scopesUsed.set(r.connectionId, new Set([r.scope]));
  }

  const intakes = [...nodeById.values()].filter((n) => n.kind === 'intake');
  const outgoing = (id: string) => out.get(id) ?? EMPTY;
  const reachable = new Set(walk(intakes, outgoing, () => true).keys());
  const ungated = walk(intakes, outgoing, (e) => !leavesApproved(e, nodeById));

  let dataFlow: Map<string, number> | undefined;
  const dataInto = (nodeId: string): Set<DataCategory> => {
    dataFlow ??= propagateData(nodeById, requirements, outgoing);
    return maskToSet(dataFlow.get(nodeId) ?? 0);
  };

  return {
    wf,
    options,
    nodes,
    nodeById,
    connections,
    connectionById,
    intakes,
    edges,
    outgoing,
    incoming: (id) => inc.get(id) ?? EMPTY,
    outgoingBy: (id, handle) => outByHandle.get(`${id}\u0000${handle}`) ?? EMPTY,
    requirements,
    allRequirements,
    scopesUsed,
    reachable,
    ungated,
    dataInto,
    configOf,
    connectorOf,
    connectionName,
    label: (node) => {
      if (!node) return '(missing step)';
      const label = asString(node.label).trim();
      return label || node.id;
    },
  };
}

/** Whether an edge leaves an approval through its `approved` output: past it, an item has been reviewed. */
export function leavesApproved(edge: WorkflowEdge, nodeById: Map<string, WorkflowNode>): boolean {
  return nodeById.get(edge.source)?.kind === 'approval' && edge.sourceHandle === 'approved';
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** An action's label as a phrase ("reply to the customer"), or its scope when it has no label. */
export function actionPhrase(action: ConnectorAction): string {
  const label = asString(action.label).trim();
  return label ? label.charAt(0).toLowerCase() + label.slice(1) : asString(action.scope);
}

export function connectionName(connection: Connection | undefined): string {
  return asString(connection?.label).trim() || asString(connection?.id) || '(missing connection)';
}

function lookupConnector(wf: Workflow, connection: Connection): ConnectorDefinition | undefined {
  try {
    const connector = findConnector(wf, asString(connection.connector));
    return connector && Array.isArray(connector.actions) ? connector : undefined;
  } catch {
    return undefined; // a malformed custom connector is as good as none
  }
}

/**
 * Resolves step references once per distinct (connection, action); never throws. Same outcome as
 * resolveAction() of the connector lookup, but through the maps built here, so it stays linear.
 */
function resolver(
  connectionById: Map<string, Connection>,
  connectorOf: (c: Connection) => ConnectorDefinition | undefined,
): (connection: string, action: string) => ResolvedAction {
  const cache = new Map<string, ResolvedAction>();
  const resolveOne = (connectionId: string, scope: string): ResolvedAction => {
    const connection = connectionById.get(connectionId);
    if (!connection) {
      const message = connectionId ? `There is no connection called "${connectionId}".` : 'No connection is chosen.';
      return { ok: false, problem: 'unknown-connection', message };
    }
    const connector = connectorOf(connection);
    if (!connector) {
      const message = `The connection "${connectionName(connection)}" uses a connector "${asString(connection.connector)}" that Flowgate does not know.`;
      return { ok: false, problem: 'unknown-connector', message };
    }
    const action = findConnectorAction(connector, scope);
    if (!action) {
      const message = scope ? `${connector.label} has no action "${scope}".` : `No action is chosen on "${connectionName(connection)}".`;
      return { ok: false, problem: 'unknown-action', message };
    }
    return { ok: true, connection, connector, action };
  };
  return (connectionId, scope) => {
    const key = `${connectionId}\u0000${scope}`;
    let result = cache.get(key);
    if (!result) {
      result = resolveOne(connectionId, scope);
      cache.set(key, result);
    }
    return result;
  };
}

/**
 * Breadth-first walk from the intakes along the edges `follow` accepts; maps each node reached to the
 * intake it was first reached from. Each node is visited once, so cycles cannot hang it: linear in edges.
 */
function walk(intakes: WorkflowNode[], outgoing: (id: string) => readonly WorkflowEdge[], follow: (e: WorkflowEdge) => boolean): Map<string, string> {
  const origin = new Map<string, string>();
  const queue: string[] = [];
  for (const intake of intakes) {
    if (origin.has(intake.id)) continue;
    origin.set(intake.id, intake.id);
    queue.push(intake.id);
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const e of outgoing(id)) {
      if (origin.has(e.target) || !follow(e)) continue;
      origin.set(e.target, origin.get(id)!);
      queue.push(e.target);
    }
  }
  return origin;
}

// ---- which sensitive data can reach a step ----

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
function propagateData(
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

/** Whether a connection's grants cover a scope; a fuzzed grants list that is not an array covers nothing. */
export function grants(connection: Connection | undefined): string[] {
  return asArray<unknown>(connection?.grants).filter((g): g is string => typeof g === 'string');
}

export function covers(connection: Connection | undefined, scope: string): boolean {
  return isGranted(grants(connection), scope);
}

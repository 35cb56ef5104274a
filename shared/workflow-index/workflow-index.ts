// The workflow index: what analysis, readiness, the report, the quick fixes and the simulator's
// compiler need to know about a workflow, built once per document so that each of them is a single
// pass over it — the graph (steps, links, reachability, paths without approval), the requirements
// (what each step needs from which connection, resolved by the connector lookup's one resolver),
// the data flow (which sensitive data can reach a step; who writes each variable and what each
// sensitive step sends; what each approval covers and shows) and the wording (how to name a step or a
// connection). The document may be anything a caller managed to cast to Workflow (a half-typed edit,
// a fuzzed file): nothing here assumes a field exists or has its schema's type.
import { actionResolver, connectionName, connectorOfConnection, type ActionResolver } from '../connectors/lookup';
import type { ConnectorDefinition, DataCategory } from '../connectors/types';
import { asArray, isObject } from '../model/read';
import type { Connection, Workflow, WorkflowEdge, WorkflowNode } from '../model/schema';
import { buildApprovalCoverage, type ApprovalCoverage } from './approval-coverage';
import { maskToSet, propagateData } from './data-flow';
import { leavesApproved, walk } from './reach';
import { isSensitive, requiredRefs, type Requirement } from './requirements';
import { buildVariableFlow, type VariableFlow } from './variable-flow';
import { stepLabel } from './wording';

export interface WorkflowIndex {
  wf: Workflow;
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
  /** Edges leaving a node through one output handle, in document order. */
  outgoingBy(nodeId: string, handle: string): readonly WorkflowEdge[];
  /** Resolves a step's reference (connection id, action scope); see actionResolver(). */
  resolve: ActionResolver;
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

const EMPTY: readonly WorkflowEdge[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildWorkflowIndex(wf: Workflow): WorkflowIndex {
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
    if (!connectors.has(connection)) connectors.set(connection, connectorOfConnection(wf, connection));
    return connectors.get(connection);
  };
  const resolve = actionResolver((id) => connectionById.get(id), connectorOf);
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

  const incoming = (id: string) => inc.get(id) ?? EMPTY;
  let variableFlow: VariableFlow | undefined;
  const variables = (): VariableFlow => (variableFlow ??= buildVariableFlow({ nodes, nodeById, requirements, incoming, configOf }));
  let approvalCoverage: ApprovalCoverage | undefined;
  const coverage = (): ApprovalCoverage => {
    if (!approvalCoverage) {
      const sensitive = new Set<string>();
      for (const [id, reqs] of requirements) if (reqs.some((r) => r.sensitive && r.resolved.ok)) sensitive.add(id);
      approvalCoverage = buildApprovalCoverage({ nodes, nodeById, outgoing, configOf, sensitive, flow: variables() });
    }
    return approvalCoverage;
  };

  return {
    wf,
    nodes,
    nodeById,
    connections,
    connectionById,
    intakes,
    edges,
    outgoing,
    incoming,
    outgoingBy: (id, handle) => outByHandle.get(`${id}\u0000${handle}`) ?? EMPTY,
    resolve,
    requirements,
    allRequirements,
    scopesUsed,
    reachable,
    ungated,
    dataInto,
    variables,
    coverage,
    configOf,
    connectorOf,
    connectionName,
    label: stepLabel,
  };
}

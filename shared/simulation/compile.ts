// Turns a workflow into the shape the engine walks: nodes by index, each output handle to the index
// of the node it leads to, and every connector reference resolved once (connection, action, grant,
// data set) through the workflow index, the same one the analysis uses. Compiled once, reused by
// every run of a batch.
import { isGranted } from '../connectors/lookup';
import type { ConnectorAction, ConnectorDefinition, Effect } from '../connectors/types';
import { outputsOf } from '../kinds/registry';
import type { ActionRef, Workflow, WorkflowNode } from '../model/schema';
import { isSensitive, type RequirementRole } from '../workflow-index/requirements';
import { buildWorkflowIndex, type WorkflowIndex } from '../workflow-index/workflow-index';
import type { AiLabel } from './ai-provider';
import type { DataSets } from './datasets';
import { INPUT_ALIASES } from '../workflow-index/input-names';
import { references } from './variables';

export interface CompiledCall {
  /** `<connection>:<action>`, the key of action faults. */
  key: string;
  connection: string;
  /** The connector behind the connection (`helpdesk`), or '' when it does not resolve. */
  connector: string;
  action: string;
  /** Why the reference leads nowhere (no such connection or action); null when it resolves. */
  problem: string | null;
  identity: string;
  logging: boolean;
  effect: Effect | null;
  customerFacing: boolean;
  granted: boolean;
  /** Inputs the action declares; null for custom actions, which declare none. */
  inputs: readonly string[] | null;
  /** The sample data set the action reads or changes, when there is one. */
  dataset: string | null;
  /** Input names that identify a record of that data set (`ticketId`, `id`…). */
  idKeys: readonly string[];
  /** The last part of the scope (`comment` in `tickets.comment`), which says what a write does. */
  verb: string;
  /** The call does something that needs approval, as the analysis judges it (requirements.ts isSensitive). */
  sensitive: boolean;
}

export interface CompiledNode {
  index: number;
  node: WorkflowNode;
  /** Output handle → index of the next node. Only handles the node really has; the first edge of a handle wins. */
  next: Record<string, number>;
  /** intake / integration / escalation: the step's action (or none). */
  call: CompiledCall | null;
  /** ai: knowledge sources searched by retrieve, tools called in act mode. */
  sources: CompiledCall[];
  tools: CompiledCall[];
  /** ai: the variables the prompt uses, and the labels with their keywords. */
  promptRefs: string[];
  labels: AiLabel[];
  /** approval: the variables the reviewer is shown (its `shows` list, or the default). */
  shows: string[];
}

export interface CompiledWorkflow {
  workflow: Workflow;
  nodes: CompiledNode[];
  byId: Map<string, number>;
  /** Index of the intake the runs start from (the first in the document), or -1. */
  start: number;
  /** Whether any template or rule uses `now` or `today`, which then follow the virtual clock. */
  usesClock: boolean;
  /**
   * Whether anything the run sends or decides can read `runId` (a template, a rule, an action input of
   * that name), which differs from run to run: a batch then cannot replay its items (tape.ts).
   */
  usesRunId: boolean;
  datasets: DataSets;
}

const GENERIC_ID_KEYS = ['id', 'recordId', 'rowId'];

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/**
 * The data set an action works on: its own; else one its scope names (`billing.invoices.create` →
 * invoices); else one a read of the same connector finds by the same id input (`contactId` → customers).
 */
function datasetOf(connector: ConnectorDefinition, action: ConnectorAction, datasets: DataSets): string | null {
  if (action.dataset) return action.dataset;
  const reads = connector.actions.filter((a) => a.effect === 'read' && a.dataset);
  const known = [...new Set(reads.map((a) => a.dataset!))];
  for (const segment of action.scope.split('.')) {
    if (known.includes(segment) || datasets.get(segment) !== undefined) return segment;
    const named = known.find((name) => segment.includes(singular(name)));
    if (named) return named;
  }
  for (const input of action.inputs ?? []) {
    if (!input.endsWith('Id')) continue;
    const read = reads.find((r) => r.inputs?.includes(input));
    if (read) return read.dataset!;
    if (GENERIC_ID_KEYS.includes(input) && known.length === 1) return known[0];
  }
  return null;
}

function idKeysOf(connector: ConnectorDefinition, dataset: string | null): string[] {
  if (!dataset) return GENERIC_ID_KEYS;
  const keys = new Set([`${singular(dataset)}Id`, ...GENERIC_ID_KEYS]);
  for (const a of connector.actions) {
    if (a.dataset !== dataset) continue;
    for (const input of a.inputs ?? []) if (input.endsWith('Id')) keys.add(input);
  }
  return [...keys];
}

function compileCall(index: WorkflowIndex, ref: ActionRef, datasets: DataSets, role: RequirementRole = 'action', aiMode: unknown = undefined): CompiledCall {
  const key = `${ref.connection}:${ref.action}`;
  const verb = ref.action.slice(ref.action.lastIndexOf('.') + 1);
  const resolved = index.resolve(ref.connection, ref.action);
  if (!resolved.ok) {
    const conn = index.connectionById.get(ref.connection);
    return {
      key,
      connection: ref.connection,
      connector: conn?.connector ?? '',
      action: ref.action,
      problem: resolved.message,
      identity: conn?.identity ?? '',
      logging: conn?.logging ?? false,
      effect: null,
      customerFacing: false,
      granted: false,
      inputs: null,
      dataset: null,
      idKeys: GENERIC_ID_KEYS,
      verb,
      sensitive: false,
    };
  }
  const { connection, connector, action } = resolved;
  const dataset = datasetOf(connector, action, datasets);
  return {
    key,
    connection: ref.connection,
    connector: connector.id,
    action: ref.action,
    problem: null,
    identity: connection.identity,
    logging: connection.logging,
    effect: action.effect,
    customerFacing: action.customerFacing,
    granted: isGranted(connection.grants, action.scope),
    inputs: action.inputs ?? null,
    dataset,
    idKeys: idKeysOf(connector, dataset),
    verb,
    sensitive: isSensitive(action, role, aiMode),
  };
}

const indexes = new WeakMap<Workflow, WorkflowIndex>();

/** One step's call as the simulator compiles it (exports name its result the same way); one index per document. */
export function compileCallOf(wf: Workflow, ref: ActionRef, datasets: DataSets): CompiledCall {
  let index = indexes.get(wf);
  if (!index) {
    index = buildWorkflowIndex(wf);
    indexes.set(wf, index);
  }
  return compileCall(index, ref, datasets);
}

function actionOf(node: WorkflowNode): ActionRef | null {
  if (node.kind !== 'intake' && node.kind !== 'integration' && node.kind !== 'escalation') return null;
  const { connection, action } = node.config;
  return connection && action ? { connection, action } : node.kind === 'integration' ? { connection: connection ?? '', action: action ?? '' } : null;
}

/** The variables the workflow's templates, mappings and decision rules read. */
function templateReferences(wf: Workflow): string[] {
  const texts: string[] = [];
  for (const n of wf.nodes) {
    if (n.kind === 'ai') texts.push(n.config.prompt, n.config.template ?? '');
    else if (n.kind === 'integration') texts.push(...Object.values(n.config.inputs));
    else if (n.kind === 'decision') {
      for (const rule of n.config.rules) {
        const when = rule.when as { all?: { var: string }[]; any?: { var: string }[] };
        for (const c of when.all ?? when.any ?? []) texts.push(`{{${c.var}}}`);
      }
    }
  }
  return texts.flatMap((t) => references(t));
}

const reads = (refs: readonly string[], name: string) => refs.some((r) => r === name || r.startsWith(`${name}.`));

export function compileWorkflow(wf: Workflow, datasets: DataSets): CompiledWorkflow {
  const workflowIndex = buildWorkflowIndex(wf);
  const byId = new Map<string, number>();
  wf.nodes.forEach((n, i) => {
    if (!byId.has(n.id)) byId.set(n.id, i);
  });
  const nodes: CompiledNode[] = wf.nodes.map((node, index) => {
    const ref = actionOf(node);
    const ai = node.kind === 'ai' ? node.config : null;
    return {
      index,
      node,
      next: Object.create(null) as Record<string, number>,
      call: ref ? compileCall(workflowIndex, ref, datasets) : null,
      sources: ai ? ai.sources.map((r) => compileCall(workflowIndex, r, datasets, 'source', ai.mode)) : [],
      tools: ai ? ai.tools.map((r) => compileCall(workflowIndex, r, datasets, 'tool', ai.mode)) : [],
      promptRefs: ai ? references(ai.prompt) : [],
      labels: ai ? ai.labels.map((l) => ({ name: l.name, keywords: l.keywords })) : [],
      shows: node.kind === 'approval' ? workflowIndex.coverage().shows(node.id) : [],
    };
  });
  // Each output handle leads where its first link goes; a node id written twice keeps its first node.
  for (const compiled of nodes) {
    if (byId.get(compiled.node.id) !== compiled.index) continue;
    for (const handle of outputsOf(compiled.node)) {
      const edge = workflowIndex.outgoingBy(compiled.node.id, handle.id)[0];
      if (edge) compiled.next[handle.id] = byId.get(edge.target)!;
    }
  }
  const refs = templateReferences(wf);
  const calls = nodes.flatMap((c) => [c.call, ...c.sources, ...c.tools]);
  const declaresRunId = calls.some((call) => call?.inputs?.some((name) => name === 'runId' || (INPUT_ALIASES[name] ?? []).includes('runId')));
  return {
    workflow: wf,
    nodes,
    byId,
    start: nodes.findIndex((c) => c.node.kind === 'intake'),
    usesClock: reads(refs, 'now') || reads(refs, 'today'),
    usesRunId: reads(refs, 'runId') || declaresRunId,
    datasets,
  };
}

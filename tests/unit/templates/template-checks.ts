// Structural checks of a workflow that need no linter: what a template must satisfy to be shown as a good example.
import { findConnector, isGranted, resolveAction } from '../../../shared/connectors/lookup';
import { outputsOf, requiredActionsOf } from '../../../shared/kinds/registry';
import type { Workflow, WorkflowNode } from '../../../shared/model/schema';

export function nodesOfKind<K extends WorkflowNode['kind']>(wf: Workflow, kind: K): Extract<WorkflowNode, { kind: K }>[] {
  return wf.nodes.filter((n): n is Extract<WorkflowNode, { kind: K }> => n.kind === kind);
}

/** Node ids reachable from the intakes, optionally not crossing some edges. */
export function reachable(wf: Workflow, skip: (edge: Workflow['edges'][number]) => boolean = () => false): Set<string> {
  const seen = new Set(nodesOfKind(wf, 'intake').map((n) => n.id));
  const queue = [...seen];
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of wf.edges) {
      if (e.source !== id || skip(e) || seen.has(e.target)) continue;
      seen.add(e.target);
      queue.push(e.target);
    }
  }
  return seen;
}

/** Every required action that cannot be resolved or is not granted, as "n3 tickets.reply: reason". */
export function ungrantedActions(wf: Workflow): string[] {
  const out: string[] = [];
  for (const node of wf.nodes) {
    for (const ref of requiredActionsOf(node)) {
      const r = resolveAction(wf, ref);
      if (!r.ok) out.push(`${node.id} ${ref.action}: ${r.message}`);
      else if (!isGranted(r.connection.grants, ref.action)) out.push(`${node.id} ${ref.action}: not granted by ${ref.connection}`);
    }
  }
  return out;
}

/** Grants no step needs, as "connection:scope". */
export function unusedGrants(wf: Workflow): string[] {
  const used = new Set(wf.nodes.flatMap((n) => requiredActionsOf(n).map((r) => `${r.connection}:${r.action}`)));
  return wf.connections.flatMap((c) => c.grants.filter((g) => !used.has(`${c.id}:${g}`)).map((g) => `${c.id}:${g}`));
}

/** Steps that need a sensitive action (anything but a plain read) and can be reached without an approval's `approved` output. */
export function ungatedSensitiveSteps(wf: Workflow): string[] {
  const approvals = new Set(nodesOfKind(wf, 'approval').map((n) => n.id));
  const ungated = reachable(wf, (e) => approvals.has(e.source) && e.sourceHandle === 'approved');
  return wf.nodes
    .filter((n) => ungated.has(n.id))
    .filter((n) =>
      requiredActionsOf(n).some((ref) => {
        const r = resolveAction(wf, ref);
        return !r.ok || r.action.effect !== 'read' || r.action.customerFacing;
      }),
    )
    .map((n) => n.id);
}

/** Outputs of non-end steps that lead nowhere, as "n2.low_confidence". */
export function openOutputs(wf: Workflow): string[] {
  return wf.nodes.flatMap((n) =>
    outputsOf(n)
      .filter((h) => !wf.edges.some((e) => e.source === n.id && e.sourceHandle === h.id))
      .map((h) => `${n.id}.${h.id}`),
  );
}

/** Edges from a handle the source does not have. */
export function edgesFromUnknownHandles(wf: Workflow): string[] {
  const byId = new Map(wf.nodes.map((n) => [n.id, n]));
  return wf.edges.filter((e) => !outputsOf(byId.get(e.source)!).some((h) => h.id === e.sourceHandle)).map((e) => e.id);
}

/** `{{name}}` placeholders used in prompts and input mappings that no intake field or AI output provides. */
export function unknownVariables(wf: Workflow): string[] {
  const known = new Set([...nodesOfKind(wf, 'intake').flatMap((n) => n.config.fields), ...nodesOfKind(wf, 'ai').map((n) => n.config.output)]);
  const texts = [...nodesOfKind(wf, 'ai').map((n) => n.config.prompt), ...nodesOfKind(wf, 'integration').flatMap((n) => Object.values(n.config.inputs))];
  const used = texts.flatMap((t) => [...t.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]));
  return [...new Set(used.filter((v) => !known.has(v)))];
}

/** Inputs mapped by integration steps that their action does not take. */
export function unknownInputs(wf: Workflow): string[] {
  return nodesOfKind(wf, 'integration').flatMap((n) => {
    const r = resolveAction(wf, n.config);
    if (!r.ok) return [];
    return Object.keys(n.config.inputs)
      .filter((k) => !(r.action.inputs ?? []).includes(k))
      .map((k) => `${n.id}.${k}`);
  });
}

export function connectorExists(wf: Workflow, id: string): boolean {
  return findConnector(wf, id) !== undefined;
}

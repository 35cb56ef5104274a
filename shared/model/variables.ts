// Which variables a step can use: what the intakes before it collected, what the AI steps before it
// produced, and a few values every run has. Used by the inspector's chips and its unknown-variable warning.
import type { Workflow, WorkflowEdge, WorkflowNode } from './schema';

export type VariableKind = 'input' | 'ai-output' | 'system';

export interface AvailableVariable {
  name: string;
  /** Where it comes from: the label of the intake or AI step, or `intake` / `system` when there is none. */
  from: string;
  kind: VariableKind;
}

/**
 * Variables every run has, whatever the graph:
 * - `now`: the current time of the run (the virtual clock in a simulation), ISO 8601;
 * - `today`: the date part of `now` (YYYY-MM-DD);
 * - `runId`: the id of the run;
 * - `workflow`: the workflow's name.
 */
export const SYSTEM_VARIABLES: readonly { name: string; description: string }[] = [
  { name: 'now', description: 'The current time of the run (ISO 8601)' },
  { name: 'today', description: 'Today’s date in the run (YYYY-MM-DD)' },
  { name: 'runId', description: 'The id of the run' },
  { name: 'workflow', description: 'The name of the workflow' },
];

/**
 * The sources of the links into each step, by target, for the list of links last asked about: the
 * inspector asks at every keystroke, and an edit that leaves the links alone (a label, a setting) keeps
 * the same list, so at 10,000 steps a keystroke walks back from one step instead of laying out every link
 * first. One list only (documents are never changed in place, so a list is one version's own): the undo
 * history's versions do not each keep a map.
 */
let lastIncoming: { edges: readonly WorkflowEdge[]; incoming: Map<string, string[]> } | undefined;

function incomingOf(edges: readonly WorkflowEdge[]): Map<string, string[]> {
  if (lastIncoming?.edges === edges) return lastIncoming.incoming;
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    const list = incoming.get(e.target);
    if (list) list.push(e.source);
    else incoming.set(e.target, [e.source]);
  }
  lastIncoming = { edges, incoming };
  return incoming;
}

/** The nodes from which `nodeId` can be reached along edges, not counting itself; cycles are walked once. */
export function upstreamOf(wf: Pick<Workflow, 'nodes' | 'edges'>, nodeId: string): Set<string> {
  const incoming = incomingOf(wf.edges);
  const seen = new Set<string>();
  const stack = [nodeId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const source of incoming.get(id) ?? []) {
      if (seen.has(source)) continue;
      seen.add(source);
      stack.push(source);
    }
  }
  // A step on a loop reaches itself, but its own output is not there yet when it runs.
  seen.delete(nodeId);
  return seen;
}

/**
 * The variables available at a step: the fields of every intake that can reach it, the output of every
 * AI step on some path before it, then the system variables. Each name appears once; when two steps
 * supply the same name the first in document order is named as its source.
 */
export function variablesAt(wf: Pick<Workflow, 'nodes' | 'edges'>, nodeId: string): AvailableVariable[] {
  const upstream = upstreamOf(wf, nodeId);
  const before = wf.nodes.filter((n) => upstream.has(n.id));
  const out: AvailableVariable[] = [];
  const names = new Set<string>();
  const push = (name: string, from: string, kind: VariableKind) => {
    const trimmed = name.trim();
    if (!trimmed || names.has(trimmed)) return;
    names.add(trimmed);
    out.push({ name: trimmed, from, kind });
  };
  for (const n of before) {
    if (n.kind === 'intake') for (const field of n.config.fields) push(field, sourceName(n, 'intake'), 'input');
  }
  for (const n of before) {
    if (n.kind === 'ai') push(n.config.output, sourceName(n, n.id), 'ai-output');
  }
  for (const v of SYSTEM_VARIABLES) push(v.name, 'system', 'system');
  return out;
}

function sourceName(node: WorkflowNode, fallback: string): string {
  return node.label.trim() || fallback;
}

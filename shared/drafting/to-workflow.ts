// Turns a draft into a workflow document: ids for steps, links and connections, positions from the
// auto-layout, defaults for what the draft leaves out, one connection per system used that grants
// exactly the scopes its steps use, every AI step on the offline mock and in `suggest` mode, and the
// user's own description kept in `description`. What the draft names but cannot be applied (a link
// to a step that does not exist, an output the step does not have) is returned as a problem at its
// path in the draft and left out, so the rest can still be checked. The result is loaded through the
// workflow loader like any file.
import { connectionRefusal } from '../model/connect';
import { autoLayout } from '../model/auto-layout';
import { KINDS, outputsOf, requiredActionsOf } from '../kinds/registry';
import { outcomeFromLabel } from '../kinds/end-outcome';
import { loadWorkflowValue } from '../model/load';
import { FORMAT, SCHEMA_VERSION, type Condition, type Workflow, type WorkflowEdge, type WorkflowNode } from '../model/schema';
import { slug } from '../model/ids';
import { BUILTIN_CONNECTORS } from '../connectors/catalog';
import type { Draft, DraftStep, DraftStepOf } from './draft-schema';
import { loadProblem, type DraftProblem } from './problems';

const CONNECTOR_OF_SCOPE = new Map(BUILTIN_CONNECTORS.flatMap((c) => c.actions.map((a) => [a.scope, c] as const)));
const SCOPE_ORDER = new Map(BUILTIN_CONNECTORS.flatMap((c) => c.actions.map((a) => a.scope)).map((s, i) => [s, i]));

/** Where each element of the workflow came from in the draft, to point the model at it. */
export interface DraftOrigin {
  /** node id → index in `steps` */
  nodes: Map<string, number>;
  /** edge id → [index in `steps`, index in its `next`] */
  edges: Map<string, [number, number]>;
  /** connection id → index in `connections`, or null when the draft did not describe it */
  connections: Map<string, number | null>;
}

export type Conversion = { ok: true; workflow: Workflow; problems: DraftProblem[]; origin: DraftOrigin; notes: string[] } | { ok: false; problems: DraftProblem[] };

export interface ConversionOptions {
  /** The new workflow's id. */
  id: string;
  /** The user's description, kept as the workflow's description. */
  description: string;
}

/** The connection (connector) id a scope belongs to; every catalog scope has one. */
export function connectorOfScope(scope: string): string {
  return CONNECTOR_OF_SCOPE.get(scope)?.id ?? '';
}

const ref = (scope: string) => ({ connection: connectorOfScope(scope), action: scope });
const key = (label: string) => label.trim().toLowerCase();
const quoteList = (items: string[], max = 30) => `${items.slice(0, max).map((s) => `"${s}"`).join(', ')}${items.length > max ? ', …' : ''}`;

function decisionConfig(step: DraftStepOf<'decision'>, at: string, problems: DraftProblem[]) {
  const taken = new Set<string>();
  const rules = step.rules.map((r, i) => {
    let id = r.output.trim();
    const where = `${at}.rules[${i}].output`;
    if (!id) problems.push(loadProblem(where, 'must name the rule’s output, such as "large"'));
    else if (id === 'else') problems.push(loadProblem(where, 'cannot be "else": that is the output for items no rule takes'));
    else if (taken.has(id)) problems.push(loadProblem(where, `another rule of this step already has the output "${id}"`));
    // The workflow needs a unique, non-empty id that is not "else": a bad one gets a stand-in.
    if (!id || id === 'else' || taken.has(id)) id = `rule-${i + 1}`;
    taken.add(id);
    const conditions: Condition[] = r.conditions.map((c) => ({ var: c.variable.trim(), op: c.op, ...(c.value === null || c.op === 'exists' ? {} : { value: c.value }) }));
    return { id, label: r.label.trim() || id, when: r.match === 'any' ? { any: conditions } : { all: conditions } };
  });
  return { rules };
}

function configOf(step: DraftStep, at: string, problems: DraftProblem[]): WorkflowNode['config'] {
  switch (step.kind) {
    case 'intake':
      return { source: step.source, ...(step.action ? ref(step.action) : {}), fields: step.fields.map((f) => f.trim()).filter(Boolean) };
    case 'ai': {
      if ((step.task === 'classify' || step.task === 'route') && !step.labels.some((l) => l.name.trim())) {
        problems.push(loadProblem(`${at}.labels`, `a ${step.task} step needs the labels it chooses from`));
      }
      if (step.task === 'extract' && !step.fields.some((f) => f.trim())) problems.push(loadProblem(`${at}.fields`, 'an extract step needs the fields it pulls out'));
      return {
        task: step.task,
        prompt: step.prompt,
        output: step.output.trim() || 'result',
        labels: step.labels.map((l) => ({ name: l.name.trim(), keywords: l.keywords })).filter((l) => l.name),
        confidenceThreshold: step.confidenceThreshold,
        sources: step.sources.map(ref),
        tools: step.tools.map(ref),
        ...(step.task === 'extract' ? { fields: step.fields.map((f) => f.trim()).filter(Boolean) } : {}),
        // Drafts rehearse offline and only suggest, until the user decides otherwise.
        mode: 'suggest',
        provider: 'mock',
      };
    }
    case 'integration':
      return { ...ref(step.action), inputs: Object.fromEntries(step.inputs.filter((i) => i.name.trim()).map((i) => [i.name.trim(), i.value])) };
    case 'decision':
      return decisionConfig(step, at, problems);
    case 'approval':
      return { reviewer: step.reviewer.trim(), instructions: step.instructions, timeoutHours: step.timeoutHours };
    case 'escalation':
      return { team: step.team.trim(), reason: step.reason, priority: step.priority, ...(step.action ? ref(step.action) : {}) };
    case 'end':
      return { outcome: step.outcome.trim() || (outcomeFromLabel(step.label) ?? 'resolved') };
  }
}

/** Links between steps: each checked with the canvas's own rules, and left out with a problem when refused. */
function linksOf(draft: Draft, nodes: WorkflowNode[], byLabel: Map<string, number>, problems: DraftProblem[], origin: DraftOrigin): WorkflowEdge[] {
  const edges: WorkflowEdge[] = [];
  const labels = draft.steps.map((s) => s.label.trim()).filter(Boolean);
  draft.steps.forEach((step, i) => {
    if (step.kind === 'end') return;
    step.next.forEach((link, k) => {
      const at = `$.steps[${i}].next[${k}]`;
      const target = byLabel.get(key(link.to));
      if (target === undefined) {
        problems.push({ ...loadProblem(`${at}.to`, `no step is labelled "${link.to}"`), hint: `Use one of the labels: ${quoteList(labels)}.` });
        return;
      }
      const source = nodes[i];
      const output = link.output.trim();
      const refusal = connectionRefusal({ nodes, edges }, { source: source.id, sourceHandle: output, target: nodes[target].id });
      if (refusal) {
        const outputs = outputsOf(source).map((h) => h.id);
        const known = outputs.includes(output) ? '' : ` The outputs of this ${KINDS[source.kind].label.toLowerCase()} are: ${quoteList(outputs)}.`;
        problems.push(loadProblem(at, `${refusal}${known}`));
        return;
      }
      const id = `e${edges.length + 1}`;
      edges.push({ id, source: source.id, sourceHandle: output, target: nodes[target].id });
      origin.edges.set(id, [i, k]);
    });
  });
  return edges;
}

function connectionsOf(draft: Draft, nodes: WorkflowNode[], problems: DraftProblem[], origin: DraftOrigin, notes: string[]): Workflow['connections'] {
  const used = new Map<string, Set<string>>();
  for (const node of nodes) {
    for (const r of requiredActionsOf(node)) {
      if (!r.connection) continue;
      used.set(r.connection, (used.get(r.connection) ?? new Set()).add(r.action));
    }
  }
  const described = new Map<string, number>();
  draft.connections.forEach((c, j) => {
    if (described.has(c.connector)) problems.push(loadProblem(`$.connections[${j}].connector`, `the connector "${c.connector}" is described twice; the first entry is used`, 'warn'));
    else described.set(c.connector, j);
  });
  for (const [connector, j] of described) {
    if (!used.has(connector)) notes.push(`Left out the ${draft.connections[j].label.trim() || connector} connection the draft described: no step uses it.`);
  }
  return BUILTIN_CONNECTORS.filter((c) => used.has(c.id)).map((connector) => {
    const j = described.get(connector.id);
    const d = j === undefined ? null : draft.connections[j];
    origin.connections.set(connector.id, j ?? null);
    const grants = [...used.get(connector.id)!].sort((a, b) => (SCOPE_ORDER.get(a) ?? 0) - (SCOPE_ORDER.get(b) ?? 0));
    return {
      id: connector.id,
      connector: connector.id,
      label: d?.label.trim() || connector.label,
      identity: d?.identity.trim() ?? '',
      grants,
      logging: d?.logging ?? false,
      maintainer: d?.maintainer.trim() ?? '',
      revocation: d?.revocation.trim() ?? '',
    };
  });
}

function scenariosOf(draft: Draft, nodes: WorkflowNode[], byLabel: Map<string, number>, problems: DraftProblem[]) {
  const ids = new Set<string>();
  return draft.scenarios.map((s, i) => {
    let id = slug(s.name || `scenario-${i + 1}`);
    for (let n = 2; ids.has(id); n++) id = `${slug(s.name)}-${n}`;
    ids.add(id);
    const decisions: Record<string, string> = {};
    s.approvals.forEach((a, k) => {
      const index = byLabel.get(key(a.step));
      if (index === undefined || nodes[index].kind !== 'approval') {
        problems.push(loadProblem(`$.scenarios[${i}].approvals[${k}].step`, `no approval step is labelled "${a.step}"`, 'warn'));
        return;
      }
      decisions[nodes[index].id] = a.decision;
    });
    const input = Object.fromEntries(s.input.filter((f) => f.field.trim()).map((f) => [f.field.trim(), f.value]));
    return { id, name: s.name.trim() || `Scenario ${i + 1}`, input, decisions };
  });
}

export function draftToWorkflow(draft: Draft, options: ConversionOptions): Conversion {
  const problems: DraftProblem[] = [];
  const notes: string[] = [];
  const origin: DraftOrigin = { nodes: new Map(), edges: new Map(), connections: new Map() };

  const byLabel = new Map<string, number>();
  draft.steps.forEach((step, i) => {
    const k = key(step.label);
    if (!k) problems.push(loadProblem(`$.steps[${i}].label`, 'must not be empty: links name steps by their labels'));
    else if (byLabel.has(k)) problems.push(loadProblem(`$.steps[${i}].label`, `another step (steps[${byLabel.get(k)}]) has the label "${step.label.trim()}": links name steps by their labels, so each must be unique`));
    else byLabel.set(k, i);
  });
  if (!draft.steps.length) problems.push(loadProblem('$.steps', 'the draft has no steps'));

  const nodes = draft.steps.map((step, i) => {
    const id = `n${i + 1}`;
    origin.nodes.set(id, i);
    return { id, kind: step.kind, label: step.label.trim(), position: { x: 0, y: 0 }, config: configOf(step, `$.steps[${i}]`, problems) } as WorkflowNode;
  });
  const edges = linksOf(draft, nodes, byLabel, problems, origin);
  const connections = connectionsOf(draft, nodes, problems, origin, notes);
  const scenarios = scenariosOf(draft, nodes, byLabel, problems);

  const value: Workflow = {
    format: FORMAT,
    schemaVersion: SCHEMA_VERSION,
    id: options.id,
    name: draft.name.trim() || 'Drafted workflow',
    description: options.description,
    owner: draft.owner.trim(),
    connections,
    nodes,
    edges,
    ...(scenarios.length ? { simulation: { scenarios } } : {}),
  };
  const positions = autoLayout(value, new Map());
  value.nodes = nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position }));
  try {
    return { ok: true, workflow: loadWorkflowValue(value).workflow, problems, origin, notes };
  } catch (e) {
    // Only a bug here could build a document the loader refuses; say so rather than hide it.
    return { ok: false, problems: [...problems, loadProblem('$', `Flowgate could not build a workflow from the draft: ${(e as Error).message}`)] };
  }
}
